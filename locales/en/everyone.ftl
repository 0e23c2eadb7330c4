## Branches
branches-intro = 🏢 BTS branches. Send a location 📍 to see the nearest ones, or type part of a name or address (Latin or Cyrillic).
branches-empty = The branch directory is not available yet. Please try again later.
branches-in-region = <b>{ $region }</b>: { $count ->
        [0] no branches
        [one] { $count } branch
       *[other] { $count } branches
    }
branches-far = The nearest BTS branch is { $km } km away:
branch-address = 📍 { $address }
branch-phone = ☎️ { $phone }
branch-distance = 🚶 { $km } km from you
branch-hours = <b>Working hours</b> (Tashkent time):
btn-back-to-region = ◀️ Region's branches
hours-always = Open 24 hours, 7 days a week
hours-day-always = 24 hours
hours-day-closed = closed
hours-unknown = Working hours unknown
open-always = 🟢 Open 24/7
open-now = 🟢 Open now
open-now-until = 🟢 Open now, until { $time }
opens-today = 🔴 Closed, opens today at { $time }
opens-tomorrow = 🔴 Closed, opens tomorrow at { $time }
opens-on = 🔴 Closed, opens on { $day } at { $time }
closed-all-week = 🔴 Closed all week
weekday-1 = Mon
weekday-2 = Tue
weekday-3 = Wed
weekday-4 = Thu
weekday-5 = Fri
weekday-6 = Sat
weekday-7 = Sun

## Tracking subscriptions
track-following = 🔔 I'll tell you when the status of { $barcode } changes.
track-unfollowed = 🔕 No more messages about { $barcode }.
parcels-title = <b>You follow { $count ->
        [one] { $count } parcel
       *[other] { $count } parcels
    }</b>:
parcels-empty = You don't follow any parcel yet. Send a barcode and tap “Notify me”.

## Settings
settings-title = ⚙️ <b>Settings</b>
settings-language = 🌐 Language
settings-notifications = 🔔 Notifications
settings-senders = 📤 Saved senders
settings-recipients = 📥 Saved recipients
settings-logout = 🚪 Log out of BTS
settings-logout-confirm = Log out of BTS? Your username and password will be deleted; your orders stay in BTS.
settings-senders-list = { $count ->
        [one] { $count } saved sender
       *[other] { $count } saved senders
    }. The first in the list is offered first:
settings-recipients-list = { $count ->
        [one] { $count } saved recipient
       *[other] { $count } saved recipients
    }. The first in the list is offered first:
settings-book-empty = Nothing saved yet: senders and recipients are saved when you create orders.
settings-contact-card = <b>{ $name }</b>
    { $phone }
    { $details }
settings-contact-rename = New name for { $name }:
settings-contact-renamed = Renamed to { $name }.
settings-contact-deleted = { $name } deleted.
settings-contact-default = { $name } is now offered first.
settings-contact-gone = This entry no longer exists.
btn-rename = ✏️ Rename
btn-make-default = ⭐ Offer first
btn-delete = 🗑 Delete
notify-title = 🔔 <b>Notifications</b>. Tap to switch:
notify-all = Status messages
notify-final-only = Only delivered and returned
notify-quiet = Quiet hours { $start }–{ $end } (held until morning)
notify-quiet-off = Quiet hours: off
notify-stalled = Alert when a parcel has not moved for { $days ->
        [one] { $days } day
       *[other] { $days } days
    }
notify-stalled-off = Alerts about stuck parcels: off
