"""The errors users meet, shared by every layer: each carries one line that names the input
and the problem (the command line prints it and exits 2)."""

from __future__ import annotations


class ConfigError(Exception):
    """Bad configuration or a rule source that cannot be loaded; the CLI exits 2."""
