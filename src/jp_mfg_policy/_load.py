"""
The entry point: :func:`load` and the cache of the bundled system.

Kept light, so that importing the package reads nothing and imports no serialisation code.
"""

from __future__ import annotations

import contextlib
import gc
import os
import threading
from collections.abc import Iterable, Iterator
from typing import TYPE_CHECKING

from .exceptions import DataError, Problem

if TYPE_CHECKING:
    from ._serde import Document
    from ._system import PolicySystem

#: The largest data file :func:`load` reads, in bytes.
MAX_FILE_SIZE = 256 * 1024 * 1024

#: The bundled data files, in the order they are read.
BUNDLED_FILES = (
    "sources.json",
    "organizations.json",
    "relations.json",
    "events.json",
    "publications.json",
    "strategies.json",
    "memberships.json",
    "caveats.json",
)

_lock = threading.Lock()


@contextlib.contextmanager
def without_gc() -> Iterator[None]:
    # Loading builds a large acyclic graph of new objects; the cycle collector would walk it again and
    # again as it grows, which makes loading superlinear. Nothing it builds needs collecting meanwhile.
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


_bundled: PolicySystem | None = None
_bundled_documents: tuple[tuple[str, Document], ...] | None = None


def bundled_documents() -> tuple[tuple[str, Document], ...]:
    """The bundled files, parsed once."""
    global _bundled_documents  # noqa: PLW0603 - the module's one cache
    if _bundled_documents is None:
        with _lock:
            if _bundled_documents is None:
                from ._read import read_bundled  # noqa: PLC0415 - the heavy part, on first use

                with without_gc():
                    _bundled_documents = read_bundled()
    return _bundled_documents


def load(*, extra: Iterable[str | os.PathLike[str]] = (), bundled: bool = True) -> PolicySystem:
    """
    The policy system: the bundled data, plus any user files in *extra*.

    Without *extra*, every call returns the same object, built on first use
    (once, however many threads ask at the same time). With *extra*, the user
    files are read (never written), merged with the bundled data and
    validated as one whole; a new system is returned and the cached one is
    left as it was. With ``bundled=False`` only the files in *extra* are
    read: a system exported with :meth:`PolicySystem.export` loads back so.

    Raises:
        DataError: If any file is unreadable or invalid, or the whole is
            inconsistent; it lists every problem with its file and path.

    Example:
        >>> import jp_mfg_policy as jmp
        >>> system = jmp.load()
        >>> system is jmp.load()
        True
        >>> system.get("METI").name_ja, str(system.get("METI").established)
        ('経済産業省', '2001-01-06')
    """
    global _bundled  # noqa: PLW0603 - the module's one cache
    from ._read import build, read_user  # noqa: PLC0415 - the heavy part, on first use

    paths = tuple(extra)
    if not paths and bundled:
        if _bundled is None:
            documents = bundled_documents()
            with _lock:
                if _bundled is None:
                    with without_gc():
                        _bundled = build(documents)
        return _bundled
    user: list[tuple[str, Document]] = []
    problems: list[Problem] = []
    for path in paths:
        with without_gc():
            document, found = read_user(path)
        problems += found
        if document is not None:
            user.append((os.fspath(path), document))
    if problems:
        raise DataError(problems)
    with without_gc():
        return build([*(bundled_documents() if bundled else ()), *user])
