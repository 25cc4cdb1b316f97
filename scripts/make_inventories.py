"""
Write the small intersphinx inventories the documentation resolves its outside references against.

The documentation links to Python, attrs, cattrs, pandas and networkx. Sphinx would fetch
their ``objects.inv`` files over the network, which CI does not have; instead, this script
writes ``docs/_inventories/<project>.inv`` listing the objects the docs refer to, at their
addresses in the official documentation, in the format Sphinx reads (version 2: a plain
header, then zlib-compressed lines). ``docs/conf.py`` points ``intersphinx_mapping`` at them.

Run it after referring to a new outside object (``python scripts/make_inventories.py``);
``sphinx-build -n`` fails on any reference that no inventory resolves.
"""

from __future__ import annotations

import zlib
from pathlib import Path

#: project -> (its name, its version, its documentation's base address, its objects).
#: Each object is (name, domain:role, address relative to the base, "$" standing for the name).
PROJECTS: dict[str, tuple[str, str, str, list[tuple[str, str, str]]]] = {
    "python": (
        "Python",
        "3",
        "https://docs.python.org/3/",
        [
            ("None", "py:data", "library/constants.html#$"),
            ("bool", "py:class", "library/functions.html#$"),
            ("dict", "py:class", "library/stdtypes.html#$"),
            ("float", "py:class", "library/functions.html#$"),
            ("int", "py:class", "library/functions.html#$"),
            ("list", "py:class", "library/stdtypes.html#$"),
            ("object", "py:class", "library/functions.html#$"),
            ("str", "py:class", "library/stdtypes.html#$"),
            ("tuple", "py:class", "library/stdtypes.html#$"),
            ("DeprecationWarning", "py:exception", "library/exceptions.html#$"),
            ("ImportError", "py:exception", "library/exceptions.html#$"),
            ("KeyError", "py:exception", "library/exceptions.html#$"),
            ("LookupError", "py:exception", "library/exceptions.html#$"),
            ("OSError", "py:exception", "library/exceptions.html#$"),
            ("TypeError", "py:exception", "library/exceptions.html#$"),
            ("ValueError", "py:exception", "library/exceptions.html#$"),
            ("collections.abc.Callable", "py:class", "library/collections.abc.html#$"),
            ("collections.abc.Iterable", "py:class", "library/collections.abc.html#$"),
            ("collections.abc.Iterator", "py:class", "library/collections.abc.html#$"),
            ("collections.abc.Hashable", "py:class", "library/collections.abc.html#$"),
            ("collections.abc.Mapping", "py:class", "library/collections.abc.html#$"),
            ("collections.abc.Sequence", "py:class", "library/collections.abc.html#$"),
            ("copy.deepcopy", "py:function", "library/copy.html#$"),
            ("datetime.date", "py:class", "library/datetime.html#$"),
            ("datetime.date.toordinal", "py:method", "library/datetime.html#$"),
            ("enum.StrEnum", "py:class", "library/enum.html#$"),
            ("importlib.resources", "py:module", "library/importlib.resources.html#module-$"),
            ("json", "py:module", "library/json.html#module-$"),
            ("json.loads", "py:function", "library/json.html#$"),
            ("os.PathLike", "py:class", "library/os.html#$"),
            ("pathlib.Path", "py:class", "library/pathlib.html#$"),
            ("pickle", "py:module", "library/pickle.html#module-$"),
            ("tomllib", "py:module", "library/tomllib.html#module-$"),
            ("typing.Any", "py:data", "library/typing.html#$"),
            ("typing.Literal", "py:data", "library/typing.html#$"),
            ("typing.TypeAlias", "py:data", "library/typing.html#$"),
        ],
    ),
    "attrs": (
        "attrs",
        "stable",
        "https://www.attrs.org/en/stable/",
        [
            ("attrs.Attribute", "py:class", "api.html#$"),
            ("attrs.define", "py:function", "api.html#$"),
            ("attrs.field", "py:function", "api.html#$"),
            ("attrs.fields", "py:function", "api.html#$"),
            ("attrs.frozen", "py:function", "api.html#$"),
            ("attrs.has", "py:function", "api.html#$"),
            ("attrs.resolve_types", "py:function", "api.html#$"),
        ],
    ),
    "cattrs": (
        "cattrs",
        "stable",
        "https://catt.rs/en/stable/",
        [
            ("cattrs.Converter", "py:class", "cattrs.html#$"),
            ("cattrs.transform_error", "py:function", "cattrs.html#$"),
        ],
    ),
    "pandas": (
        "pandas",
        "stable",
        "https://pandas.pydata.org/docs/",
        [
            ("pandas.Categorical", "py:class", "reference/api/$.html#$"),
            ("pandas.DataFrame", "py:class", "reference/api/$.html#$"),
            ("pandas.DataFrame.merge", "py:method", "reference/api/$.html#$"),
            ("pandas.Int64Dtype", "py:class", "reference/api/$.html#$"),
            ("pandas.read_csv", "py:function", "reference/api/$.html#$"),
        ],
    ),
    "networkx": (
        "NetworkX",
        "stable",
        "https://networkx.org/documentation/stable/",
        [
            ("networkx.DiGraph", "py:class", "reference/classes/digraph.html#$"),
            ("networkx.MultiDiGraph", "py:class", "reference/classes/multidigraph.html#$"),
            (
                "networkx.algorithms.dag.ancestors",
                "py:function",
                "reference/algorithms/generated/networkx.algorithms.dag.ancestors.html#$",
            ),
        ],
    ),
}


def _address(name: str, uri: str) -> str:
    """*uri* with every "$" but a final one written out as *name*: Sphinx expands only the final one."""
    final = uri.endswith("$")
    return uri.removesuffix("$").replace("$", name) + ("$" if final else "")


def inventory(project: str, version: str, objects: list[tuple[str, str, str]]) -> bytes:
    r"""
    One ``objects.inv`` file (Sphinx inventory version 2) listing *objects*.

    Example:
        >>> data = inventory("X", "1", [("x.y", "py:function", "api.html#$")])
        >>> header, _, body = data.partition(b"zlib.\n")
        >>> header.splitlines()[0], zlib.decompress(body)
        (b'# Sphinx inventory version 2', b'x.y py:function 1 api.html#$ -\n')
        >>> zlib.decompress(inventory("X", "1", [("x.y", "py:class", "api/$.html#$")]).partition(b"zlib.\n")[2])
        b'x.y py:class 1 api/x.y.html#$ -\n'

    """
    header = (
        "# Sphinx inventory version 2\n"
        f"# Project: {project}\n"
        f"# Version: {version}\n"
        "# The remainder of this file is compressed using zlib.\n"
    )
    lines = "".join(f"{name} {role} 1 {_address(name, uri)} -\n" for name, role, uri in sorted(objects))
    return header.encode("utf-8") + zlib.compress(lines.encode("utf-8"), 9)


def main() -> None:
    """Write every inventory into ``docs/_inventories``."""
    folder = Path(__file__).resolve().parent.parent / "docs" / "_inventories"
    folder.mkdir(exist_ok=True)
    for key, (project, version, _base, objects) in PROJECTS.items():
        (folder / f"{key}.inv").write_bytes(inventory(project, version, objects))
        print(f"docs/_inventories/{key}.inv: {len(objects)} objects")


if __name__ == "__main__":
    main()
