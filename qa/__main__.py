"""`python -m qa` is the citeqa command."""

import sys

from qa.cli import main

sys.exit(main())
