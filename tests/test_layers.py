"""The layers the README draws are the layers the code has: import-linter holds the contract
in pyproject.toml, grimp's import graph shows no cycle, and the README's layout lists the
layers in the contract's order."""

from __future__ import annotations

import re
import subprocess
import sys
import tomllib
from pathlib import Path

import grimp
import networkx as nx
from conftest import ROOT


def contract_layers() -> list[list[str]]:
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    (layers,) = [c for c in config["tool"]["importlinter"]["contracts"] if c["type"] == "layers"]
    return [
        [name.strip().removeprefix("helixgraph.") for name in re.split(r"[|:]", line)]
        for line in layers["layers"]
    ]


def test_every_contract_is_kept() -> None:
    """Function-level imports count: grimp reads them too."""
    lint = Path(sys.executable).with_name("lint-imports")
    run = subprocess.run(
        [str(lint), "--config", str(ROOT / "pyproject.toml"), "--no-cache"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout[-4000:] + run.stderr[-2000:]
    assert re.search(r"Contracts: (\d+) kept, 0 broken", run.stdout)


def test_no_module_imports_itself_round_a_cycle() -> None:
    graph = grimp.build_graph("helixgraph", include_external_packages=False)
    imports = nx.DiGraph()
    for module in graph.modules:
        imports.add_node(module)
        imports.add_edges_from(
            (module, imported) for imported in graph.find_modules_directly_imported_by(module)
        )
    cycles = [sorted(c) for c in nx.strongly_connected_components(imports) if len(c) > 1]
    assert cycles == []


def test_every_module_of_the_package_is_in_a_layer() -> None:
    layered = {name for line in contract_layers() for name in line}
    package = ROOT / "src" / "helixgraph"
    parts = {p.name for p in package.iterdir() if p.is_dir() and (p / "__init__.py").exists()}
    parts |= {p.stem for p in package.glob("*.py") if p.name != "__init__.py"}
    assert parts - layered == set(), "a part of the package that no layer of the contract holds"


def test_the_readme_draws_the_layers_in_the_contract_s_order() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    layout = readme[readme.index("src/helixgraph/   top to bottom") : readme.index("tests/ ")]
    heads = []  # each part, where the layout first names it at the start of a line
    for line in layout.splitlines():
        for name in re.findall(r"^  (\w+)(?:/|\.py)|\| (\w+)(?:/|\.py)", line):
            for found in name:
                if found and found not in heads:
                    heads.append(found)
    drawn = [name for name in heads if name != "__main__"]
    expected = [name for line in contract_layers() for name in line if name != "__main__"]
    assert drawn == expected
