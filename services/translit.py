"""Uzbek and Russian text for search: transliteration, folding and fuzzy ranking.

Customers type place and branch names in Uzbek Latin (with any of five apostrophes, or none),
Uzbek Cyrillic, Russian, or the Russian name in Latin letters ("Tashkent", "Bukhara"). BTS
names its regions, cities and branches in Uzbek Latin, sometimes in Russian ("город Ташкент").
Matching works on two levels:

* ``fold(text)``: one comparable Uzbek Latin form. Lower case, every apostrophe variant after
  ``o``/``g`` becomes ``'`` (``oʻ``, ``o‘``, ``o’``, ``oʼ``, ``o` `` → ``o'``), other apostrophes (the
  tutuq belgisi, Cyrillic ``ъ``) are dropped, Cyrillic becomes Latin (``ў`` → ``o'``, ``ш`` →
  ``sh``, ``е`` at the start of a word → ``ye``, ...), the 1993 Latin letters become today's
  (``ş`` → ``sh``, ``ç`` → ``ch``, ``ğ`` → ``g'``, ``ö`` → ``o'``, ``ñ`` → ``ng``), punctuation
  becomes spaces and spaces are collapsed.
* ``skeleton(text)``: a lossy key for "sounds the same" matching: the fold without apostrophes,
  ``q`` → ``k``, ``x``/``kh`` → ``h``, ``o`` → ``a`` (Russian writes Uzbek ``o`` as ``а``:
  Toshkent/Ташкент, Buxoro/Бухара), ``dj``/``dzh``/``zh`` → ``j``, ``ts`` → ``s``, ``y``
  before a consonant or at the end → ``i``, double letters collapsed, and finally a small table
  of Russian exonyms whose skeletons still differ (Фергана → Farg'ona, Термез → Termiz, Джизак
  → Jizzax, Коканд → Qo'qon, ...).

``search(query, items, key=...)`` ranks by tier: exact fold, exact skeleton, prefix, word
prefix, substring, then a difflib similarity above a threshold. Only the standard library.
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from enum import IntEnum
from functools import lru_cache
from typing import Generic, TypeVar

T = TypeVar("T")

# Every character people use for the Uzbek apostrophe (oʻ, gʻ and the tutuq belgisi ʼ).
APOSTROPHES = "'`ʻʼ’‘´ʹʽ′‛"
_APOSTROPHE_RE = re.compile(f"[{re.escape(APOSTROPHES)}]")

_VOWELS_CYR = set("аеёиоуўэюяыАЕЁИОУЎЭЮЯЫ")
_SIGNS_CYR = set("ъьЪЬ")

# Uzbek Cyrillic (and Russian) to Uzbek Latin, lower case; "е" is handled apart (ye/e).
_CYR_TO_LAT: dict[str, str] = {
    "а": "a",
    "б": "b",
    "в": "v",
    "г": "g",
    "д": "d",
    "ё": "yo",
    "ж": "j",
    "з": "z",
    "и": "i",
    "й": "y",
    "к": "k",
    "л": "l",
    "м": "m",
    "н": "n",
    "о": "o",
    "п": "p",
    "р": "r",
    "с": "s",
    "т": "t",
    "у": "u",
    "ф": "f",
    "х": "x",
    "ц": "ts",
    "ч": "ch",
    "ш": "sh",
    "щ": "sh",
    "ы": "i",
    "э": "e",
    "ю": "yu",
    "я": "ya",
    "ў": "o'",
    "қ": "q",
    "ғ": "g'",
    "ҳ": "h",
    # Kazakh/Karakalpak letters seen in Karakalpakstan names
    "ә": "a",
    "ө": "o'",
    "ү": "u",
    "ң": "ng",
    "і": "i",
}

# The 1993-1995 Uzbek Latin alphabet and other look-alikes.
_OLD_LATIN: dict[str, str] = {
    "ş": "sh",
    "ç": "ch",
    "ğ": "g'",
    "ö": "o'",
    "ñ": "ng",
    "ı": "i",
    "ü": "u",
}


def _is_letter(ch: str) -> bool:
    return ch.isalpha()


def _match_case(latin: str, source: str, neighbours_upper: bool) -> str:
    """Give ``latin`` the case of the Cyrillic ``source`` letter (``Ш`` → ``Sh`` or ``SH``)."""
    if not source.isupper():
        return latin
    if neighbours_upper or len(latin) == 1:
        return latin.upper()
    return latin[0].upper() + latin[1:]


def to_latin(text: str, apostrophe: str = "'") -> str:
    """Uzbek Cyrillic to Uzbek Latin, keeping case, digits and punctuation.

    ``"Тошкент"`` → ``"Toshkent"``, ``"Фарғона"`` → ``"Farg'ona"``, ``"ЎЗБЕКИСТОН"`` →
    ``"O'ZBEKISTON"``, ``"маъно"`` → ``"ma'no"`` (``ъ`` is the tutuq belgisi), ``"ель"`` →
    ``"yel"``. Latin text passes through unchanged. ``apostrophe`` is what ``o'``/``g'`` and
    ``ъ`` become (the official one is ``ʻ``; BTS data uses ``'``).
    """
    out: list[str] = []
    n = len(text)
    for i, ch in enumerate(text):
        low = ch.lower()
        prev = text[i - 1] if i > 0 else ""
        nxt = text[i + 1] if i + 1 < n else ""
        upper_context = (prev.isupper() and _is_letter(prev)) or (nxt.isupper() and _is_letter(nxt))
        if low == "е":
            word_start = not _is_letter(prev)
            after_vowel = prev in _VOWELS_CYR or prev in _SIGNS_CYR
            latin = "ye" if word_start or after_vowel else "e"
        elif low == "ъ":
            # the tutuq belgisi only between letters; "ъ" after a consonant before "е/ё/ю/я" (Russian
            # "подъезд") is a separator that the y of "ye" already shows
            latin = "" if nxt.lower() in ("е", "ё", "ю", "я") else apostrophe
            out.append(latin)
            continue
        elif low == "ь":
            continue
        elif low in _CYR_TO_LAT:
            latin = _CYR_TO_LAT[low]
        else:
            out.append(ch)
            continue
        latin = latin.replace("'", apostrophe)
        out.append(_match_case(latin, ch, upper_context))
    return "".join(out)


# Latin to Cyrillic: longest match first. Apostrophes are normalised to "'" before matching.
_LAT_TO_CYR: tuple[tuple[str, str], ...] = (
    ("o'", "ў"),
    ("g'", "ғ"),
    ("sh", "ш"),
    ("ch", "ч"),
    ("yo", "ё"),
    ("yu", "ю"),
    ("ya", "я"),
    ("ye", "е"),
    ("a", "а"),
    ("b", "б"),
    ("d", "д"),
    ("e", "е"),
    ("f", "ф"),
    ("g", "г"),
    ("h", "ҳ"),
    ("i", "и"),
    ("j", "ж"),
    ("k", "к"),
    ("l", "л"),
    ("m", "м"),
    ("n", "н"),
    ("o", "о"),
    ("p", "п"),
    ("q", "қ"),
    ("r", "р"),
    ("s", "с"),
    ("t", "т"),
    ("u", "у"),
    ("v", "в"),
    ("x", "х"),
    ("y", "й"),
    ("z", "з"),
    ("c", "с"),
    ("w", "в"),
)


def to_cyrillic(text: str) -> str:
    """Uzbek Latin to Uzbek Cyrillic, keeping case, digits and punctuation.

    ``"Toshkent"`` → ``"Тошкент"``, ``"Farg'ona"`` / ``"Fargʻona"`` → ``"Фарғона"``,
    ``"Yo'l"`` → ``"Йўл"``, ``"ma'no"`` → ``"маъно"``, ``"Ekin"`` → ``"Экин"`` (``e`` at the
    start of a word is ``э``). ``s'h`` stays two letters (``Is'hoq`` → ``Исҳоқ``). Cyrillic
    passes through unchanged.
    """
    src = _APOSTROPHE_RE.sub("'", unicodedata.normalize("NFC", text))
    low = src.lower()
    out: list[str] = []
    i = 0
    n = len(src)
    while i < n:
        for latin, cyr in _LAT_TO_CYR:
            if low.startswith(latin, i):
                # "yo'" is "й" + "ў", not "ё" + apostrophe
                if latin == "yo" and low.startswith("'", i + 2):
                    continue
                piece = src[i : i + len(latin)]
                word_start = i == 0 or not _is_letter(src[i - 1])
                if latin == "e" and word_start:
                    cyr = "э"
                letters = [c for c in piece if _is_letter(c)]
                upper = bool(letters) and letters[0].isupper()
                out.append(cyr.upper() if upper else cyr)
                i += len(latin)
                break
        else:
            ch = src[i]
            if ch == "'":
                prev = src[i - 1] if i > 0 else ""
                nxt = src[i + 1] if i + 1 < n else ""
                # the tutuq belgisi between letters ("ma'no"); a quote elsewhere stays a quote
                out.append("ъ" if _is_letter(prev) and _is_letter(nxt) else ch)
            else:
                out.append(ch)
            i += 1
    return "".join(out)


_NON_WORD_RE = re.compile(r"[^0-9a-z']+")
_SPACES_RE = re.compile(r"\s+")


@lru_cache(maxsize=8192)
def fold(text: str) -> str:
    """One comparable lower-case Uzbek Latin form of Latin, Cyrillic or mixed text.

    ``fold("Farg‘ona")`` == ``fold("FARGʻONA")`` == ``fold("Фарғона")`` == ``"farg'ona"``;
    ``fold("Ташкент")`` == ``"tashkent"`` (the Russian name stays Russian: see ``skeleton``).
    """
    text = unicodedata.normalize("NFC", text or "")
    text = _APOSTROPHE_RE.sub("'", text)
    text = to_latin(text.lower())
    text = "".join(_OLD_LATIN.get(ch, ch) for ch in text)
    # strip remaining accents (é → e, ó → o)
    text = "".join(ch for ch in unicodedata.normalize("NFKD", text) if unicodedata.category(ch) != "Mn")
    # keep "'" only as the sign of o' and g'; other apostrophes (tutuq belgisi, quotes) go
    text = re.sub(r"(?<![og])'|(?<=[og])'(?![a-z])", "", text)
    text = _NON_WORD_RE.sub(" ", text)
    return _SPACES_RE.sub(" ", text).strip()


# --- skeleton -------------------------------------------------------------------------------

_SKELETON_DIGRAPHS: tuple[tuple[str, str], ...] = (
    ("dzh", "j"),
    ("dj", "j"),
    ("zh", "j"),
    ("kh", "h"),
    ("gh", "g"),
    ("sh", "\u0161"),  # š: protected from the "ts"/"h" rules below
    ("ch", "\u010d"),  # č
    ("ts", "s"),
)
_SKELETON_LETTERS = str.maketrans({"q": "k", "x": "h", "o": "a", "w": "v", "c": "s", "'": None})
_Y_BEFORE_CONSONANT_RE = re.compile(r"y(?![aeiouy])")
_DOUBLE_RE = re.compile(r"(.)\1+")

# Russian names (Cyrillic or their usual Latin spelling) of Uzbek places whose skeleton still
# differs from the Uzbek one. Skeletons of both sides are computed, so any spelling that folds
# to the same skeleton is covered ("Фергана", "Fergana", "Ferghana").
EXONYMS: tuple[tuple[str, str], ...] = (
    ("Ташкент", "Toshkent"),
    ("Самарканд", "Samarqand"),
    ("Фергана", "Farg'ona"),
    ("Бухара", "Buxoro"),
    ("Андижан", "Andijon"),
    ("Карши", "Qarshi"),
    ("Термез", "Termiz"),
    ("Джизак", "Jizzax"),
    ("Jizak", "Jizzax"),
    ("Dzhizak", "Jizzax"),
    ("Гулистан", "Guliston"),
    ("Навои", "Navoiy"),
    ("Ургенч", "Urganch"),
    ("Коканд", "Qo'qon"),
    ("Маргилан", "Marg'ilon"),
    ("Хива", "Xiva"),
    ("Чирчик", "Chirchiq"),
    ("Алмалык", "Olmaliq"),
    ("Бекабад", "Bekobod"),
    ("Денау", "Denov"),
    ("Зарафшан", "Zarafshon"),
    ("Каракалпакстан", "Qoraqalpog'iston"),
    ("Хорезм", "Xorazm"),
    ("Янгиюль", "Yangiyo'l"),
    ("Янгиер", "Yangiyer"),
    ("Шахрисабз", "Shahrisabz"),
    ("Китаб", "Kitob"),
    ("Кувасай", "Quvasoy"),
    ("Ахангаран", "Ohangaron"),
    ("Газалкент", "G'azalkent"),
    ("Каган", "Kogon"),
    ("Мубарек", "Muborak"),
    ("Учкудук", "Uchquduq"),
    ("Учкурган", "Uchqo'rg'on"),
    ("Шахрихан", "Shahrixon"),
    ("Ходжейли", "Xo'jayli"),
    ("Тахиаташ", "Taxiatosh"),
    ("Кунград", "Qo'ng'irot"),
    ("Сырдарья", "Sirdaryo"),
    ("Кашкадарья", "Qashqadaryo"),
    ("Сурхандарья", "Surxondaryo"),
    ("Чиланзар", "Chilonzor"),
    ("Юнусабад", "Yunusobod"),
    ("Мирабад", "Mirobod"),
    ("Яккасарай", "Yakkasaroy"),
    ("Шайхантахур", "Shayxontohur"),
    ("Алмазар", "Olmazor"),
    ("Яшнабад", "Yashnobod"),
    ("Улугбек", "Ulug'bek"),
    ("Сергели", "Sergeli"),
    ("Учтепа", "Uchtepa"),
)


def _raw_skeleton(folded: str) -> str:
    text = folded
    for src, dst in _SKELETON_DIGRAPHS:
        text = text.replace(src, dst)
    text = text.translate(_SKELETON_LETTERS)
    text = _Y_BEFORE_CONSONANT_RE.sub("i", text)
    return _DOUBLE_RE.sub(r"\1", text)


@lru_cache(maxsize=1)
def _exonym_table() -> dict[str, str]:
    table: dict[str, str] = {}
    for russian, uzbek in EXONYMS:
        ru = _raw_skeleton(fold(russian))
        uz = _raw_skeleton(fold(uzbek))
        if ru != uz:
            table[ru] = uz
        # the Latin spelling of the Russian name (Fergana, Termez, Urgench, ...)
        ru_latin = _raw_skeleton(fold(_russian_to_latin(russian)))
        if ru_latin != uz:
            table.setdefault(ru_latin, uz)
    return table


_RU_LATIN = {"х": "kh", "ж": "zh", "й": "y", "ы": "y", "ц": "ts", "щ": "shch", "ю": "yu", "я": "ya"}


def _russian_to_latin(text: str) -> str:
    """The usual English-style spelling of a Russian word (Khorezm, Dzhizak), for the table."""
    return "".join(_RU_LATIN.get(ch, ch) for ch in text.lower())


# Russian adjective endings of place names ("Ташкентская", "Чиланзарский"), in folded form, and
# the administrative words around them: "область" and "район" become the Uzbek "viloyati" and
# "tumani" (so "Ташкентская область" meets "Toshkent viloyati"), "город"/"г." is dropped
# (BTS writes "город Ташкент", Uzbek puts "shahri" after the name).
_RU_ADJECTIVE_RE = re.compile(r"^(\w{4,}?)sk(?:aya|iy|oye|ogo|oy|om|ie|ix)$")
_RU_ADMIN_WORDS: tuple[tuple[str, str | None], ...] = (
    ("область", "viloyati"),
    ("обл", "viloyati"),
    ("район", "tumani"),
    ("город", None),
    ("гор", None),
    ("г", None),
)


@lru_cache(maxsize=1)
def _admin_skeletons() -> dict[str, str | None]:
    return {
        _raw_skeleton(fold(word)): None if uzbek is None else _raw_skeleton(uzbek)
        for word, uzbek in _RU_ADMIN_WORDS
    }


@lru_cache(maxsize=1)
def _russian_names() -> frozenset[str]:
    """Skeletons of the Russian names in ``EXONYMS`` (both spellings), for adjective stems."""
    names = set()
    for russian, _ in EXONYMS:
        names.add(_raw_skeleton(fold(russian)))
        names.add(_raw_skeleton(fold(_russian_to_latin(russian))))
    return frozenset(names)


def _skeleton_word(word: str, table: dict[str, str]) -> str:
    adjective = _RU_ADJECTIVE_RE.match(word)
    skel = _raw_skeleton(adjective.group(1) if adjective else word)
    if adjective and skel not in _russian_names() and skel + "a" in _russian_names():
        skel += "a"  # Бухара → Бухарская, Фергана → Ферганская
    return table.get(skel, skel)


@lru_cache(maxsize=8192)
def skeleton(text: str) -> str:
    """A lossy key under which Uzbek and Russian spellings of a name meet.

    ``skeleton("Ташкент") == skeleton("Toshkent")``, ``skeleton("Бухара") == skeleton("Buxoro")``,
    ``skeleton("Фергана") == skeleton("Farg'ona")`` (through ``EXONYMS``). Russian adjective
    forms lose their ending and administrative words become Uzbek ones or go:
    ``skeleton("Ташкентская область") == skeleton("Toshkent viloyati")``,
    ``skeleton("город Ташкент") == skeleton("Toshkent")``.
    """
    table = _exonym_table()
    words = [_skeleton_word(word, table) for word in fold(text).split()]
    admin = _admin_skeletons()
    if len(words) > 1:
        mapped = [admin.get(word, word) if word in admin else word for word in words]
        words = [word for word in mapped if word] or words
    return " ".join(words)


# --- ranking --------------------------------------------------------------------------------


class MatchTier(IntEnum):
    """Lower is better."""

    EXACT = 0
    EXACT_SKELETON = 1
    PREFIX = 2
    WORD_PREFIX = 3
    SUBSTRING = 4
    FUZZY = 5


@dataclass(frozen=True, slots=True)
class Match(Generic[T]):
    item: T
    tier: MatchTier
    score: float  # 0..1, similarity of the best-matching part of the key; ties broken by it


DEFAULT_THRESHOLD = 0.75
_MIN_FUZZY_LEN = 3


class _Scorer:
    """Scores keys against one query. difflib keeps what it learns about its second sequence,
    so the query is that one; ratios of repeated parts ("bts", "toshkent") are remembered, and
    ``quick_ratio`` (an upper bound) skips parts that cannot reach the threshold."""

    def __init__(self, query: str, threshold: float) -> None:
        self.q_fold = fold(query)
        self.q_skel = skeleton(query)
        self.q_words = len(self.q_skel.split())
        self.threshold = threshold
        self._matcher = difflib.SequenceMatcher(None, "", self.q_skel, autojunk=False)
        self._ratios: dict[str, float] = {}

    def ratio(self, text: str, floor: float = 0.0) -> float:
        """The similarity of ``text`` and the query; 0.0 when it cannot exceed ``floor``."""
        known = self._ratios.get(text)
        if known is not None:
            return known
        self._matcher.set_seq1(text)
        if self._matcher.real_quick_ratio() <= floor or self._matcher.quick_ratio() <= floor:
            return 0.0
        value = self._matcher.ratio()
        self._ratios[text] = value
        return value

    def similarity(self, key: str) -> float:
        """The best ratio of the query against every run of the key's words as long as the
        query (in words) or one word longer, so "samarkand" scores high against "Samarqand
        viloyati"; a key shorter than the query is compared whole."""
        words = key.split()
        if len(words) <= self.q_words:
            return self.ratio(key)
        best = 0.0
        for size in (self.q_words, self.q_words + 1):
            for start in range(len(words) - size + 1):
                part = " ".join(words[start : start + size])
                best = max(best, self.ratio(part, floor=max(best, self.threshold - 1e-9)))
        return best

    def match(self, key: str) -> tuple[MatchTier, float] | None:
        q_fold, q_skel = self.q_fold, self.q_skel
        k_fold = fold(key)
        if not q_fold or not k_fold:
            return None
        k_skel = skeleton(key)
        if q_fold == k_fold:
            return MatchTier.EXACT, 1.0
        if q_skel == k_skel:
            return MatchTier.EXACT_SKELETON, 1.0
        tier: MatchTier | None = None
        if k_fold.startswith(q_fold) or k_skel.startswith(q_skel):
            tier = MatchTier.PREFIX
        elif _word_prefix(q_fold, k_fold) or _word_prefix(q_skel, k_skel):
            tier = MatchTier.WORD_PREFIX
        elif q_fold in k_fold or q_skel in k_skel:
            tier = MatchTier.SUBSTRING
        if tier is not None:
            # within the substring tiers the shorter key wins: the ratio against the whole key
            return tier, self.ratio(k_skel)
        if len(q_skel.replace(" ", "")) >= _MIN_FUZZY_LEN:
            score = self.similarity(k_skel)
            if score >= self.threshold:
                return MatchTier.FUZZY, score
        return None


def _word_prefix(query: str, key: str) -> bool:
    return key.startswith(query) or f" {query}" in f" {key}"


def match(query: str, key: str, threshold: float = DEFAULT_THRESHOLD) -> tuple[MatchTier, float] | None:
    """The tier and score of one key against a query, or ``None`` when it does not match."""
    return _Scorer(query, threshold).match(key)


def rank(
    query: str,
    items: Iterable[T],
    key: Callable[[T], str],
    limit: int | None = 10,
    threshold: float = DEFAULT_THRESHOLD,
) -> list[Match[T]]:
    """Every matching item with its tier and score, best first (stable for equal ranks)."""
    found: list[Match[T]] = []
    scorer = _Scorer(query, threshold)
    if not scorer.q_fold:
        return found
    for item in items:
        result = scorer.match(key(item))
        if result is not None:
            found.append(Match(item, result[0], result[1]))
    found.sort(key=lambda m: (m.tier, -m.score))
    return found if limit is None else found[:limit]


def search(
    query: str,
    items: Iterable[T],
    key: Callable[[T], str] = str,
    limit: int | None = 10,
    threshold: float = DEFAULT_THRESHOLD,
) -> list[T]:
    """Items whose ``key`` matches ``query``: exact > prefix > word prefix > substring > fuzzy.

    An empty (or punctuation-only) query matches nothing.
    """
    return [m.item for m in rank(query, items, key, limit, threshold)]
