push-status = 📦 <b>{ $barcode }</b>: { $status_name }{ $location ->
        [none] {""}
       *[other] {" "}— { $location }
    }
push-stalled = ⏳ <b>{ $barcode }</b> { $days ->
       *[other] { $days } kundan
    } beri joyidan jilmayapti ({ $status_name }). BTSdan soʻrab koʻrish mumkin.
push-relogin = 🔐 BTS endi <b>{ $username }</b> loginini qabul qilmayapti, holat yangilanishlari toʻxtatildi. Qaytadan kiring: /start → «Posilka joʻnataman».
push-payment-paid = { $audience ->
        [customer] ✅ { $amount }lik toʻlovingiz qabul qilindi. Rahmat!{ $barcode ->
                [none] {""}
               *[other] {"\u000A"}📦 Posilka: <b>{ $barcode }</b>
            }
       *[seller] ✅ Toʻlov qabul qilindi: { $amount }.{ $barcode ->
                [none] {""}
               *[other] {"\u000A"}📦 Buyurtma <b>{ $barcode }</b>{ $number ->
                    [none] {""}
                   *[other] {" "}(№{ $number })
                }{ $receiver ->
                    [none] {""}
                   *[other] , qabul qiluvchi: { $receiver }
                }
            }
    }
push-payment-failed = { $audience ->
        [customer] ❌ { $amount }lik toʻlov oʻtmadi.{ $barcode ->
                [none] {""}
               *[other] {"\u000A"}📦 Posilka: <b>{ $barcode }</b>
            }
       *[seller] ❌ Xaridorning { $amount }lik toʻlovi oʻtmadi.{ $barcode ->
                [none] {""}
               *[other] {"\u000A"}📦 Buyurtma <b>{ $barcode }</b>{ $number ->
                    [none] {""}
                   *[other] {" "}(№{ $number })
                }{ $receiver ->
                    [none] {""}
                   *[other] , qabul qiluvchi: { $receiver }
                }
            }
    }
push-payment-expired = { $audience ->
        [customer] ⌛ { $amount }lik toʻlov havolasining muddati tugadi.{ $barcode ->
                [none] {""}
               *[other] {"\u000A"}📦 Posilka: <b>{ $barcode }</b>
            }
       *[seller] ⌛ { $amount }lik toʻlov havolasining muddati tugadi, toʻlov qilinmadi.{ $barcode ->
                [none] {""}
               *[other] {"\u000A"}📦 Buyurtma <b>{ $barcode }</b>{ $number ->
                    [none] {""}
                   *[other] {" "}(№{ $number })
                }{ $receiver ->
                    [none] {""}
                   *[other] , qabul qiluvchi: { $receiver }
                }
            }
    }
push-payment-refunded = { $audience ->
        [customer] ↩️ Sizga { $amount } qaytarildi.{ $barcode ->
                [none] {""}
               *[other] {"\u000A"}📦 Posilka: <b>{ $barcode }</b>
            }
       *[seller] ↩️ { $amount }lik toʻlov qaytarildi.{ $barcode ->
                [none] {""}
               *[other] {"\u000A"}📦 Buyurtma <b>{ $barcode }</b>{ $number ->
                    [none] {""}
                   *[other] {" "}(№{ $number })
                }{ $receiver ->
                    [none] {""}
                   *[other] , qabul qiluvchi: { $receiver }
                }
            }
    }
