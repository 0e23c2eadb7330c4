## The database stayed locked by another process past the busy timeout
error-busy = ⏳ Hozir boshqa maʼlumotlarni saqlash bilan bandman. Iltimos, buni bir daqiqadan keyin qayta yuboring.
## Koʻp joʻnatadigan sotuvchi uchun: jadvaldan buyurtmalar, yorliqlar varagʻi, naqd toʻlov hisobi, eksport, skanerlash, inline

menu-tools = 🧰 Asboblar
cmd-tools = Asboblar: jadvallar, yorliqlar, naqd toʻlov
cmd-bulk = Jadvaldan buyurtmalar
cmd-cod = Naqd toʻlov: hisobot va eksport

hub-title = 🧰 <b>Koʻp posilka uchun asboblar</b>
    Nima qilamiz?
hub-bulk = 📥 Jadvaldan buyurtmalar
hub-labels-today = 🏷 Bugungi yorliqlar (bitta PDF)
hub-labels-active = 🏷 Yoʻldagi buyurtmalar yorliqlari (bitta PDF)
hub-ledger = 💵 Naqd toʻlov va eksport
hub-international = 🌍 Yangi xalqaro posilka
hub-manifests = 📑 Manifestlar
hub-scan = 📷 Rasmdan kuzatish
scan-how = 📷 Yorliqning rasmini yoki shtrix-kod yoxud QR-kod koʻrinib turgan skrinshotni yuboring — oʻqib, posilka qayerdaligini koʻrsataman.

## Jadval ustunlari (-alt qatorlarida vergul bilan ajratilgan boshqa nomlar ham qabul qilinadi)
bulk-col-name = Qabul qiluvchi
bulk-col-name-alt = F.I.Sh., Ism, Qabul qiluvchining ismi
bulk-col-phone = Telefon
bulk-col-phone-alt = Telefon raqami, Qabul qiluvchining telefoni, Mobil
bulk-col-phone2 = Ikkinchi telefon
bulk-col-phone2-alt = Telefon 2, Qoʻshimcha telefon
bulk-col-city = Shahar yoki tuman
bulk-col-city-alt = Shahar, Tuman, Aholi punkti
bulk-col-branch = BTS filiali
bulk-col-branch-alt = Filial, BTS filiali
bulk-col-address = Manzil
bulk-col-address-alt = Koʻcha, Yetkazish manzili
bulk-col-weight = Ogʻirligi, kg
bulk-col-weight-alt = Ogʻirlik, Vazn, kg
bulk-col-cod = Naqd toʻlov, soʻm
bulk-col-cod-alt = Naqd toʻlov, Toʻlov qabul qilinganda
bulk-col-comment = Izoh
bulk-col-comment-alt = Eslatma

bulk-example-name = Odil Ahmedov
bulk-example-phone = +998 90 123 45 67
bulk-example-phone2 = {""}
bulk-example-city = Samarqand
bulk-example-branch = {""}
bulk-example-address = Registon koʻchasi 5-uy, 12-xonadon
bulk-example-weight = 1,5
bulk-example-cod = 150000
bulk-example-comment = Yetkazishdan oldin qoʻngʻiroq qiling

bulk-note-name = Majburiy. Qabul qiluvchining F.I.Sh.
bulk-note-phone = Majburiy. Oʻzbekiston raqami: +998 90 123 45 67 yoki 90 123 45 67.
bulk-note-phone2 = Ixtiyoriy.
bulk-note-city = Majburiy. Shahar yoki tuman, istalgan yozuvda: Samarqand, Самарканд, Samarkand.
bulk-note-branch = Ixtiyoriy. BTS filialiga yetkazish uchun uning nomi yoki raqamini yozing; boʻsh boʻlsa — kuryer olib boradi.
bulk-note-address = Kuryer yetkazsa, majburiy.
bulk-note-weight = Majburiy. Kilogrammda: 0,5, 1,5, 12.
bulk-note-cod = Ixtiyoriy. Kuryer oladigan summa; toʻlangan boʻlsa, boʻsh qoldiring yoki 0 yozing.
bulk-note-comment = Ixtiyoriy. Kuryer koʻradi.

bulk-intro = 📥 <b>Jadvaldan buyurtmalar</b>
    XLSX yoki CSV fayl yuboring: har qatorda bitta buyurtma (koʻpi bilan { $limit } qator). Birinchi qatorda ustunlar nomi turadi — quyidagi namunada koʻrasiz.
    Har bir qatorni tekshiraman, nimani tuzatish kerakligini aytaman, qolganlarining narxini hisoblayman. Siz tasdiqlamaguningizcha hech narsa yaratilmaydi.
    Joʻnatuvchi oxirgi buyurtmangizdan olinadi.
bulk-btn-template-xlsx = 📄 Namuna (Excel)
bulk-btn-template-csv = 📄 Namuna (CSV)
bulk-template-caption = Har qatorga bitta buyurtma yozib, faylni shu yerga qaytarib yuboring.
bulk-send-file = Jadvalni fayl qilib yuboring (XLSX yoki CSV).
bulk-too-big = Fayl juda katta. Koʻpi bilan 5 MB yuboring.
bulk-summary-title = 📄 <b>{ $file }</b>: { $rows } qator
bulk-summary-valid = ✅ Yaratishga tayyor: { $count ->
        *[other] { $count } ta
    }, yetkazish jami { $sum }.
bulk-summary-invalid = ❌ Tuzatish kerak boʻlgan qatorlar: { $count ->
        *[other] { $count } ta
    }
bulk-row-problem = • { $row }-qator: { $problems }
bulk-more-problems = …yana { $count ->
        *[other] { $count } ta
    }. Ularni faylda tuzatib, qaytadan yuboring.
bulk-problem-missing = «{ $column }» toʻldirilmagan
bulk-problem-too-long = «{ $column }» juda uzun
bulk-problem-phone = «{ $column }»: «{ $value }» Oʻzbekiston telefon raqami emas
bulk-problem-city = «{ $value }» degan shahar yoki tuman topilmadi
bulk-problem-branch = bu shaharda «{ $value }» degan BTS filiali yoʻq
bulk-problem-address = manzil yozilmagan (manzilni yoki filialni kiriting)
bulk-problem-weight = ogʻirlik «{ $value }» — kilogrammda son yozing, masalan 1,5
bulk-problem-cod = naqd toʻlov «{ $value }» — soʻmda summa yozing, masalan 150000
bulk-problem-no-receipt-good = naqd toʻlov uchun elektron chekka roʻyxatdan oʻtgan mahsulot kerak — avval yangi buyurtmada mahsulotni roʻyxatdan oʻtkazing
bulk-problem-route = BTS bu yoʻnalishga yetkazmaydi { $value }
bulk-btn-create = ✅ { $count ->
        *[other] { $count } ta buyurtma
    } yaratish
bulk-missing-columns = Birinchi qatorda bu ustunlar topilmadi: { $columns }. Namunadagi nomlardan foydalaning.
bulk-dropped = Yuklash bekor qilindi, hech narsa yaratilmadi.
bulk-already-started = Bu buyurtmalar allaqachon yaratilmoqda.
bulk-progress = ⏳ { $total ->
        *[other] { $total } tadan
    } { $done } tasi yaratildi…
bulk-done = ✅ Tayyor: { $total ->
        *[other] { $total } tadan
    } { $created } ta buyurtma yaratildi.
bulk-done-failed = ❌ BTS rad etdi: { $count ->
        *[other] { $count } ta
    }.
bulk-done-unsure = ⚠️ { $count ->
        *[other] { $count } tasi
    } yaratilgan boʻlishi mumkin — tekshirib koʻring.
bulk-btn-labels = 🏷 Yorliqlar (bitta PDF)
bulk-btn-problems = ❗ Muammoli qatorlar
bulk-no-problems = Muammoli qatorlar yoʻq.
bulk-problems-title = <b>Yaratilmagan qatorlar</b>
bulk-row-failed = • { $row }-qator: BTS rad etdi — { $reason }
bulk-row-unsure = • { $row }-qator: BTS javob bermadi — BTS shaxsiy kabinetingizda tekshiring
bulk-btn-retry = 🔁 Rad etilganlarini qayta yuborish, noaniqlarini tekshirish
bulk-error = Bu jadvalda nimadir notoʻgʻri.
bulk-unreadable = Faylni oʻqib boʻlmadi. XLSX yoki CSV fayl yuboring.
bulk-too-many = Qatorlar juda koʻp: faylni 2000 qatordan oshmaydigan qismlarga boʻling.
bulk-empty = Faylda buyurtma yoʻq: birinchi qator — ustunlar nomi, keyin har qatorda bitta buyurtma.
bulk-no-sender = Joʻnatuvchi maʼlumotlarini hali bilmayman: avval bitta buyurtmani qoʻlda yarating, keyin jadvalni yuboring.
bulk-not-found = Bu yuklash topilmadi.

labels-none = Yorliq chiqaradigan buyurtma yoʻq.
labels-caption = 🏷 { $count ->
        *[other] { $count } ta yorliq
    }, { $pages } sahifa.

## Naqd toʻlov
ledger-period-today = Bugun
ledger-period-7 = 7 kun
ledger-period-30 = 30 kun
ledger-period-month = Shu oy
ledger-title = 💵 <b>Naqd toʻlov</b>, { $start } – { $end }
ledger-delivered = ✅ Yetkazildi: { $count ->
        *[other] { $count } ta
    }, BTS { $amount } yigʻdi
ledger-awaiting = ⏳ Yetkazilishi kutilmoqda: { $count ->
        *[other] { $count } ta
    }, { $amount }
ledger-returned = ↩️ Qaytarildi yoki bekor qilindi: { $count ->
        *[other] { $count } ta
    }
ledger-online = 💳 Onlayn toʻlandi (Yandex Pay): { $count ->
        *[other] { $count } ta
    }, { $amount }
ledger-hint = Davrni tanlang yoki yozing, masalan { -example-period }. Quyidagi eksportlar shu davr uchun.
ledger-bad-period = Davrni tushunmadim. Shunday yozing: { -example-period } (koʻpi bilan bir yil).
ledger-state-delivered = Yetkazildi
ledger-state-awaiting = Yetkazilishi kutilmoqda
ledger-state-returned = Qaytarildi
export-btn = ⬇️ { $kind } { $format }
export-kind-orders = Buyurtmalar
export-kind-cod = Naqd toʻlov
export-kind-payments = Toʻlovlar
export-caption = { $kind }: { $count ->
        *[other] { $count } qator
    }.
export-col-barcode = Shtrix-kod
export-col-created = Yaratilgan
export-col-receiver = Qabul qiluvchi
export-col-phone = Telefon
export-col-city = Shahar
export-col-cost = Yetkazish, soʻm
export-col-cod = Naqd toʻlov, soʻm
export-col-status = Holati
export-col-state = Holat
export-col-settled = Yetkazilgan yoki qaytarilgan
export-col-amount = Summa, soʻm

## Rasmdan shtrix-kod
scan-too-big = Rasm juda katta. Kichikroq rasm yuboring.
scan-nothing = Bu rasmda shtrix-kod topilmadi. Yaqinroqdan, toʻgʻri qarab, kod toʻliq koʻrinadigan qilib suratga oling — yoki raqamini yozing.

## Inline rejim
inline-open-bot = Botni ochish
inline-unknown-title = { $barcode }: topilmadi
inline-unknown-description = Raqamni tekshirib, qaytadan urinib koʻring
inline-card-title = 📦 { $barcode } posilkasi
inline-card-receiver = Qabul qiluvchi: { $name }, { $city }
inline-card-cod = Naqd toʻlov: { $amount }
inline-pay-title = 💳 Toʻlov havolasi: { $amount }
inline-pay-description = { $barcode } posilkasi uchun
inline-pay-card = 💳 <code>{ $barcode }</code> posilkasi uchun toʻlov: { $amount }. Toʻlash uchun tugmani bosing.

## Xalqaro posilkalar
intl-title = 🌍 <b>Yangi xalqaro posilka</b>
intl-ask-parcel-number = Posilka raqami (bu posilka uchun oʻzingizning raqamingiz, harf va raqamlar):
intl-ask-surname = Qabul qiluvchining familiyasi (pasportdagidek):
intl-ask-first-name = Qabul qiluvchining ismi:
intl-ask-patronymic = Otasining ismi (yoki «Oʻtkazib yuborish»):
intl-ask-passport = Pasport seriyasi va raqami, masalan <code>AC 1234567</code>. Xabaringizni oʻchirib, maʼlumotni shifrlangan holda saqlayman.
intl-ask-pinfl = JShShIR (PINFL) — pasportdagi 14 xonali shaxsiy raqam. Xabaringizni oʻchirib, uni shifrlangan holda saqlayman.
intl-saved-masked = 🔒 Saqlandi: { $value }
intl-ask-phone = Qabul qiluvchining telefon raqami:
intl-ask-phone2 = Mahalliy telefon raqami (yoki «Oʻtkazib yuborish»):
intl-ask-customs = Qabul qiluvchi bojxona rasmiylashtiruviga rozimi?
intl-ask-weight = Posilka ogʻirligi, kg, masalan 4 yoki 2,5:
intl-ask-value = Posilkaning eʼlon qilingan qiymati (son; yoki «Oʻtkazib yuborish»):
intl-ask-currency = Eʼlon qilingan qiymat valyutasi:
intl-ask-delivery = Qabul qiluvchi posilkani qanday oladi?
intl-delivery-door = 🚚 Kuryer eshikkacha olib boradi
intl-delivery-branch = 🏢 BTS filialidan oʻzi oladi
intl-ask-city = Qabul qiluvchining shahri yoki tumani (nomini yozing):
intl-city-pick = Shahar yoki tumanni tanlang:
intl-city-not-found = Bunday shahar yoki tuman topilmadi. Boshqacha yozib koʻring.
intl-ask-branch = BTS filialini tanlang:
intl-no-branches = Bu shaharda BTS filiali yoʻq. Orqaga qaytib, kuryer orqali yetkazishni yoki boshqa shaharni tanlang.
intl-ask-address = Qabul qiluvchining manzili (koʻcha, uy, xonadon):
intl-ask-p-desc = 📦 <b>Mahsulot</b>: oʻzbekcha tavsifi:
intl-ask-p-desc-ru = Ruscha tavsifi:
intl-ask-p-qty = Soni:
intl-ask-p-weight = Sof ogʻirligi, kg:
intl-ask-p-value = Bittasining eʼlon qilingan qiymati:
intl-ask-p-url = Mahsulot havolasi (veb-manzil):
intl-ask-p-unit = Mahsulot birligi:
intl-ask-p-hs = HS kodi (6–10 raqam), masalan 6211390000:
intl-ask-p-model = Modeli (yoki «Oʻtkazib yuborish»):
intl-ask-p-imei = Telefonlar uchun IMEI (15 raqam; yoki «Oʻtkazib yuborish»):
intl-products-so-far = Posilkadagi mahsulotlar: { $count ->
        *[other] { $count } ta
    }
intl-add-product = ➕ Yana mahsulot qoʻshish
intl-need-product = Kamida bitta mahsulot qoʻshing.
intl-invalid-parcel-number = Faqat harflar, raqamlar va chiziqcha (64 belgigacha).
intl-invalid-name = Ismni harflar bilan yozing (100 belgigacha).
intl-invalid-text = Qisqa matn yozing.
intl-invalid-address = Manzilni yozing (255 belgigacha).
intl-invalid-passport = Bu pasportga oʻxshamaydi: ikkita lotin harfi va yettita raqam, masalan AC 1234567.
intl-invalid-pinfl = JShShIR notoʻgʻri: pasportdagidek 14 ta raqam. Har bir raqamni tekshiring.
intl-invalid-weight = Ogʻirlikni kg da yozing, masalan 2,5.
intl-invalid-money = Summani yozing, masalan 120 yoki 99,90.
intl-invalid-quantity = Sonini yozing, masalan 2.
intl-invalid-currency = Valyutani tugma bilan tanlang.
intl-invalid-branch = Filialni tugma bilan tanlang.
intl-invalid-url = Veb-manzil yuboring, masalan https://shop.example/item/1.
intl-invalid-unit = Birlikni tugma bilan tanlang.
intl-invalid-hs = HS kodi 6 tadan 10 tagacha raqamdan iborat.
intl-invalid-imei = IMEI 15 ta raqamdan iborat (14–16 qabul qilinadi).
intl-summary-title = 🌍 <b>{ $number } xalqaro posilkasi</b>
intl-summary-receiver = 👤 { $name }, { $phone }
intl-summary-documents = 🪪 Pasport { $passport }, JShShIR { $pinfl }
intl-summary-branch = 🏢 { $city }, { $branch } filiali
intl-summary-door = 🚚 { $city }, { $address }
intl-summary-parcel = ⚖️ { $weight }, qiymati { $value }
intl-summary-customs-yes = ✅ Bojxona rasmiylashtiruviga rozilik bor
intl-summary-customs-no = ⚠️ Bojxona rasmiylashtiruviga rozilik yoʻq
intl-summary-products = 📦 Mahsulotlar: { $count ->
        *[other] { $count } ta
    }
intl-step-parcel_number = Posilka raqami
intl-step-surname = Familiya
intl-step-first_name = Ism
intl-step-patronymic = Otasining ismi
intl-step-passport = Pasport
intl-step-pinfl = JShShIR
intl-step-phone = Telefon
intl-step-phone2 = Mahalliy telefon
intl-step-customs = Bojxona roziligi
intl-step-weight = Ogʻirlik
intl-step-value = Qiymat
intl-step-currency = Valyuta
intl-step-delivery = Yetkazish
intl-step-city = Shahar
intl-step-address = Manzil
intl-which-field = Nimani oʻzgartiramiz?
intl-incomplete = Baʼzi savollarga javob yoʻq. Boʻsh maydonlarni toʻldiring.
intl-creating = ⏳ Posilkani BTSga yuboryapman…
intl-create-unsure = ⚠️ BTS oʻz vaqtida javob bermadi. Posilka yaratilgan boʻlishi mumkin: qayta yuborishdan oldin BTS shaxsiy kabinetingizda tekshiring.
intl-create-in-progress = Bu posilka allaqachon yuborilmoqda.
intl-created = ✅ { $number } xalqaro posilkasi yaratildi.
    Pasport { $passport }, JShShIR { $pinfl }.
    Manifestga qoʻshish: 🧰 Asboblar → 📑 Manifestlar.
intl-manifest-empty = Manifest uchun posilka yoʻq: avval xalqaro posilkalar yarating.
intl-manifest-exists = Bu raqamli manifest allaqachon bor.
intl-parcel-exists = Bu raqamli posilka allaqachon bor.
intl-created-barcode = Shtrix-kod: <code>{ $barcode }</code>. Holati oʻzgarsa, xabar beraman.
intl-awaiting-barcode = ⏳ BTS shtrix-kodi kutilmoqda. BTS posilkaga yorliq berganda, «🏷 BTS shtrix-kodini qoʻshish» tugmasini bosing va kodni yozing yoki yorliqni suratga olib yuboring. Shundan soʻng posilkani kuzataman va holati oʻzgarsa, xabar beraman.
btn-add-barcode = 🏷 BTS shtrix-kodini qoʻshish
intl-ask-barcode = { $number } posilkasining BTS shtrix-kodini yozing (yorliqdagi chiziqlar ostidagi raqamlar, masalan <code>01000865704</code>) yoki yorliqni suratga olib yuboring.
intl-barcode-invalid = Bu BTS shtrix-kodiga oʻxshamaydi: unda 11, 12 yoki 15 ta raqam boʻladi (masalan <code>01000865704</code>) yoki u <code>RR123456789UZ</code> koʻrinishida boʻladi. Qaytadan yozing yoki yorliqni suratga olib yuboring.
intl-barcode-several = Suratda bir nechta kod bor: { $barcodes }. Ulardan qaysi biri shu posilkaning BTS shtrix-kodi ekanini yozing.
intl-barcode-taken = <code>{ $barcode }</code> shtrix-kodi boshqa buyurtmaga tegishli. Yorliqni tekshirib, shu posilkaning oʻz shtrix-kodini yozing.
intl-barcode-unknown = BTS hisobingizda <code>{ $barcode }</code> shtrix-kodi topilmadi. Raqamlarni yorliq bilan solishtirib, qaytadan yozing.
intl-barcode-already = Bu posilkaning shtrix-kodi allaqachon bor: <code>{ $barcode }</code>.
intl-barcode-saved = ✅ <code>{ $barcode }</code> shtrix-kodi saqlandi. Posilkani kuzataman va holati oʻzgarsa, xabar beraman; xaridoringiz ham uni shu shtrix-kod orqali kuzatishi mumkin.
intl-barcode-saved-unchecked = ✅ <code>{ $barcode }</code> shtrix-kodi saqlandi. BTS hozir javob bermayapti: posilkani birozdan soʻng tekshiraman va holati oʻzgarsa, xabar beraman.
intl-barcode-media = Shtrix-kodni yozing yoki yorliqni suratga olib yuboring.
order-card-intl-title = 🌍 <b>{ $number } xalqaro posilkasi</b>
order-card-barcode = Shtrix-kod: <code>{ $barcode }</code>
order-card-awaiting-barcode = ⏳ BTS shtrix-kodi kutilmoqda: uni posilka yorligʻidan qoʻshing.

## Manifestlar
manifests-title = 📑 <b>Manifestlar</b>
    Manifestga kirmagan posilkalar: { $waiting } ta
manifests-line = • { $number } ({ $date }): { $count ->
        *[other] { $count } tadan
    } { $sent } tasi yuborildi — { $state }
manifest-btn-new = ➕ Shu posilkalar bilan yangi manifest
manifest-btn-open = 📑 { $number }
manifest-ask-number = Manifest raqami:
manifest-bad-number = Manifest raqamini yozing (64 belgigacha).
manifest-card = 📑 <b>{ $number } manifesti</b>, { $date }
    Posilkalar: { $count ->
        *[other] { $count } ta
    }, yuborilgan: { $sent } ta — { $state }
manifest-state-draft = hali yuborilmagan
manifest-state-partial = qisman yuborilgan
manifest-state-sent = yuborilgan
manifest-bts-said = BTS: { $message }
manifest-btn-send = 📤 BTSga yuborish

# A typed example, not a decimal number.
-example-period = 01.11.2026-30.11.2026
