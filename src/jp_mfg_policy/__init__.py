"""
Japan's manufacturing-policy system as typed, sourced, queryable data.

Example:
    >>> import jp_mfg_policy as jmp
    >>> system = jmp.load()
    >>> system.get("METI").name_ja
    '経済産業省'
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from ._dates import FiscalYear, PartialDate, Period
from ._entities import (
    Agency,
    Award,
    BusinessFederation,
    Council,
    Edition,
    Entity,
    Goal,
    Law,
    Ministry,
    Organization,
    Plan,
    Program,
    ProgramPhase,
    Publication,
    Recommendation,
    Requirement,
    ResearchStream,
    Strategy,
)
from ._enums import (
    CaveatTopic,
    EventKind,
    Frequency,
    LegalForm,
    NameKind,
    PublicationKind,
    RecommendationKind,
    RelationKind,
    SourceKind,
    StrategyKind,
)
from ._identifiers import IdentifierScheme
from ._load import MAX_FILE_SIZE, load
from ._records import (
    Caveat,
    Citation,
    Coverage,
    Event,
    Identifier,
    MembershipCount,
    MissingIdentifier,
    Name,
    Relation,
    Source,
    Target,
)
from ._version import DATA_AS_OF, DATA_VERSION
from .exceptions import DataError, Problem, UnknownEntityError

if TYPE_CHECKING:  # imported lazily at run time, below
    from ._search import Match
    from ._system import Key, PolicySystem

__all__ = [
    "DATA_AS_OF",
    "DATA_VERSION",
    "MAX_FILE_SIZE",
    "Agency",
    "Award",
    "BusinessFederation",
    "Caveat",
    "CaveatTopic",
    "Citation",
    "Council",
    "Coverage",
    "DataError",
    "Edition",
    "Entity",
    "Event",
    "EventKind",
    "FiscalYear",
    "Frequency",
    "Goal",
    "Identifier",
    "IdentifierScheme",
    "Key",
    "Law",
    "LegalForm",
    "Match",
    "MembershipCount",
    "Ministry",
    "MissingIdentifier",
    "Name",
    "NameKind",
    "Organization",
    "PartialDate",
    "Period",
    "Plan",
    "PolicySystem",
    "Problem",
    "Program",
    "ProgramPhase",
    "Publication",
    "PublicationKind",
    "Recommendation",
    "RecommendationKind",
    "Relation",
    "RelationKind",
    "Requirement",
    "ResearchStream",
    "Source",
    "SourceKind",
    "Strategy",
    "StrategyKind",
    "Target",
    "UnknownEntityError",
    "load",
]

# Names whose modules pull in the query machinery: imported when first asked for, so that
# `import jp_mfg_policy` stays cheap for code that only wants load() or the model.
_LAZY = {"PolicySystem": "._system", "Key": "._system", "Match": "._search"}


def __getattr__(name: str) -> object:
    if name == "__version__":
        # The installed version comes from the package metadata, read only when asked for.
        from importlib.metadata import version  # noqa: PLC0415 - lazy on purpose

        return version("jp-mfg-policy")
    if name in _LAZY:
        import importlib  # noqa: PLC0415 - lazy on purpose

        value = getattr(importlib.import_module(_LAZY[name], __name__), name)
        globals()[name] = value
        return value
    msg = f"module {__name__!r} has no attribute {name!r}"
    raise AttributeError(msg)


def __dir__() -> list[str]:
    return sorted([*__all__, "__version__"])
