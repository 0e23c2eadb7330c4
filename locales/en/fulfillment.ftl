# Fulfillment at the BTS warehouse (WMS)

settings-wms = 🏬 Fulfillment (BTS warehouse)
ff-hub-not-connected = 🏬 <b>Fulfillment</b>
    Keep your goods at the BTS warehouse and run it from here: products, suppliers, deliveries to the warehouse and orders for your customers.
    Connect your BTS Fulfillment account first.
ff-hub = 🏬 <b>Fulfillment</b> · account <code>{ $login }</code>
    What would you like to do?
ff-not-connected = Connect your BTS Fulfillment account first: Settings → 🏬 Fulfillment.
ff-btn-connect = 🔑 Connect account
ff-btn-disconnect = 🚪 Disconnect
ff-btn-products = 📦 Products
ff-btn-purveyors = 🏭 Suppliers
ff-btn-receivings = 🚚 Deliveries to the warehouse
ff-btn-orders = 🧾 Orders
ff-btn-new-order = ➕ New order
ff-btn-new-product = ➕ New product
ff-btn-new-purveyor = ➕ New supplier
ff-btn-new-receiving = ➕ New delivery
ff-btn-sync = 🔄 Refresh now
ff-btn-hub = 🏬 Fulfillment
ff-btn-search = 🔎 Search
ff-btn-refresh = 🔄 Refresh status
ff-btn-pay = 💳 Payment link
ff-btn-open-pay = 💳 Pay
ff-btn-confirm = ✅ Confirm
ff-btn-confirm-order = ✅ Create the order
ff-btn-change = ✏️ { $field }
ff-btn-add-product = ➕ Another product
ff-btn-items-done = ✅ That's all
ff-yes = yes
ff-no = no

ff-connect-ask-login = Your BTS Fulfillment login: the company INN (9 digits) or the phone number.
ff-connect-login-invalid = That is neither an INN (9 digits) nor a phone number. Try again, e.g. <code>305123456</code> or <code>+998 90 123 45 67</code>.
ff-connect-ask-password = The password. I will delete your message right after reading it.
ff-connect-wrong = BTS Fulfillment did not accept this login and password. Let's start again: your INN or phone number?
ff-connected = ✅ Account <code>{ $login }</code> connected. Products received from the warehouse: { $products }.
ff-disconnect-confirm = Disconnect the BTS Fulfillment account from this chat? Your data at the warehouse stays.
ff-disconnected = The account is disconnected and its password forgotten.
ff-synced = 🔄 Done: { $count ->
        [one] { $count } new or changed record
       *[other] { $count } new or changed records
    } received.
ff-stale = This button is out of date.
ff-use-buttons = Please use the buttons above.
ff-use-text = Please answer with text.

ff-error-auth = BTS Fulfillment no longer accepts your login. Connect the account again in Settings → 🏬 Fulfillment.
ff-error-unavailable = BTS Fulfillment is not answering right now. Nothing was lost: please try again in a minute.
ff-error-refused = BTS Fulfillment refused it: { $reason }
ff-create-unsure = The warehouse did not confirm it. It may have been saved: check the list after the next refresh before trying again.
ff-order-unsure = ⚠️ The warehouse did not confirm the order. It may have been created, so I will not send it again. Please check with BTS Fulfillment before creating it anew.
ff-invalid-draft = Some details are missing. Please complete them.
ff-unknown-order = This order is not among yours.
ff-unknown-product = This product is not in your list.

ff-invalid-empty = The answer is empty.
ff-invalid-long = Too long: at most { $limit } characters.
ff-invalid-code = A code without spaces, at most { $limit } characters.
ff-invalid-phone = That doesn't look like a phone number. Example: <code>+998 90 123 45 67</code>.
ff-invalid-inn = An INN is 9 digits.
ff-invalid-gtin = A barcode (GTIN) is 8 to 14 digits.
ff-invalid-zip = A postcode is 6 digits, e.g. <code>100200</code>.
ff-invalid-number = A number from { $low } to { $high }, please.
ff-invalid-count = A whole number from 1 to { $high }, please.
ff-invalid-date = A date like <code>{ -example-date }</code>, please.
ff-invalid-moment = A date and time like <code>{ -example-moment }</code>, please.
ff-invalid-past = That moment has passed. Choose a time in the future.
ff-invalid-discount = The discount cannot exceed the line amount ({ $gross }).
ff-found-several = Several match. Choose one:
ff-product-not-found = No product matches “{ $query }”. Try another name, code or barcode.
ff-product-gone = This product is no longer in your list.
ff-purveyor-not-found = No supplier matches “{ $query }”. Register it first (🏭 Suppliers → ➕ New supplier).
ff-purveyor-gone = This supplier is no longer in your list.
ff-day-today = Today
ff-day-tomorrow = Tomorrow
ff-when-tomorrow = Tomorrow, { $hour }
ff-when-after-tomorrow = The day after tomorrow, { $hour }

# products
ff-products = 📦 Your products: { $count ->
        [one] { $count } product
       *[other] { $count } products
    }
ff-products-found = 🔎 “{ $query }”: { $count ->
        [one] { $count } product found
       *[other] { $count } products found
    }
ff-products-empty = 📦 No products yet. Register one, or refresh if the warehouse has added some.
ff-ask-search-product = Type a name, code or barcode.
ff-product-card = 📦 <b>{ $name }</b>
    { $full_name }
    Code: <code>{ $code }</code> · barcode: <code>{ $gtin }</code>
    Article: { $article } · group: { $group }
    Unit: { $unit } · packaging: { $packaging }
    Shelf-life reserve: { $shelf_life } · storage days: { $storage_days } · temperature: { $temperature }
    Weight: { $weight } kg (net { $net_weight }) · volume: { $volume } m³ · set: { $is_set }
ff-product-new = ➕ <b>New product</b>. A few questions, then you check everything.
ff-ask-product-name = Product name?
ff-ask-product-name-short = Name
ff-ask-product-code = Your product code (SKU), without spaces?
ff-ask-product-code-short = Code
ff-ask-product-gtin = Barcode (GTIN, 8–14 digits)?
ff-ask-product-gtin-short = Barcode
ff-ask-product-group = Product group (e.g. Clothes)?
ff-ask-product-group-short = Group
ff-ask-product-unit = Unit of measure? Choose or type.
ff-ask-product-unit-short = Unit
ff-ask-product-weight = Weight of one unit in kg (e.g. <code>0.5</code>)?
ff-ask-product-weight-short = Weight
ff-ask-product-volume = Volume of one unit in m³ (e.g. <code>0.002</code>)?
ff-ask-product-volume-short = Volume
ff-ask-product-temperature = Storage temperature?
ff-ask-product-temperature-short = Temperature
ff-unit-piece = piece
ff-unit-kg = kg
ff-unit-litre = litre
ff-unit-box = box
ff-temp-normal = 🌡 normal
ff-temp-cold = ❄️ chilled
ff-temp-frozen = 🧊 frozen
ff-product-summary = 📦 <b>Check the product</b>
    Name: { $name }
    Code: <code>{ $code }</code> · barcode: <code>{ $gtin }</code>
    Group: { $group } · unit: { $unit }
    Weight: { $weight } · volume: { $volume } m³
    Temperature: { $temperature }
ff-product-registered = ✅ Product “{ $name }” registered at the warehouse (id { $id }).

# suppliers
ff-purveyors = 🏭 Your suppliers: { $count ->
        [one] { $count } supplier
       *[other] { $count } suppliers
    }
ff-purveyors-found = 🔎 “{ $query }”: { $count ->
        [one] { $count } supplier found
       *[other] { $count } suppliers found
    }
ff-purveyors-empty = 🏭 No suppliers yet.
ff-ask-search-purveyor = Type a name, code or INN.
ff-purveyor-card = 🏭 <b>{ $name }</b>
    { $full_name }
    Code: <code>{ $code }</code> · INN: <code>{ $inn }</code>
    Contact: { $contact }
    Address: { $address }
ff-purveyor-new = ➕ <b>New supplier</b>
ff-ask-purveyor-name = Supplier's short name?
ff-ask-purveyor-name-short = Name
ff-ask-purveyor-full-name = Full legal name (e.g. “Ipak Yo'li” LLC)?
ff-ask-purveyor-full-name-short = Full name
ff-ask-purveyor-code = Your code for this supplier, without spaces?
ff-ask-purveyor-code-short = Code
ff-ask-purveyor-inn = Supplier's INN (9 digits)?
ff-ask-purveyor-inn-short = INN
ff-ask-purveyor-contact = Contact phone?
ff-ask-purveyor-contact-short = Phone
ff-purveyor-summary = 🏭 <b>Check the supplier</b>
    { $name } ({ $full_name })
    Code: <code>{ $code }</code> · INN: { $inn }
    Phone: { $contact }
ff-purveyor-registered = ✅ Supplier “{ $name }” registered (id { $id }).

# deliveries to the warehouse (receiving goods)
ff-receivings = 🚚 Deliveries to the warehouse: { $count ->
        [one] { $count } delivery
       *[other] { $count } deliveries
    }
ff-receivings-empty = 🚚 No deliveries yet.
ff-receiving-line = <b>№{ $number }</b> · { $date } · { $state }
    { $counterparty }: { $nomenclature }, { $quantity ->
        [one] { $quantity } pc
       *[other] { $quantity } pcs
    }, { $sum }
ff-receiving-announced = 📝 announced
ff-receiving-recorded = 🗂 recorded by the warehouse
ff-receiving-accepted = ✅ accepted at the warehouse
ff-receiving-new = ➕ <b>New delivery to the warehouse</b>
ff-ask-receiving-number = Delivery number (your document number)?
ff-ask-receiving-number-short = Number
ff-ask-receiving-date = Delivery date? Choose or type, e.g. <code>{ -example-date }</code>.
ff-ask-receiving-date-short = Date
ff-ask-receiving-counterparty = Supplier? Choose or type a name.
ff-ask-receiving-counterparty-short = Supplier
ff-ask-receiving-vehicle = Vehicle model (e.g. Isuzu)?
ff-ask-receiving-vehicle-short = Vehicle
ff-ask-receiving-plate = Vehicle number plate?
ff-ask-receiving-plate-short = Plate
ff-ask-receiving-driver = Driver's full name?
ff-ask-receiving-driver-short = Driver
ff-ask-receiving-goods = What goods? Choose a product or type a description.
ff-ask-receiving-goods-short = Goods
ff-ask-receiving-quantity = Quantity (pieces)?
ff-ask-receiving-quantity-short = Quantity
ff-ask-receiving-price = Price per piece in UZS, VAT included?
ff-ask-receiving-price-short = Price
ff-ask-receiving-vat = VAT rate, %? Choose or type.
ff-ask-receiving-vat-short = VAT
ff-vat-0 = no VAT
ff-vat-12 = 12 %
ff-receiving-summary = 🚚 <b>Check the delivery</b>
    №{ $number } of { $date }
    Supplier: { $counterparty }
    Vehicle: { $vehicle } · driver: { $driver }
    Goods: { $nomenclature }
    { $quantity } × { $price }
    VAT { $vat } %: { $vat_amount }
    <b>Total: { $sum }</b>
ff-receiving-created = ✅ Delivery №{ $number } announced to the warehouse ({ $state }). I will tell you when the warehouse records and accepts it.

# fulfillment orders
ff-orders = 🧾 Your fulfillment orders: { $count ->
        [one] { $count } order
       *[other] { $count } orders
    }
ff-orders-empty = 🧾 No fulfillment orders yet.
ff-order-new = ➕ <b>New fulfillment order</b>: the warehouse picks, packs and ships your products to the customer.
ff-ask-order-name = Customer's full name?
ff-ask-order-name-short = Customer
ff-ask-order-phone = Customer's phone?
ff-ask-order-phone-short = Phone
ff-ask-order-city = Which city or district is the customer in?
ff-ask-order-city-short = City
ff-ask-order-address = Street, house, flat?
ff-ask-order-address-short = Address
ff-ask-order-zip = Postcode (6 digits)?
ff-ask-order-zip-short = Postcode
ff-ask-order-when = When should it be delivered? Choose or type, e.g. <code>{ -example-moment }</code>.
ff-ask-order-when-short = Time
ff-ask-order-product = Which product? Choose or type a name, code or barcode.
ff-ask-order-quantity = How many?
ff-ask-order-price = Price of one, in UZS?
ff-ask-order-discount = Discount on this line, in UZS?
ff-ask-order-more = { $lines }
    Total so far: <b>{ $sum }</b>
    Add another product?
ff-line = { $n }. { $name }: { $quantity } × { $price } − { $discount } = <b>{ $final }</b>
ff-order-summary = 🧾 <b>Check the order</b>
    Customer: { $name }, { $phone }
    Address: { $region }, { $city }, { $address } ({ $zip })
    Delivery: { $when }
    { $lines }
    <b>Total: { $sum }</b>
ff-order-created = ✅ Order №{ $id } sent to the warehouse.
ff-order-card = 🧾 <b>Order №{ $id }</b> · { $status }
    Customer: { $name }, { $phone }
    Address: { $region }, { $city }, { $address }
    Delivery: { $when }
    { $lines }
    <b>Total: { $sum }</b>
    Warehouse id: { $wms_id }
ff-order-state-sending = ⏳ being sent
ff-order-state-unsure = ⚠️ not confirmed by the warehouse
ff-order-state-failed = ❌ refused by the warehouse
ff-status-1 = 🆕 new
ff-status-2 = 🧺 being picked
ff-status-3 = 📦 packed
ff-status-4 = 🚚 loaded for delivery
ff-status-5 = 🗓 scheduled
ff-status-6 = ❌ cancelled
ff-status-7 = 🔓 reopened
ff-status-unknown = ❔ status unknown
ff-pay-purpose = Order №{ $id }
ff-pay-link = 💳 Payment link for order №{ $id }, { $amount }:
    { $url }
    Send it to the customer.

# pushes
push-ff-status = 🧾 Fulfillment order №{ $order_id }: { $code ->
        [1] 🆕 new
        [2] 🧺 being picked
        [3] 📦 packed
        [4] 🚚 loaded for delivery
        [5] 🗓 scheduled
        [6] ❌ cancelled
        [7] 🔓 reopened
       *[other] status { $code }
    }
push-ff-receiving = 🚚 Delivery №{ $number }: { $state ->
        [accepted] ✅ accepted at the warehouse (gate { $gate })
       *[recorded] 🗂 recorded by the warehouse
    }

# Typed examples, not decimal numbers.
-example-date = 25.12.2026
-example-moment = 25.12 14:00
