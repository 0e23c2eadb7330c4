## Buttons
btn-back-to-list = 📋 К списку
btn-cancel-order = ✖️ Отменить
btn-change = ✏️ Изменить поле
btn-clear-items = 🗑 Очистить список
btn-continue-draft = ▶️ Продолжить
btn-create-with = ➕ Заказ: { $way }
btn-done = ✅ Готово
btn-edit = ✏️ Изменить
btn-follow = 🔔 Следить
btn-unfollow = 🔕 Перестать следить
btn-history = 🕓 История
btn-keep-order = ↩️ Нет, оставить
btn-yes-cancel-order = ✖️ Да, отменить заказ
btn-label = 🏷 Этикетка
btn-new-sender = ➕ Новый отправитель
btn-payment-link = 💳 Оплата
btn-refresh = 🔄 Обновить
btn-regions = 🗺 Регионы
btn-register-good = ➕ Добавить товар
btn-repeat = 🔁 Повторить
btn-resend = 🔄 Проверить ещё раз
btn-save-changes = 💾 Сохранить изменения
btn-search = 🔍 Поиск
orders-btn-labels = 🏷 Этикетки (один PDF)
btn-send-location = 📍 Отправить мою геопозицию
btn-share = 📤 Поделиться
btn-share-contact = 📱 Отправить мой контакт
btn-start-over = 🆕 Начать заново
btn-track-parcel = 🔎 Отследить посылку

## Steps (also the "Change a field" list)
step-sender_name = 📤 Имя
step-sender_phone = 📤 Телефон
step-sender_city = 📤 Город
step-sender_delivery = 📤 Передача
step-sender_address = 📤 Адрес
step-receiver_name = 📥 Имя
step-receiver_phone = 📥 Телефон
step-receiver_phone2 = 📥 Телефон 2
step-receiver_delivery = 📥 Доставка
step-receiver_city = 📥 Город
step-receiver_branch = 📥 Филиал
step-receiver_address = 📥 Адрес
step-weight = Вес
step-pieces = Количество мест
step-package = Упаковка
step-content = Содержимое
step-volume = Объём
step-items = Товары
step-cod = 💵 Наложенный платёж
step-photo = 📷 Фото вручения
step-waybill = 📄 Накладная
step-comment = 💬 Комментарий

## BTS field names (shown next to BTS validation messages)
field-senderCityId = Город отправителя
field-senderAddress = Адрес забора
field-senderReal = Имя отправителя
field-senderPhone = Телефон отправителя
field-senderDelivery = Передача посылки
field-weight = Вес
field-packageId = Упаковка
field-postTypeId = Содержимое
field-receiver = Имя получателя
field-receiverAddress = Адрес доставки
field-receiverDelivery = Доставка
field-receiverCityId = Город получателя
field-receiver_branch_id = Филиал выдачи
field-receiverPhone = Телефон получателя
field-receiverPhone1 = Второй телефон
field-volume = Объём
field-piece = Количество мест
field-back_money = Сумма наложенного платежа
field-bringBackMoney = Наложенный платёж
field-options = Товары для чека
field-additionalInfo = Комментарий

## Ways of handing over and delivering
delivery-sender-courier = 🚚 Заберёт курьер
delivery-sender-office = 🏢 Сам привезу в филиал BTS
delivery-receiver-courier = 🚚 Курьер доставит по адресу
delivery-receiver-branch = 🏢 Получатель заберёт в филиале
package-bts-packet = Пакет BTS
package-bag = Сумка
content-documents = Документы
content-stationery = Канцтовары
distance-km = { $km } км

## New order: questions
order-draft-found = У вас есть незаконченный заказ. Продолжить или начать заново?
order-ask-sender-pick = Кто отправляет? Выберите сохранённого отправителя или добавьте нового.
order-ask-sender-name = <b>ФИО</b> отправителя (как на этикетке). Если отправитель — вы, просто нажмите «{ btn-share-contact }» внизу:
order-ask-sender-phone = <b>Телефон</b> отправителя: нажмите кнопку ниже, чтобы отправить свой номер…
order-or-type-phone = …или напишите номер, например <code>+998 90 123 45 67</code>.
order-ask-sender-city = Из какого города отправляется посылка?
place-pick-region = Выберите область, напишите часть названия города (латиницей или кириллицей) или отправьте геопозицию 📍.
order-ask-sender-delivery = Как посылка попадёт в BTS?
order-ask-sender-address = Адрес, откуда курьер заберёт посылку:
order-address-hint = Улица, дом, квартира, ориентир. Например: <code>Чиланзар, 9-й квартал, дом 12, кв. 45</code>. Можно также отправить геопозицию 📍.
order-ask-receiver-name = <b>ФИО</b> получателя (или выберите из адресной книги):
order-ask-receiver-phone = <b>Телефон</b> получателя, например <code>+998 90 123 45 67</code>:
order-ask-receiver-phone2 = Второй телефон получателя (необязательно):
order-ask-receiver-delivery = Как получатель получит посылку?
order-ask-receiver-city = В каком городе получатель?
order-ask-receiver-branch = В каком филиале получатель заберёт посылку? Отправьте геопозицию 📍, чтобы увидеть ближайшие…
order-branches-in = …или выберите филиал ниже ({ $city }):
order-no-branch-in-city = Здесь нет филиала BTS: { $city }. Выберите доставку курьером или вернитесь и выберите другой город.
order-ask-receiver-address = По какому адресу доставить посылку?
order-ask-weight = Вес в кг, например: <code>1,5</code>
order-ask-pieces = Количество мест (обычно 1):
order-ask-package = Какая упаковка?
order-ask-content = Что внутри?
order-ask-volume = Габариты в сантиметрах, например <code>30x20x10</code>, или объём в м³, например <code>0,006</code>. Необязательно:
order-ask-items =
    Товары в посылке (необязательно). По одному товару в сообщении, например:
    <code>Книга; 2; 45000</code> — название; количество; цена
    <code>Книга; KT-15; 2; 45000</code> — то же с кодом товара
    { $count ->
        [0] Пока товаров нет.
        [one] Пока { $count } товар.
        [few] Пока { $count } товара.
       *[other] Пока { $count } товаров.
    }
order-item-added = Добавлено: { $name } × { $qty }{ $price ->
        [none] {""}
       *[other] , { $price }
    }. Всего { $count ->
        [one] { $count } товар
        [few] { $count } товара
       *[other] { $count } товаров
    }. Пришлите ещё или нажмите «Готово».
order-ask-cod = Взять с получателя оплату при вручении (наложенный платёж)?
order-ask-cod-amount = Сколько взять с получателя, в сумах, например <code>150000</code>:
order-ask-cod-goods = Для наложенного платежа нужны товары для электронного чека (ИКПУ). Отметьте товары этой посылки:
order-ask-cod-goods-empty = Для наложенного платежа нужны товары для электронного чека (ИКПУ). У вас их ещё нет: добавьте товар.
order-cod-goods-required = Выберите хотя бы один товар для чека.
order-ask-mxik-spic = Код ИКПУ товара (17 цифр), например <code>08517001001020045</code>:
order-ask-mxik-name = Краткое название товара:
order-ask-mxik-price = Цена за единицу ({ $unit }), в сумах:
order-mxik-registered = Товар добавлен: { $name }.
order-ask-photo = Сфотографировать получателя при вручении?
order-ask-waybill = Вернуть вам подписанную накладную?
order-ask-comment = Комментарий для курьера (необязательно):
order-location-saved = 📍 Геопозиция прикреплена к адресу. Теперь напишите сам адрес.
order-use-buttons = Пожалуйста, нажмите одну из кнопок этого шага.
order-expected-text = Здесь нужно написать ответ или нажать кнопку. Ответьте, пожалуйста, на вопрос выше.
order-cancelled = Новый заказ отменён. В BTS ничего не отправлено.

## Summary
summary-title = <b>Проверьте заказ</b>
summary-edit-title = <b>Проверьте изменения</b>
summary-sender = <b>Откуда</b>
summary-receiver = <b>Куда</b>
summary-address = { $city }, { $address }
summary-branch = { $city }, филиал «{ $branch }»
summary-cargo = 📦 { $weight }, { $pieces ->
        [one] { $pieces } место
        [few] { $pieces } места
       *[other] { $pieces } мест
    }, { $package }, { $content }
summary-volume = Объём: { $volume } м³
summary-cod = 💵 Наложенный платёж: { $amount }
summary-photo = 📷 сфотографировать при вручении
summary-waybill = 📄 вернуть накладную
summary-comment = 💬 { $comment }
summary-price = 💰 Доставка: <b>{ $price }</b>
summary-price-unknown = 💰 Рассчитать стоимость сейчас не удалось.
order-choose-field =
    Что вы хотите изменить?
    📤 отправитель · 📥 получатель
order-edit-choose-field =
    Что изменить в этом заказе?
    📤 отправитель · 📥 получатель

## Creating
order-creating = ⏳ Создаю заказ в BTS…
order-saving = ⏳ Сохраняю изменения в BTS…
order-created = ✅ Заказ создан. Штрихкод: <code>{ $barcode }</code>
order-status-line = Статус: { $status }
order-cost-line = Стоимость доставки: { $cost }
order-label-caption = 🏷 Этикетка: распечатайте и наклейте на посылку.
order-create-unsure =
    ⚠️ BTS не ответил вовремя, поэтому я <b>не уверен, что заказ создан</b>.
    Не отправляйте его снова: я ищу его в BTS и сообщу, как только найду.
order-create-in-progress = ⏳ Этот заказ сейчас создаётся. Подождите немного.
order-edit-refused = BTS больше не разрешает менять этот заказ (его уже забрали или он закрыт).
order-edit-saved = ✅ Изменения сохранены в BTS.
order-edit-cancelled = Редактирование отменено, заказ остался прежним.

## My orders
orders-title = <b>Мои заказы</b> ({ $total })
orders-search-title = <b>Поиск</b> «{ $query }»: { $total ->
        [0] ничего не найдено
        [one] найден { $total } заказ
        [few] найдено { $total } заказа
       *[other] найдено { $total } заказов
    }
orders-empty = Здесь пока нет заказов.
orders-search-ask = Отправьте штрихкод, номер телефона или часть имени получателя:
orders-search-invalid = Отправьте от 2 до 64 символов: штрихкод, телефон или имя.
filter-all = Все
filter-active = Активные
filter-delivered = Доставлены
filter-cancelled = Отменены
order-pending-short = не подтверждён BTS
order-card-title = <b>Заказ { $barcode }</b> (№ { $id })
order-card-receiver = Кому: { $name }, { $phone }, { $city }
order-card-created = Создан: { $created }
order-card-changed = Статус изменён: { $changed }
order-card-pending =
    ⏳ Заказ для получателя { $receiver } (создан { $created }) отправлен в BTS, но не подтверждён.
    Проверьте кабинет BTS, прежде чем создавать его снова.
order-refreshed = Обновлено
history-title = <b>История посылки { $barcode }</b>
history-empty = Событий пока нет.
label-missing = Этикетки для этого заказа в BTS пока нет.
share-card =
    📦 Ваша посылка <b>{ $barcode }</b> едет с BTS Express.
    Где она сейчас, можно посмотреть здесь: { $link }
share-hint = ☝️ Перешлите сообщение выше своему покупателю.
order-cancel-confirm = Отменить заказ <b>{ $barcode }</b>? Это действие необратимо.
order-cancel-kept = Заказ { $barcode } остаётся в силе.
order-cancel-refused = Этот заказ BTS больше не разрешает отменить.
order-cancelled-upstream = Статус заказа { $barcode }: { $status }.
cancel-reason = • { $when }, { $who }: { $why }

## Price
price-ask-from = Из какого города?
price-ask-to = В какой город?
price-weight-hint = Затем я покажу цену для каждого способа отправки.
price-title = <b>{ $source } → { $target }</b>, { $weight }
price-way-00 = От филиала до филиала
price-way-01 = От филиала до двери
price-way-10 = От двери до филиала
price-way-11 = От двери до двери

## Places
place-matches = Найдено:
place-pick-district = <b>{ $region }</b>. Выберите район:
place-pick-city = <b>{ $region }</b>. Выберите город или район:
place-not-found = По запросу «{ $query }» ничего не нашлось. Попробуйте написать иначе или выберите область:
place-nearest = Ближайшие филиалы BTS:
place-none-near = Пока не знаю ни одного филиала BTS с координатами. Выберите область.
place-region-empty = В этой области нет филиалов BTS.

## Validation of typed answers
invalid-name = Отправьте имя длиной от 2 до 100 символов, например <code>Алишер Каримов</code>.
invalid-phone = Это не похоже на номер телефона. Пример: <code>+998 90 123 45 67</code>.
invalid-phone-same = Это тот же номер, что и первый. Отправьте другой номер или нажмите «Пропустить».
invalid-address = Отправьте адрес длиной от 3 до 255 символов.
invalid-weight = Вес — число от 0,01 до 1000 кг, например <code>1,5</code>.
invalid-pieces = Количество мест — целое число от 1 до 100.
invalid-volume = Укажите габариты в сантиметрах, например <code>30x20x10</code>, или объём от 0,0001 до 100 м³, например <code>0,006</code>.
invalid-item = Используйте формат <code>название; количество; цена</code>, например <code>Книга; 2; 45000</code>.
invalid-items-too-many = Больше 20 товаров добавить нельзя. Нажмите «Готово».
invalid-cod-amount = Сумма — число от 1 000 до 100 000 000 сум, например <code>150000</code>.
invalid-comment = Комментарий слишком длинный: не более 500 символов.
invalid-spic = Код ИКПУ состоит ровно из 17 цифр, например <code>08517001001020045</code>.
invalid-price = Цену напишите цифрами, например <code>100000</code>.
stale-step = Эта кнопка относится к другому шагу.

## Tracking
track-ask = Отправьте штрихкод посылки (11–12 цифр, например <code>60000006106</code>). Можно сразу несколько.
track-invalid = В сообщении нет штрихкода. Штрихкод — это 11–12 цифр, например <code>60000006106</code>.
track-unknown = 🤷 Посылка <code>{ $barcode }</code> не найдена. Проверьте цифры в квитанции или попросите у отправителя ссылку для отслеживания.
track-title = 📦 <b>{ $barcode }</b>
track-status = Статус: <b>{ $status }</b>
track-stale = (BTS сейчас не отвечает, это последний известный статус.)
track-history = <b>История</b>
track-link = 🔗 { $url }
status-unknown = неизвестный статус
order-ask-receiver-name-first = <b>ФИО</b> получателя:
order-card-weight = Вес: { $weight }
order-detour-saved = 📝 Незаконченный заказ сохранён. Чтобы вернуться к нему, отправьте /resume или нажмите «{ menu-new-order }» → «{ btn-continue-draft }».
order-edit-opening = ✏️ Редактирование заказа
order-edit-detour-saved = ✏️ Изменения заказа сохранены здесь, но в BTS ещё не отправлены. Чтобы вернуться к ним, отправьте /resume.
order-resume-none = Незаконченного заказа нет. Новый можно начать кнопкой «{ menu-new-order }».
order-summary-changed = С тех пор заказ изменился, поэтому ничего не отправлено. Продолжите с того места, где остановились:
