## Payment links
btn-pay = 💳 Toʻlash
btn-pay-from-order = 📦 Buyurtma uchun (mahsulotlar + yetkazish)
btn-pay-manual = ✍️ Summani yozish
btn-setup-yandex = ⚙️ Yandex Pay sozlamalari
settings-yandex-pay = 💳 Yandex Pay
payment-choose = <b>{ $barcode }</b> buyurtmasi uchun toʻlov havolasi: xaridor nima uchun toʻlaydi?
payment-choose-ttl = Havola qancha vaqt amal qilsin?
payment-ask-amount = Summa, soʻmda, masalan <code>150000</code>:
payment-ask-purpose = Toʻlov nima uchun? Buni xaridor koʻradi. Masalan: <code>15-buyurtma: 2 ta kitob</code>
payment-purpose-invalid = 2 tadan 200 tagacha belgi yozing.
ttl-30m = 30 daqiqa
ttl-2h = 2 soat
ttl-1d = 1 kun
ttl-3d = 3 kun
payment-link-created =
    ✅ Toʻlov havolasi: <b>{ $amount }</b>, { $expires }-gacha amal qiladi:
    { $url }
payment-qr-caption = Shu havolaning QR-kodi: xaridor uni skanerlab toʻlashi mumkin.
payment-customer-card =
    💳 Buyurtmangiz uchun toʻlov: <b>{ $amount }</b>
    Posilka: { $barcode }
    { $expires }-gacha pastdagi tugma orqali toʻlang.
payment-status = Toʻlov ({ $amount }): { $status }
payment-status-pending = ⏳ kutilmoqda
payment-outcome-paid = ✅ qabul qilindi
payment-outcome-failed = ❌ oʻtmadi
payment-outcome-expired = ⌛ muddati tugadi
payment-outcome-refunded = ↩️ qaytarildi
payment-merchant-missing = Toʻlov havolalarini yuborish uchun avval Yandex Pay hisobingizni ulang (Sozlamalar → Yandex Pay).
payment-merchant-invalid = Merchant ID yoki kalit notoʻgʻri koʻrinadi. Tekshirib, qayta urinib koʻring.
payment-nothing-to-pay = Bu buyurtmada toʻlanadigan narsa yoʻq: narxi koʻrsatilgan mahsulot ham, yetkazish narxi ham yoʻq. Summani oʻzingiz yozing.
payment-create-unsure = ⚠️ Yandex Pay havolani oʻz vaqtida tasdiqlamadi. Tekshirib, sizga xabar beraman; hozircha yangisini yubormang.
payment-not-found = Bunday toʻlov topilmadi.

## Yandex Pay merchant settings
ypay-none = Yandex Pay hali ulanmagan.
ypay-current = Yandex Pay merchanti: <code>{ $merchant }</code> ({ $env }).
ypay-sandbox = 🧪 Sinov muhiti (sandbox)
ypay-production = 🏦 Ishchi muhit
ypay-ask-merchant = Yandex Pay <b>Merchant ID</b> (Yandex Pay konsolida koʻrsatilgan):
ypay-merchant-invalid = Merchant ID UUID koʻrinishida boʻladi, masalan <code>5a1c0b7e-2f4d-4c11-9d3e-7b9f2a6c8e01</code>. Yandex Pay konsolidan nusxa olib, qaytadan yuboring:
ypay-ask-env = Qaysi muhit?
ypay-ask-key = Yandex Pay <b>API kalitingiz</b>. Xabaringizni darhol oʻchiraman, kalit shifrlangan holda saqlanadi.
ypay-ask-key-sandbox = Sinov muhitining <b>API kaliti</b> (sinov muhitida bu merchant ID bilan bir xil). Xabaringizni darhol oʻchiraman.
ypay-saved = ✅ Yandex Pay merchanti <code>{ $merchant }</code> saqlandi, kalit ishlayapti.
ypay-go-on-to-link = Endi shu buyurtma uchun toʻlov havolasi:
ypay-removed = Yandex Pay sozlamalari oʻchirildi.
ypay-key-refused = ❌ Yandex Pay bu kalitni qabul qilmadi. Kalit va muhitni tekshirib, kalitni qayta yuboring.
ypay-unavailable = Yandex Pay hozir javob bermayapti. Bir daqiqadan keyin urinib koʻring.
payment-cod-already = ⚠️ Xaridor bu buyurtma uchun kuryerga { $amount } naqd toʻlaydi (naqd toʻlov). Yana havola yuborsangiz, u ikki marta toʻlaydi.
payment-order-closed-cancelled = Bu buyurtma bekor qilingan, unga toʻlov havolasi yaratilmaydi.
payment-order-closed-returned = Posilka joʻnatuvchiga qaytarilgan, bu buyurtma uchun toʻlov havolasi yaratilmaydi.
payment-order-closed-delivered = Posilka yetkazib berilgan, bu buyurtma uchun toʻlov havolasi endi yaratilmaydi.
