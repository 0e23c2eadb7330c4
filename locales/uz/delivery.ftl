# The calculator's remote-village courier (delivery code 2).
delivery-sender-remote = 🏡 Kuryer uzoq qishloqdan olib ketadi
delivery-receiver-remote = 🏡 Kuryer uzoq qishloqqa yetkazadi
price-way-21 = Kuryer (uzoq qishloqdan) → kuryer
price-way-12 = Kuryer → kuryer (uzoq qishloqqa)
# Why BTS rejected an order (status 0), under its status push.
rejected-reasons = Sababi:
    { $reasons }
