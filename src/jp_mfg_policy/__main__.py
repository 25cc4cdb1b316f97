"""``python -m jp_mfg_policy``: the overview and the other commands."""

from ._cli import main

raise SystemExit(main())
