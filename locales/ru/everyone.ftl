## Branches
branches-intro = 🏢 Филиалы BTS. Отправьте геопозицию 📍, чтобы увидеть ближайшие, или напишите часть названия либо адреса (латиницей или кириллицей).
branches-empty = Справочник филиалов пока недоступен. Попробуйте позже.
branches-in-region = <b>{ $region }</b>: { $count ->
        [0] филиалов нет
        [one] { $count } филиал
        [few] { $count } филиала
       *[other] { $count } филиалов
    }
branches-far = Ближайший филиал BTS — в { $km } км от вас:
branch-address = 📍 { $address }
branch-phone = ☎️ { $phone }
branch-distance = 🚶 { $km } км от вас
branch-hours = <b>Часы работы</b> (время Ташкента):
btn-back-to-region = ◀️ Филиалы региона
hours-always = Круглосуточно, без выходных
hours-day-always = круглосуточно
hours-day-closed = выходной
hours-unknown = Часы работы неизвестны
open-always = 🟢 Открыто круглосуточно
open-now = 🟢 Сейчас открыто
open-now-until = 🟢 Сейчас открыто, до { $time }
opens-today = 🔴 Закрыто, откроется сегодня в { $time }
opens-tomorrow = 🔴 Закрыто, откроется завтра в { $time }
opens-on = 🔴 Закрыто, откроется: { $day }, { $time }
closed-all-week = 🔴 Закрыто всю неделю
weekday-1 = Пн
weekday-2 = Вт
weekday-3 = Ср
weekday-4 = Чт
weekday-5 = Пт
weekday-6 = Сб
weekday-7 = Вс

## Tracking subscriptions
track-following = 🔔 Сообщу, когда статус { $barcode } изменится.
track-unfollowed = 🔕 Больше не буду присылать новости о { $barcode }.
parcels-title = <b>Вы следите за { $count ->
        [one] { $count } посылкой
        [few] { $count } посылками
       *[other] { $count } посылками
    }</b>:
parcels-empty = Вы пока не следите ни за одной посылкой. Пришлите штрихкод и нажмите «Следить».

## Settings
settings-title = ⚙️ <b>Настройки</b>
settings-language = 🌐 Язык
settings-notifications = 🔔 Уведомления
settings-senders = 📤 Сохранённые отправители
settings-recipients = 📥 Сохранённые получатели
settings-logout = 🚪 Выйти из аккаунта BTS
settings-logout-confirm = Выйти из аккаунта BTS? Логин и пароль будут удалены, а заказы останутся в BTS.
settings-senders-list = { $count ->
        [one] { $count } сохранённый отправитель
        [few] { $count } сохранённых отправителя
       *[other] { $count } сохранённых отправителей
    }. Первый в списке предлагается первым:
settings-recipients-list = { $count ->
        [one] { $count } сохранённый получатель
        [few] { $count } сохранённых получателя
       *[other] { $count } сохранённых получателей
    }. Первый в списке предлагается первым:
settings-book-empty = Пока никого нет: отправители и получатели сохраняются, когда вы создаёте заказы.
settings-contact-card = <b>{ $name }</b>
    { $phone }
    { $details }
settings-contact-rename = Новое имя для { $name }:
settings-contact-renamed = Новое имя: «{ $name }».
settings-contact-deleted = Запись «{ $name }» удалена.
settings-contact-default = Теперь первой предлагается запись «{ $name }».
settings-contact-gone = Этой записи больше нет.
btn-rename = ✏️ Переименовать
btn-make-default = ⭐ Предлагать первым
btn-delete = 🗑 Удалить
notify-title = 🔔 <b>Уведомления</b>. Нажмите, чтобы переключить:
notify-all = Сообщать о смене статуса
notify-final-only = Только о доставке и возврате
notify-quiet = Тихие часы { $start }–{ $end } (сообщения придут утром)
notify-quiet-off = Тихие часы: выключены
notify-stalled = Сообщать, если посылка стоит { $days ->
        [one] { $days } день
        [few] { $days } дня
       *[other] { $days } дней
    }
notify-stalled-off = О застрявших посылках: не сообщать
