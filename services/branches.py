"""The BTS branch directory: the geography source (regions, cities, offices), cached and indexed.

There is no regions or cities endpoint (api-notes): the branch list is fetched once a day with
``directory/branches-with-city`` into storage, loaded into memory, and every lookup (region lists,
city search in any spelling, nearest offices, "where is this point") is answered from memory.

The documented directory answer carries ids only (``regionId``, ``cityId``, no names): regions
and cities are named from data we ship (``services.geodata``: each branch placed by its
``lat_long``) and from the names order answers give (``learn``), which win. Every name has its
uz / ru / en form (``City.label(lang)``).
"""

from __future__ import annotations

import asyncio
import logging
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime, timedelta
from decimal import Decimal
from typing import Any, Literal

from sqlalchemy.ext.asyncio import AsyncSession, async_sessionmaker

from services import geo, geodata, translit
from services.accounts import AccountService
from services.bts import BtsClient, BtsCredentials
from services.bts.models import Branch as BtsBranch
from services.bts.models import InternationalOrder, Order
from services.geodata import Names
from services.settings import Settings
from storage.repositories.branches import BranchCacheRepository
from storage.repositories.places import LearnedPlaceRepository
from storage.schemas import BranchData, BranchRecord, LearnedPlaceData
from storage.types import utc_now

logger = logging.getLogger(__name__)

REFRESH_EVERY = timedelta(days=1)


@dataclass(frozen=True, slots=True)
class BranchInfo:
    id: int
    name: str
    region_id: int | None
    region_name: str | None
    city_id: int | None
    city_name: str | None
    address: str | None
    phone: str | None
    lat: float | None
    lon: float | None
    hours: dict[int, str]
    city_names: Names | None = None
    region_names: Names | None = None
    aliases: tuple[str, ...] = ()  # other names BTS gave this branch id in its answers

    @property
    def search_key(self) -> str:
        parts = (self.name, *self.aliases, self.city_name or "", self.address or "")
        return " ".join(part for part in parts if part)

    def city_label(self, lang: str | None) -> str | None:
        return self.city_names.get(lang) if self.city_names else self.city_name

    def region_label(self, lang: str | None) -> str | None:
        return self.region_names.get(lang) if self.region_names else self.region_name


@dataclass(frozen=True, slots=True)
class City:
    """A BTS city id (often a district, ``tuman``) with its names in uz / ru / en."""

    id: int
    name: str  # in Uzbek (the default language); ``label(lang)`` for the others
    region_id: int | None
    branch_ids: tuple[int, ...]
    names: Names | None = None
    place_id: int | None = None  # the gazetteer place it was matched with (services.geodata)
    aliases: tuple[str, ...] = ()

    def label(self, lang: str | None) -> str:
        return self.names.get(lang) if self.names else self.name


@dataclass(frozen=True, slots=True)
class Region:
    id: int
    name: str  # in Uzbek; ``label(lang)`` for the others
    city_ids: tuple[int, ...]
    names: Names | None = None
    iso: str | None = None  # ISO 3166-2:UZ code when known
    aliases: tuple[str, ...] = ()
    branch_count: int = 0

    def label(self, lang: str | None) -> str:
        return self.names.get(lang) if self.names else self.name

    @property
    def is_capital(self) -> bool:
        return self.iso == geodata.TASHKENT_CITY


@dataclass(frozen=True, slots=True)
class PlaceHit:
    """One answer of ``search_places``: a BTS city or region, how well it matched."""

    kind: Literal["city", "region"]
    id: int
    tier: translit.MatchTier
    score: float


@dataclass(frozen=True, slots=True)
class Located:
    """Where a point is: the gazetteer place and region, and the BTS city serving it."""

    place: geodata.GeoPlace | None
    region: geodata.GeoRegion | None
    city: City | None
    km: float | None

    def label(self, lang: str | None) -> str | None:
        """ "Chilonzor tumani, Toshkent shahri" in the user's language."""
        parts = [self.place.names.get(lang) if self.place else (self.city.label(lang) if self.city else None)]
        if self.region is not None:
            parts.append(self.region.names.get(lang))
        text = ", ".join(p for p in parts if p)
        return text or None


@dataclass
class _Index:
    branches: dict[int, BranchInfo] = field(default_factory=dict)
    cities: dict[int, City] = field(default_factory=dict)
    regions: dict[int, Region] = field(default_factory=dict)
    codes: dict[tuple[str, int], str] = field(default_factory=dict)
    fetched_at: datetime | None = None
    raw: tuple[BranchInfo, ...] = ()  # as stored, before naming (to name again)


def _info(record: BranchRecord | BranchData) -> BranchInfo:
    raw = record.raw or {}
    hours = {int(day): str(text) for day, text in (record.working_hours or {}).items()}
    return BranchInfo(
        id=record.id,
        name=record.name,
        region_id=record.region_id,
        region_name=raw.get("region_name"),
        city_id=record.city_id,
        city_name=record.city_name,
        address=record.address,
        phone=record.phone,
        lat=float(record.latitude) if record.latitude is not None else None,
        lon=float(record.longitude) if record.longitude is not None else None,
        hours=hours,
    )


def _data(branch: BtsBranch) -> BranchData:
    return BranchData(
        id=branch.id,
        name=branch.name,
        region_id=branch.region_id,
        city_id=branch.city_id,
        city_name=branch.city_name,
        address=branch.address,
        latitude=Decimal(str(round(branch.lat, 6))) if branch.lat is not None else None,
        longitude=Decimal(str(round(branch.lon, 6))) if branch.lon is not None else None,
        phone=branch.phone,
        working_hours={str(day): text for day, text in branch.working_hours.items()},
        raw={"region_name": branch.region_name},
    )


# A BTS city is named after the nearest gazetteer place within this distance of its branches.
PLACE_MAX_KM = 15.0
_RU_LETTERS = str.maketrans("ўқғҳЎҚҒҲ", "укгхУКГХ")
_CYRILLIC = re.compile("[а-яА-ЯёЁўқғҳЎҚҒҲ]")
_BRANCH_WORDS = re.compile(r"\b(BTS|PVZ|ПВЗ|FILIAL|OFIS)\b|[()]", re.IGNORECASE)


def _names_of(name: str) -> Names:
    """Names in uz / ru / en for a name BTS gave that our gazetteer does not know."""
    latin = translit.to_latin(name, apostrophe="ʻ") if _CYRILLIC.search(name) else name
    english = re.sub("[ʻʼ'`‘’]", "", latin)
    russian = name if _CYRILLIC.search(name) else translit.to_cyrillic(name).translate(_RU_LETTERS)
    return Names(latin, russian.replace("ъ", ""), english)


def _branch_place_name(branch: BranchInfo) -> str | None:
    """ "ZANGIOTA BTS" → "Zangiota": branch names are mostly place names."""
    text = _BRANCH_WORDS.sub(" ", branch.name)
    words = [w[:1].upper() + w[1:].lower() for w in text.split()]
    return " ".join(words).replace("'", "ʻ") if words else None


def _centre(points: Sequence[geo.Point]) -> geo.Point | None:
    if not points:
        return None
    return (sum(p[0] for p in points) / len(points), sum(p[1] for p in points) / len(points))


@dataclass
class _Groups:
    """The branches by city and by region, and the names BTS said for each (learned ones first)."""

    said: dict[tuple[str, int], list[str]] = field(default_factory=dict)
    city_branches: dict[int, list[BranchInfo]] = field(default_factory=dict)
    region_branches: dict[int, list[BranchInfo]] = field(default_factory=dict)
    city_region: dict[int, int | None] = field(default_factory=dict)
    region_iso: dict[int, str | None] = field(default_factory=dict)

    def said_of(self, kind: str, bts_id: int) -> list[str]:
        return self.said.get((kind, bts_id), [])

    def iso_of_city(self, city_id: int) -> str | None:
        return self.region_iso.get(self.city_region.get(city_id) or -1)


def _group(index: _Index, branches: Sequence[BranchInfo], learned: Sequence[LearnedPlaceData]) -> _Groups:
    groups = _Groups()
    for item in learned:  # learned names first: they win
        groups.said.setdefault((item.kind, item.bts_id), []).extend(item.names)
        if item.code:
            index.codes[(item.kind, item.bts_id)] = item.code
    learned_keys = {(item.kind, item.bts_id) for item in learned if item.names}
    for branch in sorted(branches, key=lambda b: (b.name.casefold(), b.id)):
        index.branches[branch.id] = branch
        if branch.city_id is not None:
            groups.city_branches.setdefault(branch.city_id, []).append(branch)
            groups.city_region.setdefault(branch.city_id, branch.region_id)
            if branch.city_name and ("city", branch.city_id) not in learned_keys:
                groups.said.setdefault(("city", branch.city_id), []).append(branch.city_name)
        if branch.region_id is not None:
            groups.region_branches.setdefault(branch.region_id, []).append(branch)
            if branch.region_name and ("region", branch.region_id) not in learned_keys:
                groups.said.setdefault(("region", branch.region_id), []).append(branch.region_name)
    return groups


def _region_isos(groups: _Groups) -> dict[int, str | None]:
    """Each region's ISO code: the one a name BTS gave stands for, else where most branches lie."""
    region_iso: dict[int, str | None] = {}
    for region_id, members in groups.region_branches.items():
        iso = next(
            (
                found.iso
                for name in groups.said_of("region", region_id)
                if (found := geodata.find_region(name))
            ),
            None,
        )
        if iso is None:
            votes = Counter(
                r.iso
                for b in members
                if b.lat is not None and b.lon is not None and (r := geodata.region_at((b.lat, b.lon)))
            )
            iso = votes.most_common(1)[0][0] if votes else None
        region_iso[region_id] = iso
    return region_iso


def _places_by_name(groups: _Groups) -> tuple[dict[int, geodata.GeoPlace], dict[int, Names]]:
    """Cities whose BTS name our gazetteer knows (a place), or does not (the name as given)."""
    city_place: dict[int, geodata.GeoPlace] = {}
    city_names: dict[int, Names] = {}
    for city_id in groups.city_branches:
        said = groups.said_of("city", city_id)
        place = next(
            (p for name in said if (p := geodata.find_place(name, groups.iso_of_city(city_id)))), None
        )
        if place is not None:
            city_place[city_id] = place
        elif said:
            city_names[city_id] = _names_of(said[0])
    return city_place, city_names


def _nearby_places(groups: _Groups, unnamed: Sequence[int]) -> list[tuple[float, int, int]]:
    """(km, city, place) for each gazetteer place near the centre of an unnamed city's branches."""
    pairs: list[tuple[float, int, int]] = []
    for city_id in unnamed:
        members = groups.city_branches[city_id]
        centre = _centre([(b.lat, b.lon) for b in members if b.lat is not None and b.lon is not None])
        if centre is None:
            continue
        iso = groups.iso_of_city(city_id)
        for place in geodata.PLACE_LIST:
            if iso is not None and place.iso != iso:
                continue
            km = geo.haversine_km(centre, place.point)
            if km <= PLACE_MAX_KM or (place.kind == "district" and km <= 2 * PLACE_MAX_KM):
                pairs.append((km, city_id, place.id))
    return pairs


def _place_cities(groups: _Groups) -> tuple[dict[int, geodata.GeoPlace], dict[int, Names]]:
    """Each city's gazetteer place (by name, else the nearest free one) or its own names."""
    city_place, city_names = _places_by_name(groups)
    unnamed = [c for c in groups.city_branches if c not in city_place and c not in city_names]
    pairs = _nearby_places(groups, unnamed)
    used: set[int] = {p.id for p in city_place.values()}
    # A branch named after a place of its region ("CHILONZOR BTS") names its city first.
    named: list[tuple[float, int, int]] = []
    for km, city_id, place_id in pairs:
        place = geodata.PLACES_BY_ID[place_id]
        keys = {geodata.core(n) for n in (*place.names.all(), *place.aliases)}
        if any(
            (n := _branch_place_name(b)) and geodata.core(n) in keys for b in groups.city_branches[city_id]
        ):
            named.append((km, city_id, place_id))
    for _, city_id, place_id in [*sorted(named), *sorted(pairs)]:
        if city_id in city_place or place_id in used:
            continue
        city_place[city_id] = geodata.PLACES_BY_ID[place_id]
        used.add(place_id)
    for city_id, members in groups.city_branches.items():
        if city_id not in city_place and city_id not in city_names:
            fallback = next((n for b in members if (n := _branch_place_name(b))), None)
            city_names[city_id] = _names_of(fallback or members[0].name)
    return city_place, city_names


def _name_cities(index: _Index, groups: _Groups) -> None:
    city_place, city_names = _place_cities(groups)
    for city_id, members in groups.city_branches.items():
        place = city_place.get(city_id)
        names = place.names if place is not None else city_names[city_id]
        aliases = (*names.all(), *(place.aliases if place else ()), *groups.said_of("city", city_id))
        index.cities[city_id] = City(
            city_id,
            names.uz,
            groups.city_region.get(city_id),
            tuple(b.id for b in members),
            names,
            place.id if place else None,
            tuple(dict.fromkeys(aliases)),
        )


def _name_regions(index: _Index, groups: _Groups) -> None:
    for region_id, members in groups.region_branches.items():
        iso = groups.region_iso.get(region_id)
        geo_region = geodata.REGIONS_BY_ISO.get(iso) if iso else None
        city_ids = {b.city_id for b in members if b.city_id is not None}
        if geo_region is not None:
            names = geo_region.names
        elif groups.said_of("region", region_id):
            names = _names_of(groups.said_of("region", region_id)[0])
        else:
            biggest = max(city_ids, key=lambda c: len(groups.city_branches[c]), default=None)
            names = index.cities[biggest].names if biggest is not None else None  # type: ignore[assignment]
            names = names or Names(members[0].name, members[0].name, members[0].name)
        ordered = tuple(sorted(city_ids, key=lambda c: _sort_key(index.cities[c].name)))
        aliases = (
            *names.all(),
            *(geo_region.aliases if geo_region else ()),
            *groups.said_of("region", region_id),
        )
        index.regions[region_id] = Region(
            region_id, names.uz, ordered, names, iso, tuple(dict.fromkeys(aliases)), branch_count=len(members)
        )


def _name_branches(index: _Index, groups: _Groups) -> None:
    """Each branch carries the names of its city and region, and the names BTS gave it."""
    for branch_id, branch in list(index.branches.items()):
        said = [n for n in groups.said_of("branch", branch_id) if n.casefold() != branch.name.casefold()]
        city = index.cities.get(branch.city_id) if branch.city_id is not None else None
        region = index.regions.get(branch.region_id) if branch.region_id is not None else None
        index.branches[branch_id] = replace(
            branch,
            city_name=city.name if city else branch.city_name,
            region_name=region.name if region else branch.region_name,
            city_names=city.names if city else None,
            region_names=region.names if region else None,
            aliases=tuple(dict.fromkeys(said)),
        )


def _build_index(
    branches: Sequence[BranchInfo],
    fetched_at: datetime | None,
    learned: Sequence[LearnedPlaceData] = (),
) -> _Index:
    """Group branches into cities and regions and name them.

    Names, best first: those BTS gave (learned from order answers, or a directory answer that
    carries them) matched with our gazetteer; else the gazetteer place nearest to the city's
    branches (each place names one city of a region); else the name of the city's branch.
    Regions: the ISO region a BTS name stands for, else the one most of its branches lie in.
    """
    index = _Index(fetched_at=fetched_at, raw=tuple(branches))
    groups = _group(index, branches, learned)
    groups.region_iso = _region_isos(groups)
    _name_cities(index, groups)
    _name_regions(index, groups)
    _name_branches(index, groups)
    return index


def places_in(order: Order) -> list[LearnedPlaceData]:
    """The region / city / branch names and codes an order answer gives (seeds 000 and 001)."""
    seen: list[LearnedPlaceData] = []
    for kind, ref in (
        ("region", order.sender_region),
        ("city", order.sender_city),
        ("branch", order.sender_branch),
        ("region", order.receiver_region),
        ("city", order.receiver_city),
        ("branch", order.receiver_branch),
    ):
        if ref is None or ref.id is None:
            continue
        names = (ref.name,) if ref.name else ()
        if names or ref.code:
            seen.append(LearnedPlaceData(kind=kind, bts_id=ref.id, names=names, code=ref.code or None))
    return seen


def places_in_international(answer: InternationalOrder) -> list[LearnedPlaceData]:
    """The city and branch names an ``international/add`` answer gives (seed 001:
    ``city: {ReceiverCityId, name}``, ``branch: {ReceiverBranchId, name}``)."""
    seen: list[LearnedPlaceData] = []
    for kind, bts_id, name in (
        ("city", answer.receiver_city_id, answer.receiver_city_name),
        ("branch", answer.receiver_branch_id, answer.receiver_branch_name),
    ):
        if bts_id is not None and name and name.strip():
            seen.append(LearnedPlaceData(kind=kind, bts_id=bts_id, names=(name.strip(),)))
    return seen


@dataclass
class BranchDirectory:
    session_factory: async_sessionmaker[AsyncSession]
    bts: BtsClient
    accounts: AccountService
    settings: Settings
    _index: _Index = field(default_factory=_Index)
    _lock: asyncio.Lock = field(default_factory=asyncio.Lock)
    _learned: tuple[LearnedPlaceData, ...] = ()

    async def _credentials(self, user_id: int | None) -> BtsCredentials | None:
        return await self.accounts.any_credentials(user_id)

    async def load(self) -> None:
        """Read the cache and the learned names from storage into memory (at start-up)."""
        async with self.session_factory() as session:
            repo = BranchCacheRepository(session)
            records = await repo.list_all()
            fetched_at = await repo.fetched_at()
            self._learned = tuple(await LearnedPlaceRepository(session).list_all())
        self._index = _build_index([_info(r) for r in records], fetched_at, self._learned)

    @property
    def is_stale(self) -> bool:
        fetched = self._index.fetched_at
        return fetched is None or utc_now() - fetched > REFRESH_EVERY

    async def refresh(self, credentials: BtsCredentials) -> int:
        """Fetch the whole directory from BTS and replace the cache; returns the number of branches."""
        async with self._lock:
            branches = await self.bts.list_branches_with_city(credentials)
            data = [_data(b) for b in branches]
            async with self.session_factory() as session, session.begin():
                count = await BranchCacheRepository(session).replace_all(data)
            await self.load()
            logger.info("branch directory refreshed: %d branches", count)
            return count

    async def ensure_fresh(self, user_id: int | None = None) -> None:
        """Load from storage, and refresh from BTS when older than a day and an account is at hand.

        A failed refresh keeps serving the old cache: the directory changes rarely.
        """
        if not self._index.branches:
            await self.load()
        if not self.is_stale:
            return
        credentials = await self._credentials(user_id)
        if credentials is None:
            return
        try:
            await self.refresh(credentials)
        except Exception:
            if not self._index.branches:
                raise
            logger.warning("branch directory refresh failed; serving the cache", exc_info=True)

    async def learn(self, order: Order) -> bool:
        """Keep the names and codes an order answer gives for its regions, cities and branches;
        they name BTS's ids from now on (api-notes: they win over our own placing)."""
        return await self.learn_places(places_in(order))

    async def learn_places(self, seen: Sequence[LearnedPlaceData]) -> bool:
        """Keep names (and codes) BTS gave for its ids, from any answer; True when any was new.
        A city's names name it and find it; a branch's find it too (``BranchInfo.aliases``)."""
        if not seen:
            return False
        known = {(p.kind, p.bts_id): p for p in self._learned}
        if all(
            (k := known.get((p.kind, p.bts_id))) is not None
            and set(p.names) <= set(k.names)
            and (not p.code or p.code == k.code)
            for p in seen
        ):
            return False
        async with self.session_factory() as session, session.begin():
            repo = LearnedPlaceRepository(session)
            changed = await repo.learn(seen)
            learned = tuple(await repo.list_all())
        if changed:
            self._learned = learned
            self._index = _build_index(self._index.raw, self._index.fetched_at, learned)
        return changed

    # --- lookups (memory only) -------------------------------------------------------------------

    def regions(self, lang: str | None = None) -> list[Region]:
        """Tashkent city first, then the others alphabetically in the user's language."""
        return sorted(
            self._index.regions.values(),
            key=lambda r: (not r.is_capital, _sort_key(r.label(lang)), r.id),
        )

    def region(self, region_id: int) -> Region | None:
        return self._index.regions.get(region_id)

    def cities(self, region_id: int, lang: str | None = None) -> list[City]:
        region = self._index.regions.get(region_id)
        if region is None:
            return []
        found = [self._index.cities[c] for c in region.city_ids]
        return sorted(found, key=lambda c: (_sort_key(c.label(lang)), c.id)) if lang else found

    def city(self, city_id: int) -> City | None:
        return self._index.cities.get(city_id)

    def branch(self, branch_id: int) -> BranchInfo | None:
        return self._index.branches.get(branch_id)

    def branches_in_city(self, city_id: int) -> list[BranchInfo]:
        city = self._index.cities.get(city_id)
        return [] if city is None else [self._index.branches[b] for b in city.branch_ids]

    def branches_in_region(self, region_id: int) -> list[BranchInfo]:
        return [b for c in self.cities(region_id) for b in self.branches_in_city(c.id)]

    def city_code(self, city_id: int | None) -> str | None:
        """The code BTS gave for a city (``city_code`` of the v1 edit), when an answer showed it."""
        return None if city_id is None else self._index.codes.get(("city", city_id))

    def branch_code(self, branch_id: int | None) -> str | None:
        return None if branch_id is None else self._index.codes.get(("branch", branch_id))

    def search_places(self, text: str, limit: int = 8) -> list[PlaceHit]:
        """Cities and regions whose name in any language or spelling matches ``text``; then the
        cities of branches whose name or address matches. When some names match exactly, only
        those are given (Tashkent city before Tashkent region, cities before regions)."""
        keys: list[tuple[tuple[Literal["city", "region"], int], str]] = []
        for city in self._index.cities.values():
            keys.extend((("city", city.id), alias) for alias in city.aliases or (city.name,))
        for region in self._index.regions.values():
            keys.extend((("region", region.id), alias) for alias in region.aliases or (region.name,))
        best: dict[tuple[Literal["city", "region"], int], translit.Match[Any]] = {}
        for found in translit.rank(text, keys, key=lambda k: k[1], limit=None):
            who = found.item[0]
            if who not in best:
                best[who] = found
        for branch_match in translit.rank(
            text, list(self._index.branches.values()), key=lambda b: b.search_key, limit=None
        ):
            branch = branch_match.item
            if branch.city_id is None:
                continue
            who = ("city", branch.city_id)
            tier = translit.MatchTier(max(branch_match.tier, translit.MatchTier.PREFIX))
            if who not in best or best[who].tier > tier:
                best[who] = translit.Match(branch_match.item, tier, branch_match.score)
        if not best:
            return []
        top = min(m.tier for m in best.values())
        if top <= translit.MatchTier.EXACT_SKELETON:  # a name said in full: only those
            best = {who: m for who, m in best.items() if m.tier == top}

        def order(item: tuple[tuple[Literal["city", "region"], int], translit.Match[Any]]) -> tuple[Any, ...]:
            (kind, ident), found = item
            region = self._index.regions.get(ident) if kind == "region" else None
            city = self._index.cities.get(ident) if kind == "city" else None
            capital = (region is not None and region.is_capital) or (
                city is not None
                and (r := self._index.regions.get(city.region_id or -1)) is not None
                and r.is_capital
            )
            size = region.branch_count if region else (len(city.branch_ids) if city else 0)
            return (found.tier, kind == "region" and not capital, not capital, -found.score, -size, ident)

        ranked = sorted(best.items(), key=order)[:limit]
        return [PlaceHit(kind, ident, m.tier, m.score) for (kind, ident), m in ranked]

    def search_cities(self, text: str, limit: int = 8) -> list[City]:
        """Cities only (a matching region gives its cities)."""
        out: list[City] = []
        for hit in self.search_places(text, limit=limit):
            if hit.kind == "city" and len(out) < limit:
                out.append(self._index.cities[hit.id])
            elif hit.kind == "region":  # all its cities
                out.extend(c for c in self.cities(hit.id) if c not in out)
        return out

    def search_branches(self, text: str, limit: int = 8) -> list[BranchInfo]:
        items = list(self._index.branches.values())
        return list(translit.search(text, items, key=lambda b: b.search_key, limit=limit))

    def nearest(self, lat: float, lon: float, limit: int = 3) -> list[tuple[BranchInfo, float]]:
        located = [b for b in self._index.branches.values() if b.lat is not None and b.lon is not None]
        return list(geo.nearest((lat, lon), located, key=_coords, limit=limit))

    def locate(self, lat: float, lon: float) -> Located:
        """The place and region a point lies in and the BTS city that serves it: the city named
        after that place, else the city of the nearest branch in the same region."""
        point = (lat, lon)
        if not geo.in_uzbekistan(point):
            return Located(None, None, None, None)
        found = geodata.nearest_place(point)
        place, km = found if found else (None, None)
        region = geodata.REGIONS_BY_ISO.get(place.iso) if place else None
        city = None
        if place is not None:
            city = next((c for c in self._index.cities.values() if c.place_id == place.id), None)
        if city is None:
            in_region = [
                b
                for b in self._index.branches.values()
                if b.lat is not None
                and b.lon is not None
                and b.city_id is not None
                and (
                    region is None
                    or (r := self._index.regions.get(b.region_id or -1)) is None
                    or r.iso in (None, region.iso)
                )
            ]
            near = geo.nearest(point, in_region, key=_coords, limit=1)
            if near and near[0][0].city_id is not None:
                city = self._index.cities.get(near[0][0].city_id)
        return Located(place, region, city, km)

    def summary(self) -> dict[str, Any]:
        return {
            "branches": len(self._index.branches),
            "cities": len(self._index.cities),
            "regions": len(self._index.regions),
        }


def _sort_key(label: str) -> str:
    """Alphabetical in the label's own script; Uzbek apostrophes don't count."""
    return re.sub("[ʻʼ'`‘’]", "", label).casefold()


def _coords(branch: BranchInfo) -> tuple[float, float]:
    assert branch.lat is not None and branch.lon is not None
    return (branch.lat, branch.lon)
