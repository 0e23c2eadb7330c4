## Formatting
money = { $amount } soʻm
weight-kg = { $kg } kg

## Start, language, role
start-choose-language = 🇺🇿 Tilni tanlang · 🇷🇺 Выберите язык · 🇬🇧 Choose your language
language-set = Til: oʻzbekcha.
start-choose-role = Botdan qanday foydalanasiz?
role-seller = 📦 Posilka joʻnataman
role-customer = 🔎 Posilkamni kuzataman
welcome-seller = Xush kelibsiz! Buyurtma yaratish va ularni boshqarish uchun BTS API hisobingiz bilan kiring.
welcome-customer = Posilkaning shtrix-kodini yuboring (masalan, <code>60000006106</code>), qayerdaligini koʻrsataman.
menu-title = Asosiy menyu. Pastdagi tugmalardan birini tanlang.

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
cmd-help = Bot nimalar qila oladi
cmd-cancel = Joriy amalni bekor qilish
cmd-language = Tilni oʻzgartirish
cmd-logout = BTS hisobidan chiqish
cmd-track = Posilkani kuzatish

## Help
help-text =
    <b>BTS Express boti</b>

    <b>Sotuvchilar</b> BTS API hisobi (login, parol, kompaniya STIRi) bilan kiradi, soʻng:
    • ➕ Yangi buyurtma: qadamma-qadam, tasdiqlashdan oldin narxi koʻrsatiladi;
    • 📋 Buyurtmalarim: roʻyxat, qidiruv, holat, tarix, tahrirlash, bekor qilish, yorliq;
    • 💰 Narx: ikki shahar orasida yetkazib berish narxi.

    <b>Hamma</b> posilkani shtrix-kodi boʻyicha kuzatishi va eng yaqin BTS filialini topishi mumkin.

    /cancel joriy amalni toʻxtatadi, /language tilni oʻzgartiradi, /start boshidan boshlaydi.

## Common buttons
btn-back = ◀️ Orqaga
btn-cancel = ✖️ Bekor qilish
btn-skip = ⏭ Oʻtkazib yuborish
btn-yes = ✅ Ha
btn-no = ❌ Yoʻq
btn-menu = 🏠 Asosiy menyu
btn-confirm = ✅ Tasdiqlash
btn-next = Keyingi ▶️
btn-prev = ◀️ Oldingi

## Common answers
cancelled = Bekor qilindi. Endi nima qilamiz?
nothing-to-cancel = Bekor qiladigan hech narsa yoʻq. Mana menyu.
stale-button = Bu tugma tugagan qadamga tegishli. Mana menyu.
not-your-order = Bu buyurtma roʻyxatingizda yoʻq.
unknown-input = Tushunmadim. Menyudan amalni tanlang yoki posilkaning shtrix-kodini yuboring.
unknown-media = Bu yerda buni qabul qila olmayman. Matn yozing yoki tugmalardan foydalaning.
working = ⏳ Bir daqiqa…
expected-text = Iltimos, matn yuboring.

## Login
login-ask-username = BTS API <b>loginingizni</b> kiriting:
login-ask-password = Endi <b>parolni</b> kiriting. Xabaringizni darhol oʻchiraman, parol shifrlangan holda saqlanadi.
login-ask-inn = Kompaniyaning <b>STIRi</b> (INN, 9 ta raqam):
login-inn-invalid = STIR 9 ta raqamdan iborat, masalan <code>123456789</code>. Qaytadan kiriting:
login-username-invalid = Login boʻsh boʻlmasligi va 128 belgidan oshmasligi kerak. Qaytadan kiriting:
login-checking = ⏳ BTSda tekshiryapman…
login-ok = ✅ <b>{ $username }</b> sifatida kirdingiz (STIR { $inn }).
login-wrong = ❌ BTS login yoki parolni qabul qilmadi. Qaytadan urinib koʻramiz: loginni kiriting.
login-wrong-inn = ❌ BTS maʼlumotiga koʻra, bu STIR hisobingizga mos emas. STIRni qaytadan kiriting:
login-required = Avval sotuvchi sifatida kiring.
logout-done = BTS hisobidan chiqdingiz: login va parolingiz oʻchirildi.
logout-not-logged = Siz hali kirmagansiz.

## Upstream errors
error-unavailable = BTS hozir javob bermayapti. Bir daqiqadan keyin qayta urinib koʻring.
error-rate-limited = BTS soʻrovlarni kamaytirishni soʻradi. { $seconds ->
        [one] Bir soniyadan
       *[other] { $seconds } soniyadan
    } keyin qayta urinib koʻring.
error-auth = BTS hisobingizni qabul qilmadi. Qaytadan kiring: /start → «Posilka joʻnataman».
error-forbidden = BTS rad etdi: { $reason }
error-not-found = BTS buni topmadi.
error-bad-response = BTS tushunarsiz javob qaytardi. Keyinroq urinib koʻring.
error-validation = BTS ayrim maydonlarni qabul qilmadi:
error-validation-field = • <b>{ $field }</b>: { $message }
error-unknown = Bizda nimadir xato ketdi. Xato qayd etildi, qayta urinib koʻring.
error-fix-field = ✏️ Tuzatish: { $field }
keyboard-back = ↩️ Bir qadam orqaga.
keyboard-got-it = ✅ Qabul qilindi.
cmd-resume = Tugallanmagan buyurtmaga qaytish
