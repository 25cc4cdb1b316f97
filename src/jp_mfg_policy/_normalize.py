"""
Lookup keys: the same for every spelling a person might type.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from ._records import Entity

# Everything but letters and digits, in one pass: \W is any non-word character, and _ is a word one.
_NOT_ALNUM = re.compile(r"[\W_]+")
# The same for ASCII text, as bytes to delete: bytes.translate runs several times faster than a regex.
_ASCII_NOT_ALNUM = bytes(code for code in range(128) if not chr(code).isalnum())


def normalize_key(text: str) -> str:
    """
    Fold *text* to a lookup key: Unicode NFKC, casefolded, letters and digits only.

    NFKC maps full-width forms to their ordinary ones (``ＭＥＴＩ`` to ``METI``),
    casefolding ignores case, and dropping everything but letters, digits and
    combining marks ignores spacing and punctuation, Japanese ``・`` included.

    Example:
        >>> normalize_key("ＭＥＴＩ"), normalize_key("Ministry of Economy, Trade & Industry")
        ('meti', 'ministryofeconomytradeindustry')
        >>> normalize_key("総合科学技術・イノベーション会議") == normalize_key("総合科学技術イノベーション会議")
        True
    """
    if not text.isascii():
        text = unicodedata.normalize("NFKC", text)
    folded = text.casefold()
    if folded.isalnum():  # nothing to drop (\w is what isalnum() accepts, and _): most names, at C speed
        return folded
    if folded.isascii():  # full-width Latin is ASCII after NFKC
        return folded.encode("ascii").translate(None, _ASCII_NOT_ALNUM).decode("ascii")
    return _NOT_ALNUM.sub("", folded)


_NAME_FIELDS = ("name", "name_ja", "short_name_ja", "acronym", "title", "title_ja", "number", "number_en")
# The name fields of each class of entity (a handful of classes), found once: asked of a record
# that lacks it, getattr raises and catches an AttributeError, which costs more than the lookup.
_name_fields_by_class: dict[type, tuple[str, ...]] = {}


def _name_fields_of(cls: type) -> tuple[str, ...]:
    found = _name_fields_by_class.get(cls)
    if found is None:
        found = tuple(field for field in _NAME_FIELDS if hasattr(cls, field))
        found = _name_fields_by_class.setdefault(cls, found)
    return found


def name_fields(entity: Entity) -> Iterator[tuple[str, str]]:
    """
    Every text `get` finds *entity* by, with the field (as a path below the record) it stands in.

    The id, the names in every language, the acronym, aliases and former names, and for a
    law its number.

    Example:
        >>> import jp_mfg_policy as jmp
        >>> [field for field, _ in name_fields(jmp.load().get("CSTI"))][:3]
        ['id', 'name', 'name_ja']
    """
    yield "id", entity.id
    for field in _name_fields_of(type(entity)):
        value = getattr(entity, field, None)
        if isinstance(value, str):
            yield field, value
    for index, alias in enumerate(getattr(entity, "aliases", ())):
        yield f"aliases[{index}]", alias
    for index, name in enumerate(getattr(entity, "former_names", ())):
        yield f"former_names[{index}].text", name.text


def names_of(entity: Entity) -> Iterator[str]:
    """Every text `get` should find *entity* by: id, names, acronyms, aliases, former names."""
    for _, text in name_fields(entity):
        yield text


def stored_names(item: Mapping[str, Any]) -> Iterator[str]:
    """
    :func:`names_of` a body as stored, before it is built: its JSON object, where the name fields keep their names.

    For bodies only: the other entities derive some names (a law's name is its title).

    Example:
        >>> list(stored_names({"id": "meti", "acronym": "METI", "former_names": [{"text": "通商産業省"}]}))
        ['meti', 'METI', '通商産業省']
    """
    yield item["id"]
    for field in _NAME_FIELDS:
        value = item.get(field)
        if isinstance(value, str):
            yield value
    yield from item.get("aliases", ())
    for name in item.get("former_names", ()):
        yield name["text"]
