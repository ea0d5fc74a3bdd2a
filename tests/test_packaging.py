"""The wheel carries the ontology, the data, the API and the vendored JavaScript, and a non-editable
install serves the default ecosystem from any directory."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import urllib.request
import zipfile
from pathlib import Path

import pytest
from conftest import ROOT, free_port, wait_for

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--wheel-dir",
            str(out),
            str(ROOT),
        ],
        check=True,
    )
    (built,) = out.glob("helixgraph-*.whl")
    return built


def test_wheel_ships_the_content(wheel: Path) -> None:
    names = set(zipfile.ZipFile(wheel).namelist())
    for required in (
        "helixgraph/_content/ontology/helixgraph.ttl",
        "helixgraph/_content/ontology/shapes.ttl",
        "helixgraph/_content/data/seed-ecosystem.ttl",
        "helixgraph/_content/api/openapi.json",
        "helixgraph/web/static/vis-network/vis-network.min.js",
        "helixgraph/web/static/vis-network/LICENSE-MIT",
        "helixgraph/web/templates/viz.html",
        "helixgraph/py.typed",  # the package is strict-typed: its users get the types
    ):
        assert required in names, required


def test_installed_wheel_serves_the_default_ecosystem_from_anywhere(
    wheel: Path, tmp_path: Path
) -> None:
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    python = venv / "bin" / "python"
    # dependencies come from this environment's site-packages (appended after the venv's own,
    # and without running its .pth files, so the editable checkout stays out of sight)
    site = subprocess.run(
        [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()
    Path(site, "deps.pth").write_text(sysconfig.get_paths()["purelib"] + "\n")
    subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "--python",
            str(python),
            "install",
            "--quiet",
            "--no-deps",
            str(wheel),
        ],
        check=True,
    )
    where = subprocess.run(
        [str(python), "-c", "import helixgraph.rdf.resources as r; print(r.content_root())"],
        capture_output=True,
        text=True,
        check=True,
        cwd=tmp_path,
    ).stdout
    assert str(venv) in where
    assert str(ROOT) not in where

    port = free_port()
    env = {k: v for k, v in os.environ.items() if not k.startswith("HELIX_")}
    env["HELIX_STORE"] = str(tmp_path / "store")
    server = subprocess.Popen(
        [str(venv / "bin" / "helixgraph"), "serve", "--port", str(port)],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_for(f"http://127.0.0.1:{port}/health", server)
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/api/actors?q=mediklaszter") as answer:
            body = json.load(answer)
        assert "MediKlaszter" in {actor["label"] for actor in body["data"]}
    finally:
        server.terminate()
        server.wait(timeout=10)
