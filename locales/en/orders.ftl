## Buttons
btn-back-to-list = 📋 Back to the list
btn-cancel-order = ✖️ Cancel order
btn-change = ✏️ Change a field
btn-clear-items = 🗑 Clear the list
btn-continue-draft = ▶️ Continue the draft
btn-create-with = ➕ Order: { $way }
btn-done = ✅ Done
btn-edit = ✏️ Edit
btn-follow = 🔔 Follow
btn-unfollow = 🔕 Stop following
btn-history = 🕓 History
btn-keep-order = ↩️ No, keep it
btn-yes-cancel-order = ✖️ Yes, cancel the order
btn-label = 🏷 Label
btn-new-sender = ➕ New sender
btn-payment-link = 💳 Payment link
btn-refresh = 🔄 Refresh
btn-regions = 🗺 Regions
btn-register-good = ➕ Add a product
btn-repeat = 🔁 Repeat
btn-resend = 🔄 Check again
btn-save-changes = 💾 Save changes
btn-search = 🔍 Search
orders-btn-labels = 🏷 Labels (one PDF)
btn-send-location = 📍 Send my location
btn-share = 📤 Share
btn-share-contact = 📱 Send my contact
btn-start-over = 🆕 Start over
btn-track-parcel = 🔎 Track the parcel

## Steps (also the "Change a field" list)
step-sender_name = 📤 Name
step-sender_phone = 📤 Phone
step-sender_city = 📤 City
step-sender_delivery = 📤 Hand-over
step-sender_address = 📤 Address
step-receiver_name = 📥 Name
step-receiver_phone = 📥 Phone
step-receiver_phone2 = 📥 Phone 2
step-receiver_delivery = 📥 Delivery
step-receiver_city = 📥 City
step-receiver_branch = 📥 Branch
step-receiver_address = 📥 Address
step-weight = Weight
step-pieces = Pieces
step-package = Packaging
step-content = Contents
step-volume = Volume
step-items = Items
step-cod = 💵 Cash on delivery
step-photo = 📷 Handover photo
step-waybill = 📄 Waybill
step-comment = 💬 Comment

## BTS field names (shown next to BTS validation messages)
field-senderCityId = Sender's city
field-senderAddress = Pickup address
field-senderReal = Sender's name
field-senderPhone = Sender's phone
field-senderDelivery = Hand-over
field-weight = Weight
field-packageId = Packaging
field-postTypeId = Contents
field-receiver = Receiver's name
field-receiverAddress = Delivery address
field-receiverDelivery = Delivery
field-receiverCityId = Receiver's city
field-receiver_branch_id = Branch to collect from
field-receiverPhone = Receiver's phone
field-receiverPhone1 = Second phone
field-volume = Volume
field-piece = Pieces
field-back_money = Cash on delivery amount
field-bringBackMoney = Cash on delivery
field-options = Products for the receipt
field-additionalInfo = Comment

## Ways of handing over and delivering
delivery-sender-courier = 🚚 A courier collects it
delivery-sender-office = 🏢 I bring it to a BTS branch
delivery-receiver-courier = 🚚 Courier to the address
delivery-receiver-branch = 🏢 Receiver collects at a branch
package-bts-packet = BTS packet
package-bag = Bag
content-documents = Documents
content-stationery = Stationery
distance-km = { $km } km

## New order: questions
order-draft-found = You have an unfinished order. Continue it or start over?
order-ask-sender-pick = Who sends it? Choose a saved sender or add a new one.
order-ask-sender-name = Sender's <b>full name</b> (as on the label). If you are the sender, just tap «{ btn-share-contact }» below:
order-ask-sender-phone = Sender's <b>phone</b>: tap the button below to share it…
order-or-type-phone = …or type it, for example <code>+998 90 123 45 67</code>.
order-ask-sender-city = Which city does the parcel leave from?
place-pick-region = Choose the region, type part of the city name (Latin or Cyrillic) or send a location 📍.
order-ask-sender-delivery = How does the parcel reach BTS?
order-ask-sender-address = Address where the courier collects the parcel:
order-address-hint = Street, house, flat, landmark. Example: <code>Chilonzor block 9, house 12, flat 45</code>. You may also send a location 📍.
order-ask-receiver-name = Receiver's <b>full name</b> (or pick one from your address book):
order-ask-receiver-phone = Receiver's <b>phone</b>, for example <code>+998 90 123 45 67</code>:
order-ask-receiver-phone2 = A second phone of the receiver (optional):
order-ask-receiver-delivery = How should the receiver get it?
order-ask-receiver-city = Which city is the receiver in?
order-ask-receiver-branch = Which branch will the receiver collect it from? Send a location 📍 to see the nearest ones…
order-branches-in = …or choose a branch in { $city }:
order-no-branch-in-city = There is no BTS branch in { $city }. Choose courier delivery, or go back and choose another city.
order-ask-receiver-address = Delivery address:
order-ask-weight = Weight in kg, for example: <code>1.5</code>
order-ask-pieces = Number of pieces (usually 1):
order-ask-package = Packaging:
order-ask-content = What is inside?
order-ask-volume = Dimensions in cm, for example <code>30x20x10</code>, or the volume in m³, for example <code>0.006</code>. Optional:
order-ask-items =
    Items in the parcel (optional). One item per message, for example:
    <code>Book; 2; 45000</code> — name; count; price
    <code>Book; KT-15; 2; 45000</code> — the same with the item's code
    { $count ->
        [0] No items yet.
        [one] { $count } item so far.
       *[other] { $count } items so far.
    }
order-item-added = Added: { $name } × { $qty }{ $price ->
        [none] {""}
       *[other] , { $price }
    }. { $count ->
        [one] { $count } item
       *[other] { $count } items
    } in total. Send another one or tap “Done”.
order-ask-cod = Should the courier collect payment from the receiver?
order-ask-cod-amount = Amount to collect, in UZS, for example <code>150000</code>:
order-ask-cod-goods = Cash on delivery needs the products for the electronic receipt (MXIK). Tick the products in this parcel:
order-ask-cod-goods-empty = Cash on delivery needs the products for the electronic receipt (MXIK). You have none yet: add one.
order-cod-goods-required = Choose at least one product for the receipt.
order-ask-mxik-spic = MXIK code of the product (17 digits), for example <code>08517001001020045</code>:
order-ask-mxik-name = Short product name:
order-ask-mxik-price = Price of one unit ({ $unit }), in UZS:
order-mxik-registered = Product added: { $name }.
order-ask-photo = Take a photo of the receiver on delivery?
order-ask-waybill = Return the signed waybill to you?
order-ask-comment = A comment for the courier (optional):
order-location-saved = 📍 Location attached to the address. Now type the address itself.
order-use-buttons = Please use the buttons of this step.
order-expected-text = This step expects text or a button. Please answer the question above.
order-cancelled = The new order is cancelled. Nothing was sent to BTS.

## Summary
summary-title = <b>Check the order</b>
summary-edit-title = <b>Check the changes</b>
summary-sender = <b>From</b>
summary-receiver = <b>To</b>
summary-address = { $city }, { $address }
summary-branch = { $city }, { $branch } branch
summary-cargo = 📦 { $weight }, { $pieces ->
        [one] { $pieces } piece
       *[other] { $pieces } pieces
    }, { $package }, { $content }
summary-volume = Volume: { $volume } m³
summary-cod = 💵 Cash on delivery: { $amount }
summary-photo = 📷 photo on delivery
summary-waybill = 📄 return waybill
summary-comment = 💬 { $comment }
summary-price = 💰 Delivery: <b>{ $price }</b>
summary-price-unknown = 💰 The price could not be calculated right now.
order-choose-field =
    What do you want to change?
    📤 sender · 📥 receiver
order-edit-choose-field =
    What do you want to change in this order?
    📤 sender · 📥 receiver

## Creating
order-creating = ⏳ Creating the order at BTS…
order-saving = ⏳ Saving the changes at BTS…
order-created = ✅ Order created. Barcode: <code>{ $barcode }</code>
order-status-line = Status: { $status }
order-cost-line = Delivery cost: { $cost }
order-label-caption = 🏷 The label: print it and stick it on the parcel.
order-create-unsure =
    ⚠️ BTS did not answer in time, so I'm <b>not sure the order was created</b>.
    Don't send it again: I'm looking for it at BTS and will tell you as soon as I find it.
order-create-in-progress = ⏳ This order is being created right now. Please wait a moment.
order-edit-refused = BTS no longer allows changing this order (it has been picked up or closed).
order-edit-saved = ✅ Changes saved at BTS.
order-edit-cancelled = Editing cancelled; the order is unchanged.

## My orders
orders-title = <b>My orders</b> ({ $total })
orders-search-title = <b>Search</b> “{ $query }”: { $total ->
        [0] nothing found
        [one] { $total } order found
       *[other] { $total } orders found
    }
orders-empty = No orders here yet.
orders-search-ask = Send a barcode, a phone number or part of the receiver's name:
orders-search-invalid = Send 2 to 64 characters: a barcode, a phone or a name.
filter-all = All
filter-active = Active
filter-delivered = Delivered
filter-cancelled = Cancelled
order-pending-short = not confirmed by BTS
order-card-title = <b>Order { $barcode }</b> (№ { $id })
order-card-receiver = To: { $name }, { $phone }, { $city }
order-card-created = Created: { $created }
order-card-changed = Status changed: { $changed }
order-card-pending =
    ⏳ An order for { $receiver } (created { $created }) was sent to BTS but not confirmed.
    Check your BTS cabinet before creating it again.
order-refreshed = Updated
history-title = <b>History of { $barcode }</b>
history-empty = No events yet.
label-missing = BTS has no label for this order yet.
share-card =
    📦 Your parcel <b>{ $barcode }</b> is on its way with BTS Express.
    Track it here: { $link }
share-hint = ☝️ Forward the message above to your customer.
order-cancel-confirm = Cancel order <b>{ $barcode }</b>? There is no way back.
order-cancel-kept = Order { $barcode } is kept.
order-cancel-refused = BTS no longer allows cancelling this order.
order-cancelled-upstream = Order { $barcode }: { $status }.
cancel-reason = • { $when }, { $who }: { $why }

## Price
price-ask-from = From which city?
price-ask-to = To which city?
price-weight-hint = Then I'll show the price for each way of sending.
price-title = <b>{ $source } → { $target }</b>, { $weight }
price-way-00 = Branch to branch
price-way-01 = Branch to door
price-way-10 = Door to branch
price-way-11 = Door to door

## Places
place-matches = Found:
place-pick-district = <b>{ $region }</b>. Choose the district:
place-pick-city = <b>{ $region }</b>. Choose the town or district:
place-not-found = Nothing found for “{ $query }”. Try another spelling or choose the region:
place-nearest = Nearest BTS branches:
place-none-near = I don't know any BTS branch with coordinates yet. Choose the region instead.
place-region-empty = There are no BTS branches in this region.

## Validation of typed answers
invalid-name = Please send a name of 2 to 100 characters, for example <code>Alisher Karimov</code>.
invalid-phone = That doesn't look like a phone number. Example: <code>+998 90 123 45 67</code>.
invalid-phone-same = This is the same as the first phone. Send another number or tap “Skip”.
invalid-address = Please send an address of 3 to 255 characters.
invalid-weight = Weight must be a number from 0.01 to 1000 kg, for example <code>1.5</code> or <code>1,5</code>.
invalid-pieces = Pieces must be a whole number from 1 to 100.
invalid-volume = Give the dimensions in cm, for example <code>30x20x10</code>, or a volume from 0.0001 to 100 m³, for example <code>0.006</code>.
invalid-item = Use the form <code>name; count; price</code>, for example <code>Book; 2; 45000</code>.
invalid-items-too-many = That's the maximum of 20 items. Tap “Done”.
invalid-cod-amount = The amount must be a number from 1,000 to 100,000,000 UZS, for example <code>150000</code>.
invalid-comment = The comment is too long: 500 characters at most.
invalid-spic = The MXIK code has exactly 17 digits, for example <code>08517001001020045</code>.
invalid-price = The price must be a number, for example <code>100000</code>.
stale-step = This button is from another step.

## Tracking
track-ask = Send the parcel barcode (11–12 digits, for example <code>60000006106</code>). You can send several at once.
track-invalid = I couldn't find a barcode in this message. A barcode has 11–12 digits, for example <code>60000006106</code>.
track-unknown = 🤷 Parcel <code>{ $barcode }</code> not found. Check the digits on the receipt or ask the sender for the tracking link.
track-title = 📦 <b>{ $barcode }</b>
track-status = Status: <b>{ $status }</b>
track-stale = (BTS didn't answer right now: this is the last known status.)
track-history = <b>History</b>
track-link = 🔗 { $url }
status-unknown = unknown status
order-ask-receiver-name-first = Receiver's <b>full name</b>:
order-card-weight = Weight: { $weight }
order-detour-saved = 📝 Your unfinished order is saved. To come back to it, send /resume or press “{ menu-new-order }” → “{ btn-continue-draft }”.
order-edit-opening = ✏️ Editing the order
order-edit-detour-saved = ✏️ Your changes to the order are kept but not yet saved at BTS. To come back to them, send /resume.
order-resume-none = You have no unfinished order. “{ menu-new-order }” starts a new one.
order-summary-changed = The order has changed since then, so nothing was sent. Carry on from where you left off:
