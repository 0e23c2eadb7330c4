# The calculator's remote-village courier (delivery code 2).
delivery-sender-remote = 🏡 A courier collects it in a remote village
delivery-receiver-remote = 🏡 Courier to a remote village
price-way-21 = Courier (remote village) → courier
price-way-12 = Courier → courier (remote village)
# Why BTS rejected an order (status 0), under its status push.
rejected-reasons = Why:
    { $reasons }
