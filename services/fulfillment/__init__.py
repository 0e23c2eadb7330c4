"""Fulfillment at the BTS warehouse (WMS, seeds 001 and 002): the domain, without aiogram.

- :mod:`.status`: the one table of fulfillment order statuses and receiving states;
- :mod:`.accounts`: connect a WMS account (checked by a login, stored encrypted);
- :mod:`.catalog`: products, purveyors (suppliers) and receivings, read from what the sync stored;
- :mod:`.orders`: fulfillment orders: totals, a create sent at most once, view, payment links;
- :mod:`.sync`: the background sync of the ``*/clients`` lists (store, then acknowledge).
"""
