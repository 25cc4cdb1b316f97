"""
Ranked search over names and text, saying for each hit which field matched.
"""

from __future__ import annotations

import bisect
import functools
from collections.abc import Iterator
from typing import TYPE_CHECKING

import attrs

from ._normalize import name_fields, normalize_key
from ._records import Entity

if TYPE_CHECKING:
    from ._index import Index

#: Queries longer than this (in characters) match nothing: no name or passage is searched for so long a text.
LONGEST_QUERY = 1_000
_SCORES = {"exact": 4, "prefix": 3, "name": 2, "text": 1}


@attrs.frozen
class Match:
    """
    One hit of :meth:`PolicySystem.search`: the entity, and why it matched.

    Attributes:
        entity: The entity found.
        field: Where the match is, as a path in the record (``"name_ja"``, ``"aliases[1]"``,
            ``"description"``, ``"history[2].legal_basis"`` for an event of the entity).
        text: The text that matched.
        how: ``"exact"`` (a whole name), ``"prefix"`` (the start of a name), ``"name"``
            (within a name) or ``"text"`` (every word of the query in a description or other text).

    Example:
        >>> import jp_mfg_policy as jmp
        >>> hit = jmp.load().search("特許")[0]
        >>> hit.entity.id, hit.field, hit.how
        ('jpo', 'name_ja', 'prefix')
    """

    entity: Entity
    field: str
    text: str
    how: str

    @property
    def kind(self) -> str:
        """
        The type of the entity found (``"Agency"``, ``"Law"``, ``"Program"`` ...).

        Example:
            >>> import jp_mfg_policy as jmp
            >>> jmp.load().search("moonshot")[0].kind
            'Program'
        """
        return type(self.entity).__name__


def _texts(entity: Entity, index: Index) -> Iterator[tuple[str, str]]:
    """The free text of an entity that search reads, each with its field."""
    for field in ("description", "role", "note", "text", "title_meaning", "purpose", "legal_basis"):
        value = getattr(entity, field, None)
        if isinstance(value, str):
            yield field, value
    for field in ("missions", "functions"):
        for number, value in enumerate(getattr(entity, field, ())):
            yield f"{field}[{number}]", value
    nested = (
        ("research_streams", "description"),
        ("goals", "text"),
        ("goals", "text_ja"),
        ("phases", "name"),
        ("editions", "title"),
        ("requires", "text"),
    )
    for field, attribute in nested:
        for number, item in enumerate(getattr(entity, field, ())):
            value = getattr(item, attribute)
            if value:
                yield f"{field}[{number}].{attribute}", value
    for number, event in enumerate(index.events_by_body[entity.id]):
        if event.legal_basis:
            yield f"history[{number}].legal_basis", event.legal_basis


@attrs.frozen
class Tables:
    """
    Every name in one string and every passage in another, with where each starts and what it is.

    Scanning one big string with ``str.find`` runs in C, where a loop over every
    entity's names would run in Python.
    """

    names: str
    name_starts: list[int]
    name_owners: list[tuple[int, str, str]]  # (entity number, field, text as written)
    texts: str
    text_starts: list[int]
    text_owners: list[tuple[int, str, str]]

    @classmethod
    def of(cls, entities: list[Entity], index: Index) -> Tables:
        """Build the tables for *entities*."""
        names, name_starts, name_owners = [], [], []
        texts, text_starts, text_owners = [], [], []
        name_at = text_at = 0
        for number, entity in enumerate(entities):
            for field, value in name_fields(entity):
                key = normalize_key(value)
                if key:
                    names.append(key)
                    name_starts.append(name_at)
                    name_owners.append((number, field, value))
                    name_at += len(key) + 1
            # Names again among the texts: their words then match in any order.
            for field, value in (*name_fields(entity), *_texts(entity, index)):
                key = normalize_key(value)
                texts.append(key)
                text_starts.append(text_at)
                text_owners.append((number, field, value))
                text_at += len(key) + 1
        # "\n" never occurs in a key, so a match cannot run across two of them.
        return cls("\n".join(names) + "\n", name_starts, name_owners, "\n".join(texts) + "\n", text_starts, text_owners)


@functools.lru_cache(maxsize=64)
def _words(text: str) -> tuple[str, ...]:
    return tuple(word for word in map(normalize_key, text.split()) if word)


def search(tables: Tables, entities: list[Entity], text: str, limit: int | None) -> tuple[Match, ...]:
    """
    The entities matching *text*, best first, each once, with the field that matched best.

    Whole names rank first, then names that begin with *text*, then names containing it,
    then entities one of whose texts contains every word of it. Ties keep data order.
    """
    if len(text) > LONGEST_QUERY:
        return ()
    wanted = normalize_key(text)
    if not wanted:
        return ()
    best: dict[int, tuple[int, str, str, str]] = {}

    def offer(number: int, how: str, field: str, value: str) -> None:
        score = _SCORES[how]
        if number not in best or best[number][0] < score:
            best[number] = (score, how, field, value)

    position = tables.names.find(wanted)
    while position != -1:
        slot = bisect.bisect_right(tables.name_starts, position) - 1
        start = tables.name_starts[slot]
        number, field, value = tables.name_owners[slot]
        whole = tables.names.startswith("\n", start + len(wanted))
        offer(number, "name" if position != start else "exact" if whole else "prefix", field, value)
        position = tables.names.find(wanted, position + 1)
    words = _words(text) or (wanted,)
    # Passages holding the first word, then those among them holding every other word.
    position = tables.texts.find(words[0])
    while position != -1:
        slot = bisect.bisect_right(tables.text_starts, position) - 1
        start = tables.text_starts[slot]
        end = tables.text_starts[slot + 1] - 1 if slot + 1 < len(tables.text_starts) else len(tables.texts) - 1
        passage = tables.texts[start:end]
        if all(word in passage for word in words[1:]):
            number, field, value = tables.text_owners[slot]
            offer(number, "text", field, value)
        position = tables.texts.find(words[0], end)
    ranked = sorted(best.items(), key=lambda item: (-item[1][0], item[0]))
    return tuple(Match(entities[number], field, value, how) for number, (_, how, field, value) in ranked[:limit])
