# The sellers allow-list (admin menu, ADMIN_IDS only) and what a seller it leaves out reads.
allow-btn-open = ✅ Sellers allow-list
allow-title = ✅ <b>Sellers allow-list</b>
allow-state = { $state ->
        [on] 🟢 On: only sellers on the list can log in and work as sellers.
        [empty] 🟡 On, but the list is empty: anyone can log in as a seller until you add someone.
       *[off] ⚪ Off: anyone can log in as a seller.
    }
allow-entries = { $count ->
        [0] The list is empty.
        [one] { $count } entry:
       *[other] { $count } entries:
    }
allow-more = …and { $count ->
        [one] { $count } more entry
       *[other] { $count } more entries
    }
allow-entry = { $kind ->
        [inn] INN { $value }
        [login] BTS login { $value }
       *[telegram] Telegram ID { $value }
    }
allow-contact = Sellers without access are told to ask: { $contact }
allow-contact-admin = Sellers without access are told to ask the administrator of this bot. Set a contact (“Whom to ask”) so they know whom.
allow-left-out = { $active ->
        [yes] { $count ->
            [0] Every logged-in seller is on the list.
            [one] { $count } logged-in seller is not on the list and is refused.
           *[other] { $count } logged-in sellers are not on the list and are refused.
        }
       *[no] { $count ->
            [0] Every logged-in seller is on the list.
            [one] { $count } logged-in seller is not on the list and will be refused once it is on.
           *[other] { $count } logged-in sellers are not on the list and will be refused once it is on.
        }
    }
allow-customers = Customers tracking parcels are never affected.
allow-btn-on = 🟢 Switch on
allow-btn-off = ⚪ Switch off
allow-btn-add = ➕ Add
allow-btn-remove = ➖ Remove
allow-btn-contact = ✏️ Whom to ask
allow-btn-back = ⬅️ Back to the list
allow-btn-drop = 🗑 { $entry }
allow-remove-title = Tap an entry to remove it from the list.
allow-removed = Removed from the list.
allow-gone = That entry is no longer on the list.
allow-ask-kind = ➕ What will you add?
allow-kind-inn = Company INN
allow-kind-login = BTS login
allow-kind-telegram = Telegram ID
allow-ask-values = { $kind ->
        [inn] Send the INN (9 digits). Several at once: one per line or separated by commas.
        [login] Send the BTS API login. Several at once: separated by spaces, commas or new lines.
       *[telegram] Send the Telegram ID (a number; a seller without access sees theirs in the bot's answer). Several at once: one per line or separated by commas.
    }
allow-added = { $count ->
        [0] Nothing new was added.
        [one] ✅ { $count } entry added.
       *[other] ✅ { $count } entries added.
    }
allow-already = Already on the list: { $values }
allow-invalid = ⚠️ Not valid, skipped: { $values }
allow-none-valid = { $kind ->
        [inn] ⚠️ No valid INN here ({ $values }). An INN has 9 digits. Please send it again:
        [login] ⚠️ No valid BTS login here ({ $values }). Please send it again:
       *[telegram] ⚠️ No valid Telegram ID here ({ $values }). It is a number. Please send it again:
    }
allow-ask-contact = ✏️ Whom should sellers without access ask? Send a Telegram username, a phone number or a short note (up to { $limit } characters), for example: @bts_support, +998 71 200 00 00
allow-btn-clear-contact = 🧹 Clear (“the administrator”)
allow-contact-saved = ✅ Saved.
access-refused =
    ⛔ Only the sellers on this bot's list can log in here, and you are not on it yet.
    { $who ->
        [contact] To get access, ask: { $contact }. Send them your company's INN or your Telegram ID: <code>{ $id }</code>
       *[admin] To get access, ask the administrator of this bot. Send them your company's INN or your Telegram ID: <code>{ $id }</code>
    }
access-refused-seller =
    ⛔ Your BTS account { $login } (INN { $inn }) is not on this bot's list of sellers, so the seller features are closed for now. Tracking parcels works as usual.
    { $who ->
        [contact] To get access, ask: { $contact }. Send them your company's INN or your Telegram ID: <code>{ $id }</code>
       *[admin] To get access, ask the administrator of this bot. Send them your company's INN or your Telegram ID: <code>{ $id }</code>
    }
