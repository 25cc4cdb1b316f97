"""
Reading data files: a bounded read of a regular file, then JSON or TOML text to plain values.

Everything here refuses rather than guesses, and says where: a file that is not a regular
file, too large, not UTF-8, not valid JSON or TOML, with a key twice in one object, a lone
surrogate, or a number that is not finite.
"""

from __future__ import annotations

import collections
import json
import math
import os
import re
import stat
import tomllib
from collections.abc import Callable, Container, Iterator
from json.scanner import make_scanner
from typing import Any, cast

from .exceptions import Problem

#: The largest data file :func:`~jp_mfg_policy.load` reads by default, in bytes.
DEFAULT_MAX_FILE_SIZE = 128 * 1024 * 1024
#: At most one JSON value (object, array, string, number ...) per this many bytes of the limit.
BYTES_PER_VALUE = 16
_CHUNK = 1024 * 1024
# JSON's whitespace, as the json module skips it.
_WHITESPACE = re.compile(r"[ \t\n\r]*")
# A comma between two items of an array, with the whitespace around it.
_COMMA = re.compile(r"[ \t\n\r]*,[ \t\n\r]*")
# Every byte but those that begin or follow a value (TOML's = among them): what decode() drops to count values.
_NOT_COUNTED = bytes(byte for byte in range(256) if byte not in b",[{=")
# A \\u escape of a UTF-16 surrogate; only a lone one survives parsing as a surrogate character.
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F][0-9a-fA-F]{2}")
_KINDS = (
    (stat.S_ISDIR, "a directory"),
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def is_toml(name: str) -> bool:
    """
    Whether a file is read as TOML: its name ends in ``.toml``, in any case.

    Example:
        >>> is_toml("mine.TOML"), is_toml("mine.json")
        (True, False)
    """
    return name.lower().endswith(".toml")


def read_path(name: str, limit: int) -> tuple[bytes | None, list[Problem]]:
    """
    The bytes of the regular file *name*, read up to *limit* bytes and no further.

    A FIFO, a device, a directory or a socket is refused at once, before any read.

    Example:
        >>> read_path("/dev/zero", 10)[1][0].message
        'not a regular file but a character device'
    """
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
    try:
        descriptor = os.open(name, flags)
    except OSError as exc:
        return None, [Problem(name, "$", f"cannot read the file: {exc.strerror or exc}")]
    try:
        mode = os.fstat(descriptor).st_mode
        if not stat.S_ISREG(mode):
            kind = next((what for test, what in _KINDS if test(mode)), "a special file")
            return None, [Problem(name, "$", f"not a regular file but {kind}")]
        chunks, size = [], 0
        # Trust the bytes, not fstat's size: a file may grow while it is read.
        while size <= limit:
            chunk = os.read(descriptor, min(_CHUNK, limit + 1 - size))
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
    except OSError as exc:
        return None, [Problem(name, "$", f"cannot read the file: {exc.strerror or exc}")]
    finally:
        os.close(descriptor)
    if size > limit:
        return None, [Problem(name, "$", f"the file is over the limit of {limit:,} bytes")]
    return b"".join(chunks), []


class _Duplicates(dict[str, Any]):
    """A JSON object in which some keys appeared more than once."""

    __slots__ = ("twice",)
    twice: list[str]


def _marked(result: dict[str, Any], pairs: list[tuple[str, Any]]) -> _Duplicates:
    """*result*, the object *pairs* make, marked with the keys that appear in *pairs* more than once."""
    marked = _Duplicates(result)
    counts = collections.Counter(key for key, _ in pairs)
    marked.twice = sorted(key for key, count in counts.items() if count > 1)
    return marked


def _reject_constant(name: str) -> float:
    msg = f"{name} is not a number JSON allows"
    raise ValueError(msg)


def _finite(text: str) -> float:
    value = float(text)
    # 1e400 reads as infinity: a number no float can hold is refused, not rounded to inf.
    if not math.isfinite(value):
        msg = f"the number {text[:40]} is not finite (too large for a float, or not a number)"
        raise ValueError(msg)
    return value


def _walk(value: Any, path: str) -> Iterator[tuple[str, Any]]:
    """Every value with its JSON path, depth first, without recursion."""
    stack = [(path, value)]
    while stack:
        where, item = stack.pop()
        yield where, item
        if isinstance(item, dict):
            stack.extend(
                (f"{where}.{key}" if key.isidentifier() or key == "$schema" else f"{where}[{key!r}]", child)
                for key, child in reversed(item.items())
            )
        elif isinstance(item, list):
            stack.extend((f"{where}[{index}]", child) for index, child in reversed(list(enumerate(item))))


def _has_surrogate(text: str) -> bool:
    return any("\ud800" <= char <= "\udfff" for char in text)


def decode(data: bytes, file: str, *, limit: int = DEFAULT_MAX_FILE_SIZE) -> tuple[str | None, list[Problem]]:
    """
    One file's text, checked for size, emptiness and encoding before anything is parsed; or what is wrong.

    Example:
        >>> decode(b"{}", "x.json"), decode(b" ", "x.json")[1][0].message
        (('{}', []), 'the file is empty')
    """
    if len(data) > limit:
        return None, [Problem(file, "$", f"the file is over the limit of {limit:,} bytes")]
    if not data.strip():
        return None, [Problem(file, "$", "the file is empty")]
    # A JSON value is a container, or follows a comma: this counts them all (and more), cheaply, in one
    # pass that keeps only those bytes (three times faster than a count of each of the four).
    values = len(data.translate(None, _NOT_COUNTED))
    most = max(limit // BYTES_PER_VALUE, 1_000)
    if values > most:
        return None, [Problem(file, "$", f"the file holds about {values:,} values, over the limit of {most:,}")]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, [Problem(file, "$", f"not UTF-8: byte {exc.start:,} is {data[exc.start : exc.start + 1]!r}")]
    return text.removeprefix("\ufeff"), []


def _hook(duplicates: list[_Duplicates]) -> Callable[[list[tuple[str, Any]]], dict[str, Any]]:
    """The ``object_pairs_hook`` that builds each object, adding those with a key twice to *duplicates*."""

    def hook(pairs: list[tuple[str, Any]]) -> dict[str, Any]:
        # Called for every object of the file: the common case in one frame, without a further call.
        found = dict(pairs)
        if len(found) == len(pairs):
            return found
        marked = _marked(found, pairs)
        duplicates.append(marked)  # so that only a file with duplicate keys is walked for them
        return marked

    return hook


class NotStreamableError(Exception):
    """A file :func:`stream` cannot vouch for: :func:`parse` reads it, and says what is wrong."""


#: What :func:`stream` yields, as an item, when an array it streams begins (so that an empty one is seen).
ARRAY_BEGINS: Any = object()


def _skip(text: str, at: int) -> int:
    """Where the first token at or after *at* is, past JSON's whitespace."""
    found = _WHITESPACE.match(text, at)
    return at if found is None else found.end()


def _scanned(scan: Callable[[str, int], tuple[Any, int]], text: str, at: int) -> tuple[Any, int]:
    """The value *scan* reads at *at* in *text*, and where it ends."""
    try:
        return scan(text, at)
    except StopIteration:
        raise NotStreamableError from None


def stream(text: str, arrays: Container[str]) -> Iterator[tuple[str, Any]]:
    """
    The top-level values of a JSON object, as (key, value); the arrays under *arrays* item by item.

    For such an array it yields (key, :data:`ARRAY_BEGINS`), then (key, item) for each item as
    soon as it is read: a reader that structures and drops each one never holds the whole
    file's JSON at once. In an item, each object comes as the tuple of its (key, value) pairs
    as written, made in C without a Python call per object; a key given twice stays in it, for
    the reader to refuse. Apart from that, it accepts exactly what :func:`parse` accepts without
    a problem, and raises :exc:`NotStreamableError` (or the error of a number) for anything else:
    a file with a problem is for :func:`parse` to describe.

    Example:
        >>> list(stream('{"a": [1, {"k": 2}], "b": {}}', {"a"}))[1:]
        [('a', 1), ('a', (('k', 2),)), ('b', {})]
    """
    if _SURROGATE_ESCAPE.search(text):
        raise NotStreamableError
    duplicates: list[_Duplicates] = []
    decoder = json.JSONDecoder(
        object_pairs_hook=_hook(duplicates), parse_constant=_reject_constant, parse_float=_finite
    )
    scan = make_scanner(cast("Any", decoder))  # json.loads' scanner, as typeshed does not quite say
    as_pairs = json.JSONDecoder(object_pairs_hook=tuple, parse_constant=_reject_constant, parse_float=_finite)
    scan_item = make_scanner(cast("Any", as_pairs))

    def value(at: int) -> tuple[Any, int]:
        """The value at *at*, and where the next token is."""
        found, end = _scanned(scan, text, at)
        if duplicates:
            raise NotStreamableError
        return found, _skip(text, end)

    def expect(at: int, token: str) -> int:
        """Where the token after *token*, at *at*, is."""
        if text[at : at + 1] != token:
            raise NotStreamableError
        return _skip(text, at + 1)

    at = expect(_skip(text, 0), "{")
    if text[at : at + 1] == "}":
        at = _skip(text, at + 1)
    else:
        seen: set[str] = set()
        while True:
            if text[at : at + 1] != '"':
                raise NotStreamableError
            key, at = value(at)
            if key in seen:
                raise NotStreamableError
            seen.add(key)
            at = expect(at, ":")
            if key not in arrays:
                item, at = value(at)
                yield key, item
            else:
                at = expect(at, "[")
                yield key, ARRAY_BEGINS
                if text[at : at + 1] == "]":
                    at = _skip(text, at + 1)
                else:
                    while True:
                        item, end = _scanned(scan_item, text, at)
                        yield key, item
                        comma = _COMMA.match(text, end)  # the next item, in one match
                        if comma is None:
                            at = _skip(text, end)
                            break
                        at = comma.end()
                    at = expect(at, "]")
            if text[at : at + 1] != ",":
                break
            at = _skip(text, at + 1)
        at = expect(at, "}")
    if at != len(text):
        raise NotStreamableError


def parse(data: bytes, file: str, *, limit: int = DEFAULT_MAX_FILE_SIZE) -> tuple[dict[str, Any] | None, list[Problem]]:
    """
    Parse one file's bytes (JSON, or TOML for a ``.toml`` file) into plain values, or say what is wrong.

    Example:
        >>> parse(b'{"a": 1, "a": 2}', "x.json")[1][0].message
        "the key 'a' appears twice in one object"
        >>> parse(b'{"a": NaN}', "x.json")[1][0].message
        'NaN is not a number JSON allows'
    """
    text, problems = decode(data, file, limit=limit)
    if text is None:
        return None, problems
    raw: object
    duplicates: list[_Duplicates] = []
    hook = _hook(duplicates)
    try:
        if is_toml(file):
            raw = tomllib.loads(text, parse_float=_finite)
        else:
            raw = json.loads(text, object_pairs_hook=hook, parse_constant=_reject_constant, parse_float=_finite)
    except json.JSONDecodeError as exc:
        return None, [Problem(file, "$", f"malformed JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}")]
    except tomllib.TOMLDecodeError as exc:
        return None, [Problem(file, "$", f"malformed TOML: {exc}")]
    except RecursionError:
        return None, [Problem(file, "$", "nested too deeply")]
    except ValueError as exc:  # NaN, infinities, and integers with too many digits
        return None, [Problem(file, "$", str(exc))]
    if not isinstance(raw, dict):
        return None, [Problem(file, "$", "the file must hold a JSON object whose keys name collections")]
    problems = []
    if duplicates:
        for where, item in _walk(raw, "$"):
            if type(item) is _Duplicates:
                problems += [Problem(file, where, f"the key {key!r} appears twice in one object") for key in item.twice]
    if _SURROGATE_ESCAPE.search(text):
        for where, item in _walk(raw, "$"):
            keys = item.keys() if isinstance(item, dict) else ()
            if (isinstance(item, str) and _has_surrogate(item)) or any(_has_surrogate(key) for key in keys):
                problems.append(Problem(file, where, "a lone UTF-16 surrogate (\\ud800-\\udfff) is not text"))
    return (None, problems) if problems else (raw, [])
