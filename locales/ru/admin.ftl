# Меню оператора (только ADMIN_IDS): цифры и рассылки.
admin-menu = 🛠 Меню администратора
admin-btn-stats = 📊 Цифры
admin-btn-broadcast = 📣 Рассылка
admin-btn-refresh = 🔄 Обновить
admin-stats =
    📊 <b>Цифры</b>
    Пользователей: { $users }
    Продавцов (вход в BTS): { $sellers }
    Заказов сегодня: { $today }, за 7 дней: { $week }
    Уведомлений отправлено: { $sent }, не доставлено: { $failed }, в очереди: { $waiting }
    Запросы к внешним API (этот процесс):
    { $upstream }
admin-upstream-line = { $api }: запросов { $calls }, ошибок { $failed } ({ $rate }%)
admin-upstream-none = пока не было
admin-ask-audience = 📣 Кому отправить сообщение?
admin-audience-all = Всем
admin-audience-sellers = Продавцам
admin-audience-customers = Покупателям
admin-ask-text = Пришлите текст сообщения (обычный текст, не длиннее { $limit } символов).
admin-text-too-long = Здесь { $length } символов, а можно не больше { $limit }. Сократите, пожалуйста.
admin-empty-audience = В этой группе пока никого нет. Выберите другую.
admin-preview =
    👀 <b>Предпросмотр</b> — { $count ->
        [one] { $count } чат
        [few] { $count } чата
       *[other] { $count } чатов
    } ({ $audience }):

    { $text }
admin-btn-send = ✅ Отправить
admin-queued = 📣 Поставлено в очередь для { $count ->
        [one] { $count } чата
        [few] { $count } чатов
       *[other] { $count } чатов
    }. Бот отправит его с учётом лимитов Telegram.
admin-progress = 📣 Рассылка: отправлено { $sent } из { $total ->
        [one] { $total } чата
        [few] { $total } чатов
       *[other] { $total } чатов
    }, не доставлено { $failed }.{ $done ->
        [yes] {" "}Готово.
       *[no] {""}
    }
admin-cancelled = Рассылка отменена. Ничего не отправлено.
push-broadcast = { $text }
