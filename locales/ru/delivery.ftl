# The calculator's remote-village courier (delivery code 2).
delivery-sender-remote = 🏡 Курьер заберёт из отдалённого села
delivery-receiver-remote = 🏡 Курьер доставит в отдалённое село
price-way-21 = От двери до двери, из отдалённого села
price-way-12 = От двери до двери, в отдалённое село
# Why BTS rejected an order (status 0), under its status push.
rejected-reasons = Причина:
    { $reasons }
# Searching the MXIK goods at the cash-on-delivery step.
mxik-search-found = Товары по запросу «{ $query }». Выберите или введите другой запрос:
mxik-search-empty = По запросу «{ $query }» товаров нет. Введите другой запрос или зарегистрируйте новый товар:
