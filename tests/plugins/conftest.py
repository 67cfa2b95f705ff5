"""The fixture distributions under ``site/`` are put on ``sys.path`` by the plugin tests;
pytest must not import them itself (one of them fails to import, on purpose)."""

from __future__ import annotations

collect_ignore_glob = ["site/*"]
