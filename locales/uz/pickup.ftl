# The pickup date (senderDate): the day a courier collects the parcel, in the new order and the price.
# The example date the texts show (a term: a date, not a decimal).
-pickup-example = 25.01
step-sender_date = 📅 Olib ketish
field-senderDate = Olib ketish sanasi
order-ask-pickup-date = 📅 Kuryer posilkani qaysi kuni olib ketsin? Kunni tanlang yoki sanani yozing, masalan <code>{ -pickup-example }</code> ({ $latest }-gacha). Majburiy emas:
price-ask-pickup-date = 📅 Kuryer posilkani qaysi kuni olib ketadi? Kuryer olib ketadigan usullar narxi shu kun uchun hisoblanadi. Kunni tanlang yoki sanani yozing, masalan <code>{ -pickup-example }</code> ({ $latest }-gacha). Majburiy emas:
pickup-today = Bugun
pickup-tomorrow = Ertaga
pickup-day-after = Indinga
pickup-button = { $day }, { $date }
invalid-date = Bu sanaga oʻxshamaydi. Kun va oyni yozing, masalan <code>{ -pickup-example }</code>.
invalid-date-past = Bu kun oʻtib ketgan. Bugungi ({ $today }) yoki undan keyingi kunni tanlang.
invalid-date-far = Bu sana juda uzoq: kuryerni { $latest }-gacha chaqirish mumkin. Ertaroq kunni tanlang.
summary-pickup-date = 📅 Olib ketish sanasi: { $date }
price-pickup-date = 📅 Kuryer { $date } kuni olib ketadi
