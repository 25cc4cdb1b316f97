"""
The building blocks every record uses: the entity base, citations, names and identifiers.

Pure data, no I/O.
"""

import attrs

from . import _fields as f
from ._dates import PartialDate, Period
from ._enums import NameKind
from ._identifiers import IdentifierScheme, normalize_identifier
from ._repr import Record


class Entity(Record):
    """
    The base of every entity: it has an ``id``, a ``name`` and a ``period``, and cites ``sources``.

    ``isinstance(x, Entity)`` tells an entity from the other records (relations,
    events, sources ...). Its subclasses are the collections the registry marks as
    entities.

    Example:
        >>> import jp_mfg_policy as jmp
        >>> all(isinstance(entity, jmp.Entity) for entity in jmp.load())
        True
    """

    __slots__ = ()
    id: str
    sources: "tuple[Citation, ...]"

    @property
    def name(self) -> str:
        """
        The entity's name: its English name or title.

        Example:
            >>> import jp_mfg_policy as jmp
            >>> jmp.load().get("monodzukuri-white-paper").name
            'White Paper on Manufacturing Industries (Monodzukuri)'
        """
        raise NotImplementedError

    @property
    def label(self) -> str:
        """
        A short label: the acronym where there is one, else the name.

        Example:
            >>> import jp_mfg_policy as jmp
            >>> jmp.load().get("JST").label, jmp.load().get("製造産業局").label
            ('JST', 'Manufacturing Industries Bureau')
        """
        return getattr(self, "acronym", None) or self.name

    @property
    def period(self) -> Period:
        """
        When the entity existed (a body), was in force (a law, a plan) or ran (a programme), as days.

        An unknown bound is None. :meth:`PolicySystem.at` narrows an unknown start to
        the entity's earliest dated fact.

        Example:
            >>> import jp_mfg_policy as jmp
            >>> jmp.load().get("MITI").period
            Period(start=datetime.date(1949, 5, 25), end=datetime.date(2001, 1, 6))
        """
        return Period()


@attrs.frozen(kw_only=True, repr=False)
class Citation(Record):
    """
    A pointer from a statement to the source that supports it.

    Attributes:
        source: The id of a :class:`Source`.
        quote: The passage of the source that supports the statement, verbatim.
        note: What the citation supports, or how the source was read.

    Example:
        >>> Citation(source="cambridge-actors", quote="set up in the Cabinet Office in 2001").source
        'cambridge-actors'
    """

    source: str = f.ref("source")
    quote: str | None = f.text()
    note: str | None = f.text()


@attrs.frozen(kw_only=True, repr=False)
class Name(Record):
    """
    A name an entity bore, with the period it was used.

    The names of one language and kind follow one another: each holds from the
    end of the one before it (or from the entity's beginning) until its
    ``valid_until``, when the next one, or the current one, takes over.

    Attributes:
        text: The name as written.
        lang: ``"en"``, ``"ja"`` or ``"ja-Latn"`` (romanised Japanese).
        kind: Official name, short form, acronym or other alias.
        valid_from: When the name came into use, where a source says.
        valid_until: The day the next name took over (exclusive).
        sources: The citations that attest it.

    Example:
        >>> Name(text="総合科学技術会議", lang="ja", valid_until=PartialDate(2014, 5, 19)).kind
        <NameKind.OFFICIAL: 'official'>
    """

    text: str = f.line()
    lang: str = f.language()
    kind: NameKind = NameKind.OFFICIAL
    valid_from: PartialDate | None = None
    valid_until: PartialDate | None = None
    sources: tuple[Citation, ...] = ()


def _canonical(value: str, identifier: "Identifier") -> str:
    try:
        return normalize_identifier(identifier.scheme, value)
    except (TypeError, ValueError) as exc:
        field = "value"
        raise f.FieldError(field, str(exc).removeprefix("not a ").join(("is not a ", ""))) from None


@attrs.frozen(kw_only=True, repr=False)
class Identifier(Record):
    """
    An identifier of a body in another dataset, checked for form and kept in canonical form.

    Attributes:
        scheme: The identifier scheme.
        value: The identifier in canonical form (a bare ROR ID, an upper-case QID), whatever form it was given in.
        sources: The citations that attest it.
        note: How well attested it is, where that matters.

    Example:
        >>> Identifier(scheme=IdentifierScheme.ROR, value="https://ror.org/055tm7f07").value
        '055tm7f07'
    """

    scheme: IdentifierScheme
    value: str
    sources: tuple[Citation, ...] = ()
    note: str | None = f.text()

    def __attrs_post_init__(self) -> None:
        # The canonical form depends on the scheme; a frozen class sets it the way attrs documents.
        object.__setattr__(self, "value", _canonical(self.value, self))


@attrs.frozen(kw_only=True, repr=False)
class MissingIdentifier(Record):
    """
    Why a body carries no identifier of a scheme.

    Attributes:
        scheme: The scheme.
        reason: Why none is recorded ("not a legal person: an internal bureau").

    Example:
        >>> MissingIdentifier(scheme=IdentifierScheme.ROR, reason="ROR has no record").scheme
        <IdentifierScheme.ROR: 'ror'>
    """

    scheme: IdentifierScheme
    reason: str = f.text(optional=False)
