## The database stayed locked by another process past the busy timeout
error-busy = ⏳ I'm busy saving other work right now. Please send that again in a minute.
## The busy seller's tools: bulk orders, label sheets, the COD ledger, exports, scanning, inline

menu-tools = 🧰 Tools
cmd-tools = Tools: spreadsheets, labels, cash on delivery
cmd-bulk = Orders from a spreadsheet
cmd-cod = Cash on delivery: summary and exports

hub-title = 🧰 <b>Tools for many parcels</b>
    What would you like to do?
hub-bulk = 📥 Orders from a spreadsheet
hub-labels-today = 🏷 Today's labels (one PDF)
hub-labels-active = 🏷 Labels of orders on their way (one PDF)
hub-ledger = 💵 Cash on delivery and exports
hub-international = 🌍 New international parcel
hub-manifests = 📑 Manifests
hub-scan = 📷 Track from a photo
scan-how = 📷 Send a photo of a label or a screenshot with a barcode or QR code — I'll read it and show where the parcel is.

## Columns of the spreadsheet (the -alt lines list other titles we also accept, comma-separated)
bulk-col-name = Receiver
bulk-col-name-alt = Name, Full name, Receiver name
bulk-col-phone = Phone
bulk-col-phone-alt = Phone number, Receiver phone, Mobile
bulk-col-phone2 = Second phone
bulk-col-phone2-alt = Phone 2, Extra phone
bulk-col-city = City or district
bulk-col-city-alt = City, District, Town
bulk-col-branch = BTS branch
bulk-col-branch-alt = Branch, BTS branch
bulk-col-address = Address
bulk-col-address-alt = Street, Delivery address
bulk-col-weight = Weight, kg
bulk-col-weight-alt = Weight, kg
bulk-col-cod = Cash on delivery, UZS
bulk-col-cod-alt = COD, Cash on delivery
bulk-col-comment = Comment
bulk-col-comment-alt = Note, Notes

bulk-example-name = Odil Ahmedov
bulk-example-phone = +998 90 123 45 67
bulk-example-phone2 = {""}
bulk-example-city = Samarqand
bulk-example-branch = {""}
bulk-example-address = Registon street 5, apt 12
bulk-example-weight = 1.5
bulk-example-cod = 150000
bulk-example-comment = Call before delivery

bulk-note-name = Required. The receiver's full name.
bulk-note-phone = Required. An Uzbek number: +998 90 123 45 67 or 90 123 45 67.
bulk-note-phone2 = Optional.
bulk-note-city = Required. The city or district, in any spelling: Samarqand, Самарканд, Samarkand.
bulk-note-branch = Optional. Fill it to deliver to a BTS branch (its name or number); leave it empty for courier delivery.
bulk-note-address = Required for courier delivery.
bulk-note-weight = Required. In kilograms: 0.5, 1.5, 12.
bulk-note-cod = Optional. The amount the courier collects; leave empty or 0 when already paid.
bulk-note-comment = Optional. Shown to the courier.

bulk-intro = 📥 <b>Orders from a spreadsheet</b>
    Send me an XLSX or CSV file with one order per row (up to { $limit } rows). The first row holds the column titles — download the template below to see them.
    I'll check every row, show what needs fixing, and price the rest. Nothing is created until you confirm.
    The sender is the one from your latest order.
bulk-btn-template-xlsx = 📄 Template (Excel)
bulk-btn-template-csv = 📄 Template (CSV)
bulk-template-caption = Fill in one order per row and send the file back here.
bulk-send-file = Please send the spreadsheet as a file (XLSX or CSV).
bulk-too-big = This file is too big. Please send at most 5 MB.
bulk-summary-title = 📄 <b>{ $file }</b>: { $rows ->
        [one] { $rows } row
       *[other] { $rows } rows
    }
bulk-summary-valid = ✅ Ready to create: { $count ->
        [one] { $count } order
       *[other] { $count } orders
    }, delivery { $sum } in total.
bulk-summary-invalid = ❌ { $count ->
        [one] One row needs fixing:
       *[other] { $count } rows need fixing:
    }
bulk-row-problem = • Row { $row }: { $problems }
bulk-more-problems = …and { $count ->
        [one] { $count } more row
       *[other] { $count } more rows
    }. Fix them in the file and send it again.
bulk-problem-missing = { $column } is empty
bulk-problem-too-long = { $column } is too long
bulk-problem-phone = { $column } “{ $value }” is not an Uzbek phone number
bulk-problem-city = no city or district called “{ $value }”
bulk-problem-branch = no BTS branch “{ $value }” in that city
bulk-problem-address = the address is empty (fill it in, or name a branch)
bulk-problem-weight = weight “{ $value }” should be a number of kilograms, e.g. 1.5
bulk-problem-cod = cash on delivery “{ $value }” should be an amount in UZS, e.g. 150000
bulk-problem-no-receipt-good = cash on delivery needs a product registered for electronic receipts — register one in a new order first
bulk-problem-route = BTS does not deliver this route { $value }
bulk-btn-create = ✅ Create { $count ->
        [one] { $count } order
       *[other] { $count } orders
    }
bulk-missing-columns = I can't find these columns in the first row: { $columns }. Please use the template's titles.
bulk-dropped = Import cancelled. Nothing was created.
bulk-already-started = These orders are already being created.
bulk-progress = ⏳ Created { $done } of { $total ->
        [one] { $total } order
       *[other] { $total } orders
    }…
bulk-done = ✅ Done: { $created } of { $total ->
        [one] { $total } order
       *[other] { $total } orders
    } created.
bulk-done-failed = ❌ BTS refused { $count ->
        [one] { $count } order
       *[other] { $count } orders
    }.
bulk-done-unsure = ⚠️ { $count ->
        [one] { $count } order
       *[other] { $count } orders
    } may have been created: please check them.
bulk-btn-labels = 🏷 Labels (one PDF)
bulk-btn-problems = ❗ Rows with problems
bulk-no-problems = No rows with problems.
bulk-problems-title = <b>Rows that were not created</b>
bulk-row-failed = • Row { $row }: BTS refused — { $reason }
bulk-row-unsure = • Row { $row }: no answer from BTS — check it in your BTS account
bulk-btn-retry = 🔁 Resend refused rows, look up unsure ones
bulk-error = Something is wrong with this spreadsheet.
bulk-unreadable = I can't read this file. Please send an XLSX or CSV file.
bulk-too-many = Too many rows: please split the file into parts of up to 2000 rows.
bulk-empty = The file has no orders: the first row is the titles, then one order per row.
bulk-no-sender = I don't know your sender details yet: create one order by hand first, then send the spreadsheet.
bulk-not-found = This import is not found.

labels-none = No orders to print labels for.
labels-caption = 🏷 { $count ->
        [one] { $count } label
       *[other] { $count } labels
    }, { $pages ->
        [one] { $pages } page
       *[other] { $pages } pages
    }.

## Cash on delivery
ledger-period-today = Today
ledger-period-7 = 7 days
ledger-period-30 = 30 days
ledger-period-month = This month
ledger-title = 💵 <b>Cash on delivery</b>, { $start } – { $end }
ledger-delivered = ✅ Delivered: { $count ->
        [one] { $count } parcel
       *[other] { $count } parcels
    }, { $amount } collected by BTS
ledger-awaiting = ⏳ Awaiting delivery: { $count ->
        [one] { $count } parcel
       *[other] { $count } parcels
    }, { $amount }
ledger-returned = ↩️ Returned or cancelled: { $count ->
        [one] { $count } parcel
       *[other] { $count } parcels
    }
ledger-online = 💳 Paid online (Yandex Pay): { $count ->
        [one] { $count } parcel
       *[other] { $count } parcels
    }, { $amount }
ledger-hint = Pick a period or type one, e.g. { -example-period }. Exports below cover the same period.
ledger-bad-period = I didn't understand the period. Type it like { -example-period } (at most a year).
ledger-state-delivered = Delivered
ledger-state-awaiting = Awaiting delivery
ledger-state-returned = Returned
export-btn = ⬇️ { $kind } { $format }
export-kind-orders = Orders
export-kind-cod = Cash on delivery
export-kind-payments = Payments
export-caption = { $kind }: { $count ->
        [one] { $count } row
       *[other] { $count } rows
    }.
export-col-barcode = Barcode
export-col-created = Created
export-col-receiver = Receiver
export-col-phone = Phone
export-col-city = City
export-col-cost = Delivery, UZS
export-col-cod = Cash on delivery, UZS
export-col-status = Status
export-col-state = State
export-col-settled = Delivered or returned
export-col-amount = Amount, UZS

## Barcodes from a photo
scan-too-big = This picture is too big. Please send a smaller one.
scan-nothing = I couldn't find a barcode in this picture. Take it closer and straight on, with the whole code in view — or type the number.

## Inline mode
inline-open-bot = Open the bot
inline-unknown-title = { $barcode }: not found
inline-unknown-description = Check the number and try again
inline-card-title = 📦 Parcel { $barcode }
inline-card-receiver = Receiver: { $name }, { $city }
inline-card-cod = Cash on delivery: { $amount }
inline-pay-title = 💳 Payment link: { $amount }
inline-pay-description = For parcel { $barcode }
inline-pay-card = 💳 Payment for parcel <code>{ $barcode }</code>: { $amount }. Tap the button to pay.

## International parcels
intl-title = 🌍 <b>New international parcel</b>
intl-ask-parcel-number = Parcel number (your own number for this parcel, letters and digits):
intl-ask-surname = Receiver's surname (as in the passport):
intl-ask-first-name = Receiver's first name:
intl-ask-patronymic = Patronymic (or Skip):
intl-ask-passport = Passport series and number, e.g. <code>AC 1234567</code>. I'll delete your message and keep it encrypted.
intl-ask-pinfl = PINFL — the 14-digit personal number from the passport. I'll delete your message and keep it encrypted.
intl-saved-masked = 🔒 Saved: { $value }
intl-ask-phone = Receiver's phone number:
intl-ask-phone2 = A local phone number (or Skip):
intl-ask-customs = Has the receiver agreed to customs clearance?
intl-ask-weight = Parcel weight in kg, e.g. 4 or 2.5:
intl-ask-value = Declared value of the parcel (a number; or Skip):
intl-ask-currency = Currency of the declared value:
intl-ask-delivery = How does the receiver get it?
intl-delivery-door = 🚚 Courier to the door
intl-delivery-branch = 🏢 Collect at a BTS branch
intl-ask-city = Receiver's city or district (type its name):
intl-city-pick = Choose the city or district:
intl-city-not-found = No such city or district. Try another spelling.
intl-ask-branch = Choose the BTS branch:
intl-no-branches = This city has no BTS branch. Go back and choose courier delivery or another city.
intl-ask-address = Receiver's address (street, house, flat):
intl-ask-p-desc = 📦 <b>Product</b>: description in Uzbek:
intl-ask-p-desc-ru = Description in Russian:
intl-ask-p-qty = Quantity:
intl-ask-p-weight = Net weight in kg:
intl-ask-p-value = Declared value of one item:
intl-ask-p-url = Link to the product (a web address):
intl-ask-p-unit = Unit of the product:
intl-ask-p-hs = HS code (6–10 digits), e.g. 6211390000:
intl-ask-p-model = Model (or Skip):
intl-ask-p-imei = IMEI, for phones (15 digits; or Skip):
intl-products-so-far = In the parcel: { $count ->
        [one] { $count } product
       *[other] { $count } products
    }
intl-add-product = ➕ Add another product
intl-need-product = Add at least one product.
intl-invalid-parcel-number = Use letters, digits and dashes only (up to 64).
intl-invalid-name = Please type the name in letters (up to 100 characters).
intl-invalid-text = Please type a short text.
intl-invalid-address = Please type the address (up to 255 characters).
intl-invalid-passport = That doesn't look like a passport: two Latin letters and seven digits, e.g. AC 1234567.
intl-invalid-pinfl = That PINFL is not valid: 14 digits, as printed in the passport. Please check every digit.
intl-invalid-weight = Please type the weight in kg, e.g. 2.5.
intl-invalid-money = Please type an amount, e.g. 120 or 99.90.
intl-invalid-quantity = Please type a quantity, e.g. 2.
intl-invalid-currency = Choose a currency with the buttons.
intl-invalid-branch = Choose a branch with the buttons.
intl-invalid-url = Please send a web address, e.g. https://shop.example/item/1.
intl-invalid-unit = Choose a unit with the buttons.
intl-invalid-hs = The HS code is 6 to 10 digits.
intl-invalid-imei = IMEI is 15 digits (14–16 accepted).
intl-summary-title = 🌍 <b>International parcel { $number }</b>
intl-summary-receiver = 👤 { $name }, { $phone }
intl-summary-documents = 🪪 Passport { $passport }, PINFL { $pinfl }
intl-summary-branch = 🏢 { $city }, branch { $branch }
intl-summary-door = 🚚 { $city }, { $address }
intl-summary-parcel = ⚖️ { $weight }, value { $value }
intl-summary-customs-yes = ✅ Customs clearance agreed
intl-summary-customs-no = ⚠️ Customs clearance not agreed
intl-summary-products = 📦 { $count ->
        [one] { $count } product
       *[other] { $count } products
    }
intl-step-parcel_number = Parcel number
intl-step-surname = Surname
intl-step-first_name = First name
intl-step-patronymic = Patronymic
intl-step-passport = Passport
intl-step-pinfl = PINFL
intl-step-phone = Phone
intl-step-phone2 = Local phone
intl-step-customs = Customs consent
intl-step-weight = Weight
intl-step-value = Value
intl-step-currency = Currency
intl-step-delivery = Delivery
intl-step-city = City
intl-step-address = Address
intl-which-field = What would you like to change?
intl-incomplete = Some answers are missing. Please change the empty fields.
intl-creating = ⏳ Sending the parcel to BTS…
intl-create-unsure = ⚠️ BTS did not answer in time. The parcel may have been created: check it in your BTS account before sending it again.
intl-create-in-progress = This parcel is already being sent.
intl-created = ✅ International parcel { $number } created.
    Passport { $passport }, PINFL { $pinfl }.
    Add it to a manifest in 🧰 Tools → 📑 Manifests.
intl-manifest-empty = There are no parcels for a manifest: create international parcels first.
intl-manifest-exists = A manifest with this number already exists.
intl-parcel-exists = A parcel with this number already exists.
intl-created-barcode = Barcode: <code>{ $barcode }</code>. I'll tell you when its status changes.
intl-awaiting-barcode = ⏳ Waiting for the BTS barcode. When BTS gives the parcel its label, tap “🏷 Add the BTS barcode” and type the code or send a photo of the label. Then I'll follow the parcel and tell you when its status changes.
btn-add-barcode = 🏷 Add the BTS barcode
intl-ask-barcode = Type the BTS barcode of parcel { $number } — the digits under the bars on its label, e.g. <code>01000865704</code> — or send a photo of the label.
intl-barcode-invalid = That doesn't look like a BTS barcode: it has 11, 12 or 15 digits (e.g. <code>01000865704</code>) or looks like <code>RR123456789UZ</code>. Type it again or send a photo of the label.
intl-barcode-several = The photo has several codes: { $barcodes }. Type the one that is this parcel's BTS barcode.
intl-barcode-taken = Barcode <code>{ $barcode }</code> already belongs to another order. Check the label and type this parcel's own barcode.
intl-barcode-unknown = BTS doesn't know barcode <code>{ $barcode }</code> in your account. Check the digits against the label and type it again.
intl-barcode-already = This parcel already has its barcode: <code>{ $barcode }</code>.
intl-barcode-saved = ✅ Barcode <code>{ $barcode }</code> saved. I'm following the parcel and will tell you when its status changes; your customer can track it by this barcode too.
intl-barcode-saved-unchecked = ✅ Barcode <code>{ $barcode }</code> saved. BTS isn't answering right now: I'll check the parcel shortly and tell you when its status changes.
intl-barcode-media = Please type the barcode or send a photo of the label.
order-card-intl-title = 🌍 <b>International parcel { $number }</b>
order-card-barcode = Barcode: <code>{ $barcode }</code>
order-card-awaiting-barcode = ⏳ Waiting for the BTS barcode: add it from the parcel's label.

## Manifests
manifests-title = 📑 <b>Manifests</b>
    Parcels not in a manifest yet: { $waiting }
manifests-line = • { $number } ({ $date }): { $sent } of { $count ->
        [one] { $count } parcel
       *[other] { $count } parcels
    } sent — { $state }
manifest-btn-new = ➕ New manifest with these parcels
manifest-btn-open = 📑 { $number }
manifest-ask-number = Manifest number:
manifest-bad-number = Please type the manifest number (up to 64 characters).
manifest-card = 📑 <b>Manifest { $number }</b>, { $date }
    { $count ->
        [one] { $count } parcel
       *[other] { $count } parcels
    }, sent: { $sent } — { $state }
manifest-state-draft = not sent yet
manifest-state-partial = partly sent
manifest-state-sent = sent
manifest-bts-said = BTS: { $message }
manifest-btn-send = 📤 Send to BTS

# A typed example, not a decimal number.
-example-period = 01.11.2026-30.11.2026
