"""The README generator (docs/readme.py), loaded by path: it is a project tool, not part of the package."""
from __future__ import annotations

import importlib.util
from pathlib import Path

PATH = Path(__file__).resolve().parents[1] / "docs" / "readme.py"
_spec = importlib.util.spec_from_file_location("kg_docs_readme", PATH)
readme = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(readme)
