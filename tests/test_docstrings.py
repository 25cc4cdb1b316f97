"""Every public name has a docstring with an example."""

from __future__ import annotations

import inspect

import pytest

import jp_mfg_policy as jmp

CONSTANTS = {"DATA_AS_OF", "DATA_VERSION", "MAX_FILE_SIZE"}


def _public_members() -> list[tuple[str, object]]:
    found: list[tuple[str, object]] = []
    for name in jmp.__all__:
        if name in CONSTANTS:
            continue
        thing = getattr(jmp, name)
        if not (inspect.isclass(thing) or inspect.isfunction(thing)):
            continue  # a type alias documents itself in the API reference
        found.append((name, thing))
        if inspect.isclass(thing) and thing.__module__.startswith("jp_mfg_policy"):
            for member, value in vars(thing).items():
                if member.startswith("_") or not (inspect.isfunction(value) or isinstance(value, property)):
                    continue
                found.append((f"{name}.{member}", value))
    return found


@pytest.mark.parametrize(
    ("name", "thing"), _public_members(), ids=lambda value: value if isinstance(value, str) else ""
)
def test_docstring_with_example(name: str, thing: object) -> None:
    """Each public class, function, method and property says what it is and shows how to use it."""
    doc = inspect.getdoc(thing) or ""
    assert doc.strip(), f"{name} has no docstring"
    assert ">>>" in doc, f"{name} has no example"
