"""Start FaceAttend: the desktop app with no arguments, otherwise the CLI (`main.py --help`)."""

import sys

from app.cli import main

if __name__ == "__main__":
    sys.exit(main())
