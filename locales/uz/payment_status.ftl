## Buyurtma kartasidagi toʻlov holatlari va havola muddati tugmasini qayta bosish
payment-outcome-partially-refunded = ↩️ qisman qaytarildi ({ $refunded })
payment-link-in-progress = ⏳ Bu havola allaqachon tayyorlanmoqda, hozir shu yerda chiqadi.
