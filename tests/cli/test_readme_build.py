"""The build summary shown in the README is the one the curated seeds give."""
from __future__ import annotations

import json

from tests.docs_tool import readme as docs


def test_readme_build_summary_is_current(repo, built):
    shown = docs.current((repo / "README.md").read_text(encoding="utf-8")).get("build-summary")
    assert shown, "README lost its build-summary block"
    summary = json.loads((built / "summary.json").read_text())
    assert shown == docs.build_summary(summary)
