from helixgraph.cli.commands import app

app(prog_name="helixgraph")
