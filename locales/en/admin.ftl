# The operator's menu (ADMIN_IDS only): figures and broadcasts.
admin-menu = 🛠 Admin menu
admin-btn-stats = 📊 Figures
admin-btn-broadcast = 📣 Broadcast
admin-btn-refresh = 🔄 Refresh
admin-stats =
    📊 <b>Figures</b>
    Users: { $users }
    Sellers (BTS login): { $sellers }
    Orders today: { $today }, in 7 days: { $week }
    Pushes sent: { $sent }, failed: { $failed }, waiting: { $waiting }
    Upstream calls (this process):
    { $upstream }
admin-upstream-line = { $api }: { $calls } calls, { $failed } failed ({ $rate }%)
admin-upstream-none = none yet
admin-ask-audience = 📣 Who should get the message?
admin-audience-all = Everyone
admin-audience-sellers = Sellers
admin-audience-customers = Customers
admin-ask-text = Send the text of the message (plain text, up to { $limit } characters).
admin-text-too-long = That is { $length } characters; at most { $limit }. Please shorten it.
admin-empty-audience = Nobody in this audience yet. Choose another one.
admin-preview =
    👀 <b>Preview</b> — { $count ->
        [one] { $count } chat
       *[other] { $count } chats
    } ({ $audience }):

    { $text }
admin-btn-send = ✅ Send
admin-queued = 📣 Queued for { $count ->
        [one] { $count } chat
       *[other] { $count } chats
    }. The bot sends it within Telegram's limits.
admin-progress = 📣 Broadcast: { $sent } of { $total ->
        [one] { $total } chat
       *[other] { $total } chats
    } sent, { $failed } not delivered.{ $done ->
        [yes] {" "}Finished.
       *[no] {""}
    }
admin-cancelled = Broadcast cancelled. Nothing was sent.
push-broadcast = { $text }
