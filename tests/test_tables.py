"""Tables and graphs for analysis: tidy pandas tables, long tables, and the networkx graphs by kind and date."""

from __future__ import annotations

import datetime as dt
from collections import Counter
from typing import Any

import attrs
import pytest

import jp_mfg_policy as jmp
from jp_mfg_policy._cite import citations_in
from jp_mfg_policy._enums import HIERARCHICAL
from jp_mfg_policy._registry import COLLECTIONS, ORGANIZATIONS
from jp_mfg_policy._tables import LONG_TABLES, columns, tables

pd = pytest.importorskip("pandas")
nx = pytest.importorskip("networkx")

SCHEMES = [scheme.value for scheme in jmp.IdentifierScheme]


def _kinds() -> list[Any]:
    return [pytest.param(kind, id=kind) for kind in tables()]


class TestEveryTable:
    def test_tables_are_the_registry_and_long_tables(self) -> None:
        """The tables are every collection of the registry, then the long tables (names and identifiers among them)."""
        assert tables() == [*(c.name for c in COLLECTIONS), *LONG_TABLES]
        assert {"names", "identifiers"} <= set(LONG_TABLES)

    @pytest.mark.parametrize("kind", _kinds())
    def test_pandas(self, system: jmp.PolicySystem, kind: str) -> None:
        """Every table is a DataFrame with one row per record and no column of Python objects."""
        frame = system.to_pandas(kind)
        assert len(frame) == len(system.to_records(kind))
        assert [name for name, _ in columns(kind)] == [c for c in frame.columns if c in dict(columns(kind))]
        assert [c for c in frame.columns if frame[c].dtype == object] == []

    @pytest.mark.parametrize("kind", _kinds())
    def test_pandas_dtypes(self, system: jmp.PolicySystem, kind: str) -> None:
        """Dates are datetimes with a precision and a nullable year; integers, booleans and text are nullable dtypes."""
        frame = system.to_pandas(kind)
        for name, type_ in columns(kind):
            if type_ is jmp.PartialDate:
                assert pd.api.types.is_datetime64_any_dtype(frame[name]), name
                assert isinstance(frame[f"{name}_precision"].dtype, pd.CategoricalDtype), name
                assert set(frame[f"{name}_precision"].cat.categories) == {"year", "month", "day"}
                assert str(frame[f"{name}_year"].dtype) == "Int64", name
            elif type_ is bool:
                assert str(frame[name].dtype) == "boolean", name
            elif type_ is int:
                assert str(frame[name].dtype) == "Int64", name
            elif type_ is str:
                assert pd.api.types.is_string_dtype(frame[name]), name

    @pytest.mark.parametrize("kind", _kinds())
    def test_scalar_cells(self, system: jmp.PolicySystem, kind: str) -> None:
        """Every cell of every table is one scalar: text, a number, a boolean or empty; never a list or a record."""
        rows = system.to_records(kind)
        header = [name for name, _ in columns(kind)]
        assert all(list(row) == header for row in rows)
        bad = [
            (row, key)
            for row in rows
            for key, value in row.items()
            if not isinstance(value, str | int | float | bool | None)
        ]
        assert bad == []

    @pytest.mark.parametrize("collection", [pytest.param(c, id=c.name) for c in COLLECTIONS])
    def test_no_joined_lists(self, system: jmp.PolicySystem, collection: Any) -> None:
        """No list a record holds (aliases, missions, ids ...) appears in its row joined into one string."""
        rows = system.to_records(collection.name)
        checked = 0
        for record, row in zip(system.dataset[collection], rows, strict=True):
            for field in attrs.fields(type(record)):
                items = getattr(record, field.name)
                if isinstance(items, tuple) and len(items) > 1 and all(isinstance(item, str) for item in items):
                    checked += 1
                    for separator in ("; ", ", ", "|", "\n"):
                        assert separator.join(items) not in row.values(), (row.get("id") or row.get("row"), field.name)
        assert checked or collection.name != "organizations"


def _organizations(system: jmp.PolicySystem) -> list[tuple[jmp.Organization, dict[str, object]]]:
    return list(zip(system.dataset[ORGANIZATIONS], system.to_records("organizations"), strict=True))


class TestOrganizations:
    def test_one_row_per_body(self, system: jmp.PolicySystem) -> None:
        """The organizations table has each body once, in the collection's order, with its kind of body."""
        pairs = _organizations(system)
        assert [row["id"] for _, row in pairs] == [org.id for org in system.organizations]
        assert all(row["kind"] == type(org).TAG for org, row in pairs)

    def test_dates_keep_their_precision(self, system: jmp.PolicySystem) -> None:
        """A founding date is written at its own precision: a year known only to the year stays a year."""
        pairs = _organizations(system)
        for org, row in pairs:
            assert row["established"] == (None if org.established is None else str(org.established))
        assert {jmp.PartialDate.parse(str(row["established"])).precision for _, row in pairs if row["established"]} >= {
            "day",
            "year",
        }

    @pytest.mark.parametrize("field", ["established", "dissolved"], ids=str)
    def test_year_and_precision_columns(self, system: jmp.PolicySystem, field: str) -> None:
        """The pandas table has the year as a nullable integer and the precision of each date."""
        frame = system.to_pandas("organizations").set_index("id")
        assert str(frame[f"{field}_year"].dtype) == "Int64"
        for org in system.organizations:
            date = getattr(org, field)
            year, precision = frame.at[org.id, f"{field}_year"], frame.at[org.id, f"{field}_precision"]
            if date is None:
                assert pd.isna(year)
                assert pd.isna(precision)
            else:
                assert (year, precision) == (date.year, date.precision)
                assert frame.at[org.id, field] == pd.Timestamp(date.start())

    def test_ministry_of_standing_bodies(self, system: jmp.PolicySystem) -> None:
        """For a body that stands, the ministry column is the ministry-level body `ministry_of` names."""
        pairs = [(org, row) for org, row in _organizations(system) if org.dissolved is None]
        for org, row in pairs:
            ministry = system.ministry_of(org)
            assert row["ministry"] == (None if ministry is None else ministry.id), org.id
        assert {row["ministry"] for org, row in pairs if org.id in ("aist", "jpo")} == {"meti"}

    def test_ministry_of_former_bodies(self, system: jmp.PolicySystem) -> None:
        """For a former body, the ministry column is the one it belonged to on its last day, as `ministry_of` says."""
        pairs = [(org, row) for org, row in _organizations(system) if org.dissolved is not None]
        assert pairs
        for org, row in pairs:
            ministry = system.ministry_of(org)
            assert row["ministry"] == (None if ministry is None else ministry.id), org.id

    def test_legal_form_code_and_labels(self, system: jmp.PolicySystem) -> None:
        """The legal form is a code with its English and Japanese labels, each in a column of its own."""
        pairs = _organizations(system)
        for org, row in pairs:
            form = org.legal_form
            assert (row["legal_form"], row["legal_form_label"], row["legal_form_label_ja"]) == (
                (None, None, None) if form is None else (form.value, form.label, form.label_ja)
            )
        assert sum(row["legal_form"] is not None for _, row in pairs) > len(pairs) / 2

    def test_identifiers_bare_and_url(self, system: jmp.PolicySystem) -> None:
        """Each identifier scheme has a bare column and a URL column, and either finds the body again."""
        checked: Counter[str] = Counter()
        for org, row in _organizations(system):
            for scheme in SCHEMES:
                bare, url = row[scheme], row[f"{scheme}_url"]
                assert bare == org.identifier(scheme)
                if bare is None:
                    assert url is None
                    continue
                checked[scheme] += 1
                assert isinstance(bare, str)
                assert isinstance(url, str)
                assert "/" not in bare
                assert url.startswith(("https://", "http://"))
                assert bare in url
                assert system.by_identifier(scheme, bare) is org
                assert system.by_identifier(scheme, url) is org
        assert set(checked) == set(SCHEMES)

    def test_pandas_columns(self, system: jmp.PolicySystem) -> None:
        """The pandas table has the founding year, precision, ministry, legal form labels and both identifier forms."""
        frame = system.to_pandas("organizations")
        wanted = [
            "established_year",
            "established_precision",
            "ministry",
            "legal_form",
            "legal_form_label",
            "legal_form_label_ja",
        ]
        wanted += [name for scheme in SCHEMES for name in (scheme, f"{scheme}_url")]
        assert set(wanted) <= set(frame.columns)
        founded = system.organization("METI").established
        assert founded is not None
        assert frame.loc[frame["id"] == "meti", "established_year"].tolist() == [founded.year]


class TestLongTables:
    def test_names(self, system: jmp.PolicySystem) -> None:
        """The names table has every name of every entity (names, Japanese names, acronyms, aliases, former names)."""
        rows = {(row["entity"], row["text"]) for row in system.to_records("names")}
        expected = set()
        for entity in system:
            for field in ("name", "name_ja", "short_name_ja", "acronym"):
                text = getattr(entity, field, None)
                if text:
                    expected.add((entity.id, text))
            expected |= {(entity.id, alias) for alias in getattr(entity, "aliases", ())}
            expected |= {(entity.id, name.text) for name in getattr(entity, "former_names", ())}
        assert expected <= rows
        assert {ident for ident, _ in rows} <= {entity.id for entity in system}

    def test_former_names_dated(self, system: jmp.PolicySystem) -> None:
        """A former name is marked not current and carries its period as ISO text."""
        former = [row for row in system.to_records("names") if row["current"] is False]
        assert former
        csti = {row["text"]: row for row in former if row["entity"] == "csti"}
        old = {name.text: name for name in system.organization("CSTI").former_names}
        assert set(old) <= set(csti)
        for text, name in old.items():
            assert csti[text]["valid_until"] == (None if name.valid_until is None else str(name.valid_until))

    def test_identifiers(self, system: jmp.PolicySystem) -> None:
        """The identifiers table has every identifier of every entity, bare and as a URL that finds it."""
        rows = system.to_records("identifiers")
        expected = {(e.id, i.scheme.value, i.value) for e in system for i in getattr(e, "identifiers", ())}
        assert expected == {(row["entity"], row["scheme"], row["value"]) for row in rows}
        assert len(expected) == len(rows)
        for row in rows:
            assert isinstance(row["url"], str)
            assert system.by_identifier(str(row["scheme"]), row["url"]).id == row["entity"]

    def test_lineage(self, system: jmp.PolicySystem) -> None:
        """Each lineage row links a body to one of its successors, as `successors` says, and no pair twice."""
        rows = system.to_records("lineage")
        pairs = [(row["predecessor"], row["successor"]) for row in rows]
        assert len(pairs) == len(set(pairs))
        for predecessor, successor in pairs:
            assert successor in [body.id for body in system.successors(str(predecessor))]
        assert ("miti", "meti") in pairs

    def test_citations(self, system: jmp.PolicySystem) -> None:
        """The citations table has one row per citation held anywhere in any record."""
        held = sum(
            len(list(citations_in(record))) for records in system.dataset.records().values() for record in records
        )
        assert held == len(system.to_records("citations"))

    @pytest.mark.parametrize("kind", ["relations", "events", "memberships"])
    def test_fact_collections_are_long(self, system: jmp.PolicySystem, kind: str) -> None:
        """Relations, events and memberships are tables as they are: one row per record, keyed by a row id."""
        rows = system.to_records(kind)
        assert len(rows) == len(system.dataset.named(kind))
        assert len({row["row"] for row in rows}) == len(rows)


def _edges(graph: Any) -> Counter[tuple[str, str, str]]:
    return Counter((u, v, data["kind"]) for u, v, data in graph.edges(data=True))


def _relation_edges(system: jmp.PolicySystem, kinds: Any) -> Counter[tuple[str, str, str]]:
    return Counter((r.subject, r.object, r.kind.value) for r in system.dataset.named("relations") if r.kind in kinds)


class TestNetworkx:
    def test_hierarchy(self, system: jmp.PolicySystem) -> None:
        """The hierarchy graph holds bodies only, and exactly the oversight, containment and hosting relations."""
        graph = system.to_networkx("hierarchy")
        assert set(graph) == {org.id for org in system.organizations}
        assert set(_edges(graph)) == set(_relation_edges(system, HIERARCHICAL))
        assert nx.is_directed_acyclic_graph(graph)

    def test_every_relation_an_edge(self, system: jmp.PolicySystem) -> None:
        """Each relation is its own edge with its own period, even when a pair is related twice in turn."""
        graph = system.to_networkx("hierarchy")
        dated = Counter((u, v, d["kind"], d["valid_from"]) for u, v, d in graph.edges(data=True))
        expected = Counter(
            (r.subject, r.object, r.kind.value, None if r.valid_from is None else str(r.valid_from))
            for r in system.dataset.named("relations")
            if r.kind in HIERARCHICAL
        )
        assert expected == dated

    def test_succession(self, system: jmp.PolicySystem) -> None:
        """The succession graph holds bodies only, and exactly the lineage table's predecessor-successor pairs."""
        graph = system.to_networkx("succession")
        assert set(graph) == {org.id for org in system.organizations}
        lineage = {(row["predecessor"], row["successor"], "succeeded_by") for row in system.to_records("lineage")}
        assert set(_edges(graph)) == lineage
        assert graph.has_edge("miti", "meti")

    def test_policy(self, system: jmp.PolicySystem) -> None:
        """The policy graph has no hierarchy or succession edge, and every other relation between entities."""
        graph = system.to_networkx("policy")
        kinds = {kind for _, _, kind in _edges(graph)}
        assert not kinds & ({k.value for k in HIERARCHICAL} | {"succeeded_by"})
        others = set(_relation_edges(system, frozenset(jmp.RelationKind) - HIERARCHICAL))
        assert others <= set(_edges(graph))
        assert {system.get(node).__class__.__name__ for node in graph} >= {"Law", "Plan", "Strategy", "Ministry"}

    def test_all_is_the_union(self, system: jmp.PolicySystem) -> None:
        """The whole graph is the union of the hierarchy, succession and policy graphs, and has every entity."""
        union = set()
        for kind in ("hierarchy", "succession", "policy"):
            union |= set(_edges(system.to_networkx(kind)))
        graph = system.to_networkx("all")
        assert union == set(_edges(graph))
        assert set(graph) == {entity.id for entity in system}

    def test_unknown_kind(self, system: jmp.PolicySystem) -> None:
        """An unknown graph kind is refused, naming the kinds."""
        with pytest.raises(ValueError, match="hierarchy"):
            system.to_networkx("ownership")

    @pytest.mark.parametrize("kind", ["all", "hierarchy", "succession", "policy"])
    @pytest.mark.parametrize("when", [1960, 1999, "FY2005", dt.date(2001, 1, 5), dt.date(2001, 1, 6)])
    def test_at(self, system: jmp.PolicySystem, kind: str, when: object) -> None:
        """With `at=`, the graph of that day: only what stood then, nothing founded later, only relations that held."""
        snapshot = system.at(when)
        day = snapshot.as_of
        assert day is not None
        graph = system.to_networkx(kind, at=when)
        assert graph.graph["as_of"] == str(day)
        ids = {e.id for e in snapshot if kind in ("all", "policy") or isinstance(e, jmp.Organization)}
        assert set(graph) == ids
        for node in graph:
            whole = system.get(node)
            founded = getattr(whole, "established", None)
            assert founded is None or founded.start() <= day, (node, founded)
            dissolved = getattr(whole, "dissolved", None)
            assert dissolved is None or dissolved.start() > day, (node, dissolved)
        relations = set(_relation_edges(snapshot, frozenset(jmp.RelationKind)))
        assert {e for e in _edges(graph) if e[2] in {k.value for k in jmp.RelationKind}} <= relations
        assert graph.number_of_edges() == system.at(when).to_networkx(kind).number_of_edges()

    def test_at_changes_the_graph(self, system: jmp.PolicySystem) -> None:
        """The 1999 hierarchy has MITI over AIST's forerunners and no METI; today's has METI over AIST."""
        then, now = system.to_networkx("hierarchy", at=1999), system.to_networkx("hierarchy")
        assert "meti" not in then
        assert "miti" in then
        assert nx.has_path(now, "meti", "aist")
        assert "aist" not in then
