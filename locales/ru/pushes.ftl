push-status = 📦 <b>{ $barcode }</b>: { $status_name }{ $location ->
        [none] {""}
       *[other] {" "}— { $location }
    }
push-stalled = ⏳ <b>{ $barcode }</b> стоит на месте уже { $days ->
        [one] { $days } день
        [few] { $days } дня
       *[other] { $days } дней
    } ({ $status_name }). Возможно, стоит уточнить в BTS.
push-relogin = 🔐 BTS больше не принимает логин <b>{ $username }</b>, поэтому обновления статусов приостановлены. Войдите снова: /start → «Отправляю посылки».
push-payment-paid = { $audience ->
        [customer] ✅ Ваш платёж на { $amount } получен. Спасибо!{ $barcode ->
                [none] {""}
               *[other] {"\u000A"}📦 Посылка: <b>{ $barcode }</b>
            }
       *[seller] ✅ Оплата получена: { $amount }.{ $barcode ->
                [none] {""}
               *[other] {"\u000A"}📦 Заказ <b>{ $barcode }</b>{ $number ->
                    [none] {""}
                   *[other] {" "}(№{ $number })
                }{ $receiver ->
                    [none] {""}
                   *[other] , получатель: { $receiver }
                }
            }
    }
push-payment-failed = { $audience ->
        [customer] ❌ Платёж на { $amount } не прошёл.{ $barcode ->
                [none] {""}
               *[other] {"\u000A"}📦 Посылка: <b>{ $barcode }</b>
            }
       *[seller] ❌ Платёж покупателя на { $amount } не прошёл.{ $barcode ->
                [none] {""}
               *[other] {"\u000A"}📦 Заказ <b>{ $barcode }</b>{ $number ->
                    [none] {""}
                   *[other] {" "}(№{ $number })
                }{ $receiver ->
                    [none] {""}
                   *[other] , получатель: { $receiver }
                }
            }
    }
push-payment-expired = { $audience ->
        [customer] ⌛ Срок ссылки на оплату { $amount } истёк.{ $barcode ->
                [none] {""}
               *[other] {"\u000A"}📦 Посылка: <b>{ $barcode }</b>
            }
       *[seller] ⌛ Срок ссылки на оплату { $amount } истёк, оплаты не было.{ $barcode ->
                [none] {""}
               *[other] {"\u000A"}📦 Заказ <b>{ $barcode }</b>{ $number ->
                    [none] {""}
                   *[other] {" "}(№{ $number })
                }{ $receiver ->
                    [none] {""}
                   *[other] , получатель: { $receiver }
                }
            }
    }
push-payment-refunded = { $audience ->
        [customer] ↩️ Вам возвращено { $amount }.{ $barcode ->
                [none] {""}
               *[other] {"\u000A"}📦 Посылка: <b>{ $barcode }</b>
            }
       *[seller] ↩️ Платёж на { $amount } возвращён.{ $barcode ->
                [none] {""}
               *[other] {"\u000A"}📦 Заказ <b>{ $barcode }</b>{ $number ->
                    [none] {""}
                   *[other] {" "}(№{ $number })
                }{ $receiver ->
                    [none] {""}
                   *[other] , получатель: { $receiver }
                }
            }
    }
