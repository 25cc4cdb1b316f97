"""The hierarchy and the relations."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import jp_mfg_policy as jmp

SYSTEM = jmp.load()
BODIES = [org.id for org in SYSTEM.organizations]


class TestHierarchy:
    def test_meti_children(self) -> None:
        """METI oversees AIST, the SME Agency, the Manufacturing Industries Bureau, JETRO, JPO and NEDO."""
        children = {body.id for body in SYSTEM.children("METI")}
        assert {"aist", "sme-agency", "manufacturing-industries-bureau", "jetro", "jpo", "nedo"} == children

    def test_parent_and_children_agree(self) -> None:
        """A body's parent lists it among its children, and the other way round."""
        for org in SYSTEM.organizations:
            parent = SYSTEM.parent(org)
            if parent is not None:
                assert org in SYSTEM.children(parent)
            for child in SYSTEM.children(org):
                assert org is SYSTEM.parent(child)

    @given(st.sampled_from(BODIES), st.none() | st.integers(1950, 2030))
    def test_descendants_never_contain_root(self, ident: str, year: int | None) -> None:
        """descendants never contains its root, nor the same body twice, in any year."""
        system = SYSTEM if year is None else SYSTEM.at(year)
        if ident not in system:
            return
        found = system.descendants(ident)
        assert ident not in {body.id for body in found}
        assert len(found) == len({body.id for body in found})

    @given(st.sampled_from(BODIES))
    def test_descendants_are_children_closed(self, ident: str) -> None:
        """descendants holds exactly the children, their children, and so on."""
        expected: set[str] = set()
        frontier = [ident]
        while frontier:
            kids = [child.id for parent in frontier for child in SYSTEM.children(parent)]
            frontier = [kid for kid in kids if kid not in expected]
            expected |= set(kids)
        assert expected == {body.id for body in SYSTEM.descendants(ident)}

    def test_agency_supervisor_is_its_parent(self) -> None:
        """Every current agency's supervisor is its parent in the hierarchy."""
        for agency in SYSTEM.agencies:
            parent = SYSTEM.parent(agency)
            assert agency.supervisor == (parent.id if parent else None)

    def test_not_an_organization(self) -> None:
        """Hierarchy queries on a non-body are a TypeError."""
        with pytest.raises(TypeError, match="not an organization"):
            SYSTEM.children("monodzukuri-white-paper")


class TestRelations:
    def test_filters(self) -> None:
        """Relations filter by subject, object and kind, each accepting any name."""
        funds = SYSTEM.relations(subject="経済産業省", kind="funds")
        assert [("meti", "nedo")] == [(r.subject, r.object) for r in funds]
        assert all(r.object == "nedo" for r in SYSTEM.relations(object="NEDO"))
        assert len(SYSTEM.relations()) >= len(SYSTEM.relations(kind=jmp.RelationKind.OVERSEES))

    def test_nedo_collaborates_with_sandia(self) -> None:
        """The source page's NEDO-Sandia collaboration is recorded, with its doubt noted."""
        (relation,) = SYSTEM.relations(subject="NEDO", kind="collaborates_with")
        assert "sandia" == relation.object
        assert relation.note is not None
        assert "no other source" in relation.note

    def test_bad_kind(self) -> None:
        """An unknown relation kind is a ValueError."""
        with pytest.raises(ValueError, match="is not a valid RelationKind"):
            SYSTEM.relations(kind="likes")
