import sys

from kzview.cli import main

if __name__ == "__main__":  # worker processes import this module again; they must not start the app
    sys.exit(main())
