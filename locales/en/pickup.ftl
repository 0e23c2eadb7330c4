# The pickup date (senderDate): the day a courier collects the parcel, in the new order and the price.
# The example date the texts show (a term: a date, not a decimal).
-pickup-example = 25.01
step-sender_date = 📅 Pickup date
field-senderDate = Pickup date
order-ask-pickup-date = 📅 When should the courier collect the parcel? Choose a day or type a date, for example <code>{ -pickup-example }</code> (up to { $latest }). Optional:
price-ask-pickup-date = 📅 When would the courier collect the parcel? Prices with a courier pickup are for that day. Choose a day or type a date, for example <code>{ -pickup-example }</code> (up to { $latest }). Optional:
pickup-today = Today
pickup-tomorrow = Tomorrow
pickup-day-after = The day after tomorrow
pickup-button = { $day }, { $date }
invalid-date = That doesn't look like a date. Type the day and month, for example <code>{ -pickup-example }</code>.
invalid-date-past = That day has already passed. Choose today ({ $today }) or a later day.
invalid-date-far = That is too far ahead: a courier can be booked up to { $latest }. Choose an earlier day.
summary-pickup-date = 📅 Pickup: { $date }
price-pickup-date = 📅 Courier pickup on { $date }
