"""`python -m govreport_desktop [FILE]` starts the window (see app.py)."""

import sys

from .app import main

sys.exit(main())
