## Formatting
money = { $amount } so'm
weight-kg = { $kg } kg

## Start, language, role
start-choose-language = 🇺🇿 Tilni tanlang · 🇷🇺 Выберите язык · 🇬🇧 Choose your language
language-set = Til: o'zbekcha.
start-choose-role = Botdan qanday foydalanasiz?
role-seller = 📦 Men jo'nataman
role-customer = 🔎 Posilkamni kuzataman
welcome-seller = Xush kelibsiz! Buyurtma yaratish va boshqarish uchun BTS API hisobingiz bilan kiring.
welcome-customer = Posilka shtrix-kodini yuboring (masalan, <code>60000006106</code>), qayerdaligini ko'rsataman.
menu-title = Asosiy menyu. Quyidan amalni tanlang.

## Main menu (reply keyboard)
menu-new-order = ➕ Yangi buyurtma
menu-my-orders = 📋 Buyurtmalarim
menu-price = 💰 Narx
menu-branches = 🏢 Filiallar
menu-track = 🔎 Kuzatish
menu-settings = ⚙️ Sozlamalar
menu-help = ❓ Yordam
menu-my-parcels = 📦 Posilkalarim
menu-login = 🔐 Sotuvchi sifatida kirish

## Commands (setMyCommands)
cmd-start = Boshidan boshlash
cmd-help = Bot nima qila oladi
cmd-cancel = Joriy amalni bekor qilish
cmd-language = Tilni o'zgartirish
cmd-logout = BTS kirishimni unutish
cmd-track = Posilkani kuzatish

## Help
help-text =
    <b>BTS Express boti</b>

    <b>Sotuvchilar</b> BTS API hisobi (login, parol, kompaniya STIR) bilan kiradi, so'ng:
    • ➕ Yangi buyurtma: qadamma-qadam, tasdiqlashdan oldin narxi bilan;
    • 📋 Buyurtmalarim: ro'yxat, qidiruv, holat, tarix, tahrirlash, bekor qilish, yorliq;
    • 💰 Narx: ikki shahar orasidagi yetkazib berish narxi.

    <b>Hamma</b> posilkani shtrix-kodi bo'yicha kuzatishi va eng yaqin BTS filialini topishi mumkin.

    /cancel joriy amalni to'xtatadi, /language tilni o'zgartiradi, /start boshidan boshlaydi.

## Common buttons
btn-back = ◀️ Orqaga
btn-cancel = ✖️ Bekor qilish
btn-skip = ⏭ O'tkazib yuborish
btn-yes = ✅ Ha
btn-no = ❌ Yo'q
btn-menu = 🏠 Asosiy menyu
btn-confirm = ✅ Tasdiqlash
btn-next = Keyingi ▶️
btn-prev = ◀️ Oldingi

## Common answers
cancelled = Bekor qilindi. Keyin nima qilamiz?
nothing-to-cancel = Bekor qiladigan narsa yo'q. Mana menyu.
stale-button = Bu tugma tugagan qadamga tegishli. Mana menyu.
not-your-order = Bu buyurtma sizning ro'yxatingizda yo'q.
unknown-input = Tushunmadim. Menyudan amalni tanlang yoki posilka shtrix-kodini yuboring.
unknown-media = Bu yerda buni ishlata olmayman. Matn yoki tugmalar bilan javob bering.
working = ⏳ Bir daqiqa…
expected-text = Iltimos, matn yuboring.

## Login
login-ask-username = BTS API <b>login</b>ingizni kiriting:
login-ask-password = Endi <b>parol</b>. Xabaringizni darhol o'chiraman va parolni shifrlangan holda saqlayman.
login-ask-inn = Kompaniya <b>STIR</b>i (INN, 9 ta raqam):
login-inn-invalid = STIR aynan 9 ta raqamdan iborat, masalan <code>123456789</code>. Qaytadan kiriting:
login-username-invalid = Login bo'sh yoki 128 belgidan uzun bo'lishi mumkin emas. Qaytadan kiriting:
login-checking = ⏳ BTS'da tekshiryapman…
login-ok = ✅ <b>{ $username }</b> sifatida kirdingiz (STIR { $inn }).
login-wrong = ❌ BTS login yoki parolni qabul qilmadi. Qaytadan urinib ko'ramiz: loginni kiriting.
login-wrong-inn = ❌ BTS bu hisob uchun STIR noto'g'ri deyapti. STIRni qaytadan kiriting:
login-required = Avval sotuvchi sifatida kiring.
logout-done = BTS kirishingiz unutildi. Hech qanday maxfiy ma'lumot saqlanmadi.
logout-not-logged = Siz tizimga kirmagansiz.

## Upstream errors
error-unavailable = BTS hozir javob bermayapti. Bir daqiqadan so'ng qayta urinib ko'ring.
error-rate-limited = BTS sekinroq ishlashni so'ramoqda. { $seconds } soniyadan so'ng qayta urinib ko'ring.
error-auth = BTS kirishingizni qabul qilmadi. Qaytadan kiring: /start → Men jo'nataman.
error-forbidden = BTS rad etdi: { $reason }
error-not-found = BTS buni topmadi.
error-bad-response = BTS tushunarsiz javob berdi. Keyinroq urinib ko'ring.
error-validation = BTS ba'zi maydonlarni qabul qilmadi:
error-validation-field = • <b>{ $field }</b>: { $message }
error-unknown = Bizda nimadir xato ketdi. Xato yozib olindi; qayta urinib ko'ring.
error-fix-field = ✏️ Tuzatish: { $field }
