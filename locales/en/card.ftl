# Place names on the summary and the order card, cash on delivery at a branch, the goods on the
# receipt, a paid order that is cancelled.
place-in-region = { $place }, { $region }
order-card-branch = 🏢 Receiver collects at the { $branch } branch
order-ask-cod-at-branch = Should the receiver pay when collecting the parcel at the branch (cash on delivery)?
order-ask-cod-amount-at-branch = Amount collected at the branch on pickup, in UZS, for example <code>150000</code>:
payment-cod-already-at-branch = ⚠️ The customer already pays { $amount } at the branch when collecting this order (cash on delivery). A link on top would make them pay twice.
summary-goods = 🛍 Goods:
summary-good = {"  "}• { $name } × { $amount } { $unit }
summary-good-priced = {"  "}• { $name } × { $amount } { $unit } · { $price }
summary-good-on-receipt = { $good } 🧾
summary-cod-mismatch = ⚠️ Cash on delivery is { $cod }, but the goods on the receipt 🧾 come to { $goods }. BTS checks the receipt against the goods: make the amount and the goods match.
order-cancel-paid-warning = 💳 This order was paid through Yandex Pay: { $amount }. Cancelling it does not return the money: refund the payment in the Yandex Pay console.
order-card-refund-due = ↩️ The order is cancelled, but { $amount } was paid for it: refund the payment in the Yandex Pay console.
