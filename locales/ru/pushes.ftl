push-status = 📦 <b>{ $barcode }</b>: { $status_name }{ $location ->
        [none] {""}
       *[other] {" "}— { $location }
    }
push-stalled = ⏳ <b>{ $barcode }</b> не двигается уже { $days } дн. ({ $status_name }). Возможно, стоит спросить BTS.
push-relogin = 🔐 BTS больше не принимает вход <b>{ $username }</b>: обновления статусов приостановлены. Войдите снова: /start → Я отправляю посылки.
push-payment-paid = { $audience ->
        [customer] ✅ Ваш платёж на { $amount } сум получен. Спасибо!
       *[seller] ✅ Оплата получена: { $amount } сум.
    }
push-payment-failed = { $audience ->
        [customer] ❌ Платёж на { $amount } сум не прошёл.
       *[seller] ❌ Платёж покупателя на { $amount } сум не прошёл.
    }
push-payment-expired = { $audience ->
        [customer] ⌛ Срок ссылки на оплату { $amount } сум истёк.
       *[seller] ⌛ Ссылка на оплату { $amount } сум истекла без оплаты.
    }
push-payment-refunded = { $audience ->
        [customer] ↩️ Вам возвращено { $amount } сум.
       *[seller] ↩️ Платёж на { $amount } сум возвращён.
    }
