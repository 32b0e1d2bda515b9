"""`python -m govreport_desktop [FILE]` starts the window (see app.py)."""

import sys

from .app import main

# The reading worker (io/sandbox.py, `spawn`) imports this module as __mp_main__: only the
# real start may open a window.
if __name__ == "__main__":
    sys.exit(main())
