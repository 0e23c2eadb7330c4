# Operator menyusi (faqat ADMIN_IDS): raqamlar va ommaviy xabarlar.
admin-menu = 🛠 Administrator menyusi
admin-btn-stats = 📊 Raqamlar
admin-btn-broadcast = 📣 Ommaviy xabar
admin-btn-refresh = 🔄 Yangilash
admin-stats =
    📊 <b>Raqamlar</b>
    Foydalanuvchilar: { $users }
    Sotuvchilar (BTSga kirgan): { $sellers }
    Bugungi buyurtmalar: { $today }, 7 kunda: { $week }
    Yuborilgan bildirishnomalar: { $sent }, yetkazilmagan: { $failed }, navbatda: { $waiting }
    Tashqi API soʻrovlari (shu jarayon):
    { $upstream }
admin-upstream-line = { $api }: { $calls } ta soʻrov, { $failed } ta xato ({ $rate }%)
admin-upstream-none = hali yoʻq
admin-ask-audience = 📣 Xabar kimlarga yuborilsin?
admin-audience-all = Hammaga
admin-audience-sellers = Sotuvchilarga
admin-audience-customers = Xaridorlarga
admin-ask-text = Xabar matnini yuboring (oddiy matn, { $limit } belgidan oshmasin).
admin-text-too-long = Matnda { $length } ta belgi bor, koʻpi bilan { $limit } boʻlishi kerak. Qisqartiring, iltimos.
admin-empty-audience = Bu guruhda hozircha hech kim yoʻq. Boshqasini tanlang.
admin-preview =
    👀 <b>Oldindan koʻrish</b> — { $count ->
        *[other] { $count } ta chat
    } ({ $audience }):

    { $text }
admin-btn-send = ✅ Yuborish
admin-queued = 📣 { $count ->
        *[other] { $count } ta chat
    } uchun navbatga qoʻyildi. Bot uni Telegram cheklovlariga rioya qilib yuboradi.
admin-progress = 📣 Ommaviy xabar: { $total ->
        *[other] { $total } tadan
    } { $sent } tasi yuborildi, { $failed } tasi yetkazilmadi.{ $done ->
        [yes] {" "}Tugadi.
       *[no] {""}
    }
admin-cancelled = Ommaviy xabar bekor qilindi. Hech narsa yuborilmadi.
push-broadcast = { $text }
