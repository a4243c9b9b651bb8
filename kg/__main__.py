"""`python -m kg ...` runs the `kg` command."""
import sys

from .cli import main

sys.exit(main())
