# Xulosa va buyurtma kartasidagi joy nomlari, filialdagi naqd toʻlov, chekdagi mahsulotlar,
# toʻlangan buyurtmani bekor qilish.
place-in-region = { $place }, { $region }
order-card-branch = 🏢 Qabul qiluvchi «{ $branch }» filialidan oladi
order-ask-cod-at-branch = Qabul qiluvchi posilkani filialdan olayotganda undan toʻlov olinsinmi (naqd toʻlov)?
order-ask-cod-amount-at-branch = Qabul qiluvchi posilkani olayotganda filialda qancha toʻlaydi? Soʻmda, masalan <code>150000</code>:
payment-cod-already-at-branch = ⚠️ Xaridor bu buyurtmani filialdan olayotganda { $amount } naqd toʻlaydi (naqd toʻlov). Yana havola yuborsangiz, u ikki marta toʻlaydi.
summary-goods = 🛍 Mahsulotlar:
summary-good = {"  "}• { $name } × { $amount } { $unit }
summary-good-priced = {"  "}• { $name } × { $amount } { $unit } · { $price }
summary-good-on-receipt = { $good } 🧾
summary-cod-mismatch = ⚠️ Naqd toʻlov { $cod }, chekdagi 🧾 mahsulotlar esa { $goods } turadi. BTS chekni mahsulotlar bilan solishtiradi: summa va mahsulotlarni bir-biriga moslang.
order-cancel-paid-warning = 💳 Bu buyurtma uchun Yandex Pay orqali { $amount } toʻlangan. Bekor qilish pulni qaytarmaydi: toʻlovni Yandex Pay konsolida qaytaring.
order-card-refund-due = ↩️ Buyurtma bekor qilingan, lekin uning uchun { $amount } toʻlangan: toʻlovni Yandex Pay konsolida qaytaring.
