# Units of measure (seed 001's list): MXIK goods are registered and counted in one of them.
unit-kg = кг
unit-g = г
unit-t = т
unit-dona = { $count ->
        [one] шт.
        [few] шт.
       *[other] шт.
    }
unit-l = л
unit-ml = мл
unit-m3 = м³
order-ask-mxik-units = В каких единицах продаётся товар? Они будут в чеке:
mxik-good = { $name } · { $price } / { $unit }
mxik-good-chosen = ✅ { $name } × { $amount } { $unit }
summary-cod-good = {"  "}• { $name } × { $amount } { $unit } · { $price }
