# Фулфилмент на складе BTS (WMS)

settings-wms = 🏬 Фулфилмент (склад BTS)
ff-hub-not-connected = 🏬 <b>Фулфилмент</b>
    Храните товар на складе BTS и управляйте им прямо отсюда: товары, поставщики, поставки на склад и заказы ваших покупателей.
    Сначала подключите аккаунт BTS Fulfillment.
ff-hub = 🏬 <b>Фулфилмент</b> · аккаунт <code>{ $login }</code>
    Что делаем?
ff-not-connected = Сначала подключите аккаунт BTS Fulfillment: Настройки → 🏬 Фулфилмент.
ff-btn-connect = 🔑 Подключить аккаунт
ff-btn-disconnect = 🚪 Отключить
ff-btn-products = 📦 Товары
ff-btn-purveyors = 🏭 Поставщики
ff-btn-receivings = 🚚 Поставки на склад
ff-btn-orders = 🧾 Заказы
ff-btn-new-order = ➕ Новый заказ
ff-btn-new-product = ➕ Новый товар
ff-btn-new-purveyor = ➕ Новый поставщик
ff-btn-new-receiving = ➕ Новая поставка
ff-btn-sync = 🔄 Обновить сейчас
ff-btn-hub = 🏬 Фулфилмент
ff-btn-search = 🔎 Поиск
ff-btn-refresh = 🔄 Обновить статус
ff-btn-pay = 💳 Ссылка на оплату
ff-btn-open-pay = 💳 Оплатить
ff-btn-confirm = ✅ Подтвердить
ff-btn-confirm-order = ✅ Создать заказ
ff-btn-change = ✏️ { $field }
ff-btn-add-product = ➕ Ещё товар
ff-btn-items-done = ✅ Это всё
ff-yes = да
ff-no = нет

ff-connect-ask-login = Логин BTS Fulfillment: ИНН компании (9 цифр) или номер телефона.
ff-connect-login-invalid = Это не ИНН (9 цифр) и не номер телефона. Попробуйте ещё раз, например <code>305123456</code> или <code>+998 90 123 45 67</code>.
ff-connect-ask-password = Пароль. Я удалю сообщение сразу после прочтения.
ff-connect-wrong = BTS Fulfillment не принял этот логин и пароль. Начнём сначала: ваш ИНН или номер телефона?
ff-connected = ✅ Аккаунт <code>{ $login }</code> подключён. Получено товаров со склада: { $products }.
ff-disconnect-confirm = Отключить аккаунт BTS Fulfillment от этого чата? Ваши данные на складе останутся.
ff-disconnected = Аккаунт отключён, пароль забыт.
ff-synced = 🔄 Готово: получено новых или изменённых записей — { $count ->
        [one] { $count } запись
        [few] { $count } записи
       *[other] { $count } записей
    }.
ff-stale = Эта кнопка устарела.
ff-use-buttons = Пожалуйста, воспользуйтесь кнопками выше.
ff-use-text = Пожалуйста, ответьте текстом.

ff-error-auth = BTS Fulfillment больше не принимает ваш логин. Подключите аккаунт заново: Настройки → 🏬 Фулфилмент.
ff-error-unavailable = BTS Fulfillment сейчас не отвечает. Ничего не потеряно: попробуйте через минуту.
ff-error-refused = BTS Fulfillment отказал: { $reason }
ff-create-unsure = Склад не подтвердил запись. Возможно, она сохранилась: проверьте список после обновления, прежде чем пробовать снова.
ff-order-unsure = ⚠️ Склад не подтвердил заказ. Возможно, он создан, поэтому повторно я его не отправлю. Уточните в BTS Fulfillment, прежде чем создавать заново.
ff-invalid-draft = Не хватает данных. Пожалуйста, заполните их.
ff-unknown-order = Такого заказа среди ваших нет.
ff-unknown-product = Такого товара нет в вашем списке.

ff-invalid-empty = Пустой ответ.
ff-invalid-long = Слишком длинно: не больше { $limit } символов.
ff-invalid-code = Код без пробелов, не больше { $limit } символов.
ff-invalid-phone = Не похоже на номер телефона. Пример: <code>+998 90 123 45 67</code>.
ff-invalid-inn = ИНН — это 9 цифр.
ff-invalid-gtin = Штрихкод (GTIN) — от 8 до 14 цифр.
ff-invalid-zip = Почтовый индекс — 6 цифр, например <code>100200</code>.
ff-invalid-number = Нужно число от { $low } до { $high }.
ff-invalid-count = Нужно целое число от 1 до { $high }.
ff-invalid-date = Нужна дата, например <code>{ -example-date }</code>.
ff-invalid-moment = Нужны дата и время, например <code>{ -example-moment }</code>.
ff-invalid-past = Это время уже прошло. Выберите время в будущем.
ff-invalid-discount = Скидка не может быть больше суммы строки ({ $gross }).
ff-found-several = Подходит несколько. Выберите:
ff-product-not-found = По запросу «{ $query }» товаров нет. Попробуйте другое название, код или штрихкод.
ff-product-gone = Этого товара больше нет в вашем списке.
ff-purveyor-not-found = По запросу «{ $query }» поставщиков нет. Сначала добавьте его (🏭 Поставщики → ➕ Новый поставщик).
ff-purveyor-gone = Этого поставщика больше нет в вашем списке.
ff-day-today = Сегодня
ff-day-tomorrow = Завтра
ff-when-tomorrow = Завтра, { $hour }
ff-when-after-tomorrow = Послезавтра, { $hour }

# товары
ff-products = 📦 Ваши товары: { $count ->
        [one] { $count } товар
        [few] { $count } товара
       *[other] { $count } товаров
    }
ff-products-found = 🔎 «{ $query }»: { $count ->
        [one] найден { $count } товар
        [few] найдено { $count } товара
       *[other] найдено { $count } товаров
    }
ff-products-empty = 📦 Товаров пока нет. Добавьте товар или обновите, если склад уже что-то внёс.
ff-ask-search-product = Введите название, код или штрихкод.
ff-product-card = 📦 <b>{ $name }</b>
    { $full_name }
    Код: <code>{ $code }</code> · штрихкод: <code>{ $gtin }</code>
    Артикул: { $article } · группа: { $group }
    Единица: { $unit } · упаковка: { $packaging }
    Запас годности: { $shelf_life } · срок хранения, дней: { $storage_days } · температура: { $temperature }
    Вес: { $weight } кг (нетто { $net_weight }) · объём: { $volume } м³ · комплект: { $is_set }
ff-product-new = ➕ <b>Новый товар</b>. Несколько вопросов, потом проверите всё целиком.
ff-ask-product-name = Название товара?
ff-ask-product-name-short = Название
ff-ask-product-code = Ваш код товара (артикул SKU), без пробелов?
ff-ask-product-code-short = Код
ff-ask-product-gtin = Штрихкод (GTIN, 8–14 цифр)?
ff-ask-product-gtin-short = Штрихкод
ff-ask-product-group = Группа товара (например, Одежда)?
ff-ask-product-group-short = Группа
ff-ask-product-unit = Единица измерения? Выберите или введите.
ff-ask-product-unit-short = Единица
ff-ask-product-weight = Вес одной единицы в кг (например, <code>0,5</code>)?
ff-ask-product-weight-short = Вес
ff-ask-product-volume = Объём одной единицы в м³ (например, <code>0,002</code>)?
ff-ask-product-volume-short = Объём
ff-ask-product-temperature = Температура хранения?
ff-ask-product-temperature-short = Температура
ff-unit-piece = шт.
ff-unit-kg = кг
ff-unit-litre = литр
ff-unit-box = коробка
ff-temp-normal = 🌡 обычная
ff-temp-cold = ❄️ охлаждённая
ff-temp-frozen = 🧊 заморозка
ff-product-summary = 📦 <b>Проверьте товар</b>
    Название: { $name }
    Код: <code>{ $code }</code> · штрихкод: <code>{ $gtin }</code>
    Группа: { $group } · единица: { $unit }
    Вес: { $weight } · объём: { $volume } м³
    Температура: { $temperature }
ff-product-registered = ✅ Товар «{ $name }» добавлен на склад (id { $id }).

# поставщики
ff-purveyors = 🏭 Ваши поставщики: { $count ->
        [one] { $count } поставщик
        [few] { $count } поставщика
       *[other] { $count } поставщиков
    }
ff-purveyors-found = 🔎 «{ $query }»: { $count ->
        [one] найден { $count } поставщик
        [few] найдено { $count } поставщика
       *[other] найдено { $count } поставщиков
    }
ff-purveyors-empty = 🏭 Поставщиков пока нет.
ff-ask-search-purveyor = Введите название, код или ИНН.
ff-purveyor-card = 🏭 <b>{ $name }</b>
    { $full_name }
    Код: <code>{ $code }</code> · ИНН: <code>{ $inn }</code>
    Контакт: { $contact }
    Адрес: { $address }
ff-purveyor-new = ➕ <b>Новый поставщик</b>
ff-ask-purveyor-name = Краткое название поставщика?
ff-ask-purveyor-name-short = Название
ff-ask-purveyor-full-name = Полное юридическое название (например, ООО «Ipak Yo'li»)?
ff-ask-purveyor-full-name-short = Полное название
ff-ask-purveyor-code = Ваш код этого поставщика, без пробелов?
ff-ask-purveyor-code-short = Код
ff-ask-purveyor-inn = ИНН поставщика (9 цифр)?
ff-ask-purveyor-inn-short = ИНН
ff-ask-purveyor-contact = Контактный телефон?
ff-ask-purveyor-contact-short = Телефон
ff-purveyor-summary = 🏭 <b>Проверьте поставщика</b>
    { $name } ({ $full_name })
    Код: <code>{ $code }</code> · ИНН: { $inn }
    Телефон: { $contact }
ff-purveyor-registered = ✅ Поставщик «{ $name }» добавлен (id { $id }).

# поставки на склад
ff-receivings = 🚚 Поставки на склад: { $count ->
        [one] { $count } поставка
        [few] { $count } поставки
       *[other] { $count } поставок
    }
ff-receivings-empty = 🚚 Поставок пока нет.
ff-receiving-line = <b>№{ $number }</b> · { $date } · { $state }
    { $counterparty }: { $nomenclature }, { $quantity } шт., { $sum }
ff-receiving-announced = 📝 заявлена
ff-receiving-recorded = 🗂 зарегистрирована складом
ff-receiving-accepted = ✅ принята на складе
ff-receiving-new = ➕ <b>Новая поставка на склад</b>
ff-ask-receiving-number = Номер поставки (номер вашего документа)?
ff-ask-receiving-number-short = Номер
ff-ask-receiving-date = Дата поставки? Выберите или введите, например <code>{ -example-date }</code>.
ff-ask-receiving-date-short = Дата
ff-ask-receiving-counterparty = Поставщик? Выберите или введите название.
ff-ask-receiving-counterparty-short = Поставщик
ff-ask-receiving-vehicle = Марка машины (например, Isuzu)?
ff-ask-receiving-vehicle-short = Машина
ff-ask-receiving-plate = Госномер машины?
ff-ask-receiving-plate-short = Госномер
ff-ask-receiving-driver = ФИО водителя?
ff-ask-receiving-driver-short = Водитель
ff-ask-receiving-goods = Какой товар? Выберите из списка или опишите словами.
ff-ask-receiving-goods-short = Товар
ff-ask-receiving-quantity = Количество (шт.)?
ff-ask-receiving-quantity-short = Количество
ff-ask-receiving-price = Цена за штуку в сумах, с НДС?
ff-ask-receiving-price-short = Цена
ff-ask-receiving-vat = Ставка НДС, %? Выберите или введите.
ff-ask-receiving-vat-short = НДС
ff-vat-0 = без НДС
ff-vat-12 = 12 %
ff-receiving-summary = 🚚 <b>Проверьте поставку</b>
    №{ $number } от { $date }
    Поставщик: { $counterparty }
    Машина: { $vehicle } · водитель: { $driver }
    Товар: { $nomenclature }
    { $quantity } × { $price }
    НДС { $vat } %: { $vat_amount }
    <b>Итого: { $sum }</b>
ff-receiving-created = ✅ Поставка №{ $number } заявлена на склад ({ $state }). Сообщу, когда склад её зарегистрирует и примет.

# заказы фулфилмента
ff-orders = 🧾 Ваши заказы фулфилмента: { $count ->
        [one] { $count } заказ
        [few] { $count } заказа
       *[other] { $count } заказов
    }
ff-orders-empty = 🧾 Заказов фулфилмента пока нет.
ff-order-new = ➕ <b>Новый заказ фулфилмента</b>: склад соберёт, упакует и отправит ваши товары покупателю.
ff-ask-order-name = ФИО покупателя?
ff-ask-order-name-short = Покупатель
ff-ask-order-phone = Телефон покупателя?
ff-ask-order-phone-short = Телефон
ff-ask-order-city = В каком городе или районе покупатель?
ff-ask-order-city-short = Город
ff-ask-order-address = Улица, дом, квартира?
ff-ask-order-address-short = Адрес
ff-ask-order-zip = Почтовый индекс (6 цифр)?
ff-ask-order-zip-short = Индекс
ff-ask-order-when = Когда доставить? Выберите или введите, например <code>{ -example-moment }</code>.
ff-ask-order-when-short = Время
ff-ask-order-product = Какой товар? Выберите или введите название, код или штрихкод.
ff-ask-order-quantity = Сколько штук?
ff-ask-order-price = Цена за штуку в сумах?
ff-ask-order-discount = Скидка на эту строку в сумах?
ff-ask-order-more = { $lines }
    Пока итого: <b>{ $sum }</b>
    Добавить ещё товар?
ff-line = { $n }. { $name }: { $quantity } × { $price } − { $discount } = <b>{ $final }</b>
ff-order-summary = 🧾 <b>Проверьте заказ</b>
    Покупатель: { $name }, { $phone }
    Адрес: { $region }, { $city }, { $address } ({ $zip })
    Доставка: { $when }
    { $lines }
    <b>Итого: { $sum }</b>
ff-order-created = ✅ Заказ №{ $id } отправлен на склад.
ff-order-card = 🧾 <b>Заказ №{ $id }</b> · { $status }
    Покупатель: { $name }, { $phone }
    Адрес: { $region }, { $city }, { $address }
    Доставка: { $when }
    { $lines }
    <b>Итого: { $sum }</b>
    Номер на складе: { $wms_id }
ff-order-state-sending = ⏳ отправляется
ff-order-state-unsure = ⚠️ склад не подтвердил
ff-order-state-failed = ❌ склад отказал
ff-status-1 = 🆕 новый
ff-status-2 = 🧺 собирается
ff-status-3 = 📦 упакован
ff-status-4 = 🚚 загружен на доставку
ff-status-5 = 🗓 запланирован
ff-status-6 = ❌ отменён
ff-status-7 = 🔓 открыт заново
ff-status-unknown = ❔ статус неизвестен
ff-pay-purpose = Заказ №{ $id }
ff-pay-link = 💳 Ссылка на оплату заказа №{ $id }, { $amount }:
    { $url }
    Отправьте её покупателю.

# пуши
push-ff-status = 🧾 Заказ фулфилмента №{ $order_id }: { $code ->
        [1] 🆕 новый
        [2] 🧺 собирается
        [3] 📦 упакован
        [4] 🚚 загружен на доставку
        [5] 🗓 запланирован
        [6] ❌ отменён
        [7] 🔓 открыт заново
       *[other] статус { $code }
    }
push-ff-receiving = 🚚 Поставка №{ $number }: { $state ->
        [accepted] ✅ принята на складе (ворота { $gate })
       *[recorded] 🗂 зарегистрирована складом
    }

# Typed examples, not decimal numbers.
-example-date = 25.12.2026
-example-moment = 25.12 14:00
