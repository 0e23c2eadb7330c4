push-status = 📦 <b>{ $barcode }</b>: { $status_name }{ $location ->
        [none] {""}
       *[other] {" "}— { $location }
    }
push-stalled = ⏳ <b>{ $barcode }</b> { $days } kundan beri harakatlanmayapti ({ $status_name }). BTS'dan so'rab ko'rish mumkin.
push-relogin = 🔐 BTS endi <b>{ $username }</b> kirishini qabul qilmayapti: holat yangilanishlari to'xtatildi. Qaytadan kiring: /start → Men jo'nataman.
push-payment-paid = { $audience ->
        [customer] ✅ { $amount } so'mlik to'lovingiz qabul qilindi. Rahmat!
       *[seller] ✅ To'lov qabul qilindi: { $amount } so'm.
    }
push-payment-failed = { $audience ->
        [customer] ❌ { $amount } so'mlik to'lov o'tmadi.
       *[seller] ❌ Xaridorning { $amount } so'mlik to'lovi o'tmadi.
    }
push-payment-expired = { $audience ->
        [customer] ⌛ { $amount } so'mlik to'lov havolasining muddati tugadi.
       *[seller] ⌛ { $amount } so'mlik to'lov havolasi to'lanmasdan muddati tugadi.
    }
push-payment-refunded = { $audience ->
        [customer] ↩️ Sizga { $amount } so'm qaytarildi.
       *[seller] ↩️ { $amount } so'mlik to'lov qaytarildi.
    }
