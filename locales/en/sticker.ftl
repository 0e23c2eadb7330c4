# The label's sorting data and each piece's barcode (v1 answers), on the order card and the label.
order-sticker = 🏷 On the label: { $route }
order-sticker-zone = Sorting zone: { $zone }
order-piece-barcodes = { $count ->
    [one] 📦 Piece barcode: { $barcodes }
   *[other] 📦 Barcodes of the { $count } pieces: { $barcodes }
}
