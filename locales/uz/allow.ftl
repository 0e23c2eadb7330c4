# Ruxsat etilgan sotuvchilar roʻyxati (administrator menyusi, faqat ADMIN_IDS) va roʻyxatda yoʻq sotuvchi oʻqiydigan matn.
allow-btn-open = ✅ Ruxsat etilgan sotuvchilar
allow-title = ✅ <b>Ruxsat etilgan sotuvchilar roʻyxati</b>
allow-state = { $state ->
        [on] 🟢 Yoqilgan: faqat roʻyxatdagi sotuvchilar kira oladi va sotuvchi sifatida ishlay oladi.
        [empty] 🟡 Yoqilgan, lekin roʻyxat boʻsh: kimnidir qoʻshmaguningizcha har kim sotuvchi sifatida kira oladi.
       *[off] ⚪ Oʻchirilgan: har kim sotuvchi sifatida kira oladi.
    }
allow-entries = { $count ->
        [0] Roʻyxat boʻsh.
       *[other] { $count } ta yozuv:
    }
allow-more = …yana { $count ->
       *[other] { $count } ta yozuv
    }
allow-entry = { $kind ->
        [inn] STIR { $value }
        [login] BTS login { $value }
       *[telegram] Telegram ID { $value }
    }
allow-contact = Ruxsati yoʻq sotuvchilarga shu kontakt koʻrsatiladi: { $contact }
allow-contact-admin = Ruxsati yoʻq sotuvchilarga bot administratoriga murojaat qilish aytiladi. Kimga yozishni bilishlari uchun kontakt kiriting («Kimga murojaat qilish»).
allow-left-out = { $active ->
        [yes] { $count ->
            [0] BTSga kirgan barcha sotuvchilar roʻyxatda bor.
           *[other] BTSga kirgan { $count } ta sotuvchi roʻyxatda yoʻq, bot ularni rad etadi.
        }
       *[no] { $count ->
            [0] BTSga kirgan barcha sotuvchilar roʻyxatda bor.
           *[other] BTSga kirgan { $count } ta sotuvchi roʻyxatda yoʻq: roʻyxat yoqilsa, bot ularni rad etadi.
        }
    }
allow-customers = Posilkalarni kuzatayotgan xaridorlarga roʻyxat taʼsir qilmaydi.
allow-btn-on = 🟢 Yoqish
allow-btn-off = ⚪ Oʻchirish
allow-btn-add = ➕ Qoʻshish
allow-btn-remove = ➖ Olib tashlash
allow-btn-contact = ✏️ Kimga murojaat qilish
allow-btn-back = ⬅️ Roʻyxatga qaytish
allow-btn-drop = 🗑 { $entry }
allow-remove-title = Roʻyxatdan olib tashlash uchun yozuvni bosing.
allow-removed = Roʻyxatdan olib tashlandi.
allow-gone = Bu yozuv endi roʻyxatda yoʻq.
allow-ask-kind = ➕ Nimani qoʻshasiz?
allow-kind-inn = Kompaniya STIRi
allow-kind-login = BTS login
allow-kind-telegram = Telegram ID
allow-ask-values = { $kind ->
        [inn] STIRni yuboring (9 ta raqam). Bir nechtasini birdan yuborsa boʻladi: har birini yangi qatordan yoki vergul bilan.
        [login] BTS API loginini yuboring. Bir nechtasini birdan yuborsa boʻladi: boʻsh joy, vergul yoki yangi qator bilan ajrating.
       *[telegram] Telegram IDni yuboring (raqam; ruxsati yoʻq sotuvchi oʻz IDsini bot javobida koʻradi). Bir nechtasini birdan yuborsa boʻladi: har birini yangi qatordan yoki vergul bilan.
    }
allow-added = { $count ->
        [0] Yangi hech narsa qoʻshilmadi.
       *[other] ✅ { $count } ta yozuv qoʻshildi.
    }
allow-already = Roʻyxatda bor edi: { $values }
allow-invalid = ⚠️ Notoʻgʻri, oʻtkazib yuborildi: { $values }
allow-none-valid = { $kind ->
        [inn] ⚠️ Bu yerda toʻgʻri STIR yoʻq ({ $values }). STIR 9 ta raqamdan iborat. Qaytadan yuboring:
        [login] ⚠️ Bu yerda toʻgʻri BTS login yoʻq ({ $values }). Qaytadan yuboring:
       *[telegram] ⚠️ Bu yerda toʻgʻri Telegram ID yoʻq ({ $values }). U raqamlardan iborat. Qaytadan yuboring:
    }
allow-ask-contact = ✏️ Ruxsati yoʻq sotuvchilar kimga murojaat qilsin? Telegram nomi, telefon raqami yoki qisqa izoh yuboring ({ $limit } belgidan oshmasin), masalan: @bts_support, +998 71 200 00 00
allow-btn-clear-contact = 🧹 Tozalash («administratorga»)
allow-contact-saved = ✅ Saqlandi.
access-refused =
    ⛔ Bu yerda faqat bot roʻyxatidagi sotuvchilar kira oladi, siz esa hozircha roʻyxatda yoʻqsiz.
    { $who ->
        [contact] Ruxsat olish uchun murojaat qiling: { $contact }. Kompaniyangiz STIRini yoki Telegram IDingizni yuboring: <code>{ $id }</code>
       *[admin] Ruxsat olish uchun bot administratoriga murojaat qiling. Kompaniyangiz STIRini yoki Telegram IDingizni yuboring: <code>{ $id }</code>
    }
access-refused-seller =
    ⛔ { $login } BTS hisobi (STIR { $inn }) bu botning sotuvchilar roʻyxatida yoʻq, shuning uchun sotuvchi boʻlimlari hozircha yopiq. Posilkalarni kuzatish odatdagidek ishlaydi.
    { $who ->
        [contact] Ruxsat olish uchun murojaat qiling: { $contact }. Kompaniyangiz STIRini yoki Telegram IDingizni yuboring: <code>{ $id }</code>
       *[admin] Ruxsat olish uchun bot administratoriga murojaat qiling. Kompaniyangiz STIRini yoki Telegram IDingizni yuboring: <code>{ $id }</code>
    }
