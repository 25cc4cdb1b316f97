"""Immutability and safety: nothing changes a loaded system, and loading touches nothing outside."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import attrs
import pytest

import jp_mfg_policy as jmp

SYSTEM = jmp.load()


def _fingerprint(system: jmp.PolicySystem) -> str:
    return system.to_json()


BEFORE = _fingerprint(SYSTEM)


class TestImmutability:
    def test_entity_attributes(self) -> None:
        """Entities refuse attribute assignment and deletion, and have no __dict__."""
        meti = SYSTEM.organization("METI")
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            meti.name = "Ministry of Everything"  # type: ignore[misc]
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            del meti.acronym
        assert not hasattr(meti, "__dict__")

    def test_collections_are_tuples(self) -> None:
        """Collections and list-valued fields are tuples: no append, no item assignment."""
        with pytest.raises(AttributeError):
            SYSTEM.organizations.append(SYSTEM.organization("METI"))  # type: ignore[attr-defined]
        with pytest.raises(TypeError):
            SYSTEM.organizations[0] = SYSTEM.organization("METI")  # type: ignore[index]
        with pytest.raises(AttributeError):
            SYSTEM.organization("AIST").aliases.append("x")  # type: ignore[attr-defined]

    def test_system_attributes(self) -> None:
        """The system refuses attribute assignment."""
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            SYSTEM.as_of = None  # type: ignore[misc]
        with pytest.raises(attrs.exceptions.FrozenInstanceError):
            SYSTEM._organizations = ()  # type: ignore[misc]  # noqa: SLF001

    def test_indexes_are_read_only(self) -> None:
        """The lookup tables behind the system are read-only mappings."""
        index = SYSTEM._index  # noqa: SLF001
        with pytest.raises(TypeError):
            index.by_id["meti"] = SYSTEM.organization("MEXT")  # type: ignore[index]
        with pytest.raises(TypeError):
            index.by_key["x"] = SYSTEM.organization("MEXT")  # type: ignore[index]

    def test_evolve_makes_a_new_system(self) -> None:
        """attrs.evolve on the system gives another system and leaves the cached one alone."""
        other = attrs.evolve(SYSTEM, organizations=SYSTEM.organizations[:1])
        assert 1 == len(other.organizations)
        assert other is not jmp.load()
        assert SYSTEM is jmp.load()

    def test_snapshots_do_not_touch_the_cache(self) -> None:
        """Snapshots, exports and failed loads leave the cached system as it was."""
        SYSTEM.at(1999)
        SYSTEM.to_records("organizations")
        SYSTEM.to_networkx()
        assert BEFORE == _fingerprint(jmp.load())
        assert SYSTEM is jmp.load()


AUDIT = """
import sys, json
events = []
def hook(event, args):
    if event == "open" and args[1] not in (None, "r", "rb") and not (isinstance(args[2], int) and args[2] & 0o3 == 0):
        events.append(["write", str(args[0]), str(args[1])])
    elif event.startswith(("socket.", "urllib.", "http.")):
        events.append(["network", event])
    elif event == "pickle.find_class":
        events.append(["pickle", event])
    elif event == "subprocess.Popen":
        events.append(["process", event])
sys.addaudithook(hook)
import jp_mfg_policy
system = jp_mfg_policy.load(extra=sys.argv[1:])
system.get("METI"); system.at(1999); system.find("research"); system.cite("AIST")
print(json.dumps(events))
"""


def test_import_and_load_write_nothing_and_use_no_network(tmp_path: Path) -> None:
    """Importing and loading (bundled and user data) writes no file, opens no socket, unpickles nothing.

    (attrs and cattrs compile the code of their generated methods; that is code, not data, so
    ``exec`` events are not counted here: the source scan below covers evaluation of data.)
    """
    user = tmp_path / "mine.json"
    user.write_text(json.dumps({"sources": [{"id": "mine", "title": "t", "publisher": "p"}]}), encoding="utf-8")
    before = user.stat().st_mtime_ns
    result = subprocess.run(
        [sys.executable, "-c", AUDIT, str(user)], capture_output=True, text=True, check=True, cwd=tmp_path
    )
    assert [] == json.loads(result.stdout)
    assert before == user.stat().st_mtime_ns
    assert ["mine.json"] == sorted(path.name for path in tmp_path.iterdir())


def test_no_pickle_or_eval_in_the_source() -> None:
    """The package's code never unpickles, evaluates or executes strings."""
    source = Path(jmp.__file__).parent
    for path in source.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        for word in ("pickle", "eval(", "exec(", "marshal", "urlopen", "socket"):
            assert word not in text, (path.name, word)
