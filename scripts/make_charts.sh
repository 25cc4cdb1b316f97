#!/usr/bin/env bash
# Re-render the organisation charts shown in the docs from the library's DOT output (needs Graphviz).
set -euo pipefail
cd "$(dirname "$0")/.."
python=${1:-.venv/bin/python}
"$python" -c "import jp_mfg_policy as jmp; print(jmp.load().to_dot(), end='')" > docs/_static/org-chart.dot
"$python" -c "import jp_mfg_policy as jmp; print(jmp.load().at(1999).to_dot(), end='')" > docs/_static/org-chart-1999.dot
dot -Tsvg docs/_static/org-chart.dot -o docs/_static/org-chart.svg
dot -Tsvg docs/_static/org-chart-1999.dot -o docs/_static/org-chart-1999.svg
