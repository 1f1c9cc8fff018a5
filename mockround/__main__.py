"""`python -m mockround` runs the same entry point as the `mockround` script."""

from mockround.cli import main

raise SystemExit(main())
