## Payment links
btn-pay = 💳 Pay
btn-pay-from-order = 📦 For the order (items + delivery)
btn-pay-manual = ✍️ Type an amount
btn-setup-yandex = ⚙️ Set up Yandex Pay
settings-yandex-pay = 💳 Yandex Pay
payment-choose = Payment link for order <b>{ $barcode }</b>: what should the customer pay?
payment-choose-ttl = How long should the link work?
payment-ask-amount = Amount in UZS, for example <code>150000</code>:
payment-ask-purpose = What is it for? (the customer sees it), for example <code>Order #15: 2 books</code>
payment-purpose-invalid = Please send 2 to 200 characters.
ttl-30m = 30 minutes
ttl-2h = 2 hours
ttl-1d = 1 day
ttl-3d = 3 days
payment-link-created =
    ✅ Payment link for <b>{ $amount }</b>, valid until { $expires }:
    { $url }
payment-qr-caption = The same link as a QR code: the customer can scan it.
payment-customer-card =
    💳 Payment for your order: <b>{ $amount }</b>
    Parcel: { $barcode }
    Pay before { $expires } with the button below.
payment-status = Payment of { $amount }: { $status }
payment-status-pending = ⏳ waiting for the payment
payment-outcome-paid = ✅ paid
payment-outcome-failed = ❌ failed
payment-outcome-expired = ⌛ expired
payment-outcome-refunded = ↩️ refunded
payment-merchant-missing = To send payment links, set up your Yandex Pay merchant first (Settings → Yandex Pay).
payment-merchant-invalid = The merchant id or key doesn't look right. Please check and try again.
payment-nothing-to-pay = There is nothing to pay for in this order: no priced items and no delivery cost. Type an amount instead.
payment-create-unsure = ⚠️ Yandex Pay didn't confirm the link in time. I'll check it and tell you; don't send another one yet.
payment-not-found = Payment not found.

## Yandex Pay merchant settings
ypay-none = Yandex Pay is not set up yet.
ypay-current = Yandex Pay merchant <code>{ $merchant }</code> ({ $env }).
ypay-sandbox = 🧪 Sandbox (test)
ypay-production = 🏦 Production
ypay-ask-merchant = Your Yandex Pay <b>merchant id</b> (from the Yandex Pay console):
ypay-merchant-invalid = The merchant id is a UUID, for example <code>5a1c0b7e-2f4d-4c11-9d3e-7b9f2a6c8e01</code>. Copy it from the Yandex Pay console and send it again:
ypay-ask-env = Which environment?
ypay-ask-key = Your Yandex Pay <b>API key</b>. I'll delete your message at once and store the key encrypted.
ypay-ask-key-sandbox = The sandbox <b>API key</b> (in the sandbox it is your merchant id). I'll delete your message at once.
ypay-saved = ✅ Yandex Pay merchant <code>{ $merchant }</code> saved; the key works.
ypay-go-on-to-link = Now the payment link for that order:
ypay-removed = Yandex Pay settings removed.
ypay-key-refused = ❌ Yandex Pay refused this key. Check the key and the environment, then send the key again.
ypay-unavailable = Yandex Pay is not answering right now. Please try again in a minute.
payment-cod-already = ⚠️ The customer already pays the courier { $amount } on delivery for this order (cash on delivery). A link on top would make them pay twice.
payment-order-closed-cancelled = This order is cancelled: no payment link can be made for it.
payment-order-closed-returned = The parcel was returned to the sender: no payment link can be made for this order.
payment-order-closed-delivered = The parcel is already delivered: no payment link can be made for this order.
