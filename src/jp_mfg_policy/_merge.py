"""
Merging files: every record with where it came from, and overrides applied through indexes.
"""

from __future__ import annotations

import json
from collections import defaultdict
from collections.abc import Hashable, Iterable, Iterator, Mapping
from typing import Any, TypeAlias, cast

import attrs

from ._document import Document, Override
from ._fields import json_name
from ._registry import BY_NAME, COLLECTIONS
from ._serde import structure, unstructure
from .exceptions import Problem


@attrs.define
class Located:
    """A record with the file and the JSON path it was read from."""

    # Not frozen: a load makes one for every record, and a frozen class's __init__ sets each field
    # through object.__setattr__ (twice the time). Nothing changes one once made.

    item: Any
    file: str
    path: str


#: Where a record was read: its file and its JSON path. A plain tuple of two strings, which the cycle
#: collector stops tracking at its first look (an object that held the record too would be traversed
#: at every full collection of a load, one per record).
Place: TypeAlias = tuple[str, str]


class Table:
    """
    The records of one collection across files, each with its place, and indexes built as overrides need them.

    A removed record leaves an empty slot, so that every other record keeps its place.
    """

    def __init__(self, records: list[Any], places: list[Place]) -> None:
        """*places* holds the place of each record of *records*, in the same order."""
        self.slots: list[Any | None] = records
        self.places = places
        self._removed = False
        self._by_id: dict[str, list[int]] | None = None
        # Field names of a `match` -> (their unstructured values -> slots).
        self._by_fields: dict[tuple[str, ...], dict[str, list[int]]] = {}

    def live(self) -> tuple[list[Any], list[Place]]:
        """The records left (not removed), and their places."""
        if not self._removed:  # the common case
            return list(self.slots), list(self.places)
        kept = [slot for slot, record in enumerate(self.slots) if record is not None]
        return [self.slots[slot] for slot in kept], [self.places[slot] for slot in kept]

    @staticmethod
    def _key(values: Iterable[Any]) -> str:
        # JSON text is hashable and compares as the values do.
        return json.dumps(list(values), sort_keys=True, ensure_ascii=False)

    def find(self, override: Override) -> list[int]:
        """The slots of the records *override* picks out."""
        if override.id is not None:
            if self._by_id is None:
                self._by_id = defaultdict(list)
                for slot, record in enumerate(self.slots):
                    if record is not None:
                        self._by_id[record.id].append(slot)
            return [slot for slot in self._by_id.get(override.id, []) if self.slots[slot] is not None]
        fields = tuple(sorted(override.match or {}))
        index = self._by_fields.get(fields)
        if index is None:
            index = self._by_fields[fields] = defaultdict(list)
            for slot, record in enumerate(self.slots):
                if record is not None:
                    index[self._key(_values(record, fields))].append(slot)
        wanted = self._key((override.match or {})[field] for field in fields)
        return [slot for slot in index.get(wanted, []) if self.slots[slot] is not None]

    def replace(self, slot: int, record: Any, place: Place) -> None:
        """Put *record*, read at *place*, in *slot* (None to remove), keeping the indexes right."""
        old = self.slots[slot]
        if old is not None:
            for fields, index in self._by_fields.items():
                index[self._key(_values(old, fields))].remove(slot)
            if self._by_id is not None:
                self._by_id[old.id].remove(slot)
        self.slots[slot] = record
        self.places[slot] = place
        self._removed = self._removed or record is None
        if record is not None:
            for fields, index in self._by_fields.items():
                index[self._key(_values(record, fields))].append(slot)
            if self._by_id is not None:
                self._by_id[record.id].append(slot)


class Origins(Mapping[tuple[str, Any], str]):
    """
    (collection, identity) -> the file each record came from, each collection indexed when first asked.

    A load hashes no identity for it (dates among them, each hash a Python call) and builds no
    tuple per record: most systems are never asked where a record came from, and one that
    is asked about a body indexes the bodies alone. Indexing is idempotent: two threads that
    ask at once build equal indexes, and either may be kept.
    """

    __slots__ = ("_files", "_indexes", "_records")

    def __init__(self, records: Mapping[str, list[Any]], files: Mapping[str, list[str]]) -> None:
        """*files* holds the file of each record of *records*, in the same order."""
        self._records = records
        self._files = files
        self._indexes: dict[str, dict[Hashable, str]] = {}

    def _index(self, name: str) -> dict[Hashable, str]:
        index = self._indexes.get(name)
        if index is None:
            identity = BY_NAME[name].identity
            index = {
                identity(record): file for record, file in zip(self._records[name], self._files[name], strict=True)
            }
            self._indexes[name] = index
        return index

    def __getitem__(self, key: tuple[str, Any]) -> str:
        # As a dict would: any key that is not a (collection, identity) of a record is missing.
        try:
            name, identity = key
        except (TypeError, ValueError):
            raise KeyError(key) from None
        if name not in self._records:
            raise KeyError(key)
        return self._index(name)[identity]

    def __iter__(self) -> Iterator[tuple[str, Any]]:
        for name in self._records:
            yield from ((name, identity) for identity in self._index(name))

    def __len__(self) -> int:
        return sum(len(self._index(name)) for name in self._records)


def gather(documents: Iterable[tuple[str, Document]]) -> dict[str, Table]:
    """Every record of *documents*, collection by collection, in file order."""
    tables = {collection.name: Table([], []) for collection in COLLECTIONS}
    for file, document in documents:
        for name, records in document.records.items():
            table = tables[name]
            table.slots += records
            table.places += [(file, f"$.{name}[{index}]") for index in range(len(records))]
    return tables


def _has_id(collection: str) -> bool:
    return any(field.name == "id" for field in attrs.fields(BY_NAME[collection].cls))


def _values(record: object, fields: tuple[str, ...]) -> Iterator[Any]:
    """The values of *record*'s fields named as in data files, in their JSON form: only those, not the whole record."""
    names = {json_name(field): field.name for field in attrs.fields(cast("type[attrs.AttrsInstance]", type(record)))}
    for field in fields:
        yield unstructure(getattr(record, names[field])) if field in names else None


def apply_overrides(tables: dict[str, Table], overrides: list[Located]) -> list[Problem]:
    """
    Apply each override, in file order, to the records of *tables*.

    Every override must pick out exactly one record; the changed record must
    still be valid. The changed record is attributed to the override's file, and
    keeps every citation it had.
    """
    problems: list[Problem] = []
    for located in overrides:
        override: Override = located.item

        def fail(suffix: str, message: str, where: Located = located) -> None:
            problems.append(Problem(where.file, where.path + suffix, message))

        if override.collection not in BY_NAME:
            fail(".collection", f"unknown collection {override.collection!r}; expected one of: {', '.join(BY_NAME)}")
            continue
        keyed = _has_id(override.collection)
        if keyed and (override.id is None or override.match is not None):
            fail(".id", f"records of {override.collection} are picked by 'id' (and not by 'match')")
            continue
        if not keyed and (override.match is None or override.id is not None):
            fail(".match", f"records of {override.collection} have no id: pick one with 'match'")
            continue
        if override.remove == (override.changes is not None):
            fail("", "give either 'set' (the fields to change) or 'remove': true")
            continue
        if not override.sources:
            fail(".sources", "no source cited: an override must name the source of its change")
            continue
        table = tables[override.collection]
        found = table.find(override)
        if len(found) != 1:
            what = f"id {override.id!r}" if keyed else f"match {override.match!r}"
            fail(".id" if keyed else ".match", f"{what} picks out {len(found)} records of {override.collection}, not 1")
            continue
        (slot,) = found
        if override.remove:
            table.replace(slot, None, table.places[slot])
            continue
        target = table.slots[slot]
        assert target is not None  # noqa: S101 - find() returns live slots only
        data = dict(unstructure(target))
        changes = dict(override.changes or {})
        # Citations accumulate: the record's own, any the change lists, and the override's.
        added = changes.pop("sources", [])
        data |= changes
        cls = BY_NAME[override.collection].cls
        # A source cites nothing itself: its correction is attributed to the override's file (its origin).
        if "sources" in attrs.fields_dict(cls) and ("sources" in data or added or override.sources):
            data["sources"] = [
                *data.get("sources", []),
                *(added if isinstance(added, list) else [added]),
                *unstructure(override.sources),
            ]
        elif added:
            data["sources"] = added  # refused below, naming the field
        changed, wrong = structure(data, cls, located.file, f"{located.path}.set")
        if wrong:
            problems.extend(wrong)
            continue
        table.replace(slot, changed, (located.file, located.path))
    return problems
