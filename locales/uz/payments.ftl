## Payment links
btn-pay = 💳 To'lash
btn-pay-from-order = 📦 Buyurtma uchun (mahsulotlar + yetkazish)
btn-pay-manual = ✍️ Summani kiritish
btn-setup-yandex = ⚙️ Yandex Pay'ni sozlash
settings-yandex-pay = 💳 Yandex Pay
payment-choose = <b>{ $barcode }</b> buyurtmasi uchun to'lov havolasi: xaridor nimani to'laydi?
payment-choose-ttl = Havola qancha vaqt ishlasin?
payment-ask-amount = Summa so'mda, masalan <code>150000</code>:
payment-ask-purpose = To'lov nima uchun? (xaridor buni ko'radi), masalan <code>15-buyurtma: 2 ta kitob</code>
payment-purpose-invalid = 2 dan 200 gacha belgi yuboring.
ttl-30m = 30 daqiqa
ttl-2h = 2 soat
ttl-1d = 1 kun
ttl-3d = 3 kun
payment-link-created =
    ✅ <b>{ $amount }</b> uchun to'lov havolasi, { $expires } gacha amal qiladi:
    { $url }
payment-qr-caption = Xuddi shu havola QR-kod ko'rinishida: xaridor uni skanerlashi mumkin.
payment-customer-card =
    💳 Buyurtmangiz uchun to'lov: <b>{ $amount }</b>
    Posilka: { $barcode }
    { $expires } gacha quyidagi tugma orqali to'lang.
payment-status = { $amount } to'lovi: { $status }
payment-status-pending = ⏳ to'lov kutilmoqda
payment-outcome-paid = ✅ to'landi
payment-outcome-failed = ❌ o'tmadi
payment-outcome-expired = ⌛ muddati tugadi
payment-outcome-refunded = ↩️ qaytarildi
payment-merchant-missing = To'lov havolalarini yuborish uchun avval Yandex Pay merchantingizni sozlang (Sozlamalar → Yandex Pay).
payment-merchant-invalid = Merchant ID yoki kalit noto'g'riga o'xshaydi. Tekshirib, qayta urinib ko'ring.
payment-nothing-to-pay = Bu buyurtmada to'lanadigan narsa yo'q: narxli mahsulotlar ham, yetkazish narxi ham yo'q. Summani qo'lda kiriting.
payment-create-unsure = ⚠️ Yandex Pay havolani o'z vaqtida tasdiqlamadi. Tekshirib, xabar beraman; hozircha yangisini yubormang.
payment-not-found = Bu to'lovni bilmayman.

## Yandex Pay merchant settings
ypay-none = Yandex Pay hali sozlanmagan.
ypay-current = Yandex Pay merchanti <code>{ $merchant }</code> ({ $env }).
ypay-sandbox = 🧪 Sinov muhiti (sandbox)
ypay-production = 🏦 Ishchi muhit
ypay-ask-merchant = Yandex Pay <b>merchant ID</b>ingiz (Yandex Pay konsolidan):
ypay-merchant-invalid = Merchant ID bo'sh joysiz 3 dan 64 gacha belgidan iborat. Qaytadan kiriting:
ypay-ask-env = Qaysi muhit?
ypay-ask-key = Yandex Pay <b>API kalit</b>ingiz. Xabaringizni darhol o'chiraman va kalitni shifrlangan holda saqlayman.
ypay-ask-key-sandbox = Sinov muhitining <b>API kaliti</b> (sinov muhitida bu merchant ID). Xabaringizni darhol o'chiraman.
ypay-saved = ✅ Yandex Pay merchanti <code>{ $merchant }</code> saqlandi; kalit ishlayapti.
ypay-removed = Yandex Pay sozlamalari o'chirildi.
ypay-key-refused = ❌ Yandex Pay bu kalitni qabul qilmadi. Kalit va muhitni tekshirib, kalitni qayta yuboring.
ypay-unavailable = Yandex Pay hozir javob bermayapti. Bir daqiqadan so'ng urinib ko'ring.
