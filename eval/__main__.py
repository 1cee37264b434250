"""`python -m eval` is `citeqa eval`."""

import sys

from eval.cli import main

sys.exit(main(["eval", *sys.argv[1:]]))
