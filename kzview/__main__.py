import sys

from kzview.cli import main

sys.exit(main())
