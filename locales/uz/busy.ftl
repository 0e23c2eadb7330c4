## The database stayed locked by another process past the busy timeout
error-busy = ⏳ Hozir boshqa ma'lumotlarni saqlash bilan bandman. Iltimos, buni bir daqiqadan keyin qayta yuboring.
