## A create whose answer was lost, found later at BTS
push-order-found = ✅ Topdim: BTS tasdiqlamagan buyurtma yaratilgan ekan, posilka <b>{ $barcode }</b>. U haqida xabar berib turaman.
