# Units of measure (seed 001's list): MXIK goods are registered and counted in one of them.
unit-kg = kg
unit-g = g
unit-t = t
unit-dona = { $count ->
       *[other] dona
    }
unit-l = l
unit-ml = ml
unit-m3 = m³
order-ask-mxik-units = Mahsulot qaysi oʻlchov birligida sotiladi? U chekda koʻrsatiladi:
mxik-good = { $name } · { $price } / { $unit }
mxik-good-chosen = ✅ { $name } × { $amount } { $unit }
summary-cod-good = {"  "}• { $name } × { $amount } { $unit } · { $price }
