## Formatting
money = { $amount } сум
weight-kg = { $kg } кг

## Start, language, role
start-choose-language = 🇺🇿 Tilni tanlang · 🇷🇺 Выберите язык · 🇬🇧 Choose your language
language-set = Язык: русский.
start-choose-role = Как вы будете пользоваться ботом?
role-seller = 📦 Отправляю посылки
role-customer = 🔎 Отслеживаю посылку
welcome-seller = Добро пожаловать! Войдите с учётной записью BTS API, чтобы создавать заказы и управлять ими.
welcome-customer = Пришлите штрихкод посылки (например, <code>60000006106</code>), и я покажу, где она.
menu-title = Главное меню. Выберите действие кнопками ниже.

## Main menu (reply keyboard)
menu-new-order = ➕ Новый заказ
menu-my-orders = 📋 Мои заказы
menu-price = 💰 Цена
menu-branches = 🏢 Филиалы
menu-track = 🔎 Отследить
menu-settings = ⚙️ Настройки
menu-help = ❓ Помощь
menu-my-parcels = 📦 Мои посылки
menu-login = 🔐 Войти как продавец

## Commands (setMyCommands)
cmd-start = Начать сначала
cmd-help = Что умеет бот
cmd-cancel = Отменить текущее действие
cmd-language = Сменить язык
cmd-logout = Выйти из аккаунта BTS
cmd-track = Отследить посылку

## Help
help-text =
    <b>Бот BTS Express</b>

    <b>Продавцы</b> входят с учётной записью BTS API (логин, пароль, ИНН компании), затем:
    • ➕ Новый заказ: по шагам, с ценой до подтверждения;
    • 📋 Мои заказы: список, поиск, статус, история, изменение, отмена, этикетка;
    • 💰 Цена: стоимость доставки между двумя городами.

    <b>Все</b> могут отследить посылку по штрихкоду и найти ближайший филиал BTS.

    /cancel отменяет текущее действие, /language меняет язык, /start начинает сначала.

## Common buttons
btn-back = ◀️ Назад
btn-cancel = ✖️ Отмена
btn-skip = ⏭ Пропустить
btn-yes = ✅ Да
btn-no = ❌ Нет
btn-menu = 🏠 Главное меню
btn-confirm = ✅ Подтвердить
btn-next = Далее ▶️
btn-prev = ◀️ Назад

## Common answers
cancelled = Отменено. Что дальше?
nothing-to-cancel = Отменять нечего. Вот меню.
stale-button = Эта кнопка относится к завершённому шагу. Вот меню.
not-your-order = Этого заказа нет в вашем списке.
unknown-input = Не понял вас. Выберите действие в меню или пришлите штрихкод посылки.
unknown-media = Здесь такое не подойдёт. Ответьте текстом или нажмите кнопку.
working = ⏳ Минуточку…
expected-text = Пожалуйста, отправьте текст.

## Login
login-ask-username = Введите <b>логин</b> BTS API:
login-ask-password = Теперь <b>пароль</b>. Я сразу удалю ваше сообщение, а пароль сохраню в зашифрованном виде.
login-ask-inn = <b>ИНН</b> компании (9 цифр):
login-inn-invalid = ИНН — ровно 9 цифр, например <code>123456789</code>. Попробуйте ещё раз:
login-username-invalid = Логин не может быть пустым или длиннее 128 символов. Попробуйте ещё раз:
login-checking = ⏳ Проверяю в BTS…
login-ok = ✅ Вы вошли как <b>{ $username }</b> (ИНН { $inn }).
login-wrong = ❌ BTS не принял логин или пароль. Попробуем ещё раз: введите логин.
login-wrong-inn = ❌ BTS сообщает, что ИНН не подходит к этой учётной записи. Введите ИНН ещё раз:
login-required = Сначала войдите как продавец.
logout-done = Вы вышли из аккаунта BTS: логин и пароль удалены.
logout-not-logged = Вы ещё не входили.

## Upstream errors
error-unavailable = BTS сейчас не отвечает. Попробуйте через минуту.
error-rate-limited = BTS просит не спешить. Попробуйте через { $seconds ->
        [one] { $seconds } секунду
        [few] { $seconds } секунды
       *[other] { $seconds } секунд
    }.
error-auth = BTS не принял ваши данные для входа. Войдите снова: /start → «Отправляю посылки».
error-forbidden = BTS отказал: { $reason }
error-not-found = В BTS такого не нашлось.
error-bad-response = BTS прислал непонятный ответ. Попробуйте позже.
error-validation = BTS не принял некоторые поля:
error-validation-field = • <b>{ $field }</b>: { $message }
error-unknown = У нас что-то пошло не так. Мы записали ошибку; попробуйте ещё раз.
error-fix-field = ✏️ Исправить: { $field }
keyboard-back = ↩️ Шаг назад.
keyboard-got-it = ✅ Принято.
cmd-resume = Вернуться к незаконченному заказу
