# Where a shared location is, and a location that contradicts the chosen city.
place-located = 📍 Это { $place }.
place-location-conflict = 📍 Эта точка — { $place }, а выбрано: { $city }. Что из этого верно?
place-location-dropped = Город оставлен прежним, геопозиция убрана. Введите адрес.
