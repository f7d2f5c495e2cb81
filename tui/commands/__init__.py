"""One module per subcommand: ``add_parser(subparsers)`` and ``run(args) -> int``.

Modules here import only argparse at import time; anything heavy goes inside ``run``.
None of them may import textual (tests/tui/test_imports.py checks at run time; the import
contracts in pyproject.toml check every import, lazy ones included).
"""
