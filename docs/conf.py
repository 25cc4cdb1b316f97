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
    "sphinx.ext.napoleon",
    "sphinx.ext.viewcode",
    "datadict",
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
napoleon_use_ivar = True  # attributes as fields, so autodoc does not describe them twice

html_theme = "furo"
html_title = f"jp-mfg-policy {release}"
html_static_path = ["_static"]
