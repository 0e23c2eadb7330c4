# The label's sorting data and each piece's barcode (v1 answers), on the order card and the label.
order-sticker = 🏷 Yorliqda: { $route }
order-sticker-zone = Saralash zonasi: { $zone }
order-piece-barcodes = { $count ->
    [one] 📦 Joy shtrix kodi: { $barcodes }
   *[other] 📦 Joylar shtrix kodlari ({ $count } ta): { $barcodes }
}
