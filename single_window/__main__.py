"""``python -m single_window`` runs the command line."""

from single_window.cli import main

main()
