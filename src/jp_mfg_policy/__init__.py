"""
Japan's manufacturing-policy system as typed, sourced, queryable data.

Importing the package creates nothing but :func:`load`; every other name (the model
classes, the system) is imported on first use, so that ``import jp_mfg_policy`` costs
next to nothing and a first query pays only for what it asks.

Example:
    >>> import jp_mfg_policy as jmp
    >>> system = jmp.load()
    >>> system.get("METI").name_ja
    '経済産業省'
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING

from ._load import MAX_FILE_SIZE, load

if TYPE_CHECKING:  # type checkers see every name; at run time each is imported when first asked for
    from ._bodies import Agency, BusinessFederation, Council, Ministry, Organization, ResearchStream
    from ._dates import FiscalYear, PartialDate, Period
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
    from ._facts import Caveat, Coverage, Event, MembershipCount, Relation, Source
    from ._identifiers import IdentifierScheme
    from ._laws import Law, Requirement
    from ._plans import Plan
    from ._programs import Goal, Program, ProgramPhase
    from ._publications import Award, Publication
    from ._recommendations import Recommendation
    from ._records import Citation, Entity, Identifier, MissingIdentifier, Name
    from ._search import Match
    from ._strategies import Edition, Strategy, Target
    from ._system import Key, PolicySystem
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

_LAZY = {
    "FiscalYear": "._dates",
    "PartialDate": "._dates",
    "Period": "._dates",
    "Citation": "._records",
    "Entity": "._records",
    "Identifier": "._records",
    "MissingIdentifier": "._records",
    "Name": "._records",
    "Agency": "._bodies",
    "BusinessFederation": "._bodies",
    "Council": "._bodies",
    "Ministry": "._bodies",
    "Organization": "._bodies",
    "ResearchStream": "._bodies",
    "Award": "._publications",
    "Edition": "._strategies",
    "Goal": "._programs",
    "Law": "._laws",
    "Plan": "._plans",
    "Program": "._programs",
    "ProgramPhase": "._programs",
    "Publication": "._publications",
    "Recommendation": "._recommendations",
    "Requirement": "._laws",
    "Strategy": "._strategies",
    "Target": "._strategies",
    "Caveat": "._facts",
    "Coverage": "._facts",
    "Event": "._facts",
    "MembershipCount": "._facts",
    "Relation": "._facts",
    "Source": "._facts",
    "CaveatTopic": "._enums",
    "EventKind": "._enums",
    "Frequency": "._enums",
    "LegalForm": "._enums",
    "NameKind": "._enums",
    "PublicationKind": "._enums",
    "RecommendationKind": "._enums",
    "RelationKind": "._enums",
    "SourceKind": "._enums",
    "StrategyKind": "._enums",
    "IdentifierScheme": "._identifiers",
    "Key": "._system",
    "PolicySystem": "._system",
    "Match": "._search",
    "DATA_AS_OF": "._version",
    "DATA_VERSION": "._version",
    "DataError": ".exceptions",
    "Problem": ".exceptions",
    "UnknownEntityError": ".exceptions",
}


def __getattr__(name: str) -> object:
    if name == "__version__":
        # The installed version comes from the package metadata, read only when asked for.
        from importlib.metadata import version

        return version("jp-mfg-policy")
    module = _LAZY.get(name)
    if module is None:
        msg = f"module {__name__!r} has no attribute {name!r}"
        raise AttributeError(msg)
    value = getattr(importlib.import_module(module, __name__), name)
    globals()[name] = value  # later look-ups are plain attribute reads
    return value


def __dir__() -> list[str]:
    return sorted([*__all__, "__version__"])
