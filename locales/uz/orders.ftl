## Buttons
btn-back-to-list = 📋 Ro'yxatga qaytish
btn-cancel-order = ✖️ Buyurtmani bekor qilish
btn-change = ✏️ Maydonni o'zgartirish
btn-clear-items = 🗑 Ro'yxatni tozalash
btn-continue-draft = ▶️ Qoralamani davom ettirish
btn-create-with = ➕ Buyurtma: { $way }
btn-done = ✅ Tayyor
btn-edit = ✏️ Tahrirlash
btn-follow = 🔔 Menga xabar bering
btn-unfollow = 🔕 Xabar bermang
btn-history = 🕓 Tarix
btn-keep-order = ↩️ Yo'q, qoldirish
btn-yes-cancel-order = ✖️ Ha, buyurtmani bekor qilish
btn-label = 🏷 Yorliq
btn-new-sender = ➕ Yangi jo'natuvchi
btn-payment-link = 💳 To'lov havolasi
btn-refresh = 🔄 Yangilash
btn-regions = 🗺 Viloyatlar
btn-register-good = ➕ Yangi mahsulotni ro'yxatdan o'tkazish
btn-repeat = 🔁 Yangi buyurtma sifatida takrorlash
btn-resend = 🔄 Yana tekshirish
btn-save-changes = 💾 O'zgarishlarni saqlash
btn-search = 🔍 Qidirish
btn-send-location = 📍 Joylashuvimni yuborish
btn-share = 📤 Kuzatuvni ulashish
btn-share-contact = 📱 Raqamimni ulashish
btn-start-over = 🆕 Boshidan boshlash
btn-track-parcel = 🔎 Posilkani kuzatish

## Steps (also the "Change a field" list)
step-sender_name = Jo'natuvchi ismi
step-sender_phone = Jo'natuvchi telefoni
step-sender_city = Jo'natuvchi shahri
step-sender_delivery = Topshirish usuli
step-sender_address = Olib ketish manzili
step-receiver_name = Qabul qiluvchi ismi
step-receiver_phone = Qabul qiluvchi telefoni
step-receiver_phone2 = Qo'shimcha telefon
step-receiver_delivery = Yetkazish usuli
step-receiver_city = Qabul qiluvchi shahri
step-receiver_branch = Olib ketish filiali
step-receiver_address = Yetkazish manzili
step-weight = Og'irlik
step-pieces = Joylar soni
step-package = Qadoq
step-content = Ichidagi narsa
step-volume = Hajm
step-items = Mahsulotlar
step-cod = Naqd to'lov (COD)
step-photo = Topshirishda surat
step-waybill = Yo'l varaqasini qaytarish
step-comment = Izoh

## BTS field names (shown next to BTS validation messages)
field-senderCityId = Jo'natuvchi shahri
field-senderAddress = Olib ketish manzili
field-senderReal = Jo'natuvchi ismi
field-senderPhone = Jo'natuvchi telefoni
field-senderDelivery = Topshirish usuli
field-weight = Og'irlik
field-packageId = Qadoq
field-postTypeId = Ichidagi narsa
field-receiver = Qabul qiluvchi ismi
field-receiverAddress = Yetkazish manzili
field-receiverDelivery = Yetkazish usuli
field-receiverCityId = Qabul qiluvchi shahri
field-receiver_branch_id = Olib ketish filiali
field-receiverPhone = Qabul qiluvchi telefoni
field-receiverPhone1 = Qo'shimcha telefon
field-volume = Hajm
field-piece = Joylar soni
field-back_money = Naqd to'lov summasi
field-bringBackMoney = Naqd to'lov
field-options = Chek uchun mahsulotlar
field-additionalInfo = Izoh

## Ways of handing over and delivering
delivery-sender-courier = 🚚 Kuryer olib ketadi
delivery-sender-office = 🏢 O'zim BTS ofisiga olib boraman
delivery-receiver-courier = 🚚 Kuryer manzilga yetkazadi
delivery-receiver-branch = 🏢 Qabul qiluvchi filialdan oladi
package-bts-packet = BTS paketi
package-bag = Sumka
content-documents = Hujjatlar
content-stationery = Kanselyariya tovarlari
distance-km = { $km } km

## New order: questions
order-draft-found = Tugallanmagan buyurtmangiz bor. Davom ettirasizmi yoki boshidan boshlaysizmi?
order-ask-sender-pick = Kim jo'natadi? Saqlangan jo'natuvchini tanlang yoki yangisini qo'shing.
order-ask-sender-name = Jo'natuvchining <b>F.I.Sh.</b> (yorliqdagidek):
order-ask-sender-phone = Jo'natuvchining <b>telefoni</b>: uni ulashish uchun quyidagi tugmani bosing…
order-or-type-phone = …yoki yozing, masalan <code>+998 90 123 45 67</code>.
order-ask-sender-city = Posilka qayerdan jo'natiladi?
place-pick-region = Viloyatni tanlang, shahar nomining bir qismini yozing (lotin yoki kirill) yoki joylashuvni yuboring 📍.
order-ask-sender-delivery = Posilka BTS'ga qanday yetib boradi?
order-ask-sender-address = Kuryer posilkani olib ketadigan manzil:
order-address-hint = Ko'cha, uy, xonadon, mo'ljal. Masalan: <code>Chilonzor 9, 12-uy, 45-xonadon</code>. Joylashuvni 📍 ham yuborishingiz mumkin.
order-ask-receiver-name = Qabul qiluvchining <b>F.I.Sh.</b> (yoki manzillar kitobidan tanlang):
order-ask-receiver-phone = Qabul qiluvchining <b>telefoni</b>, masalan <code>+998 90 123 45 67</code>:
order-ask-receiver-phone2 = Qabul qiluvchining qo'shimcha telefoni (ixtiyoriy):
order-ask-receiver-delivery = Qabul qiluvchi posilkani qanday oladi?
order-ask-receiver-city = Qabul qiluvchi shahri:
order-ask-receiver-branch = Qabul qiluvchi qaysi filialdan oladi? Eng yaqinlarini ko'rish uchun joylashuvni yuboring 📍…
order-branches-in = …yoki { $city } dagi filialni tanlang:
order-no-branch-in-city = { $city } da BTS filiali yo'q. Kuryer orqali yetkazishni tanlang yoki orqaga qaytib boshqa shaharni tanlang.
order-ask-receiver-address = Yetkazish manzili:
order-ask-weight = Og'irlik kg da, masalan <code>1.5</code> yoki <code>1,5</code>:
order-ask-pieces = Joylar soni (odatda 1):
order-ask-package = Qadoq:
order-ask-content = Ichida nima bor?
order-ask-volume = Hajm m³ da (uzunlik × kenglik × balandlik), masalan <code>0.02</code>. Ixtiyoriy:
order-ask-items =
    Posilkadagi mahsulotlar (ixtiyoriy), har bir xabarda bittadan: <code>nomi; soni; narxi</code> yoki <code>nomi; kodi; soni; narxi</code>.
    Masalan: <code>Kitob; 2; 45000</code>. Hozircha mahsulotlar: { $count }.
order-item-added = Qo'shildi: { $name }. Mahsulotlar: { $count }. Yana yuboring yoki «Tayyor» ni bosing.
order-ask-cod = Kuryer topshirishda naqd pul olsinmi (COD)?
order-ask-cod-amount = Olinadigan summa, so'mda, masalan <code>150000</code>:
order-ask-cod-goods = Naqd to'lov uchun elektron chek mahsulotlari (MXIK) kerak. Ushbu posilkadagi mahsulotlarni belgilang:
order-ask-cod-goods-empty = Naqd to'lov uchun elektron chek mahsulotlari (MXIK) kerak. Sizda hali yo'q: mahsulotni ro'yxatdan o'tkazing.
order-cod-goods-required = Chek uchun kamida bitta mahsulotni tanlang.
order-ask-mxik-spic = Mahsulotning MXIK kodi (17 ta raqam), masalan <code>08517001001020045</code>:
order-ask-mxik-name = Mahsulotning qisqa nomi:
order-ask-mxik-price = Bitta mahsulot narxi, so'mda:
order-mxik-registered = Mahsulot ro'yxatdan o'tkazildi: { $name }.
order-ask-photo = Topshirishda qabul qiluvchini suratga olishsinmi?
order-ask-waybill = Imzolangan yo'l varaqasi sizga qaytarilsinmi?
order-ask-comment = Kuryer uchun izoh (ixtiyoriy):
order-location-saved = 📍 Joylashuv manzilga saqlandi. Endi manzilning o'zini yozing.
order-use-buttons = Iltimos, ushbu qadam tugmalaridan foydalaning.
order-expected-text = Bu qadamda matn yoki tugma kerak. Iltimos, yuqoridagi savolga javob bering.
order-cancelled = Yangi buyurtma bekor qilindi. BTS'ga hech narsa yuborilmadi.

## Summary
summary-title = <b>Buyurtmani tekshiring</b>
summary-edit-title = <b>O'zgarishlarni tekshiring</b>
summary-sender = <b>Qayerdan</b>
summary-receiver = <b>Qayerga</b>
summary-address = { $city }, { $address }
summary-branch = { $city }, { $branch } filiali
summary-cargo = 📦 { $weight }, { $pieces } dona, { $package }, { $content }
summary-volume = Hajm: { $volume } m³
summary-cod = 💵 Naqd to'lov: { $amount }
summary-photo = 📷 topshirishda surat
summary-waybill = 📄 yo'l varaqasini qaytarish
summary-comment = 💬 { $comment }
summary-price = 💰 Yetkazib berish: <b>{ $price }</b>
summary-price-unknown = 💰 Hozir narxni hisoblab bo'lmadi.
order-choose-field = Nimani o'zgartirmoqchisiz?
order-edit-choose-field = Bu buyurtmada nimani o'zgartirasiz?

## Creating
order-creating = ⏳ BTS'da buyurtma yaratyapman…
order-saving = ⏳ O'zgarishlarni BTS'da saqlayapman…
order-created = ✅ Buyurtma yaratildi. Shtrix-kod: <code>{ $barcode }</code>
order-status-line = Holat: { $status }
order-cost-line = Yetkazib berish narxi: { $cost }
order-label-caption = 🏷 Yorliq: chop eting va posilkaga yopishtiring.
order-create-unsure =
    ⚠️ BTS o'z vaqtida javob bermadi, shuning uchun <b>buyurtma yaratilganiga ishonchim yo'q</b>.
    Uni qayta yubormang: men uni BTS'da qidiryapman va topishim bilan xabar beraman.
order-create-in-progress = ⏳ Bu buyurtma hozir yaratilmoqda. Biroz kuting.
order-edit-refused = BTS endi bu buyurtmani o'zgartirishga ruxsat bermaydi (u olib ketilgan yoki yopilgan).
order-edit-saved = ✅ O'zgarishlar BTS'da saqlandi.
order-edit-cancelled = Tahrirlash bekor qilindi; buyurtma o'zgarmadi.

## My orders
orders-title = <b>Buyurtmalarim</b> ({ $total })
orders-search-title = <b>Qidiruv</b> «{ $query }»: { $total } ta topildi
orders-empty = Bu yerda hali buyurtmalar yo'q.
orders-search-ask = Shtrix-kod, telefon raqami yoki qabul qiluvchi ismining bir qismini yuboring:
orders-search-invalid = 2 dan 64 gacha belgi yuboring: shtrix-kod, telefon yoki ism.
filter-all = Hammasi
filter-active = Faol
filter-delivered = Yetkazilgan
filter-cancelled = Bekor qilingan
order-pending-short = BTS tasdiqlamagan
order-card-title = <b>Buyurtma { $barcode }</b> (№ { $id })
order-card-receiver = Kimga: { $name }, { $phone }, { $city }
order-card-created = Yaratilgan: { $created }
order-card-changed = Holat o'zgargan: { $changed }
order-card-pending =
    ⏳ { $receiver } uchun buyurtma ({ $created } da yaratilgan) BTS'ga yuborildi, lekin tasdiqlanmadi.
    Qayta yaratishdan oldin BTS kabinetini tekshiring.
order-refreshed = Yangilandi
history-title = <b>{ $barcode } tarixi</b>
history-empty = Hozircha hodisalar yo'q.
label-missing = BTS'da bu buyurtma uchun hali yorliq yo'q.
share-card =
    📦 Posilkangiz <b>{ $barcode }</b> BTS Express bilan yo'lda.
    Bu yerda kuzating: { $link }
share-hint = ☝️ Yuqoridagi xabarni xaridoringizga yuboring.
order-cancel-confirm = <b>{ $barcode }</b> buyurtmasi bekor qilinsinmi? Buni qaytarib bo'lmaydi.
order-cancel-kept = { $barcode } buyurtmasi qoldirildi.
order-cancel-refused = BTS endi bu buyurtmani bekor qilishga ruxsat bermaydi.
order-cancelled-upstream = { $barcode } buyurtmasi: { $status }.
cancel-reason = • { $when }, { $who }: { $why }

## Price
price-ask-from = Qaysi shahardan?
price-ask-to = Qaysi shaharga?
price-weight-hint = So'ng har bir jo'natish usuli uchun narxni ko'rsataman.
price-title = <b>{ $source } → { $target }</b>, { $weight }
price-way-00 = Ofis → filial
price-way-01 = Ofis → kuryer
price-way-10 = Kuryer → filial
price-way-11 = Kuryer → kuryer

## Places
place-matches = Topildi:
place-not-found = «{ $query }» bo'yicha hech narsa topilmadi. Boshqacha yozib ko'ring yoki viloyatni tanlang:
place-nearest = Eng yaqin BTS ofislari:
place-none-near = Hozircha koordinatali BTS ofislarini bilmayman. Viloyatni tanlang.
place-region-empty = Bu viloyatda BTS ofislari yo'q.

## Validation of typed answers
invalid-name = 2 dan 100 gacha belgidan iborat ism yuboring, masalan <code>Alisher Karimov</code>.
invalid-phone = Bu telefon raqamiga o'xshamaydi. Masalan: <code>+998 90 123 45 67</code>.
invalid-phone-same = Bu birinchi raqamning o'zi. Boshqa raqam yuboring yoki «O'tkazib yuborish» ni bosing.
invalid-address = 3 dan 255 gacha belgidan iborat manzil yuboring.
invalid-weight = Og'irlik 0,01 dan 1000 kg gacha son bo'lishi kerak, masalan <code>1.5</code> yoki <code>1,5</code>.
invalid-pieces = Joylar soni 1 dan 100 gacha butun son bo'lishi kerak.
invalid-volume = Hajm 0,0001 dan 100 m³ gacha son bo'lishi kerak, masalan <code>0.02</code>.
invalid-item = <code>nomi; soni; narxi</code> shaklida yozing, masalan <code>Kitob; 2; 45000</code>.
invalid-items-too-many = Ko'pi bilan 20 ta mahsulot. «Tayyor» ni bosing.
invalid-cod-amount = Summa 1 000 dan 100 000 000 so'mgacha son bo'lishi kerak, masalan <code>150000</code>.
invalid-comment = Izoh juda uzun: ko'pi bilan 500 belgi.
invalid-spic = MXIK kodi aynan 17 ta raqamdan iborat, masalan <code>08517001001020045</code>.
invalid-price = Narx son bo'lishi kerak, masalan <code>100000</code>.
stale-step = Bu tugma boshqa qadamga tegishli.

## Tracking
track-ask = Posilka shtrix-kodini yuboring (11–12 ta raqam, masalan <code>60000006106</code>). Bir nechtasini birdan yuborish mumkin.
track-invalid = Xabarda shtrix-kod topmadim. Shtrix-kod 11–12 ta raqamdan iborat, masalan <code>60000006106</code>.
track-unknown = 🤷 <code>{ $barcode }</code> posilkasini bilmayman. Kvitansiyadagi raqamlarni tekshiring yoki jo'natuvchidan havolani so'rang.
track-title = 📦 <b>{ $barcode }</b>
track-status = Holat: <b>{ $status }</b>
track-stale = (BTS hozir javob bermadi: bu oxirgi ma'lum holat.)
track-history = <b>Tarix</b>
track-link = 🔗 { $url }
status-unknown = noma'lum holat
