# Названия мест в сводке и карточке заказа, наложенный платёж в филиале, товары в чеке,
# отмена оплаченного заказа.
place-in-region = { $place }, { $region }
order-card-branch = 🏢 Получатель заберёт в филиале «{ $branch }»
order-ask-cod-at-branch = Взять с получателя оплату в филиале, когда он заберёт посылку (наложенный платёж)?
order-ask-cod-amount-at-branch = Сколько получатель заплатит в филиале при получении, в сумах, например <code>150000</code>:
payment-cod-already-at-branch = ⚠️ За этот заказ покупатель и так заплатит { $amount } в филиале, когда заберёт посылку (наложенный платёж). Если отправить ещё и ссылку, он заплатит дважды.
summary-goods = 🛍 Товары:
summary-good = {"  "}• { $name } × { $amount } { $unit }
summary-good-priced = {"  "}• { $name } × { $amount } { $unit } · { $price }
summary-good-on-receipt = { $good } 🧾
summary-cod-mismatch = ⚠️ Наложенный платёж — { $cod }, а товары в чеке 🧾 стоят { $goods }. BTS сверяет чек с товарами: приведите сумму и товары в соответствие.
order-cancel-paid-warning = 💳 Этот заказ оплачен через Yandex Pay: { $amount }. Отмена заказа деньги не вернёт: сделайте возврат в консоли Yandex Pay.
order-card-refund-due = ↩️ Заказ отменён, но за него заплатили { $amount }: сделайте возврат в консоли Yandex Pay.
