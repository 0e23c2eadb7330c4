# BTS omboridagi fulfilment (WMS)

settings-wms = 🏬 Fulfillment (BTS ombori)
ff-hub-not-connected = 🏬 <b>Fulfillment</b>
    Tovarlaringizni BTS omborida saqlang va hammasini shu yerdan boshqaring: mahsulotlar, yetkazib beruvchilar, omborga yuk kirimi va xaridorlaringiz buyurtmalari.
    Avval BTS Fulfillment hisobingizni ulang.
ff-hub = 🏬 <b>Fulfillment</b> · hisob <code>{ $login }</code>
    Nima qilamiz?
ff-not-connected = Avval BTS Fulfillment hisobingizni ulang: Sozlamalar → 🏬 Fulfillment.
ff-btn-connect = 🔑 Hisobni ulash
ff-btn-disconnect = 🚪 Uzish
ff-btn-products = 📦 Mahsulotlar
ff-btn-purveyors = 🏭 Yetkazib beruvchilar
ff-btn-receivings = 🚚 Omborga kirim
ff-btn-orders = 🧾 Buyurtmalar
ff-btn-new-order = ➕ Yangi buyurtma
ff-btn-new-product = ➕ Yangi mahsulot
ff-btn-new-purveyor = ➕ Yangi yetkazib beruvchi
ff-btn-new-receiving = ➕ Yangi kirim
ff-btn-sync = 🔄 Hozir yangilash
ff-btn-hub = 🏬 Fulfillment
ff-btn-search = 🔎 Qidirish
ff-btn-refresh = 🔄 Holatni yangilash
ff-btn-pay = 💳 Toʻlov havolasi
ff-btn-open-pay = 💳 Toʻlash
ff-btn-confirm = ✅ Tasdiqlash
ff-btn-confirm-order = ✅ Buyurtmani yaratish
ff-btn-change = ✏️ { $field }
ff-btn-add-product = ➕ Yana mahsulot
ff-btn-items-done = ✅ Boshqa yoʻq
ff-yes = ha
ff-no = yoʻq

ff-connect-ask-login = BTS Fulfillment loginingiz: kompaniya STIRi (9 raqam) yoki telefon raqami.
ff-connect-login-invalid = Bu STIR (9 raqam) ham, telefon raqami ham emas. Qaytadan kiriting, masalan <code>305123456</code> yoki <code>+998 90 123 45 67</code>.
ff-connect-ask-password = Parol. Xabaringizni oʻqishim bilan oʻchirib tashlayman.
ff-connect-wrong = BTS Fulfillment bu login va parolni qabul qilmadi. Qaytadan boshlaymiz: STIR yoki telefon raqamingiz?
ff-connected = ✅ <code>{ $login }</code> hisobi ulandi. Ombordan olingan mahsulotlar: { $products } ta.
ff-disconnect-confirm = BTS Fulfillment hisobi bu chatdan uzilsinmi? Ombordagi maʼlumotlaringiz saqlanib qoladi.
ff-disconnected = Hisob uzildi, parol unutildi.
ff-synced = 🔄 Tayyor: { $count ->
        *[other] { $count } ta
    } yangi yoki oʻzgargan yozuv olindi.
ff-stale = Bu tugma eskirgan.
ff-use-buttons = Iltimos, yuqoridagi tugmalardan foydalaning.
ff-use-text = Iltimos, matn bilan javob bering.

ff-error-auth = BTS Fulfillment loginingizni endi qabul qilmayapti. Hisobni qaytadan ulang: Sozlamalar → 🏬 Fulfillment.
ff-error-unavailable = BTS Fulfillment hozir javob bermayapti. Hech narsa yoʻqolmadi: bir daqiqadan soʻng qayta urinib koʻring.
ff-error-refused = BTS Fulfillment rad etdi: { $reason }
ff-create-unsure = Ombor buni tasdiqlamadi. Saqlangan boʻlishi mumkin: qayta urinishdan oldin yangilangandan keyin roʻyxatni tekshiring.
ff-order-unsure = ⚠️ Ombor buyurtmani tasdiqlamadi. U yaratilgan boʻlishi mumkin, shuning uchun qayta yubormayman. Yangidan yaratishdan oldin BTS Fulfillmentdan aniqlang.
ff-invalid-draft = Baʼzi maʼlumotlar yetishmayapti. Iltimos, toʻldiring.
ff-unknown-order = Bunday buyurtma sizda yoʻq.
ff-unknown-product = Bunday mahsulot roʻyxatingizda yoʻq.

ff-invalid-empty = Javob boʻsh.
ff-invalid-long = Juda uzun: koʻpi bilan { $limit } ta belgi.
ff-invalid-code = Boʻsh joysiz kod, koʻpi bilan { $limit } ta belgi.
ff-invalid-phone = Bu telefon raqamiga oʻxshamaydi. Masalan: <code>+998 90 123 45 67</code>.
ff-invalid-inn = STIR 9 ta raqamdan iborat.
ff-invalid-gtin = Shtrix-kod (GTIN) 8 tadan 14 tagacha raqam.
ff-invalid-zip = Pochta indeksi 6 ta raqam, masalan <code>100200</code>.
ff-invalid-number = { $low }–{ $high } oraligʻida son kiriting.
ff-invalid-count = 1–{ $high } oraligʻida butun son kiriting.
ff-invalid-date = Sanani shunday kiriting: <code>{ -example-date }</code>.
ff-invalid-moment = Sana va vaqtni shunday kiriting: <code>{ -example-moment }</code>.
ff-invalid-past = Bu vaqt oʻtib ketgan. Kelgusidagi vaqtni tanlang.
ff-invalid-discount = Chegirma qator summasidan ({ $gross }) oshmasligi kerak.
ff-found-several = Bir nechtasi mos keldi. Tanlang:
ff-product-not-found = «{ $query }» boʻyicha mahsulot topilmadi. Boshqa nom, kod yoki shtrix-kod bilan urinib koʻring.
ff-product-gone = Bu mahsulot endi roʻyxatingizda yoʻq.
ff-purveyor-not-found = «{ $query }» boʻyicha yetkazib beruvchi topilmadi. Avval uni qoʻshing (🏭 Yetkazib beruvchilar → ➕ Yangi yetkazib beruvchi).
ff-purveyor-gone = Bu yetkazib beruvchi endi roʻyxatingizda yoʻq.
ff-day-today = Bugun
ff-day-tomorrow = Ertaga
ff-when-tomorrow = Ertaga, { $hour }
ff-when-after-tomorrow = Indinga, { $hour }

# mahsulotlar
ff-products = 📦 Mahsulotlaringiz: { $count ->
        *[other] { $count } ta
    }
ff-products-found = 🔎 «{ $query }»: { $count ->
        *[other] { $count } ta
    } topildi
ff-products-empty = 📦 Hozircha mahsulot yoʻq. Yangisini qoʻshing yoki ombor kiritgan boʻlsa, yangilang.
ff-ask-search-product = Nomi, kodi yoki shtrix-kodini yozing.
ff-product-card = 📦 <b>{ $name }</b>
    { $full_name }
    Kod: <code>{ $code }</code> · shtrix-kod: <code>{ $gtin }</code>
    Artikul: { $article } · guruh: { $group }
    Oʻlchov birligi: { $unit } · qadoq: { $packaging }
    Yaroqlilik zaxirasi: { $shelf_life } · saqlash muddati, kun: { $storage_days } · harorat: { $temperature }
    Ogʻirligi: { $weight } kg (sof { $net_weight }) · hajmi: { $volume } m³ · toʻplam: { $is_set }
ff-product-new = ➕ <b>Yangi mahsulot</b>. Bir nechta savol, keyin hammasini tekshirasiz.
ff-ask-product-name = Mahsulot nomi?
ff-ask-product-name-short = Nomi
ff-ask-product-code = Mahsulot kodingiz (SKU), boʻsh joysiz?
ff-ask-product-code-short = Kod
ff-ask-product-gtin = Shtrix-kod (GTIN, 8–14 raqam)?
ff-ask-product-gtin-short = Shtrix-kod
ff-ask-product-group = Mahsulot guruhi (masalan, Kiyim)?
ff-ask-product-group-short = Guruh
ff-ask-product-unit = Oʻlchov birligi? Tanlang yoki yozing.
ff-ask-product-unit-short = Birlik
ff-ask-product-weight = Bir donasining ogʻirligi, kg (masalan, <code>0,5</code>)?
ff-ask-product-weight-short = Ogʻirlik
ff-ask-product-volume = Bir donasining hajmi, m³ (masalan, <code>0,002</code>)?
ff-ask-product-volume-short = Hajm
ff-ask-product-temperature = Saqlash harorati?
ff-ask-product-temperature-short = Harorat
ff-unit-piece = dona
ff-unit-kg = kg
ff-unit-litre = litr
ff-unit-box = quti
ff-temp-normal = 🌡 oddiy
ff-temp-cold = ❄️ sovutilgan
ff-temp-frozen = 🧊 muzlatilgan
ff-product-summary = 📦 <b>Mahsulotni tekshiring</b>
    Nomi: { $name }
    Kod: <code>{ $code }</code> · shtrix-kod: <code>{ $gtin }</code>
    Guruh: { $group } · birlik: { $unit }
    Ogʻirlik: { $weight } · hajm: { $volume } m³
    Harorat: { $temperature }
ff-product-registered = ✅ «{ $name }» mahsuloti omborga qoʻshildi (id { $id }).

# yetkazib beruvchilar
ff-purveyors = 🏭 Yetkazib beruvchilaringiz: { $count ->
        *[other] { $count } ta
    }
ff-purveyors-found = 🔎 «{ $query }»: { $count ->
        *[other] { $count } ta
    } topildi
ff-purveyors-empty = 🏭 Hozircha yetkazib beruvchi yoʻq.
ff-ask-search-purveyor = Nomi, kodi yoki STIRini yozing.
ff-purveyor-card = 🏭 <b>{ $name }</b>
    { $full_name }
    Kod: <code>{ $code }</code> · STIR: <code>{ $inn }</code>
    Aloqa: { $contact }
    Manzil: { $address }
ff-purveyor-new = ➕ <b>Yangi yetkazib beruvchi</b>
ff-ask-purveyor-name = Yetkazib beruvchining qisqa nomi?
ff-ask-purveyor-name-short = Nomi
ff-ask-purveyor-full-name = Toʻliq yuridik nomi (masalan, «Ipak Yoʻli» MChJ)?
ff-ask-purveyor-full-name-short = Toʻliq nomi
ff-ask-purveyor-code = Bu yetkazib beruvchi uchun kodingiz, boʻsh joysiz?
ff-ask-purveyor-code-short = Kod
ff-ask-purveyor-inn = Yetkazib beruvchining STIRi (9 raqam)?
ff-ask-purveyor-inn-short = STIR
ff-ask-purveyor-contact = Aloqa telefoni?
ff-ask-purveyor-contact-short = Telefon
ff-purveyor-summary = 🏭 <b>Yetkazib beruvchini tekshiring</b>
    { $name } ({ $full_name })
    Kod: <code>{ $code }</code> · STIR: { $inn }
    Telefon: { $contact }
ff-purveyor-registered = ✅ «{ $name }» yetkazib beruvchisi qoʻshildi (id { $id }).

# omborga kirim (tovarlarni qabul qilish)
ff-receivings = 🚚 Omborga kirimlar: { $count ->
        *[other] { $count } ta
    }
ff-receivings-empty = 🚚 Hozircha kirim yoʻq.
ff-receiving-line = <b>№{ $number }</b> · { $date } · { $state }
    { $counterparty }: { $nomenclature }, { $quantity } dona, { $sum }
ff-receiving-announced = 📝 maʼlum qilingan
ff-receiving-recorded = 🗂 ombor roʻyxatga oldi
ff-receiving-accepted = ✅ omborga qabul qilindi
ff-receiving-new = ➕ <b>Omborga yangi kirim</b>
ff-ask-receiving-number = Yetkazib berish raqami (hujjatingiz raqami)?
ff-ask-receiving-number-short = Raqam
ff-ask-receiving-date = Yetkazib berish sanasi? Tanlang yoki yozing, masalan <code>{ -example-date }</code>.
ff-ask-receiving-date-short = Sana
ff-ask-receiving-counterparty = Yetkazib beruvchi? Tanlang yoki nomini yozing.
ff-ask-receiving-counterparty-short = Yetkazib beruvchi
ff-ask-receiving-vehicle = Mashina rusumi (masalan, Isuzu)?
ff-ask-receiving-vehicle-short = Mashina
ff-ask-receiving-plate = Mashinaning davlat raqami?
ff-ask-receiving-plate-short = Davlat raqami
ff-ask-receiving-driver = Haydovchining F.I.Sh.?
ff-ask-receiving-driver-short = Haydovchi
ff-ask-receiving-goods = Qanday tovar? Roʻyxatdan tanlang yoki soʻz bilan yozing.
ff-ask-receiving-goods-short = Tovar
ff-ask-receiving-quantity = Miqdori (dona)?
ff-ask-receiving-quantity-short = Miqdor
ff-ask-receiving-price = Bir donasining narxi, soʻmda, QQS bilan?
ff-ask-receiving-price-short = Narx
ff-ask-receiving-vat = QQS stavkasi, %? Tanlang yoki yozing.
ff-ask-receiving-vat-short = QQS
ff-vat-0 = QQSsiz
ff-vat-12 = 12 %
ff-receiving-summary = 🚚 <b>Kirimni tekshiring</b>
    №{ $number }, { $date }
    Yetkazib beruvchi: { $counterparty }
    Mashina: { $vehicle } · haydovchi: { $driver }
    Tovar: { $nomenclature }
    { $quantity } × { $price }
    QQS { $vat } %: { $vat_amount }
    <b>Jami: { $sum }</b>
ff-receiving-created = ✅ №{ $number } kirim omborga maʼlum qilindi ({ $state }). Ombor uni roʻyxatga olib, qabul qilganda xabar beraman.

# fulfilment buyurtmalari
ff-orders = 🧾 Fulfillment buyurtmalaringiz: { $count ->
        *[other] { $count } ta
    }
ff-orders-empty = 🧾 Hozircha fulfilment buyurtmasi yoʻq.
ff-order-new = ➕ <b>Yangi fulfilment buyurtmasi</b>: ombor mahsulotlaringizni yigʻib, qadoqlab, xaridorga joʻnatadi.
ff-ask-order-name = Xaridorning F.I.Sh.?
ff-ask-order-name-short = Xaridor
ff-ask-order-phone = Xaridorning telefoni?
ff-ask-order-phone-short = Telefon
ff-ask-order-city = Xaridor qaysi shahar yoki tumanda?
ff-ask-order-city-short = Shahar
ff-ask-order-address = Koʻcha, uy, xonadon?
ff-ask-order-address-short = Manzil
ff-ask-order-zip = Pochta indeksi (6 raqam)?
ff-ask-order-zip-short = Indeks
ff-ask-order-when = Qachon yetkazilsin? Tanlang yoki yozing, masalan <code>{ -example-moment }</code>.
ff-ask-order-when-short = Vaqt
ff-ask-order-product = Qaysi mahsulot? Tanlang yoki nomi, kodi yoki shtrix-kodini yozing.
ff-ask-order-quantity = Nechta?
ff-ask-order-price = Bir donasining narxi, soʻmda?
ff-ask-order-discount = Bu qatorga chegirma, soʻmda?
ff-ask-order-more = { $lines }
    Hozircha jami: <b>{ $sum }</b>
    Yana mahsulot qoʻshasizmi?
ff-line = { $n }. { $name }: { $quantity } × { $price } − { $discount } = <b>{ $final }</b>
ff-order-summary = 🧾 <b>Buyurtmani tekshiring</b>
    Xaridor: { $name }, { $phone }
    Manzil: { $region }, { $city }, { $address } ({ $zip })
    Yetkazish: { $when }
    { $lines }
    <b>Jami: { $sum }</b>
ff-order-created = ✅ №{ $id } buyurtma omborga yuborildi.
ff-order-card = 🧾 <b>№{ $id } buyurtma</b> · { $status }
    Xaridor: { $name }, { $phone }
    Manzil: { $region }, { $city }, { $address }
    Yetkazish: { $when }
    { $lines }
    <b>Jami: { $sum }</b>
    Ombordagi raqami: { $wms_id }
ff-order-state-sending = ⏳ yuborilmoqda
ff-order-state-unsure = ⚠️ ombor tasdiqlamadi
ff-order-state-failed = ❌ ombor rad etdi
ff-status-1 = 🆕 yangi
ff-status-2 = 🧺 yigʻilmoqda
ff-status-3 = 📦 qadoqlandi
ff-status-4 = 🚚 yetkazishga yuklandi
ff-status-5 = 🗓 rejalashtirildi
ff-status-6 = ❌ bekor qilindi
ff-status-7 = 🔓 qayta ochildi
ff-status-unknown = ❔ holati nomaʼlum
ff-pay-purpose = №{ $id } buyurtma
ff-pay-link = 💳 №{ $id } buyurtma uchun toʻlov havolasi, { $amount }:
    { $url }
    Uni xaridorga yuboring.

# push-xabarlar
push-ff-status = 🧾 №{ $order_id } fulfilment buyurtmasi: { $code ->
        [1] 🆕 yangi
        [2] 🧺 yigʻilmoqda
        [3] 📦 qadoqlandi
        [4] 🚚 yetkazishga yuklandi
        [5] 🗓 rejalashtirildi
        [6] ❌ bekor qilindi
        [7] 🔓 qayta ochildi
       *[other] holati { $code }
    }
push-ff-receiving = 🚚 №{ $number } kirim: { $state ->
        [accepted] ✅ omborga qabul qilindi ({ $gate }-darvoza)
       *[recorded] 🗂 ombor roʻyxatga oldi
    }

# Typed examples, not decimal numbers.
-example-date = 25.12.2026
-example-moment = 25.12 14:00
