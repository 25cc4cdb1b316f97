"""
Write the data files' JSON Schema, derived from the model, to the package.

    python scripts/make_schema.py
"""

from __future__ import annotations

import json
from pathlib import Path

from jp_mfg_policy._schema import schema

TARGET = Path(__file__).parents[1] / "src" / "jp_mfg_policy" / "data" / "schema.json"

if __name__ == "__main__":
    TARGET.write_text(json.dumps(schema(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(f"wrote {TARGET}")
