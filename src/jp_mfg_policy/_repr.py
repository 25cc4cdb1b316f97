"""
One ``repr`` for every record class, written once.

attrs compiles each class's methods when the class is created; a command that shows one
page creates some twenty record classes, and the ``repr`` is a fifth of what is compiled.
The records inherit this one instead (their classes say ``repr=False``): the same text attrs
writes, ``Class(field=value, ...)``, worked out when it is asked for.
"""

from typing import Any

import attrs


class Record:
    """
    The base of the record classes: their ``repr``, as attrs writes it.

    Example:
        >>> @attrs.frozen(repr=False)
        ... class Point(Record):
        ...     x: int
        ...     y: int = attrs.field(repr=False)
        >>> Point(1, 2)
        Point(x=1)
    """

    __slots__ = ()

    def __repr__(self) -> str:
        cls: Any = type(self)
        shown = ", ".join(f"{field.name}={getattr(self, field.name)!r}" for field in attrs.fields(cls) if field.repr)
        return f"{cls.__qualname__}({shown})"
