"""``python -m autograd_nn``: the same as the ``autograd-nn`` command."""

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
