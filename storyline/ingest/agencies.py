"""Wire agencies and the words that mark a name as a news outlet.

This is general world knowledge about news media (the big wire services and
the nouns that name a kind of outlet), not knowledge of any one story.
"""

from __future__ import annotations

import re

# Wire agencies: spellings seen in credits and datelines -> the short name we record.
_WIRE_AGENCIES: dict[str, str] = {
    "afp": "AFP",
    "agence france-presse": "AFP",
    "agence france presse": "AFP",
    "ap": "AP",
    "associated press": "AP",
    "the associated press": "AP",
    "reuters": "Reuters",
    "thomson reuters": "Reuters",
    "xinhua": "Xinhua",
    "xinhua news agency": "Xinhua",
    "kyodo": "Kyodo",
    "kyodo news": "Kyodo",
    "yonhap": "Yonhap",
    "ansa": "ANSA",
    "dpa": "dpa",
    "deutsche presse-agentur": "dpa",
    "efe": "EFE",
    "europa press": "Europa Press",
    "anadolu": "Anadolu",
    "anadolu agency": "Anadolu",
    "tass": "TASS",
    "ria novosti": "RIA Novosti",
    "interfax": "Interfax",
    "pti": "PTI",
    "press trust of india": "PTI",
    "ians": "IANS",
    "ani": "ANI",
    "upi": "UPI",
    "united press international": "UPI",
    "bernama": "Bernama",
    "antara": "Antara",
    "aap": "AAP",
    "australian associated press": "AAP",
    "pa": "PA",
    "pa media": "PA",
    "the canadian press": "The Canadian Press",
    "canadian press": "The Canadian Press",
    "apa": "APA",
    "belga": "Belga",
    "anp": "ANP",
    "ntb": "NTB",
    "tt": "TT",
    "ritzau": "Ritzau",
    "ctk": "CTK",
    "pap": "PAP",
    "mena": "MENA",
    "wafa": "WAFA",
    "irna": "IRNA",
    "sana": "SANA",
    "kcna": "KCNA",
    "cna": "CNA",
    "bloomberg": "Bloomberg",
}

# Nouns that name a kind of news outlet, as in "state broadcaster X", "X newspaper".
MEDIA_NOUNS: tuple[str, ...] = (
    "news agency",
    "press agency",
    "wire service",
    "state media",
    "state television",
    "state tv",
    "state radio",
    "broadcaster",
    "newspaper",
    "news outlet",
    "media outlet",
    "outlet",
    "daily",
    "tabloid",
    "weekly",
    "magazine",
    "news channel",
    "channel",
    "television",
    "tv",
    "radio",
    "news website",
    "website",
    "news portal",
    "news site",
    "media",
    "press",
)

# Words that, inside a name, mark it as an outlet: "Daily Herald", "Kyiv Post".
_MEDIA_NAME_WORDS = frozenset(
    [
        "news",
        "times",
        "post",
        "journal",
        "herald",
        "tribune",
        "gazette",
        "telegraph",
        "chronicle",
        "courier",
        "dispatch",
        "inquirer",
        "sentinel",
        "tv",
        "radio",
        "television",
        "broadcasting",
        "newspaper",
        "magazine",
        "daily",
        "zeitung",
        "presse",
        "diario",
        "prensa",
        "noticias",
        "gazeta",
        "gazzetta",
        "corriere",
        "shimbun",
        "ilbo",
    ]
)

_WORD = re.compile(r"[A-Za-z]+")


def wire_agency(name: str) -> str | None:
    """The short name of a wire agency, or None if ``name`` is not one."""
    key = " ".join(name.replace("’", "'").split()).strip(" .").lower()
    return _WIRE_AGENCIES.get(key)


def has_media_word(name: str) -> bool:
    """True if a word of ``name`` marks it as an outlet ("Global Times", "Radio Free Asia")."""
    return any(word.lower() in _MEDIA_NAME_WORDS for word in _WORD.findall(name))
