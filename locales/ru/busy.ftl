## The database stayed locked by another process past the busy timeout
error-busy = ⏳ Сейчас я занят сохранением других данных. Пожалуйста, отправьте это ещё раз через минуту.
## Инструменты для больших отправок: заказы из таблицы, листы этикеток, наложенный платёж, выгрузки, сканирование, inline

menu-tools = 🧰 Инструменты
cmd-tools = Инструменты: таблицы, этикетки, наложенный платёж
cmd-bulk = Заказы из таблицы
cmd-cod = Наложенный платёж: сводка и выгрузки

hub-title = 🧰 <b>Инструменты для больших отправок</b>
    Что нужно сделать?
hub-bulk = 📥 Заказы из таблицы
hub-labels-today = 🏷 Этикетки за сегодня (один PDF)
hub-labels-active = 🏷 Этикетки заказов в пути (один PDF)
hub-ledger = 💵 Наложенный платёж и выгрузки
hub-international = 🌍 Новая международная посылка
hub-manifests = 📑 Манифесты
hub-scan = 📷 Отследить по фото
scan-how = 📷 Пришлите фото этикетки или скриншот со штрихкодом или QR-кодом — я его прочитаю и покажу, где посылка.

## Столбцы таблицы (строки -alt — другие названия, которые тоже подходят, через запятую)
bulk-col-name = Получатель
bulk-col-name-alt = ФИО, Имя, Имя получателя
bulk-col-phone = Телефон
bulk-col-phone-alt = Номер телефона, Телефон получателя, Мобильный
bulk-col-phone2 = Второй телефон
bulk-col-phone2-alt = Телефон 2, Доп. телефон
bulk-col-city = Город или район
bulk-col-city-alt = Город, Район, Населённый пункт
bulk-col-branch = Филиал BTS
bulk-col-branch-alt = Филиал, Отделение, Филиал BTS
bulk-col-address = Адрес
bulk-col-address-alt = Улица, Адрес доставки
bulk-col-weight = Вес, кг
bulk-col-weight-alt = Вес, кг
bulk-col-cod = Наложенный платёж, сум
bulk-col-cod-alt = Наложенный платёж, Наложка
bulk-col-comment = Комментарий
bulk-col-comment-alt = Примечание

bulk-example-name = Одил Ахмедов
bulk-example-phone = +998 90 123 45 67
bulk-example-phone2 = {""}
bulk-example-city = Самарканд
bulk-example-branch = {""}
bulk-example-address = ул. Регистан, 5, кв. 12
bulk-example-weight = 1,5
bulk-example-cod = 150000
bulk-example-comment = Позвонить перед доставкой

bulk-note-name = Обязательно. ФИО получателя.
bulk-note-phone = Обязательно. Узбекский номер: +998 90 123 45 67 или 90 123 45 67.
bulk-note-phone2 = Необязательно.
bulk-note-city = Обязательно. Город или район в любом написании: Samarqand, Самарканд, Samarkand.
bulk-note-branch = Необязательно. Заполните, чтобы доставить в филиал BTS (название или номер); пусто — доставка курьером.
bulk-note-address = Обязательно при доставке курьером.
bulk-note-weight = Обязательно. В килограммах: 0,5, 1,5, 12.
bulk-note-cod = Необязательно. Сумма, которую заберёт курьер; пусто или 0, если уже оплачено.
bulk-note-comment = Необязательно. Увидит курьер.

bulk-intro = 📥 <b>Заказы из таблицы</b>
    Пришлите файл XLSX или CSV: один заказ в строке (до { $limit } строк). В первой строке — названия столбцов, их видно в шаблоне ниже.
    Я проверю каждую строку, покажу, что исправить, и посчитаю стоимость остальных. Пока вы не подтвердите, ничего не создаётся.
    Отправитель — из вашего последнего заказа.
bulk-btn-template-xlsx = 📄 Шаблон (Excel)
bulk-btn-template-csv = 📄 Шаблон (CSV)
bulk-template-caption = Заполните по одному заказу в строке и пришлите файл сюда.
bulk-send-file = Пришлите таблицу файлом (XLSX или CSV).
bulk-too-big = Файл слишком большой. Пришлите не больше 5 МБ.
bulk-summary-title = 📄 <b>{ $file }</b>: { $rows ->
        [one] { $rows } строка
        [few] { $rows } строки
       *[other] { $rows } строк
    }
bulk-summary-valid = ✅ Готово к созданию: { $count ->
        [one] { $count } заказ
        [few] { $count } заказа
       *[other] { $count } заказов
    }, доставка всего { $sum }.
bulk-summary-invalid = ❌ { $count ->
        [one] { $count } строку нужно исправить:
        [few] { $count } строки нужно исправить:
       *[other] { $count } строк нужно исправить:
    }
bulk-row-problem = • Строка { $row }: { $problems }
bulk-more-problems = …и ещё { $count ->
        [one] { $count } строка
        [few] { $count } строки
       *[other] { $count } строк
    }. Исправьте их в файле и пришлите его снова.
bulk-problem-missing = не заполнено «{ $column }»
bulk-problem-too-long = слишком длинное «{ $column }»
bulk-problem-phone = «{ $column }»: «{ $value }» — не узбекский номер телефона
bulk-problem-city = нет города или района «{ $value }»
bulk-problem-branch = в этом городе нет филиала BTS «{ $value }»
bulk-problem-address = не указан адрес (заполните его или укажите филиал)
bulk-problem-weight = вес «{ $value }» — укажите число килограммов, например 1,5
bulk-problem-cod = наложенный платёж «{ $value }» — укажите сумму в сумах, например 150000
bulk-problem-no-receipt-good = для наложенного платежа нужен товар, зарегистрированный для электронного чека — сначала зарегистрируйте его в новом заказе
bulk-problem-route = BTS не доставляет по этому маршруту { $value }
bulk-btn-create = ✅ Создать { $count ->
        [one] { $count } заказ
        [few] { $count } заказа
       *[other] { $count } заказов
    }
bulk-missing-columns = В первой строке не нашлось столбцов: { $columns }. Возьмите названия из шаблона.
bulk-dropped = Загрузка отменена, ничего не создано.
bulk-already-started = Эти заказы уже создаются.
bulk-progress = ⏳ Создано { $done } из { $total ->
        [one] { $total } заказа
        [few] { $total } заказов
       *[other] { $total } заказов
    }…
bulk-done = ✅ Готово: создано { $created } из { $total ->
        [one] { $total } заказа
        [few] { $total } заказов
       *[other] { $total } заказов
    }.
bulk-done-failed = ❌ BTS отказал: { $count ->
        [one] { $count } заказ
        [few] { $count } заказа
       *[other] { $count } заказов
    }.
bulk-done-unsure = ⚠️ Возможно, созданы: { $count ->
        [one] { $count } заказ
        [few] { $count } заказа
       *[other] { $count } заказов
    } — проверьте их.
bulk-btn-labels = 🏷 Этикетки (один PDF)
bulk-btn-problems = ❗ Строки с проблемами
bulk-no-problems = Строк с проблемами нет.
bulk-problems-title = <b>Строки, которые не созданы</b>
bulk-row-failed = • Строка { $row }: BTS отказал — { $reason }
bulk-row-unsure = • Строка { $row }: BTS не ответил — проверьте в личном кабинете BTS
bulk-btn-retry = 🔁 Повторить отклонённые, проверить неясные
bulk-error = С этой таблицей что-то не так.
bulk-unreadable = Не получается прочитать файл. Пришлите XLSX или CSV.
bulk-too-many = Слишком много строк: разбейте файл на части до 2000 строк.
bulk-empty = В файле нет заказов: первая строка — названия столбцов, дальше по заказу в строке.
bulk-no-sender = Я ещё не знаю данных отправителя: сначала создайте один заказ вручную, потом пришлите таблицу.
bulk-not-found = Загрузка не найдена.

labels-none = Нет заказов для этикеток.
labels-caption = 🏷 { $count ->
        [one] { $count } этикетка
        [few] { $count } этикетки
       *[other] { $count } этикеток
    }, страниц: { $pages }.

## Наложенный платёж
ledger-period-today = Сегодня
ledger-period-7 = 7 дней
ledger-period-30 = 30 дней
ledger-period-month = Этот месяц
ledger-title = 💵 <b>Наложенный платёж</b>, { $start } – { $end }
ledger-delivered = ✅ Доставлено: { $count ->
        [one] { $count } посылка
        [few] { $count } посылки
       *[other] { $count } посылок
    }, BTS получил { $amount }
ledger-awaiting = ⏳ Ждут доставки: { $count ->
        [one] { $count } посылка
        [few] { $count } посылки
       *[other] { $count } посылок
    }, { $amount }
ledger-returned = ↩️ Возвращено или отменено: { $count ->
        [one] { $count } посылка
        [few] { $count } посылки
       *[other] { $count } посылок
    }
ledger-online = 💳 Оплачено онлайн (Yandex Pay): { $count ->
        [one] { $count } посылка
        [few] { $count } посылки
       *[other] { $count } посылок
    }, { $amount }
ledger-hint = Выберите период или напишите его, например { -example-period }. Выгрузки ниже — за тот же период.
ledger-bad-period = Не понял период. Напишите так: { -example-period } (не больше года).
ledger-state-delivered = Доставлен
ledger-state-awaiting = Ждёт доставки
ledger-state-returned = Возвращён
export-btn = ⬇️ { $kind } { $format }
export-kind-orders = Заказы
export-kind-cod = Наложенный платёж
export-kind-payments = Оплаты
export-caption = { $kind }: { $count ->
        [one] { $count } строка
        [few] { $count } строки
       *[other] { $count } строк
    }.
export-col-barcode = Штрихкод
export-col-created = Создан
export-col-receiver = Получатель
export-col-phone = Телефон
export-col-city = Город
export-col-cost = Доставка, сум
export-col-cod = Наложенный платёж, сум
export-col-status = Статус
export-col-state = Состояние
export-col-settled = Доставлен или возвращён
export-col-amount = Сумма, сум

## Штрихкод с фото
scan-too-big = Картинка слишком большая. Пришлите поменьше.
scan-nothing = Не нашёл штрихкод на этой картинке. Снимите ближе и ровно, чтобы код был виден целиком, — или напишите номер.

## Inline-режим
inline-open-bot = Открыть бота
inline-unknown-title = { $barcode }: не найдена
inline-unknown-description = Проверьте номер и попробуйте снова
inline-card-title = 📦 Посылка { $barcode }
inline-card-receiver = Получатель: { $name }, { $city }
inline-card-cod = Наложенный платёж: { $amount }
inline-pay-title = 💳 Ссылка на оплату: { $amount }
inline-pay-description = Для посылки { $barcode }
inline-pay-card = 💳 Оплата посылки <code>{ $barcode }</code>: { $amount }. Нажмите кнопку, чтобы оплатить.

## Международные посылки
intl-title = 🌍 <b>Новая международная посылка</b>
intl-ask-parcel-number = Номер посылки (ваш собственный номер для неё, буквы и цифры):
intl-ask-surname = Фамилия получателя (как в паспорте):
intl-ask-first-name = Имя получателя:
intl-ask-patronymic = Отчество (или «Пропустить»):
intl-ask-passport = Серия и номер паспорта, например <code>AC 1234567</code>. Я удалю ваше сообщение и сохраню данные в зашифрованном виде.
intl-ask-pinfl = ПИНФЛ — 14-значный личный номер из паспорта. Я удалю ваше сообщение и сохраню его в зашифрованном виде.
intl-saved-masked = 🔒 Сохранено: { $value }
intl-ask-phone = Телефон получателя:
intl-ask-phone2 = Местный номер телефона (или «Пропустить»):
intl-ask-customs = Получатель согласен на таможенное оформление?
intl-ask-weight = Вес посылки в кг, например 4 или 2,5:
intl-ask-value = Объявленная стоимость посылки (число; или «Пропустить»):
intl-ask-currency = Валюта объявленной стоимости:
intl-ask-delivery = Как получатель заберёт посылку?
intl-delivery-door = 🚚 Курьером до двери
intl-delivery-branch = 🏢 Сам в филиале BTS
intl-ask-city = Город или район получателя (напишите название):
intl-city-pick = Выберите город или район:
intl-city-not-found = Такого города или района нет. Попробуйте написать иначе.
intl-ask-branch = Выберите филиал BTS:
intl-no-branches = В этом городе нет филиала BTS. Вернитесь и выберите доставку курьером или другой город.
intl-ask-address = Адрес получателя (улица, дом, квартира):
intl-ask-p-desc = 📦 <b>Товар</b>: описание на узбекском:
intl-ask-p-desc-ru = Описание на русском:
intl-ask-p-qty = Количество:
intl-ask-p-weight = Вес нетто в кг:
intl-ask-p-value = Объявленная стоимость одной единицы:
intl-ask-p-url = Ссылка на товар (веб-адрес):
intl-ask-p-unit = Единица измерения:
intl-ask-p-hs = Код ТН ВЭД (6–10 цифр), например 6211390000:
intl-ask-p-model = Модель (или «Пропустить»):
intl-ask-p-imei = IMEI для телефонов (15 цифр; или «Пропустить»):
intl-products-so-far = В посылке { $count ->
        [one] { $count } товар
        [few] { $count } товара
       *[other] { $count } товаров
    }
intl-add-product = ➕ Добавить ещё товар
intl-need-product = Добавьте хотя бы один товар.
intl-invalid-parcel-number = Только буквы, цифры и дефис (до 64 знаков).
intl-invalid-name = Напишите имя буквами (до 100 знаков).
intl-invalid-text = Напишите короткий текст.
intl-invalid-address = Напишите адрес (до 255 знаков).
intl-invalid-passport = Это не похоже на паспорт: две латинские буквы и семь цифр, например AC 1234567.
intl-invalid-pinfl = ПИНФЛ неверный: 14 цифр, как в паспорте. Проверьте каждую цифру.
intl-invalid-weight = Напишите вес в кг, например 2,5.
intl-invalid-money = Напишите сумму, например 120 или 99,90.
intl-invalid-quantity = Напишите количество, например 2.
intl-invalid-currency = Выберите валюту кнопкой.
intl-invalid-branch = Выберите филиал кнопкой.
intl-invalid-url = Пришлите веб-адрес, например https://shop.example/item/1.
intl-invalid-unit = Выберите единицу кнопкой.
intl-invalid-hs = Код ТН ВЭД — от 6 до 10 цифр.
intl-invalid-imei = IMEI — 15 цифр (подойдёт 14–16).
intl-summary-title = 🌍 <b>Международная посылка { $number }</b>
intl-summary-receiver = 👤 { $name }, { $phone }
intl-summary-documents = 🪪 Паспорт { $passport }, ПИНФЛ { $pinfl }
intl-summary-branch = 🏢 { $city }, филиал { $branch }
intl-summary-door = 🚚 { $city }, { $address }
intl-summary-parcel = ⚖️ { $weight }, стоимость { $value }
intl-summary-customs-yes = ✅ Согласие на таможенное оформление есть
intl-summary-customs-no = ⚠️ Согласия на таможенное оформление нет
intl-summary-products = 📦 В посылке: { $count ->
        [one] { $count } товар
        [few] { $count } товара
       *[other] { $count } товаров
    }
intl-step-parcel_number = Номер посылки
intl-step-surname = Фамилия
intl-step-first_name = Имя
intl-step-patronymic = Отчество
intl-step-passport = Паспорт
intl-step-pinfl = ПИНФЛ
intl-step-phone = Телефон
intl-step-phone2 = Местный телефон
intl-step-customs = Согласие на таможню
intl-step-weight = Вес
intl-step-value = Стоимость
intl-step-currency = Валюта
intl-step-delivery = Доставка
intl-step-city = Город
intl-step-address = Адрес
intl-which-field = Что изменить?
intl-incomplete = Не на все вопросы есть ответ. Заполните пустые поля.
intl-creating = ⏳ Отправляю посылку в BTS…
intl-create-unsure = ⚠️ BTS не ответил вовремя. Посылка могла создаться: проверьте в личном кабинете BTS, прежде чем отправлять снова.
intl-create-in-progress = Эта посылка уже отправляется.
intl-created = ✅ Международная посылка { $number } создана.
    Паспорт { $passport }, ПИНФЛ { $pinfl }.
    Добавить в манифест — 🧰 Инструменты → 📑 Манифесты.
intl-manifest-empty = Нет посылок для манифеста: сначала создайте международные посылки.
intl-manifest-exists = Манифест с таким номером уже есть.
intl-parcel-exists = Посылка с таким номером уже есть.
intl-created-barcode = Штрихкод: <code>{ $barcode }</code>. Сообщу, когда изменится статус.
intl-awaiting-barcode = ⏳ Ждём штрихкод BTS. Когда BTS выдаст посылке этикетку, нажмите «🏷 Добавить штрихкод BTS» и напишите код или пришлите фото этикетки. После этого буду следить за посылкой и сообщу, когда изменится статус.
btn-add-barcode = 🏷 Добавить штрихкод BTS
intl-ask-barcode = Напишите штрихкод BTS посылки { $number } — цифры под полосками на этикетке, например <code>01000865704</code>, — или пришлите фото этикетки.
intl-barcode-invalid = Это не похоже на штрихкод BTS: в нём 11, 12 или 15 цифр (например, <code>01000865704</code>) или он вида <code>RR123456789UZ</code>. Напишите ещё раз или пришлите фото этикетки.
intl-barcode-several = На фото несколько кодов: { $barcodes }. Напишите тот, что является штрихкодом BTS этой посылки.
intl-barcode-taken = Штрихкод <code>{ $barcode }</code> уже принадлежит другому заказу. Проверьте этикетку и напишите штрихкод именно этой посылки.
intl-barcode-unknown = В вашем аккаунте BTS нет штрихкода <code>{ $barcode }</code>. Сверьте цифры с этикеткой и напишите ещё раз.
intl-barcode-already = У этой посылки уже есть штрихкод: <code>{ $barcode }</code>.
intl-barcode-saved = ✅ Штрихкод <code>{ $barcode }</code> сохранён. Слежу за посылкой и сообщу, когда изменится статус; покупатель тоже может отслеживать её по этому штрихкоду.
intl-barcode-saved-unchecked = ✅ Штрихкод <code>{ $barcode }</code> сохранён. BTS сейчас не отвечает: проверю посылку чуть позже и сообщу, когда изменится статус.
intl-barcode-media = Напишите штрихкод или пришлите фото этикетки.
order-card-intl-title = 🌍 <b>Международная посылка { $number }</b>
order-card-barcode = Штрихкод: <code>{ $barcode }</code>
order-card-awaiting-barcode = ⏳ Ждём штрихкод BTS: добавьте его с этикетки посылки.

## Манифесты
manifests-title = 📑 <b>Манифесты</b>
    Посылок вне манифестов: { $waiting }
manifests-line = • { $number } ({ $date }): отправлено { $sent } из { $count ->
        [one] { $count } посылки
        [few] { $count } посылок
       *[other] { $count } посылок
    } — { $state }
manifest-btn-new = ➕ Новый манифест с этими посылками
manifest-btn-open = 📑 { $number }
manifest-ask-number = Номер манифеста:
manifest-bad-number = Напишите номер манифеста (до 64 знаков).
manifest-card = 📑 <b>Манифест { $number }</b>, { $date }
    { $count ->
        [one] { $count } посылка
        [few] { $count } посылки
       *[other] { $count } посылок
    }, отправлено: { $sent } — { $state }
manifest-state-draft = ещё не отправлен
manifest-state-partial = отправлен частично
manifest-state-sent = отправлен
manifest-bts-said = BTS: { $message }
manifest-btn-send = 📤 Отправить в BTS

# A typed example, not a decimal number.
-example-period = 01.11.2026-30.11.2026
