from helixgraph.cli import app

app(prog_name="helixgraph")
