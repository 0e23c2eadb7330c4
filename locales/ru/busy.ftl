## The database stayed locked by another process past the busy timeout
error-busy = ⏳ Сейчас я занят сохранением других данных. Пожалуйста, отправьте это ещё раз через минуту.
