"""``python -m helixgraph``, and the ``helixgraph`` command (the script pyproject declares)."""

import sys

from helixgraph.cli.commands import app


def main() -> None:
    """Run the command line. Started as the script, the script's module takes this module's
    name: a spawned worker process re-runs the module its parent was started from, unless that
    is a package's ``__main__``, and re-running the script imports the whole command line into
    every worker (a third of a query worker's start)."""
    sys.modules["__main__"].__spec__ = __spec__
    app(prog_name="helixgraph")


if __name__ == "__main__":
    main()
