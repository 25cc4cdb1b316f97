"""
The exceptions the package raises.
"""

from __future__ import annotations

import attrs

from ._repr import Record

#: How much of an unknown key an error message quotes.
_QUOTED = 200


@attrs.frozen(repr=False)
class Problem(Record):
    """
    One thing wrong with the data.

    Attributes:
        file: The file it was found in (``"<bundled>/organizations.json"`` for bundled data).
        path: Where in the file, as a JSON path (``"$.organizations[3].established"``).
        message: What is wrong, in plain words.

    Example:
        >>> str(Problem("extra.json", "$.organizations[0].id", "duplicate id 'meti'"))
        "extra.json: $.organizations[0].id: duplicate id 'meti'"
    """

    file: str
    path: str
    message: str

    def __str__(self) -> str:
        return f"{self.file}: {self.path}: {self.message}"


class DataError(ValueError):
    """
    The data is invalid; :attr:`problems` lists everything found wrong.

    Nothing is loaded when this is raised.

    Example:
        >>> err = DataError([Problem("a.json", "$", "not a JSON object")])
        >>> print(err)
        invalid data (1 problem):
          a.json: $: not a JSON object
    """

    def __init__(self, problems: list[Problem] | tuple[Problem, ...]) -> None:
        self.problems = tuple(problems)
        count = len(self.problems)
        lines = [f"invalid data ({count} problem{'s' if count != 1 else ''}):"]
        lines += [f"  {problem}" for problem in self.problems]
        super().__init__("\n".join(lines))

    def __reduce__(self) -> tuple[type[DataError], tuple[tuple[Problem, ...]]]:
        # Rebuilt from its problems, so that a copy in another process says the same.
        return (DataError, (self.problems,))


class UnknownEntityError(KeyError):
    """
    No entity answers to a key; :attr:`suggestions` holds the closest names.

    A :class:`KeyError`, and so a :class:`LookupError`.

    Example:
        >>> import jp_mfg_policy as jmp
        >>> try:
        ...     jmp.load().get("NEDD")
        ... except jmp.UnknownEntityError as err:
        ...     print(err)
        no entity matches 'NEDD'; did you mean 'NEDO', 'EDA', 'NITE'?
    """

    def __init__(self, key: object, suggestions: tuple[str, ...] = ()) -> None:
        self.key = key
        self.suggestions = suggestions
        super().__init__(key)

    def __str__(self) -> str:
        key = self.key
        if isinstance(key, str) and len(key) > _QUOTED:
            key = key[:_QUOTED] + "…"
        message = f"no entity matches {key!r}"
        if self.suggestions:
            message += "; did you mean " + ", ".join(repr(s) for s in self.suggestions) + "?"
        return message
