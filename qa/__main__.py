"""`python -m qa` is the citeqa command."""

import sys

from qa.cli import console

sys.exit(console())
