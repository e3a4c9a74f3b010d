"""``python -m single_window`` runs the command line."""

from single_window.cli import main

if __name__ == "__main__":  # worker processes import the main module; only run it once
    main()
