"""helixgraph's command line."""
