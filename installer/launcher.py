"""Entry script of the frozen application.

PyInstaller runs its entry script as a top-level __main__, where the package's own
__main__.py (`from .app import main`) cannot do its relative import; this is the same
thing with an absolute one.
"""

import sys

if __name__ == "__main__":
    # Other units' workbooks are read in a worker process (io/sandbox.py) started from this
    # same exe: freeze_support() runs that worker and exits before any window is made.
    import multiprocessing

    multiprocessing.freeze_support()

    from govreport_desktop.app import main

    sys.exit(main())
