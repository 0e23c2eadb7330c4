# The calculator's remote-village courier (delivery code 2).
delivery-sender-remote = 🏡 A courier collects it in a remote village
delivery-receiver-remote = 🏡 Courier to a remote village
price-way-21 = Door to door, from a remote village
price-way-12 = Door to door, to a remote village
# Why BTS rejected an order (status 0), under its status push.
rejected-reasons = Why:
    { $reasons }
# Searching the MXIK goods at the cash-on-delivery step.
mxik-search-found = Goods matching “{ $query }”. Pick one or type another search:
mxik-search-empty = No goods match “{ $query }”. Type another search or register a new good:
