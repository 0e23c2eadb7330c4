"""One name per place per language: cities and branches named from the shipped geography.

A draft or an order keeps the name its city had when it was stored (the Uzbek name an order answer
gave, or the one a button showed), so the same place read ``Samarkand`` on a button, ``Samarqand``
on the summary and ``Chilonzor district`` after an edit. Here a place is named by its BTS id through
the branch directory (``City.label(lang)``, the gazetteer's name), and the stored string is only
the fallback for an id the directory does not know.
"""

from __future__ import annotations

import re

from bot.i18n import Localizer
from services.branches import BranchDirectory

_WORD = re.compile(r"[^\W\d_]+")


def _same_place(place: str, region: str) -> bool:
    """``Samarkand`` in ``Samarkand Region`` (or ``Самарканд`` in ``Самаркандская область``): the
    region adds nothing."""
    words = _WORD.findall(place.casefold())
    if not words:
        return False
    core = words[0][: max(4, len(words[0]) - 2)]
    return any(word.startswith(core) for word in _WORD.findall(region.casefold()))


def city_text(
    l10n: Localizer, directory: BranchDirectory | None, city_id: int | None, fallback: str | None
) -> str:
    """The city or district with its region when that says more: ``Chilanzar District, Tashkent
    City``, ``Samarkand`` (not ``Samarkand, Samarkand Region``)."""
    city = directory.city(city_id) if directory is not None and city_id is not None else None
    if city is None or directory is None:
        return l10n.place(fallback)
    label = city.label(l10n.lang)
    region = directory.region(city.region_id) if city.region_id is not None else None
    if region is None:
        return label
    region_label = region.label(l10n.lang)
    if _same_place(label, region_label):
        return label
    return l10n("place-in-region", place=label, region=region_label)


def branch_text(directory: BranchDirectory | None, branch_id: int | None, fallback: str | None) -> str | None:
    """A branch's name as the directory has it (the stored one for a branch it does not know)."""
    branch = directory.branch(branch_id) if directory is not None and branch_id is not None else None
    return branch.name if branch is not None else fallback
