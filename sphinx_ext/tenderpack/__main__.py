"""Allow ``python -m tenderpack``."""

from tenderpack.cli import main

raise SystemExit(main())
