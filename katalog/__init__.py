"""The `katalog` command line: one entry point that gathers every package's commands."""
