"""Every public name, and every public method of the system, says what it is and shows how to use it."""

from __future__ import annotations

import functools
import inspect

import pytest

import jp_mfg_policy as jmp
from jp_mfg_policy._registry import Collection

#: Exported values: a constant or a type alias cannot carry a docstring of its own (the API reference
#: documents them from their ``#:`` comments).
VALUES = {name for name in jmp.__all__ if not (inspect.isclass(getattr(jmp, name)) or callable(getattr(jmp, name)))}

#: What the design promises on :class:`PolicySystem` (DESIGN.md), so that a method cannot escape
#: the check by disappearing from the list below.
PROMISED = {
    "get",
    "find",
    "children",
    "descendants",
    "parent",
    "relations",
    "at",
    "cite",
    "history",
    "lineage",
    "by_identifier",
    "coverage",
    "ministry_of",
    "to_records",
    "to_pandas",
    "to_networkx",
    "to_mermaid",
    "to_dot",
    "ministries",
    "agencies",
    "councils",
    "business_federations",
}

#: Known gaps, until the lead fills them.
MISSING_EXAMPLES: dict[str, str] = {}


def _function(value: object) -> object | None:
    """The documented object behind a class attribute, if it is a method or property; else None."""
    if isinstance(value, staticmethod | classmethod):
        return value.__func__
    if inspect.isfunction(value) or isinstance(value, property | functools.cached_property):
        return value
    return None


def _members(cls: type) -> list[tuple[str, object]]:
    return [
        (f"{cls.__name__}.{name}", found)
        for name, value in vars(cls).items()
        if not name.startswith("_") and (found := _function(value)) is not None
    ]


def _exported() -> list[tuple[str, object]]:
    return [(name, getattr(jmp, name)) for name in jmp.__all__ if name not in VALUES]


def _methods() -> list[tuple[str, object]]:
    classes = [thing for _, thing in _exported() if inspect.isclass(thing)]
    return [member for cls in classes for member in _members(cls)]


def _params(pairs: list[tuple[str, object]]) -> list[object]:
    return [
        pytest.param(
            thing,
            id=name,
            marks=[pytest.mark.xfail(strict=True, reason=f"bug: {MISSING_EXAMPLES[name]}")]
            if name in MISSING_EXAMPLES
            else [],
        )
        for name, thing in pairs
    ]


def _check(thing: object) -> None:
    doc = inspect.getdoc(thing) or ""
    assert doc.strip(), "no docstring"
    assert ">>>" in doc, "no example"


@pytest.mark.parametrize("thing", _params(_exported()))
def test_exported_name_has_an_example(thing: object) -> None:
    """Each class and function in ``__all__`` has a docstring with a ``>>>`` example."""
    _check(thing)


@pytest.mark.parametrize("thing", _params(_methods()))
def test_public_method_has_an_example(thing: object) -> None:
    """Each public method and property of an exported class (PolicySystem first) has a docstring with an example."""
    _check(thing)


def test_every_promised_method_is_checked() -> None:
    """The methods the design promises on PolicySystem are among those the test above checks."""
    checked = {name.partition(".")[2] for name, _ in _methods() if name.startswith("PolicySystem.")}
    assert set() == PROMISED - checked


def test_only_values_escape_the_check() -> None:
    """Only constants and type aliases in ``__all__`` go unchecked: the data version, the size limit, ``Key``."""
    assert {"DATA_AS_OF", "DATA_VERSION"} <= VALUES
    assert all(not isinstance(getattr(jmp, name), type) for name in VALUES)
    assert len(VALUES) <= 4


@pytest.mark.parametrize(
    "name", [name for name, value in vars(jmp.PolicySystem).items() if isinstance(value, Collection)]
)
def test_collection_attribute_says_what_it_holds(name: str) -> None:
    """Each collection attribute of PolicySystem (``system.laws``) has the registry's line saying what it holds."""
    collection = vars(jmp.PolicySystem)[name]
    assert isinstance(collection, Collection)
    assert collection.doc.strip()
    assert name == collection.name
