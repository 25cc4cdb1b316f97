"""
Merging files: every record with where it came from, and overrides applied through indexes.
"""

from __future__ import annotations

import bisect
import json
from collections import defaultdict
from collections.abc import Hashable, Iterable, Iterator, Mapping
from typing import Any, cast

import attrs

from ._document import Document, Override
from ._fields import json_name
from ._registry import BY_NAME, COLLECTIONS
from ._serde import structure, unstructure
from .exceptions import Problem


@attrs.frozen
class Located:
    """A record with the file and the JSON path it was read from."""

    item: Any
    file: str
    path: str


class Table:
    """
    The records of one collection across files, with indexes built as overrides need them.

    Records sit in slots, in file order; a removed record leaves an empty slot (None), so
    that every other record keeps its place. Where each record came from (its file and JSON
    path) is worked out from its slot when a problem needs it: a load builds no object per
    record to remember it, which the cycle collector would traverse again and again.
    """

    def __init__(self, name: str) -> None:
        self.name = name
        self.items: list[Any | None] = []
        self._starts: list[int] = []  # the first slot of each file's records
        self._files: list[str] = []
        self._moved: dict[int, tuple[str, str]] = {}  # slots whose record an override changed: the override's place
        #: Whether an override removed a record, leaving an empty slot.
        self.emptied = False
        self._by_id: dict[str, list[int]] | None = None
        # Field names of a `match` -> (their unstructured values -> slots).
        self._by_fields: dict[tuple[str, ...], dict[str, list[int]]] = {}

    def extend(self, file: str, records: Iterable[Any]) -> None:
        """Add the records of *file*, in its order."""
        self._starts.append(len(self.items))
        self._files.append(file)
        self.items.extend(records)

    def rows(self) -> Iterator[tuple[int, Any]]:
        """(slot, record) for each record, in order; empty slots left out."""
        return ((slot, item) for slot, item in enumerate(self.items) if item is not None)

    def place(self, slot: int) -> tuple[str, str]:
        """The file and the JSON path of the record in *slot*."""
        moved = self._moved.get(slot)
        if moved is not None:
            return moved
        part = bisect.bisect_right(self._starts, slot) - 1
        return self._files[part], f"$.{self.name}[{slot - self._starts[part]}]"

    def live(self) -> tuple[list[Any], list[str]]:
        """The records, in order, and the file each came from."""
        items: list[Any] = []
        files: list[str] = []
        ends = [*self._starts[1:], len(self.items)] if self._starts else []
        for file, start, end in zip(self._files, self._starts, ends, strict=True):
            for slot in range(start, end):
                item = self.items[slot]
                if item is not None:
                    items.append(item)
                    moved = self._moved.get(slot)
                    files.append(file if moved is None else moved[0])
        return items, files

    @staticmethod
    def _key(values: Iterable[Any]) -> str:
        # JSON text is hashable and compares as the values do.
        return json.dumps(list(values), sort_keys=True, ensure_ascii=False)

    def find(self, override: Override) -> list[int]:
        """The slots of the records *override* picks out."""
        if override.id is not None:
            if self._by_id is None:
                self._by_id = defaultdict(list)
                for slot, item in self.rows():
                    self._by_id[item.id].append(slot)
            return [slot for slot in self._by_id.get(override.id, []) if self.items[slot] is not None]
        fields = tuple(sorted(override.match or {}))
        index = self._by_fields.get(fields)
        if index is None:
            index = self._by_fields[fields] = defaultdict(list)
            for slot, item in self.rows():
                index[self._key(_values(item, fields))].append(slot)
        wanted = self._key((override.match or {})[field] for field in fields)
        return [slot for slot in index.get(wanted, []) if self.items[slot] is not None]

    def replace(self, slot: int, item: Any | None, place: tuple[str, str] | None = None) -> None:
        """Put *item* in *slot* (None to remove), from *place* if given, keeping the indexes right."""
        old = self.items[slot]
        if old is not None:
            for fields, index in self._by_fields.items():
                index[self._key(_values(old, fields))].remove(slot)
            if self._by_id is not None:
                self._by_id[old.id].remove(slot)
        self.items[slot] = item
        self.emptied = self.emptied or item is None
        if place is not None:
            self._moved[slot] = place
        if item is not None:
            for fields, index in self._by_fields.items():
                index[self._key(_values(item, fields))].append(slot)
            if self._by_id is not None:
                self._by_id[item.id].append(slot)


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
    tables = {collection.name: Table(collection.name) for collection in COLLECTIONS}
    for file, document in documents:
        for name, records in document.records.items():
            tables[name].extend(file, records)
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
            table.replace(slot, None)
            continue
        target = table.items[slot]
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
