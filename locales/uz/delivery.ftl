# The calculator's remote-village courier (delivery code 2).
delivery-sender-remote = 🏡 Kuryer uzoq qishloqdan olib ketadi
delivery-receiver-remote = 🏡 Kuryer uzoq qishloqqa yetkazadi
price-way-21 = Kuryer (uzoq qishloqdan) → kuryer
price-way-12 = Kuryer → kuryer (uzoq qishloqqa)
# Why BTS rejected an order (status 0), under its status push.
rejected-reasons = Sababi:
    { $reasons }
# Searching the MXIK goods at the cash-on-delivery step.
mxik-search-found = «{ $query }» boʻyicha mahsulotlar. Tanlang yoki boshqacha yozing:
mxik-search-empty = «{ $query }» boʻyicha mahsulot topilmadi. Boshqacha yozing yoki yangisini roʻyxatdan oʻtkazing:
