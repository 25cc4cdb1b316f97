"""The package as users get it: metadata, and a wheel installed in a fresh environment."""

from __future__ import annotations

import subprocess
import sys
import venv
import zipfile
from importlib.metadata import version
from pathlib import Path

import pytest

import jp_mfg_policy as jmp

ROOT = Path(__file__).parents[1]


class TestMetadata:
    def test_version(self) -> None:
        """__version__ comes from the installed metadata."""
        assert version("jp-mfg-policy") == jmp.__version__

    def test_unknown_attribute(self) -> None:
        """Other missing attributes still raise AttributeError."""
        with pytest.raises(AttributeError, match="no attribute 'nope'"):
            _ = jmp.nope

    def test_all_is_complete(self) -> None:
        """__all__ names each export once, every public class is in it, and nothing else is."""
        assert len(set(jmp.__all__)) == len(jmp.__all__)
        assert all(hasattr(jmp, name) for name in jmp.__all__)
        public = {name for name in dir(jmp) if not name.startswith("_") and name[0].isupper()}
        assert public - {"dt"} == {name for name in jmp.__all__ if name[0].isupper()}

    def test_data_version(self) -> None:
        """The data version says which release of the data is installed, and as of when."""
        assert jmp.DATA_VERSION.startswith(str(jmp.DATA_AS_OF.year))


@pytest.fixture(name="wheel", scope="module")
def _wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "build", "--wheel", "--outdir", str(out), str(ROOT)],
        check=True,
        capture_output=True,
    )
    (wheel,) = out.glob("*.whl")
    return wheel


class TestWheel:
    def test_holds_the_data(self, wheel: Path) -> None:
        """The wheel carries the data files, the source text and py.typed, and no tests."""
        names = set(zipfile.ZipFile(wheel).namelist())
        for needed in (
            "organizations.json",
            "sources.json",
            "relations.json",
            "texts/manufacturing-policy-portal-japan-actors.txt",
        ):
            assert f"jp_mfg_policy/data/{needed}" in names
        assert "jp_mfg_policy/py.typed" in names
        assert not any(name.startswith("tests/") for name in names)

    def test_installs_and_answers(self, wheel: Path, tmp_path: Path) -> None:
        """Installed into a fresh virtual environment, the wheel answers a query from outside the source tree."""
        env = tmp_path / "venv"
        venv.create(env, with_pip=True)
        python = env / "bin" / "python"
        subprocess.run([python, "-m", "pip", "install", "--quiet", str(wheel)], check=True, capture_output=True)
        code = (
            "import jp_mfg_policy as jmp, jp_mfg_policy._load as l; s = jmp.load(); "
            "assert 'site-packages' in l.__file__, l.__file__; "
            "print(s.get('経済産業省').acronym, [b.acronym for b in s.children('MEXT')])"
        )
        result = subprocess.run([python, "-c", code], capture_output=True, text=True, check=True, cwd=tmp_path)
        assert "METI ['JST', 'JSPS', 'NISTEP']" == result.stdout.strip()
        overview = subprocess.run(
            [env / "bin" / "jp-mfg-policy", "tree", "JST"], capture_output=True, text=True, check=True, cwd=tmp_path
        )
        assert "CRDS" in overview.stdout

    def test_works_from_a_zip(self, wheel: Path, tmp_path: Path) -> None:
        """Imported straight from the wheel (a zip file), the package still finds its data."""
        code = (
            f"import sys; sys.path.insert(0, {str(wheel)!r}); import jp_mfg_policy as jmp; "
            "print(jmp.load().get('JPO').name_ja, jmp.__file__)"
        )
        env = {"PYTHONIOENCODING": "utf-8"}
        result = subprocess.run(
            [sys.executable, "-c", code], check=False, capture_output=True, text=True, env=env, cwd=tmp_path
        )
        assert result.stdout.startswith("特許庁 " + str(wheel)), result.stderr
