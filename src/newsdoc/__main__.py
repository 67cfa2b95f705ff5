"""``python -m newsdoc``: the ``newsdoc`` command."""

from __future__ import annotations

import sys

from newsdoc.cli import main

sys.exit(main())
