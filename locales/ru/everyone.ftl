## Branches
branches-intro = 🏢 Филиалы BTS. Отправьте геопозицию 📍, чтобы увидеть ближайшие, или введите часть названия или адреса (латиницей или кириллицей).
branches-empty = Справочник филиалов пока недоступен. Попробуйте позже.
branches-in-region = <b>{ $region }</b>: филиалов { $count }
branches-far = Ближайший офис BTS в { $km } км:
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
opens-on = 🔴 Закрыто, откроется в { $day } в { $time }
closed-all-week = 🔴 Закрыто всю неделю
weekday-1 = Пн
weekday-2 = Вт
weekday-3 = Ср
weekday-4 = Чт
weekday-5 = Пт
weekday-6 = Сб
weekday-7 = Вс

## Tracking subscriptions
track-following = 🔔 Я сообщу, когда { $barcode } сдвинется с места.
track-unfollowed = 🔕 Больше не буду писать о { $barcode }.
parcels-title = <b>Посылки, за которыми вы следите</b> ({ $count }):
parcels-empty = Вы пока не следите ни за одной посылкой. Отправьте штрихкод и нажмите «Уведомлять меня».

## Settings
settings-title = ⚙️ <b>Настройки</b>
settings-language = 🌐 Язык
settings-notifications = 🔔 Уведомления
settings-senders = 📤 Сохранённые отправители
settings-recipients = 📥 Сохранённые получатели
settings-logout = 🚪 Выйти из BTS
settings-logout-confirm = Выйти? Ваш вход BTS будет забыт; заказы останутся в BTS.
settings-senders-list = Сохранённые отправители ({ $count }). Первый предлагается первым:
settings-recipients-list = Сохранённые получатели ({ $count }). Первый предлагается первым:
settings-book-empty = Пока ничего не сохранено: отправители и получатели сохраняются при создании заказов.
settings-contact-card = <b>{ $name }</b>
    { $phone }
    { $details }
settings-contact-rename = Новое имя для { $name }:
settings-contact-renamed = Переименовано в { $name }.
settings-contact-deleted = { $name } удалён.
settings-contact-default = { $name } теперь предлагается первым.
settings-contact-gone = Этой записи больше нет.
btn-rename = ✏️ Переименовать
btn-make-default = ⭐ Сделать основным
btn-delete = 🗑 Удалить
notify-title = 🔔 <b>Уведомления</b>. Нажмите, чтобы переключить:
notify-all = Сообщения о статусе
notify-final-only = Только доставка и возврат
notify-quiet = Тихие часы { $start }–{ $end } (отложу до утра)
notify-quiet-off = Тихие часы: выкл.
notify-stalled = Сообщать, если посылка не двигается { $days } дн.
notify-stalled-off = Сообщать о застрявших посылках: выкл.
