## Payment links
btn-pay = 💳 Оплатить
btn-pay-from-order = 📦 За заказ (товары + доставка)
btn-pay-manual = ✍️ Указать сумму
btn-setup-yandex = ⚙️ Настроить Yandex Pay
settings-yandex-pay = 💳 Yandex Pay
payment-choose = Ссылка на оплату заказа <b>{ $barcode }</b>: что должен оплатить покупатель?
payment-choose-ttl = Сколько будет действовать ссылка?
payment-ask-amount = Сумма в сумах, например <code>150000</code>:
payment-ask-purpose = За что платёж? Покупатель увидит этот текст. Например: <code>Заказ №15: 2 книги</code>
payment-purpose-invalid = Отправьте от 2 до 200 символов.
ttl-30m = 30 минут
ttl-2h = 2 часа
ttl-1d = 1 день
ttl-3d = 3 дня
payment-link-created =
    ✅ Ссылка на оплату <b>{ $amount }</b>, действует до { $expires }:
    { $url }
payment-qr-caption = Та же ссылка в виде QR-кода: покупатель может его отсканировать.
payment-customer-card =
    💳 Оплата вашего заказа: <b>{ $amount }</b>
    Посылка: { $barcode }
    Оплатите до { $expires } кнопкой ниже.
payment-status = Оплата { $amount }: { $status }
payment-status-pending = ⏳ ожидается
payment-outcome-paid = ✅ получена
payment-outcome-failed = ❌ не прошла
payment-outcome-expired = ⌛ срок истёк
payment-outcome-refunded = ↩️ возвращена
payment-merchant-missing = Чтобы отправлять ссылки на оплату, сначала подключите Yandex Pay (Настройки → Yandex Pay).
payment-merchant-invalid = ID мерчанта или ключ выглядят неверно. Проверьте и попробуйте снова.
payment-nothing-to-pay = В этом заказе нечего оплачивать: нет ни товаров с ценой, ни стоимости доставки. Укажите сумму вручную.
payment-create-unsure = ⚠️ Yandex Pay не подтвердил ссылку вовремя. Я проверю и сообщу; пока не отправляйте новую.
payment-not-found = Платёж не найден.

## Yandex Pay merchant settings
ypay-none = Yandex Pay ещё не подключён.
ypay-current = Мерчант Yandex Pay <code>{ $merchant }</code> ({ $env }).
ypay-sandbox = 🧪 Песочница (тест)
ypay-production = 🏦 Рабочая среда
ypay-ask-merchant = Ваш <b>ID мерчанта</b> Yandex Pay (из консоли Yandex Pay):
ypay-merchant-invalid = ID мерчанта — это UUID, например <code>5a1c0b7e-2f4d-4c11-9d3e-7b9f2a6c8e01</code>. Скопируйте его из консоли Yandex Pay и отправьте ещё раз:
ypay-ask-env = Какая среда?
ypay-ask-key = Ваш <b>API-ключ</b> Yandex Pay. Я сразу удалю сообщение и сохраню ключ в зашифрованном виде.
ypay-ask-key-sandbox = <b>API-ключ</b> песочницы (в песочнице это ваш ID мерчанта). Я сразу удалю сообщение.
ypay-saved = ✅ Мерчант Yandex Pay <code>{ $merchant }</code> сохранён; ключ работает.
ypay-go-on-to-link = Теперь ссылка на оплату этого заказа:
ypay-removed = Настройки Yandex Pay удалены.
ypay-key-refused = ❌ Yandex Pay не принял этот ключ. Проверьте ключ и среду, затем отправьте ключ снова.
ypay-unavailable = Yandex Pay сейчас не отвечает. Попробуйте через минуту.
payment-cod-already = ⚠️ За этот заказ покупатель и так заплатит курьеру { $amount } при получении (наложенный платёж). Если отправить ещё и ссылку, он заплатит дважды.
payment-order-closed-cancelled = Заказ отменён, ссылку на оплату для него создать нельзя.
payment-order-closed-returned = Посылка возвращена отправителю, ссылку на оплату для этого заказа создать нельзя.
payment-order-closed-delivered = Посылка уже доставлена, ссылку на оплату для этого заказа создать нельзя.
