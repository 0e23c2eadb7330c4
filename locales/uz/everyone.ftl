## Branches
branches-intro = 🏢 BTS filiallari. Eng yaqin filiallarni koʻrish uchun joylashuvingizni 📍 yuboring yoki filial nomi yoxud manzilidan bir qismini yozing (lotin yoki kirill harflarida).
branches-empty = Filiallar roʻyxati hozircha mavjud emas. Keyinroq urinib koʻring.
branches-in-region = <b>{ $region }</b>: { $count ->
        [0] filial yoʻq
       *[other] { $count } ta filial
    }
branches-far = Eng yaqin BTS filiali { $km } km uzoqlikda:
branch-address = 📍 { $address }
branch-phone = ☎️ { $phone }
branch-distance = 🚶 Sizdan { $km } km
branch-hours = <b>Ish vaqti</b> (Toshkent vaqti bilan):
btn-back-to-region = ◀️ Viloyat filiallari
hours-always = Kecha-kunduz, dam olish kunlarisiz
hours-day-always = kecha-kunduz
hours-day-closed = dam olish kuni
hours-unknown = Ish vaqti nomaʼlum
open-always = 🟢 Kecha-kunduz ochiq
open-now = 🟢 Hozir ochiq
open-now-until = 🟢 Hozir ochiq, { $time }-gacha
opens-today = 🔴 Yopiq, bugun { $time }-da ochiladi
opens-tomorrow = 🔴 Yopiq, ertaga { $time }-da ochiladi
opens-on = 🔴 Yopiq, { $day } kuni { $time }-da ochiladi
closed-all-week = 🔴 Butun hafta yopiq
weekday-1 = Du
weekday-2 = Se
weekday-3 = Ch
weekday-4 = Pa
weekday-5 = Ju
weekday-6 = Sh
weekday-7 = Ya

## Tracking subscriptions
track-following = 🔔 { $barcode } holati oʻzgarsa, xabar beraman.
track-unfollowed = 🔕 { $barcode } haqida boshqa xabar bermayman.
parcels-title = <b>Kuzatayotgan posilkalaringiz</b> ({ $count ->
       *[other] { $count } ta
    }):
parcels-empty = Hozircha hech qaysi posilkani kuzatmayapsiz. Shtrix-kodni yuboring va «Menga xabar bering» tugmasini bosing.

## Settings
settings-title = ⚙️ <b>Sozlamalar</b>
settings-language = 🌐 Til
settings-notifications = 🔔 Bildirishnomalar
settings-senders = 📤 Saqlangan joʻnatuvchilar
settings-recipients = 📥 Saqlangan qabul qiluvchilar
settings-logout = 🚪 BTS hisobidan chiqish
settings-logout-confirm = BTS hisobidan chiqasizmi? Login va parolingiz oʻchiriladi, buyurtmalar esa BTSda qoladi.
settings-senders-list = Saqlangan joʻnatuvchilar ({ $count ->
       *[other] { $count } ta
    }). Roʻyxatda birinchisi birinchi boʻlib taklif qilinadi:
settings-recipients-list = Saqlangan qabul qiluvchilar ({ $count ->
       *[other] { $count } ta
    }). Roʻyxatda birinchisi birinchi boʻlib taklif qilinadi:
settings-book-empty = Hali hech kim saqlanmagan: joʻnatuvchilar va qabul qiluvchilar buyurtma yaratilganda saqlanadi.
settings-contact-card = <b>{ $name }</b>
    { $phone }
    { $details }
settings-contact-rename = { $name } uchun yangi nom yozing:
settings-contact-renamed = Nomi «{ $name }» deb oʻzgartirildi.
settings-contact-deleted = { $name } oʻchirildi.
settings-contact-default = Endi birinchi boʻlib { $name } taklif qilinadi.
settings-contact-gone = Bu yozuv endi mavjud emas.
btn-rename = ✏️ Nomini oʻzgartirish
btn-make-default = ⭐ Birinchi qilish
btn-delete = 🗑 Oʻchirish
notify-title = 🔔 <b>Bildirishnomalar</b>. Oʻzgartirish uchun bosing:
notify-all = Holat oʻzgarganda xabar berish
notify-final-only = Faqat yetkazilganda va qaytarilganda
notify-quiet = Tungi soatlar { $start }–{ $end } (xabarlar ertalab keladi)
notify-quiet-off = Tungi soatlar: oʻchiq
notify-stalled = Posilka { $days ->
       *[other] { $days } kun
    } harakatlanmasa, xabar berish
notify-stalled-off = Harakatsiz posilkalar haqida xabar: oʻchiq
