"""
Japan's manufacturing-policy system as typed, sourced, queryable data.

Example:
    >>> import jp_mfg_policy as jmp
    >>> system = jmp.load()
    >>> [body.label for body in system.children("METI")]
    ['AIST', 'SMEA', 'Manufacturing Industries Bureau', 'JETRO', 'JPO', 'NEDO']
"""

from __future__ import annotations

from ._dates import PartialDate
from ._identifiers import IdentifierScheme
from ._load import MAX_FILE_SIZE, load
from ._models import (
    Agency,
    Award,
    BusinessFederation,
    Caveat,
    Citation,
    Council,
    Entity,
    Event,
    EventKind,
    Identifier,
    LegalForm,
    MembershipCount,
    Ministry,
    Name,
    NameKind,
    Organization,
    Plan,
    Publication,
    Recommendation,
    Relation,
    RelationKind,
    ResearchStream,
    Source,
    Strategy,
    Target,
)
from ._system import PolicySystem
from ._version import DATA_AS_OF, DATA_VERSION
from .exceptions import DataError, Problem, UnknownEntityError

__all__ = [
    "DATA_AS_OF",
    "DATA_VERSION",
    "MAX_FILE_SIZE",
    "Agency",
    "Award",
    "BusinessFederation",
    "Caveat",
    "Citation",
    "Council",
    "DataError",
    "Entity",
    "Event",
    "EventKind",
    "Identifier",
    "IdentifierScheme",
    "LegalForm",
    "MembershipCount",
    "Ministry",
    "Name",
    "NameKind",
    "Organization",
    "PartialDate",
    "Plan",
    "PolicySystem",
    "Problem",
    "Publication",
    "Recommendation",
    "Relation",
    "RelationKind",
    "ResearchStream",
    "Source",
    "Strategy",
    "Target",
    "UnknownEntityError",
    "load",
]


def __getattr__(name: str) -> str:
    # The installed version comes from the package metadata, read only when asked for.
    if name == "__version__":
        from importlib.metadata import version  # noqa: PLC0415 - lazy on purpose

        return version("jp-mfg-policy")
    msg = f"module {__name__!r} has no attribute {name!r}"
    raise AttributeError(msg)
