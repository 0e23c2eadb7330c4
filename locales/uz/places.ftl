# Where a shared location is, and a location that contradicts the chosen city.
place-located = 📍 Bu joy: { $place }.
place-location-conflict = 📍 Bu joylashuv: { $place }. Tanlangan shahar esa — { $city }. Qaysi biri nazarda tutilgan?
place-location-dropped = Shahar oʻzgarmadi, joylashuv olib tashlandi. Manzilni yozing.
