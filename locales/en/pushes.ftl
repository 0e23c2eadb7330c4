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
        [customer] ✅ Your payment of { $amount } UZS has been received. Thank you!
       *[seller] ✅ Payment received: { $amount } UZS.
    }
push-payment-failed = { $audience ->
        [customer] ❌ The payment of { $amount } UZS did not go through.
       *[seller] ❌ The customer's payment of { $amount } UZS failed.
    }
push-payment-expired = { $audience ->
        [customer] ⌛ The payment link for { $amount } UZS has expired.
       *[seller] ⌛ The payment link for { $amount } UZS expired unpaid.
    }
push-payment-refunded = { $audience ->
        [customer] ↩️ { $amount } UZS has been refunded to you.
       *[seller] ↩️ The payment of { $amount } UZS was refunded.
    }
