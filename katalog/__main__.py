"""`python -m katalog`: the same command as the `katalog` console script."""

from katalog.main import cli

cli()
