"""Sphinx configuration for the jp-mfg-policy documentation."""

from __future__ import annotations

import sys
from importlib.metadata import version as _version
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent / "_ext"))

project = "jp-mfg-policy"
author = "The jp-mfg-policy maintainers"
copyright = "2026, the jp-mfg-policy maintainers"
release = _version("jp-mfg-policy")
version = ".".join(release.split(".")[:2])

extensions = [
    "myst_parser",
    "sphinx.ext.autodoc",
    "sphinx.ext.intersphinx",
    "sphinx.ext.napoleon",
    "sphinx.ext.viewcode",
    "apiref",
    "datadict",
    "catalogue",
]
source_suffix = {".md": "markdown"}
exclude_patterns = ["_build"]
myst_enable_extensions = ["colon_fence", "deflist"]
myst_heading_anchors = 3

autodoc_member_order = "bysource"
autodoc_typehints = "description"
autodoc_default_options = {"members": True, "show-inheritance": True}
napoleon_google_docstring = True
napoleon_numpy_docstring = False
napoleon_use_ivar = False  # attributes as entries of their own, so {attr} references find them; apiref skips the slots

# Cross-references to other projects resolve offline, against the small inventories in _inventories/
# (written by scripts/make_inventories.py); the links still point at the official documentation.
intersphinx_mapping = {
    "python": ("https://docs.python.org/3/", "_inventories/python.inv"),
    "attrs": ("https://www.attrs.org/en/stable/", "_inventories/attrs.inv"),
    "cattrs": ("https://catt.rs/en/stable/", "_inventories/cattrs.inv"),
    "pandas": ("https://pandas.pydata.org/docs/", "_inventories/pandas.inv"),
    "networkx": ("https://networkx.org/documentation/stable/", "_inventories/networkx.inv"),
}

html_theme = "furo"
html_title = f"jp-mfg-policy {release}"
html_static_path = ["_static"]
