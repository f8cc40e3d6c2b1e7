"""`python -m cloud` is `faceattend-cloud`."""

import sys

from cloud.cli import main

sys.exit(main())
