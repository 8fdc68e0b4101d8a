"""Normalising place names so that everyday spellings find the official CBS names."""

import re
import unicodedata

#: Everyday names that differ from the CBS spelling (CBS name → aliases).
ALIASES = {
    "'s-Gravenhage": ["Den Haag", "The Hague"],
    "'s-Hertogenbosch": ["Den Bosch"],
    "Súdwest-Fryslân": ["Sudwest Fryslan", "Zuidwest-Friesland"],
    "Noardeast-Fryslân": ["Noordoost-Friesland"],
    "De Fryske Marren": ["De Friese Meren"],
    "Tytsjerksteradiel": ["Tietjerksteradeel"],
    "Dantumadiel": ["Dantumadeel"],
    "Fryslân": ["Friesland"],
}

_SUFFIX = re.compile(r"\s*\([^)]*\)$")


def normalise(name: str) -> str:
    """Case-, accent- and punctuation-insensitive key: "'s-Hertogenbosch" → "s hertogenbosch"."""
    decomposed = unicodedata.normalize("NFKD", name)
    plain = "".join(char for char in decomposed if not unicodedata.combining(char))
    plain = re.sub(r"[^\w]+", " ", plain.casefold())
    return " ".join(plain.split())


def search_names(official: str) -> list[str]:
    """All names a municipality can be found by: the official one, without a province suffix
    such as "Hengelo (O.)", and the everyday aliases."""
    names = [official, *ALIASES.get(official, [])]
    unsuffixed = _SUFFIX.sub("", official)
    if unsuffixed != official:
        names.append(unsuffixed)
    return names
