"""The build summary shown in the README is the one the curated seeds give."""
from __future__ import annotations

import json
import re

from kg.commands.build import summary_text


def test_readme_build_summary_is_current(repo, built):
    readme = (repo / "README.md").read_text(encoding="utf-8")
    shown = re.search(r"<!-- build:start -->\n```\n\$ kg build --no-extract\n(.*?)```\n<!-- build:end -->", readme, re.S)
    assert shown, "README lost its build region"
    summary = json.loads((built / "summary.json").read_text())
    assert shown.group(1) == summary_text(summary)
