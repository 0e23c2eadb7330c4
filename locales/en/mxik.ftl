# Units of measure (seed 001's list): MXIK goods are registered and counted in one of them.
unit-kg = kg
unit-g = g
unit-t = t
unit-dona = { $count ->
        [one] pc
       *[other] pcs
    }
unit-l = L
unit-ml = mL
unit-m3 = m³
order-ask-mxik-units = Which unit is the product sold in? The receipt shows it:
mxik-good = { $name } · { $price } / { $unit }
mxik-good-chosen = ✅ { $name } × { $amount } { $unit }
summary-cod-good = {"  "}• { $name } × { $amount } { $unit } · { $price }
