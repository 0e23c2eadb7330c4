# The calculator's remote-village courier (delivery code 2).
delivery-sender-remote = 🏡 Kuryer uzoq qishloqdan olib ketadi
delivery-receiver-remote = 🏡 Kuryer uzoq qishloqqa yetkazadi
price-way-21 = Uzoq qishloqdagi eshikdan → eshikkacha
price-way-12 = Eshikdan → uzoq qishloqdagi eshikkacha
# Why BTS rejected an order (status 0), under its status push.
rejected-reasons = Sababi:
    { $reasons }
# Searching the MXIK goods at the cash-on-delivery step.
mxik-search-found = «{ $query }» boʻyicha mahsulotlar. Tanlang yoki boshqacha yozing:
mxik-search-empty = «{ $query }» boʻyicha mahsulot topilmadi. Boshqacha yozing yoki yangisini roʻyxatdan oʻtkazing:
