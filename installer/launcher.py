"""Entry script of the frozen application.

PyInstaller runs its entry script as a top-level __main__, where the package's own
__main__.py (`from .app import main`) cannot do its relative import; this is the same
thing with an absolute one.
"""

import sys

from govreport_desktop.app import main

if __name__ == "__main__":
    sys.exit(main())
