## Branches
branches-intro = 🏢 BTS filiallari. Eng yaqinlarini ko'rish uchun joylashuvni yuboring 📍 yoki nomi yoki manzilining bir qismini yozing (lotin yoki kirill).
branches-empty = Filiallar ro'yxati hozircha mavjud emas. Keyinroq urinib ko'ring.
branches-in-region = <b>{ $region }</b>: { $count } ta filial
branches-far = Eng yaqin BTS ofisi { $km } km uzoqlikda:
branch-address = 📍 { $address }
branch-phone = ☎️ { $phone }
branch-distance = 🚶 Sizdan { $km } km
branch-hours = <b>Ish vaqti</b> (Toshkent vaqti):
btn-back-to-region = ◀️ Viloyat filiallari
hours-always = Kecha-kunduz, dam olishsiz
hours-day-always = kecha-kunduz
hours-day-closed = dam olish
hours-unknown = Ish vaqti noma'lum
open-always = 🟢 Kecha-kunduz ochiq
open-now = 🟢 Hozir ochiq
open-now-until = 🟢 Hozir ochiq, { $time } gacha
opens-today = 🔴 Yopiq, bugun { $time } da ochiladi
opens-tomorrow = 🔴 Yopiq, ertaga { $time } da ochiladi
opens-on = 🔴 Yopiq, { $day } kuni { $time } da ochiladi
closed-all-week = 🔴 Butun hafta yopiq
weekday-1 = Du
weekday-2 = Se
weekday-3 = Ch
weekday-4 = Pa
weekday-5 = Ju
weekday-6 = Sh
weekday-7 = Ya

## Tracking subscriptions
track-following = 🔔 { $barcode } harakatlansa, sizga xabar beraman.
track-unfollowed = 🔕 { $barcode } haqida boshqa yozmayman.
parcels-title = <b>Kuzatayotgan posilkalaringiz</b> ({ $count }):
parcels-empty = Hozircha hech qanday posilkani kuzatmayapsiz. Shtrix-kodni yuboring va «Menga xabar bering» ni bosing.

## Settings
settings-title = ⚙️ <b>Sozlamalar</b>
settings-language = 🌐 Til
settings-notifications = 🔔 Bildirishnomalar
settings-senders = 📤 Saqlangan jo'natuvchilar
settings-recipients = 📥 Saqlangan qabul qiluvchilar
settings-logout = 🚪 BTS'dan chiqish
settings-logout-confirm = Chiqasizmi? BTS kirishingiz unutiladi; buyurtmalar BTS'da qoladi.
settings-senders-list = Saqlangan jo'natuvchilar ({ $count }). Birinchisi birinchi taklif qilinadi:
settings-recipients-list = Saqlangan qabul qiluvchilar ({ $count }). Birinchisi birinchi taklif qilinadi:
settings-book-empty = Hali hech narsa saqlanmagan: jo'natuvchilar va qabul qiluvchilar buyurtma yaratilganda saqlanadi.
settings-contact-card = <b>{ $name }</b>
    { $phone }
    { $details }
settings-contact-rename = { $name } uchun yangi nom:
settings-contact-renamed = { $name } deb o'zgartirildi.
settings-contact-deleted = { $name } o'chirildi.
settings-contact-default = Endi { $name } birinchi taklif qilinadi.
settings-contact-gone = Bu yozuv endi mavjud emas.
btn-rename = ✏️ Nomini o'zgartirish
btn-make-default = ⭐ Asosiy qilish
btn-delete = 🗑 O'chirish
notify-title = 🔔 <b>Bildirishnomalar</b>. O'zgartirish uchun bosing:
notify-all = Holat xabarlari
notify-final-only = Faqat yetkazilgan va qaytarilgan
notify-quiet = Tinch soatlar { $start }–{ $end } (ertalabgacha kutadi)
notify-quiet-off = Tinch soatlar: o'chiq
notify-stalled = Posilka { $days } kun harakatlanmasa, xabar berish
notify-stalled-off = Harakatlanmayotgan posilkalar haqida: o'chiq
