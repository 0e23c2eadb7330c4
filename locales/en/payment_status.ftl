## Payment statuses on the order card, and a second tap on a lifetime button
payment-outcome-partially-refunded = ↩️ partly refunded ({ $refunded })
payment-link-in-progress = ⏳ This link is already on its way: it will appear here in a moment.
