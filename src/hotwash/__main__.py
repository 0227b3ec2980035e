"""Allow ``python -m hotwash``."""

from hotwash.cli import main

main()
