# The pickup date (senderDate): the day a courier collects the parcel, in the new order and the price.
# The example date the texts show (a term: a date, not a decimal).
-pickup-example = 25.01
step-sender_date = 📅 Дата забора
field-senderDate = Дата забора
order-ask-pickup-date = 📅 Когда курьеру забрать посылку? Выберите день или введите дату, например <code>{ -pickup-example }</code> (не позже { $latest }). Необязательно:
price-ask-pickup-date = 📅 Когда курьер заберёт посылку? Цены с вызовом курьера посчитаю на этот день. Выберите день или введите дату, например <code>{ -pickup-example }</code> (не позже { $latest }). Необязательно:
pickup-today = Сегодня
pickup-tomorrow = Завтра
pickup-day-after = Послезавтра
pickup-button = { $day }, { $date }
invalid-date = Это не похоже на дату. Введите день и месяц, например <code>{ -pickup-example }</code>.
invalid-date-past = Этот день уже прошёл. Выберите сегодня ({ $today }) или более поздний день.
invalid-date-far = Слишком далеко: курьера можно вызвать не позже { $latest }. Выберите день пораньше.
summary-pickup-date = 📅 Курьер заберёт: { $date }
price-pickup-date = 📅 Курьер заберёт { $date }
