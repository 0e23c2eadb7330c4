push-status = 📦 <b>{ $barcode }</b>: { $status_name }{ $location ->
        [none] {""}
       *[other] {" "}— { $location }
    }
push-stalled = ⏳ <b>{ $barcode }</b> has not moved for { $days ->
        [one] { $days } day
       *[other] { $days } days
    } ({ $status_name }). You may want to ask BTS.
push-relogin = 🔐 BTS no longer accepts the login <b>{ $username }</b>: status updates are paused. Log in again: /start → “I send parcels”.
push-payment-paid = { $audience ->
        [customer] ✅ Your payment of { $amount } has been received. Thank you!{ $barcode ->
                [none] {""}
               *[other] {"\u000A"}📦 Parcel: <b>{ $barcode }</b>
            }
       *[seller] ✅ Payment received: { $amount }.{ $barcode ->
                [none] {""}
               *[other] {"\u000A"}📦 Order <b>{ $barcode }</b>{ $number ->
                    [none] {""}
                   *[other] {" "}(№{ $number })
                }{ $receiver ->
                    [none] {""}
                   *[other] , receiver: { $receiver }
                }
            }
    }
push-payment-failed = { $audience ->
        [customer] ❌ The payment of { $amount } did not go through.{ $barcode ->
                [none] {""}
               *[other] {"\u000A"}📦 Parcel: <b>{ $barcode }</b>
            }
       *[seller] ❌ The customer's payment of { $amount } failed.{ $barcode ->
                [none] {""}
               *[other] {"\u000A"}📦 Order <b>{ $barcode }</b>{ $number ->
                    [none] {""}
                   *[other] {" "}(№{ $number })
                }{ $receiver ->
                    [none] {""}
                   *[other] , receiver: { $receiver }
                }
            }
    }
push-payment-expired = { $audience ->
        [customer] ⌛ The payment link for { $amount } has expired.{ $barcode ->
                [none] {""}
               *[other] {"\u000A"}📦 Parcel: <b>{ $barcode }</b>
            }
       *[seller] ⌛ The payment link for { $amount } expired unpaid.{ $barcode ->
                [none] {""}
               *[other] {"\u000A"}📦 Order <b>{ $barcode }</b>{ $number ->
                    [none] {""}
                   *[other] {" "}(№{ $number })
                }{ $receiver ->
                    [none] {""}
                   *[other] , receiver: { $receiver }
                }
            }
    }
push-payment-refunded = { $audience ->
        [customer] ↩️ { $amount } has been refunded to you.{ $barcode ->
                [none] {""}
               *[other] {"\u000A"}📦 Parcel: <b>{ $barcode }</b>
            }
       *[seller] ↩️ The payment of { $amount } was refunded.{ $barcode ->
                [none] {""}
               *[other] {"\u000A"}📦 Order <b>{ $barcode }</b>{ $number ->
                    [none] {""}
                   *[other] {" "}(№{ $number })
                }{ $receiver ->
                    [none] {""}
                   *[other] , receiver: { $receiver }
                }
            }
    }
