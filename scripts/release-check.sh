#!/usr/bin/env bash
# Release checks: build the sdist and the wheel, check them as PyPI and careful packagers do,
# install the wheel in a fresh virtual environment and use it, and run the tests from the sdist.
# Usage: scripts/release-check.sh [PYTHON]   (PYTHON has the release and tests extras installed)
set -euo pipefail
cd "$(dirname "$0")/.."
python=${1:-.venv/bin/python}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

echo "== build"
rm -rf dist
"$python" -m build --outdir dist . > "$work/build.log"
"$python" -m twine check --strict dist/*
"$python" -m check_wheel_contents dist/*.whl
"$python" -m pyroma --min 9 . | tail -n 3

echo "== the wheel holds the package, its data, the schema and py.typed, and nothing else"
"$python" - dist/*.whl <<'PY'
import sys, zipfile
names = zipfile.ZipFile(sys.argv[1]).namelist()
stray = [n for n in names if not n.startswith(("jp_mfg_policy/", "jp_mfg_policy-"))]
assert not stray, stray
for needed in ("py.typed", "data/schema.json", "data/organizations.json", "data/texts/manufacturing-policy-portal-japan-actors.txt"):
    assert f"jp_mfg_policy/{needed}" in names, needed
print(f"{len(names)} files, all in place")
PY

echo "== the wheel in a fresh environment"
"$python" -m venv "$work/wheel-env"
"$work/wheel-env/bin/pip" install --quiet dist/*.whl
(cd "$work" && "$work/wheel-env/bin/jp-mfg-policy" tree MEXT && "$work/wheel-env/bin/python" -c \
  "import jp_mfg_policy as jmp; s = jmp.load(); assert s.get('経済産業省').acronym == 'METI'; print('query ok:', s)")

echo "== the tests from the sdist"
tar -xzf dist/*.tar.gz -C "$work"
"$python" -m venv "$work/sdist-env"
"$work/sdist-env/bin/pip" install --quiet "$(ls -d "$work"/jp_mfg_policy-*/)[tests]"
(cd "$work"/jp_mfg_policy-*/ && "$work/sdist-env/bin/python" -m pytest -q -p no:cacheprovider -m "not slow and not browser" tests)  # the full run is above
