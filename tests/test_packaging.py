"""The package as users get it: a wheel, installed into a fresh virtual environment."""

from __future__ import annotations

import email.parser
import json
import os
import subprocess
import sys
import tomllib
import venv
import zipfile
from pathlib import Path

import pytest
from packaging.requirements import Requirement

import jp_mfg_policy as jmp
from jp_mfg_policy._registry import FILES

pytestmark = pytest.mark.slow

ROOT = Path(__file__).parents[1]
DATA = ROOT / "src" / "jp_mfg_policy" / "data"
VERSION: str = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["version"]


def _run(*command: str | Path, cwd: Path, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONIOENCODING": "utf-8", "PYTHONDONTWRITEBYTECODE": "1"}
    env.pop("PYTHONPATH", None)  # nothing of the source tree may leak into the fresh environment
    return subprocess.run(
        [str(part) for part in command], capture_output=True, text=True, check=check, cwd=cwd, env=env
    )


@pytest.fixture(name="wheel", scope="module")
def _wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The wheel built from the working tree (with the build backend installed beside the tests)."""
    out = tmp_path_factory.mktemp("dist")
    _run(sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", out, ROOT, cwd=out)
    (wheel,) = out.glob("*.whl")
    return wheel


@pytest.fixture(name="env", scope="module")
def _env(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh virtual environment with the wheel installed, and nothing else but its dependencies."""
    env = tmp_path_factory.mktemp("venv") / "env"
    venv.create(env, with_pip=True)
    pip = (env / "bin" / "python", "-m", "pip", "install", "--quiet", "--disable-pip-version-check")
    offline = _run(*pip, "--no-index", "--find-links", wheel.parent, wheel, cwd=env, check=False)
    if offline.returncode != 0:  # attrs and cattrs are not at hand: take them from the package index
        _run(*pip, wheel, cwd=env)
    return env


def _python(env: Path, code: str, cwd: Path) -> str:
    return _run(env / "bin" / "python", "-c", code, cwd=cwd).stdout


class TestWheel:
    def test_holds_the_data_and_the_types(self, wheel: Path) -> None:
        """The wheel carries py.typed, every data file (the registry's and schema.json) and the source texts."""
        names = set(zipfile.ZipFile(wheel).namelist())
        assert "jp_mfg_policy/py.typed" in names
        bundled = {path.name for path in DATA.glob("*.json")}
        assert set(FILES) | {"schema.json"} <= bundled
        assert {f"jp_mfg_policy/data/{name}" for name in bundled} <= names
        texts = {f"jp_mfg_policy/data/texts/{path.name}" for path in (DATA / "texts").iterdir()}
        assert texts
        assert texts <= names

    def test_holds_no_tests_or_caches(self, wheel: Path) -> None:
        """The wheel holds the package alone: no tests, no byte code, no files of the docs."""
        names = zipfile.ZipFile(wheel).namelist()
        assert [] == [name for name in names if name.startswith(("tests/", "docs/")) or "__pycache__" in name]
        assert all(name.startswith(("jp_mfg_policy/", "jp_mfg_policy-")) for name in names)

    def test_metadata(self, wheel: Path) -> None:
        """The wheel's metadata: its version, attrs and cattrs as the only unconditional dependencies, the extras."""
        with zipfile.ZipFile(wheel) as archive:
            (path,) = [name for name in archive.namelist() if name.endswith(".dist-info/METADATA")]
            metadata = email.parser.Parser().parsestr(archive.read(path).decode("utf-8"))
        assert VERSION == metadata["Version"]
        requirements = [Requirement(text) for text in metadata.get_all("Requires-Dist") or []]
        assert {"attrs", "cattrs"} == {requirement.name for requirement in requirements if requirement.marker is None}
        assert {"pandas", "networkx", "all"} <= set(metadata.get_all("Provides-Extra") or [])


class TestInstalled:
    def test_show_meti(self, env: Path, tmp_path: Path) -> None:
        """``jp-mfg-policy show METI`` from the installed wheel shows the ministry's names from the data."""
        meti = jmp.load().organization("METI")
        out = _run(env / "bin" / "jp-mfg-policy", "show", "METI", cwd=tmp_path).stdout
        assert meti.name_ja is not None
        assert meti.name in out
        assert meti.name_ja in out

    def test_show_meti_as_json(self, env: Path, tmp_path: Path) -> None:
        """``python -m jp_mfg_policy show METI --json`` gives the record the library gives here."""
        meti = jmp.load().organization("METI")
        out = _run(env / "bin" / "python", "-m", "jp_mfg_policy", "show", "METI", "--json", cwd=tmp_path).stdout
        shown = json.loads(out)
        assert (meti.id, meti.name_ja) == (shown["id"], shown["name_ja"])

    def test_import_from_the_installed_wheel(self, env: Path, tmp_path: Path) -> None:
        """Imported outside the source tree, the package comes from the venv and holds the same data as here."""
        code = (
            "import json, jp_mfg_policy as jmp\n"
            "system = jmp.load()\n"
            "print(json.dumps({'file': jmp.__file__, 'version': jmp.__version__, 'count': len(system),\n"
            "    'children': [body.id for body in system.children('METI')], 'data': jmp.DATA_VERSION}))\n"
        )
        found = json.loads(_python(env, code, tmp_path))
        system = jmp.load()
        assert Path(found["file"]).is_relative_to(env)
        assert "site-packages" in Path(found["file"]).parts
        assert VERSION == found["version"]
        assert len(system) == found["count"]
        assert [body.id for body in system.children("METI")] == found["children"]
        assert jmp.DATA_VERSION == found["data"]

    def test_typed(self, env: Path, tmp_path: Path) -> None:
        """The installed package is marked as typed (PEP 561)."""
        code = "import jp_mfg_policy, pathlib; print(pathlib.Path(jp_mfg_policy.__file__).with_name('py.typed'))"
        assert Path(_python(env, code, tmp_path).strip()).is_file()

    def test_only_attrs_and_cattrs_installed(self, env: Path, tmp_path: Path) -> None:
        """The fresh environment got attrs and cattrs with the wheel, and not pandas or networkx."""
        code = (
            "import json, importlib.metadata as m\n"
            "print(json.dumps(sorted(d.metadata['Name'].lower() for d in m.distributions())))\n"
        )
        installed = set(json.loads(_python(env, code, tmp_path)))
        assert {"attrs", "cattrs", "jp-mfg-policy"} <= installed
        assert set() == installed & {"pandas", "networkx"}

    def test_extras_are_named_when_missing(self, env: Path, tmp_path: Path) -> None:
        """Without the extras, ``to_pandas`` says which extra to install, and the rest works."""
        code = (
            "import jp_mfg_policy as jmp\n"
            "system = jmp.load()\n"
            "try:\n"
            "    system.to_pandas('organizations')\n"
            "except ImportError as error:\n"
            "    print(error)\n"
        )
        assert 'pip install "jp-mfg-policy[pandas]"' in _python(env, code, tmp_path)

    def test_works_from_a_zip(self, wheel: Path, tmp_path: Path) -> None:
        """Imported straight from the wheel (a zip file), the package still finds its data."""
        code = (
            f"import sys; sys.path.insert(0, {str(wheel)!r}); import jp_mfg_policy as jmp\n"
            "print(jmp.__file__); print(jmp.load().get('METI').name_ja)\n"
        )
        where, name_ja = _run(sys.executable, "-I", "-c", code, cwd=tmp_path).stdout.splitlines()
        assert where.startswith(str(wheel))
        assert jmp.load().organization("METI").name_ja == name_ja
