"""Subcommands of the ``okrkit`` command, one module each (see okrkit.cli)."""
