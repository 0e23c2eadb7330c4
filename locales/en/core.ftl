## Formatting
money = { $amount } UZS
weight-kg = { $kg } kg

## Start, language, role
start-choose-language = 🇺🇿 Tilni tanlang · 🇷🇺 Выберите язык · 🇬🇧 Choose your language
language-set = Language: English.
start-choose-role = How will you use the bot?
role-seller = 📦 I send parcels
role-customer = 🔎 I track a parcel
welcome-seller = Welcome! Log in with your BTS API account to create and manage orders.
welcome-customer = Send me a parcel barcode (for example <code>60000006106</code>) and I will show where it is.
menu-title = Main menu. Choose an action below.

## Main menu (reply keyboard)
menu-new-order = ➕ New order
menu-my-orders = 📋 My orders
menu-price = 💰 Price
menu-branches = 🏢 Branches
menu-track = 🔎 Track
menu-settings = ⚙️ Settings
menu-help = ❓ Help
menu-my-parcels = 📦 My parcels
menu-login = 🔐 Log in as a seller

## Commands (setMyCommands)
cmd-start = Start over
cmd-help = What this bot can do
cmd-cancel = Cancel the current action
cmd-language = Change the language
cmd-logout = Log out of BTS
cmd-track = Track a parcel

## Help
help-text =
    <b>BTS Express bot</b>

    <b>Sellers</b> log in with the BTS API account (username, password, company INN), then:
    • ➕ New order: step by step, with the price before you confirm;
    • 📋 My orders: list, search, status, history, edit, cancel, label;
    • 💰 Price: delivery cost between two cities.

    <b>Everyone</b> can track a parcel by its barcode and find the nearest BTS branch.

    /cancel stops the current action, /language changes the language, /start starts over.

## Common buttons
btn-back = ◀️ Back
btn-cancel = ✖️ Cancel
btn-skip = ⏭ Skip
btn-yes = ✅ Yes
btn-no = ❌ No
btn-menu = 🏠 Main menu
btn-confirm = ✅ Confirm
btn-next = Next ▶️
btn-prev = ◀️ Prev

## Common answers
cancelled = Cancelled. What next?
nothing-to-cancel = Nothing to cancel. Here is the menu.
stale-button = This button belongs to an earlier step that is over. Here is the menu.
not-your-order = This order is not in your list.
unknown-input = I did not understand that. Choose an action in the menu or send a parcel barcode.
unknown-media = I can't use this here. Please answer with text or use the buttons.
working = ⏳ One moment…
expected-text = Please send text here.

## Login
login-ask-username = Enter your BTS API <b>username</b>:
login-ask-password = Now the <b>password</b>. I will delete your message right away and store the password encrypted.
login-ask-inn = Company <b>INN</b> (9 digits):
login-inn-invalid = The INN must be exactly 9 digits, for example <code>123456789</code>. Try again:
login-username-invalid = The username can't be empty or longer than 128 characters. Try again:
login-checking = ⏳ Checking with BTS…
login-ok = ✅ Logged in as <b>{ $username }</b> (INN { $inn }).
login-wrong = ❌ BTS did not accept this username or password. Let's try again: enter the username.
login-wrong-inn = ❌ BTS says the INN is wrong for this account. Enter the INN again:
login-required = Please log in as a seller first.
logout-done = You are logged out of BTS: your username and password are deleted.
logout-not-logged = You are not logged in.

## Upstream errors
error-unavailable = BTS is not answering right now. Please try again in a minute.
error-rate-limited = BTS asks us to slow down. Please try again in { $seconds ->
        [one] { $seconds } second
       *[other] { $seconds } seconds
    }.
error-auth = BTS did not accept your login. Please log in again: /start → “I send parcels”.
error-forbidden = BTS refused this action: { $reason }
error-not-found = BTS could not find it.
error-bad-response = BTS answered with something unreadable. Please try again later.
error-validation = BTS did not accept some fields:
error-validation-field = • <b>{ $field }</b>: { $message }
error-unknown = Something went wrong on our side. It is logged; please try again.
error-fix-field = ✏️ Fix: { $field }
keyboard-back = ↩️ One step back.
keyboard-got-it = ✅ Got it.
cmd-resume = Back to the unfinished order
