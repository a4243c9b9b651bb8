"""`python -m kg.cli ...` runs the `kg` command."""
import sys

from . import main

sys.exit(main())
