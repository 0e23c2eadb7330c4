## A create whose answer was lost, found later at BTS
push-order-found = ✅ Found it: the order that BTS did not confirm was created, parcel <b>{ $barcode }</b>. I'll keep you posted on it.
