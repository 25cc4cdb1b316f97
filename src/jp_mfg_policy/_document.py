"""
One data file's contents: records of any collections, overrides of other files' records, and notes.
"""

from collections.abc import Mapping
from typing import Any

import attrs

from . import _fields as f
from ._dates import PartialDate
from ._records import Citation


@attrs.frozen(kw_only=True)
class Override:
    """
    An explicit change to a record of another file: amend some fields, or remove it.

    A user file adds records by listing them; it changes or removes an existing
    one only through an override, so that an id clash is always an error and
    never a silent replacement. An override adds its citations to the record's
    own; it never removes a citation.

    Attributes:
        collection: The collection of the record (``"organizations"``, ``"relations"`` ...).
        id: The record's id, for collections whose records have one.
        match: Field values that pick out exactly one record, for the others
            (``{"subject": "meti", "kind": "funds", "object": "nedo"}``).
        changes: The new values of the fields to change, as in the data format (``"set"`` in files).
        remove: Whether to remove the record instead.
        sources: The citations for the change; added to the record's own.
        note: Why the change is made.

    Example:
        >>> Override(collection="organizations", id="meti", changes={"website": "https://www.meti.go.jp/"}).remove
        False
    """

    collection: str = f.line()
    id: str | None = f.line(optional=True)
    match: dict[str, Any] | None = attrs.field(default=None, hash=False)
    changes: dict[str, Any] | None = f.renamed("set", default=None, hash=False)
    remove: bool = False
    sources: tuple[Citation, ...] = ()
    note: str | None = f.text()


@attrs.frozen(kw_only=True)
class Document:
    """
    The contents of one data file.

    Attributes:
        records: Collection name -> the file's records of that collection, in file order.
        overrides: Changes to records of other files.
        about: Free-text notes on the file (title, how it was compiled, as of when).
        schema: The JSON Schema the file declares (``"$schema"``), if any.
        as_of: For a snapshot written out by :meth:`PolicySystem.export`, the day it describes.

    Example:
        >>> Document(records={}).overrides
        ()
    """

    records: Mapping[str, tuple[Any, ...]] = attrs.field(factory=dict, hash=False)
    overrides: tuple[Override, ...] = ()
    about: Mapping[str, str] | None = attrs.field(default=None, hash=False)
    schema: str | None = None
    as_of: PartialDate | None = None


#: The keys of a data file that are not collections, with their JSON names.
DOCUMENT_KEYS = {"$schema": "schema", "about": "about", "as_of": "as_of", "overrides": "overrides"}
