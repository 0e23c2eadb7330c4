## Buttons
btn-back-to-list = 📋 Roʻyxatga qaytish
btn-cancel-order = ✖️ Bekor qilish
btn-change = ✏️ Maʼlumotni oʻzgartirish
btn-clear-items = 🗑 Roʻyxatni tozalash
btn-continue-draft = ▶️ Davom ettirish
btn-create-with = ➕ Buyurtma: { $way }
btn-done = ✅ Tayyor
btn-edit = ✏️ Tahrirlash
btn-follow = 🔔 Menga xabar bering
btn-unfollow = 🔕 Kuzatishni toʻxtatish
btn-history = 🕓 Tarix
btn-keep-order = ↩️ Yoʻq, qolsin
btn-yes-cancel-order = ✖️ Ha, bekor qilinsin
btn-label = 🏷 Yorliq
btn-new-sender = ➕ Yangi joʻnatuvchi
btn-payment-link = 💳 Toʻlov
btn-refresh = 🔄 Yangilash
btn-regions = 🗺 Viloyatlar
btn-register-good = ➕ Yangi mahsulot qoʻshish
btn-repeat = 🔁 Takrorlash
btn-resend = 🔄 Yana tekshirish
btn-save-changes = 💾 Oʻzgarishlarni saqlash
btn-search = 🔍 Qidirish
orders-btn-labels = 🏷 Yorliqlar (bitta PDF)
btn-send-location = 📍 Joylashuvimni yuborish
btn-share = 📤 Ulashish
btn-share-contact = 📱 Kontaktimni yuborish
btn-start-over = 🆕 Boshidan boshlash
btn-track-parcel = 🔎 Posilkani kuzatish

## Steps (also the "Change a field" list)
step-sender_name = 📤 Ismi
step-sender_phone = 📤 Telefoni
step-sender_city = 📤 Shahri
step-sender_delivery = 📤 Topshirish
step-sender_address = 📤 Manzili
step-receiver_name = 📥 Ismi
step-receiver_phone = 📥 Telefoni
step-receiver_phone2 = 📥 2-telefon
step-receiver_delivery = 📥 Yetkazish
step-receiver_city = 📥 Shahri
step-receiver_branch = 📥 Filial
step-receiver_address = 📥 Manzili
step-weight = Ogʻirligi
step-pieces = Joylar soni
step-package = Qadoq
step-content = Ichidagi narsa
step-volume = Hajmi
step-items = Mahsulotlar
step-cod = 💵 Naqd toʻlov
step-photo = 📷 Surat
step-waybill = 📄 Yoʻl varaqasi
step-comment = 💬 Izoh

## BTS field names (shown next to BTS validation messages)
field-senderCityId = Joʻnatuvchining shahri
field-senderAddress = Olib ketish manzili
field-senderReal = Joʻnatuvchining ismi
field-senderPhone = Joʻnatuvchining telefoni
field-senderDelivery = Topshirish usuli
field-weight = Ogʻirligi
field-packageId = Qadoq
field-postTypeId = Ichidagi narsa
field-receiver = Qabul qiluvchining ismi
field-receiverAddress = Yetkazish manzili
field-receiverDelivery = Yetkazish usuli
field-receiverCityId = Qabul qiluvchining shahri
field-receiver_branch_id = Topshirish filiali
field-receiverPhone = Qabul qiluvchining telefoni
field-receiverPhone1 = Qoʻshimcha telefon
field-volume = Hajmi
field-piece = Joylar soni
field-back_money = Naqd toʻlov summasi
field-bringBackMoney = Naqd toʻlov
field-options = Chek uchun mahsulotlar
field-additionalInfo = Izoh

## Ways of handing over and delivering
delivery-sender-courier = 🚚 Kuryer olib ketadi
delivery-sender-office = 🏢 BTS filialiga oʻzim olib boraman
delivery-receiver-courier = 🚚 Kuryer manzilga yetkazadi
delivery-receiver-branch = 🏢 Qabul qiluvchi filialdan oladi
package-bts-packet = BTS paketi
package-bag = Sumka
content-documents = Hujjatlar
content-stationery = Kanselyariya tovarlari
distance-km = { $km } km

## New order: questions
order-draft-found = Tugallanmagan buyurtmangiz bor. Davom ettirasizmi yoki boshidan boshlaysizmi?
order-ask-sender-pick = Kim joʻnatadi? Saqlangan joʻnatuvchini tanlang yoki yangisini qoʻshing.
order-ask-sender-name = Joʻnatuvchining <b>familiyasi, ismi va otasining ismi</b> (yorliqda shunday yoziladi). Joʻnatuvchi oʻzingiz boʻlsangiz, pastdagi «{ btn-share-contact }» tugmasini bosing:
order-ask-sender-phone = Joʻnatuvchining <b>telefon raqami</b>: raqamingizni yuborish uchun pastdagi tugmani bosing…
order-or-type-phone = …yoki raqamni yozing, masalan <code>+998 90 123 45 67</code>.
order-ask-sender-city = Posilka qaysi shahardan joʻnatiladi?
place-pick-region = Viloyatni tanlang, shahar nomining bir qismini yozing (lotin yoki kirill harflarida) yoki joylashuvingizni 📍 yuboring.
order-ask-sender-delivery = Posilka BTSga qanday yetib boradi?
order-ask-sender-address = Kuryer posilkani qaysi manzildan olib ketadi?
order-address-hint = Koʻcha, uy, xonadon va moʻljal. Masalan: <code>Chilonzor 9-mavze, 12-uy, 45-xonadon</code>. Joylashuvingizni 📍 ham yuborishingiz mumkin.
order-ask-receiver-name = Qabul qiluvchining <b>familiyasi, ismi va otasining ismi</b> (yoki manzillar daftaridan tanlang):
order-ask-receiver-phone = Qabul qiluvchining <b>telefon raqami</b>, masalan <code>+998 90 123 45 67</code>:
order-ask-receiver-phone2 = Qabul qiluvchining qoʻshimcha telefon raqami (majburiy emas):
order-ask-receiver-delivery = Qabul qiluvchi posilkani qanday oladi?
order-ask-receiver-city = Qabul qiluvchi qaysi shaharda?
order-ask-receiver-branch = Qabul qiluvchi posilkani qaysi filialdan oladi? Eng yaqin filiallarni koʻrish uchun joylashuvni 📍 yuboring…
order-branches-in = …yoki { $city } filiallaridan birini tanlang:
order-no-branch-in-city = { $city }da BTS filiali yoʻq. Kuryer orqali yetkazishni tanlang yoki orqaga qaytib, boshqa shaharni tanlang.
order-ask-receiver-address = Posilka qaysi manzilga yetkazilsin?
order-ask-weight = Ogʻirligi (kg), masalan: <code>1,5</code>
order-ask-pieces = Joylar soni (odatda 1):
order-ask-package = Qadoq turi:
order-ask-content = Ichida nima bor?
order-ask-volume = Hajmi: oʻlchamlari santimetrda, masalan <code>30x20x10</code>, yoki m³-da, masalan <code>0,006</code>. Majburiy emas:
order-ask-items =
    Posilkadagi mahsulotlar (majburiy emas). Har bir xabarda bitta mahsulot, masalan:
    <code>Kitob; 2; 45000</code> — nomi; soni; narxi
    <code>Kitob; KT-15; 2; 45000</code> — xuddi shunday, mahsulot kodi bilan
    { $count ->
        [0] Hozircha mahsulot yoʻq.
       *[other] Hozircha { $count } ta mahsulot.
    }
order-item-added = Qoʻshildi: { $name } × { $qty }{ $price ->
        [none] {""}
       *[other] , { $price }
    }. Jami { $count ->
       *[other] { $count } ta mahsulot
    }. Yana yuboring yoki «Tayyor»ni bosing.
order-ask-cod = Qabul qiluvchidan toʻlov olinsinmi?
order-ask-cod-amount = Kuryer qancha pul olsin? Soʻmda, masalan <code>150000</code>:
order-ask-cod-goods = Naqd toʻlovda xaridorga elektron chek beriladi, unda mahsulotlar MXIK kodi bilan koʻrsatiladi. Shu posilkadagi mahsulotlarni belgilang:
order-ask-cod-goods-empty = Naqd toʻlovda xaridorga elektron chek beriladi, unda mahsulotlar MXIK kodi bilan koʻrsatiladi. Sizda hali mahsulot yoʻq: avval uni qoʻshing.
order-cod-goods-required = Chek uchun kamida bitta mahsulotni tanlang.
order-ask-mxik-spic = Mahsulotning MXIK kodi (17 ta raqam), masalan <code>08517001001020045</code>:
order-ask-mxik-name = Mahsulotning qisqa nomi:
order-ask-mxik-price = Bir birlik ({ $unit }) narxi, soʻmda:
order-mxik-registered = Mahsulot qoʻshildi: { $name }.
order-ask-photo = Topshirishda qabul qiluvchi suratga olinsinmi?
order-ask-waybill = Imzolangan yoʻl varaqasi sizga qaytarilsinmi?
order-ask-comment = Kuryer uchun izoh (majburiy emas):
order-location-saved = 📍 Joylashuv manzilga biriktirildi. Endi manzilni soʻz bilan yozing.
order-use-buttons = Iltimos, shu qadamdagi tugmalardan birini bosing.
order-expected-text = Bu qadamda matn yozing yoki tugmani bosing. Iltimos, yuqoridagi savolga javob bering.
order-cancelled = Yangi buyurtma bekor qilindi. BTSga hech narsa yuborilmadi.

## Summary
summary-title = <b>Buyurtmani tekshiring</b>
summary-edit-title = <b>Oʻzgarishlarni tekshiring</b>
summary-sender = <b>Qayerdan</b>
summary-receiver = <b>Qayerga</b>
summary-address = { $city }, { $address }
summary-branch = { $city }, «{ $branch }» filiali
summary-cargo = 📦 { $weight }, { $pieces ->
       *[other] { $pieces } joy
    }, { $package }, { $content }
summary-volume = Hajmi: { $volume } m³
summary-cod = 💵 Naqd toʻlov: { $amount }
summary-photo = 📷 topshirishda suratga olinadi
summary-waybill = 📄 yoʻl varaqasi qaytariladi
summary-comment = 💬 { $comment }
summary-price = 💰 Yetkazib berish: <b>{ $price }</b>
summary-price-unknown = 💰 Narxni hozir hisoblab boʻlmadi.
order-choose-field =
    Nimani oʻzgartirmoqchisiz?
    📤 joʻnatuvchi · 📥 qabul qiluvchi
order-edit-choose-field =
    Bu buyurtmada nimani oʻzgartirasiz?
    📤 joʻnatuvchi · 📥 qabul qiluvchi

## Creating
order-creating = ⏳ Buyurtmani BTSda yaratyapman…
order-saving = ⏳ Oʻzgarishlarni BTSda saqlayapman…
order-created = ✅ Buyurtma yaratildi. Shtrix-kod: <code>{ $barcode }</code>
order-status-line = Holati: { $status }
order-cost-line = Yetkazib berish narxi: { $cost }
order-label-caption = 🏷 Yorliq: chop etib, posilkaga yopishtiring.
order-create-unsure =
    ⚠️ BTS oʻz vaqtida javob bermadi, shuning uchun <b>buyurtma yaratilganiga ishonchim yoʻq</b>.
    Uni qayta yubormang: men uni BTSda qidiryapman va topishim bilan xabar beraman.
order-create-in-progress = ⏳ Bu buyurtma hozir yaratilmoqda. Biroz kuting.
order-edit-refused = BTS bu buyurtmani endi oʻzgartirishga ruxsat bermaydi (posilka olib ketilgan yoki buyurtma yopilgan).
order-edit-saved = ✅ Oʻzgarishlar BTSda saqlandi.
order-edit-cancelled = Tahrirlash bekor qilindi, buyurtma oʻzgarmadi.

## My orders
orders-title = <b>Buyurtmalarim</b> ({ $total ->
       *[other] { $total } ta
    })
orders-search-title = <b>Qidiruv</b> «{ $query }»: { $total ->
        [0] hech narsa topilmadi
       *[other] { $total } ta topildi
    }
orders-empty = Bu yerda hali buyurtma yoʻq.
orders-search-ask = Shtrix-kod, telefon raqami yoki qabul qiluvchi ismining bir qismini yuboring:
orders-search-invalid = 2 tadan 64 tagacha belgi yuboring: shtrix-kod, telefon yoki ism.
filter-all = Hammasi
filter-active = Faol
filter-delivered = Yetkazilgan
filter-cancelled = Bekor qilingan
order-pending-short = BTS tasdiqlamagan
order-card-title = <b>{ $barcode } buyurtmasi</b> (№ { $id })
order-card-receiver = Kimga: { $name }, { $phone }, { $city }
order-card-created = Yaratilgan: { $created }
order-card-changed = Holati oʻzgargan: { $changed }
order-card-pending =
    ⏳ { $receiver } uchun buyurtma ({ $created }-da yaratilgan) BTSga yuborilgan, lekin hali tasdiqlanmagan.
    Qayta yaratishdan oldin BTS kabinetini tekshiring.
order-refreshed = Yangilandi
history-title = <b>{ $barcode } tarixi</b>
history-empty = Hozircha hech qanday voqea yoʻq.
label-missing = BTSda bu buyurtmaning yorligʻi hali yoʻq.
share-card =
    📦 <b>{ $barcode }</b> posilkangiz BTS Express orqali yoʻlda.
    Qayerdaligini shu yerda koʻrishingiz mumkin: { $link }
share-hint = ☝️ Yuqoridagi xabarni xaridoringizga yuboring.
order-cancel-confirm = <b>{ $barcode }</b> buyurtmasi bekor qilinsinmi? Buni ortga qaytarib boʻlmaydi.
order-cancel-kept = { $barcode } buyurtmasi bekor qilinmadi.
order-cancel-refused = BTS bu buyurtmani endi bekor qilishga ruxsat bermaydi.
order-cancelled-upstream = { $barcode } buyurtmasining holati: { $status }.
cancel-reason = • { $when }, { $who }: { $why }

## Price
price-ask-from = Qaysi shahardan?
price-ask-to = Qaysi shaharga?
price-weight-hint = Soʻng har bir joʻnatish usuli uchun narxni koʻrsataman.
price-title = <b>{ $source } → { $target }</b>, { $weight }
price-way-00 = Filialdan → filialgacha
price-way-01 = Filialdan → eshikkacha
price-way-10 = Eshikdan → filialgacha
price-way-11 = Eshikdan → eshikkacha

## Places
place-matches = Topildi:
place-pick-district = <b>{ $region }</b>. Tumanni tanlang:
place-pick-city = <b>{ $region }</b>. Shahar yoki tumanni tanlang:
place-not-found = «{ $query }» boʻyicha hech narsa topilmadi. Boshqacha yozib koʻring yoki viloyatni tanlang:
place-nearest = Eng yaqin BTS filiallari:
place-none-near = Hozircha koordinatalari maʼlum BTS filiallari yoʻq. Viloyatni tanlang.
place-region-empty = Bu viloyatda BTS filiallari yoʻq.

## Validation of typed answers
invalid-name = Ism 2 tadan 100 tagacha belgidan iborat boʻlsin, masalan <code>Alisher Karimov</code>.
invalid-phone = Bu telefon raqamiga oʻxshamaydi. Masalan: <code>+998 90 123 45 67</code>.
invalid-phone-same = Bu birinchi raqamning oʻzi. Boshqa raqam yuboring yoki «Oʻtkazib yuborish»ni bosing.
invalid-address = Manzil 3 tadan 255 tagacha belgidan iborat boʻlsin.
invalid-weight = Ogʻirlik 0,01–1000 kg oraligʻida boʻlishi kerak, masalan <code>1,5</code>.
invalid-pieces = Joylar soni 1–100 oraligʻidagi butun son boʻlishi kerak.
invalid-volume = Hajmni oʻlchamlar bilan yozing, masalan <code>30x20x10</code> (sm), yoki m³-da (0,0001–100), masalan <code>0,006</code>.
invalid-item = <code>nomi; soni; narxi</code> koʻrinishida yozing, masalan <code>Kitob; 2; 45000</code>.
invalid-items-too-many = Koʻpi bilan 20 ta mahsulot qoʻshish mumkin. «Tayyor»ni bosing.
invalid-cod-amount = Summa 1 000–100 000 000 soʻm oraligʻida boʻlishi kerak, masalan <code>150000</code>.
invalid-comment = Izoh juda uzun: koʻpi bilan 500 ta belgi.
invalid-spic = MXIK kodi 17 ta raqamdan iborat, masalan <code>08517001001020045</code>.
invalid-price = Narxni raqamlarda yozing, masalan <code>100000</code>.
stale-step = Bu tugma boshqa qadamga tegishli.

## Tracking
track-ask = Posilkaning shtrix-kodini yuboring (11–12 ta raqam, masalan <code>60000006106</code>). Bir nechtasini birdaniga yuborsangiz ham boʻladi.
track-invalid = Xabarda shtrix-kod topilmadi. Shtrix-kod 11–12 ta raqamdan iborat, masalan <code>60000006106</code>.
track-unknown = 🤷 <code>{ $barcode }</code> posilkasi topilmadi. Kvitansiyadagi raqamlarni tekshiring yoki joʻnatuvchidan kuzatish havolasini soʻrang.
track-title = 📦 <b>{ $barcode }</b>
track-status = Holati: <b>{ $status }</b>
track-stale = (BTS hozir javob bermadi, bu oxirgi maʼlum holat.)
track-history = <b>Tarix</b>
track-link = 🔗 { $url }
status-unknown = nomaʼlum holat
order-ask-receiver-name-first = Qabul qiluvchining <b>familiyasi, ismi va otasining ismi</b>:
order-card-weight = Ogʻirligi: { $weight }
order-detour-saved = 📝 Tugallanmagan buyurtmangiz saqlandi. Unga qaytish uchun /resume yuboring yoki «{ menu-new-order }» → «{ btn-continue-draft }» tugmasini bosing.
order-edit-opening = ✏️ Buyurtmani tahrirlash
order-edit-detour-saved = ✏️ Buyurtmadagi oʻzgarishlaringiz shu yerda saqlanib turibdi, lekin BTSga hali yuborilmadi. Ularga qaytish uchun /resume yuboring.
order-resume-none = Tugallanmagan buyurtma yoʻq. Yangisini «{ menu-new-order }» tugmasi bilan boshlang.
order-summary-changed = Shundan beri buyurtma oʻzgardi, shuning uchun hech narsa yuborilmadi. Toʻxtagan joyingizdan davom eting:
