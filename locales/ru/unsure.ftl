## A create whose answer was lost, found later at BTS
push-order-found = ✅ Нашёл: заказ, который BTS не подтвердил, создан, посылка <b>{ $barcode }</b>. Буду сообщать о ней.
