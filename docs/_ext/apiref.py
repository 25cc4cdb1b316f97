"""
A Sphinx extension that makes the API reference's cross-references land on the public names.

The classes live in private modules (``jp_mfg_policy._laws.Law``) and are documented
under the names users import (``jp_mfg_policy.Law``); type annotations name the former.
Three adjustments, each for a reason the docstrings cannot fix by themselves:

- a reference to a private module's class, or to a public name written bare (``Key``,
  ``Law``), goes to the public name; ``Path`` (imported only for type checking) goes to
  :class:`pathlib.Path`; a type variable is shown as text, as it has no page;
- the fields of an attrs class are documented once, by the ``Attributes:`` section of its
  docstring, not a second time as the class's slots;
- the first line of a property's docstring is never read as "type: description": the types
  come from the annotations, and a sentence may hold a colon;
- the two internal classes the public API returns (``Dataset`` from
  :attr:`PolicySystem.dataset`, ``Index`` from :attr:`PolicySystem.index`), written bare
  in the annotations, go to their entries.

Example:
    >>> public_name("jp_mfg_policy._laws.Law"), public_name("Key"), public_name("Path")
    ('jp_mfg_policy.Law', 'jp_mfg_policy.Key', 'pathlib.Path')
    >>> public_name("jp_mfg_policy._index.Index") is None
    True
"""

from __future__ import annotations

import importlib
import re
import types
from typing import Any, TypeVar

import attrs
from sphinx.ext import intersphinx

import jp_mfg_policy
from jp_mfg_policy._repr import Record

_PUBLIC = frozenset(jp_mfg_policy.__all__)
# Names imported only for type checking, written bare in the annotations.
_BARE = {
    "Path": "pathlib.Path",
    "dt.date": "datetime.date",
    "Dataset": "jp_mfg_policy._dataset.Dataset",
    "Index": "jp_mfg_policy._index.Index",
}
# A colon that ends a phrase (not one of a role such as :attr:), where napoleon would split "type: description".
_COLON = re.compile(r":(?=\s|$)")
_HIDDEN_COLON = "\ue000"  # a private-use character, never in a docstring


def public_name(target: str) -> str | None:
    """
    The documented name a reference target stands for, or None if it has none.

    Example:
        >>> public_name("jp_mfg_policy._dates.Period"), public_name("Coverage")
        ('jp_mfg_policy.Period', 'jp_mfg_policy.Coverage')
        >>> public_name("PolicySystem.get"), public_name("jp_mfg_policy._system.PolicySystem.at")
        ('jp_mfg_policy.PolicySystem.get', 'jp_mfg_policy.PolicySystem.at')
    """
    if target in _BARE:
        return _BARE[target]
    parts = target.split(".")
    if parts[0] == "jp_mfg_policy":
        parts = parts[2:] if len(parts) > 2 and parts[1].startswith("_") else parts[1:]  # noqa: PLR2004 - package, module
    if parts and parts[0] in _PUBLIC:
        return ".".join(["jp_mfg_policy", *parts])
    return None


def _is_type_variable(target: str) -> bool:
    module, _, name = target.rpartition(".")
    if not module.startswith("jp_mfg_policy"):
        return False
    try:
        value = getattr(importlib.import_module(module), name, None)
    except ImportError:
        return False
    return isinstance(value, TypeVar)


def _resolve(app: Any, env: Any, node: Any, contnode: Any) -> Any:
    """The ``missing-reference`` handler: resolve what :func:`public_name` can name."""
    if node.get("refdomain") != "py":
        return None
    target = node["reftarget"]
    if _is_type_variable(target):
        return contnode
    name = public_name(target)
    if name is None:
        return None
    if not name.startswith("jp_mfg_policy"):
        moved = node.deepcopy()
        moved["reftarget"] = name
        return intersphinx.missing_reference(app, env, moved, contnode)
    domain = env.domains["py"]
    return domain.resolve_xref(env, node["refdoc"], app.builder, "obj", name, node, contnode)


def _skip_slots(_app: Any, what: str, name: str, obj: object, *_skip_and_options: Any) -> bool | None:
    """Skip an attrs class's slots: its ``Attributes:`` section documents each field."""
    if what == "class" and isinstance(obj, types.MemberDescriptorType):
        owner = obj.__objclass__
        if attrs.has(owner) and name in attrs.fields_dict(owner):
            return True
    return None  # autodoc decides


def hide_colons(lines: list[str]) -> None:
    """
    Keep napoleon from reading a property's first sentence as "type: description".

    Example:
        >>> lines = ["The lookup tables (private in all but name: their shape may change)."]
        >>> hide_colons(lines)
        >>> ":" in lines[0]
        False
        >>> show_colons(lines)
        >>> lines[0]
        'The lookup tables (private in all but name: their shape may change).'
    """
    if lines:
        lines[0] = _COLON.sub(_HIDDEN_COLON, lines[0])


def show_colons(lines: list[str]) -> None:
    """Put back the colons :func:`hide_colons` hid."""
    lines[:] = [line.replace(_HIDDEN_COLON, ":") for line in lines]


def _before_napoleon(_app: Any, what: str, _name: str, _obj: object, _options: Any, lines: list[str]) -> None:
    if what in ("attribute", "property"):
        hide_colons(lines)


def _after_napoleon(_app: Any, what: str, _name: str, _obj: object, _options: Any, lines: list[str]) -> None:
    if what in ("attribute", "property"):
        show_colons(lines)


def _hide_record(_app: Any, _name: str, _obj: object, _options: Any, bases: list[Any]) -> None:
    """Leave the records' shared ``repr`` (``_repr.Record``) out of their bases: it is no type a reader uses."""
    bases[:] = [base for base in bases if base is not Record]


def setup(app: Any) -> dict[str, Any]:
    """Register the handlers with Sphinx."""
    app.connect("missing-reference", _resolve)
    app.connect("autodoc-process-bases", _hide_record)
    app.connect("autodoc-skip-member", _skip_slots)
    app.connect("autodoc-process-docstring", _before_napoleon, priority=400)  # napoleon runs at 500
    app.connect("autodoc-process-docstring", _after_napoleon, priority=600)
    return {"parallel_read_safe": True, "parallel_write_safe": True}
