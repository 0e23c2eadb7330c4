# The label's sorting data and each piece's barcode (v1 answers), on the order card and the label.
order-sticker = 🏷 На этикетке: { $route }
order-sticker-zone = Зона сортировки: { $zone }
order-piece-barcodes = { $count ->
    [one] 📦 { $count } место, штрихкод: { $barcodes }
    [few] 📦 { $count } места, штрихкоды: { $barcodes }
   *[other] 📦 { $count } мест, штрихкоды: { $barcodes }
}
