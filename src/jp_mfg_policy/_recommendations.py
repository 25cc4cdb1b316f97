"""
The recommendations of strategies.

Imported when its collection is first read. Pure data, no I/O.
"""

import attrs

from . import _fields as f
from ._enums import RecommendationKind
from ._records import Citation, Entity


@attrs.frozen(kw_only=True, repr=False)
class Recommendation(Entity):
    """
    One recommendation of a strategy, in the source's words.

    Attributes:
        id: A stable slug.
        strategy: The id of the :class:`Strategy` it belongs to.
        number: Its position in the strategy's list (1-based), or None if unnumbered.
        text: The recommendation, verbatim.
        kind: Whom it is addressed to.
        sources: The citations behind it.

    Example:
        >>> import jp_mfg_policy as jmp
        >>> jmp.load().recommendations[0].text
        'Fundamentally revising energy and environmental policies'
    """

    id: str = f.slug()
    strategy: str = f.ref("strategy")
    number: int | None = f.number()
    text: str = f.text(optional=False)
    kind: RecommendationKind = RecommendationKind.POLICY
    sources: tuple[Citation, ...] = attrs.field(default=(), repr=False)

    @property
    def name(self) -> str:
        """
        The text, so that every entity has a ``name``.

        Example:
            >>> import jp_mfg_policy as jmp
            >>> jmp.load().recommendations[0].name[:25]
            'Fundamentally revising en'
        """
        return self.text
