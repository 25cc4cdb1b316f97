"""The JSON Schema shipped with the package."""

from __future__ import annotations

import json
from importlib.resources import files
from pathlib import Path

import jsonschema
import pytest

from jp_mfg_policy import _load
from jp_mfg_policy._schema import schema

SHIPPED = json.loads(files("jp_mfg_policy").joinpath("data", "schema.json").read_text(encoding="utf-8"))
VALIDATOR = jsonschema.Draft202012Validator(SHIPPED)
CORPUS = Path(__file__).with_name("bad_inputs")


def test_shipped_schema_is_current() -> None:
    """The shipped schema is the one derived from the model (run scripts/make_schema.py after a change)."""
    assert schema() == SHIPPED


def test_schema_is_valid() -> None:
    """The schema is itself a valid draft 2020-12 schema."""
    jsonschema.Draft202012Validator.check_schema(SHIPPED)


@pytest.mark.parametrize("name", _load.BUNDLED_FILES)
def test_bundled_files_match(name: str) -> None:
    """Every bundled data file satisfies the schema and names it."""
    data = json.loads(files("jp_mfg_policy").joinpath("data", name).read_text(encoding="utf-8"))
    assert [] == [error.message for error in VALIDATOR.iter_errors(data)]
    assert "schema.json" == data["$schema"]


@pytest.mark.parametrize(
    "name",
    [
        "type-name-number.json",
        "type-aliases-string.json",
        "unknown-field.json",
        "missing-name.json",
        "type-kind.json",
        "bad-slug.json",
        "bad-date-format.json",
        "type-collection-object.json",
        "unknown-top-level.json",
        "no-collection.json",
    ],
)
def test_structural_faults_rejected(name: str) -> None:
    """Files with structural faults break the schema too."""
    data = json.loads((CORPUS / name).read_text(encoding="utf-8"))
    assert list(VALIDATOR.iter_errors(data))


def test_rule_faults_pass_the_schema() -> None:
    """Whole-system faults are the loader's job: the schema alone accepts them."""
    data = json.loads((CORPUS / "dangling-supervisor.json").read_text(encoding="utf-8"))
    assert [] == list(VALIDATOR.iter_errors(data))
