"""The README's layout names every module of the package, each under its part: a module added
without a word there fails here (the README is the map a newcomer reads first)."""

from __future__ import annotations

import re

from conftest import ROOT


def layout_words() -> dict[str, set[str]]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    layout = readme[readme.index("## Layout") : readme.index("## Licences")]
    block = layout[layout.index("src/helixgraph/") : layout.index("tests/ ")]
    words: dict[str, set[str]] = {"": set()}
    part = ""
    for line in block.splitlines():
        if found := re.match(r"  (\w+)/\s", line):
            part = found[1]
        words.setdefault(part, set()).update(re.findall(r"\w+", line))
        words[""].update(re.findall(r"(\w+)\.py", line))
    return words


def test_the_readme_s_layout_names_every_module() -> None:
    words = layout_words()
    package = ROOT / "src" / "helixgraph"
    missing = []
    for path in sorted(package.rglob("*.py")):
        if path.name in ("__init__.py", "__main__.py"):
            continue
        parts = path.relative_to(package).parts
        where = parts[0] if len(parts) > 1 else ""
        if path.stem not in words.get(where, set()):
            missing.append("/".join(parts))
    assert missing == [], f"the README's layout does not name {missing}"
