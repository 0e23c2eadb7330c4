# Where a shared location is, and a location that contradicts the chosen city.
place-located = 📍 That is in { $place }.
place-location-conflict = 📍 This location is in { $place }, but you chose { $city }. Which one is meant?
place-location-dropped = The city stays as it was; the location was removed. Type the address.
