push-status = 📦 <b>{ $barcode }</b>: { $status_name }{ $location ->
        [none] {""}
       *[other] {" "}— { $location }
    }
push-stalled = ⏳ <b>{ $barcode }</b> { $days ->
       *[other] { $days } kundan
    } beri joyidan jilmayapti ({ $status_name }). BTSdan soʻrab koʻrish mumkin.
push-relogin = 🔐 BTS endi <b>{ $username }</b> loginini qabul qilmayapti, holat yangilanishlari toʻxtatildi. Qaytadan kiring: /start → «Posilka joʻnataman».
push-payment-paid = { $audience ->
        [customer] ✅ { $amount } soʻmlik toʻlovingiz qabul qilindi. Rahmat!
       *[seller] ✅ Toʻlov qabul qilindi: { $amount } soʻm.
    }
push-payment-failed = { $audience ->
        [customer] ❌ { $amount } soʻmlik toʻlov oʻtmadi.
       *[seller] ❌ Xaridorning { $amount } soʻmlik toʻlovi oʻtmadi.
    }
push-payment-expired = { $audience ->
        [customer] ⌛ { $amount } soʻmlik toʻlov havolasining muddati tugadi.
       *[seller] ⌛ { $amount } soʻmlik toʻlov havolasining muddati tugadi, toʻlov qilinmadi.
    }
push-payment-refunded = { $audience ->
        [customer] ↩️ Sizga { $amount } soʻm qaytarildi.
       *[seller] ↩️ { $amount } soʻmlik toʻlov qaytarildi.
    }
