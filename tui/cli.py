"""The ``rehab-tui`` command line.

Each subcommand lives in ``tui/commands/<name>.py`` with ``add_parser(subparsers)`` and
``run(args) -> int``; they are imported only when chosen, so ``status`` or ``export`` never
pay for Textual. Errors are one line on stderr: exit 1, or 2 for usage; never a traceback.
"""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path
from types import SimpleNamespace
from typing import TYPE_CHECKING

if TYPE_CHECKING:  # argparse loads in build_parser: `status` in a prompt goes without it
    import argparse

#: Subcommand → module under tui.commands, in the order `--help` lists them.
COMMANDS = {
    "status": "status",
    "suggest": "suggest",
    "report": "report",
    "export": "export",
    "import": "import_",
    "demo": "demo",
}
OUR_PACKAGES = ("catalogue", "journal")


def __getattr__(name: str) -> object:
    """``from tui.cli import add_db_option``, as commands did before it moved to
    ``tui.commands.options`` (imported only when asked for: not on the start-up path)."""
    if name == "add_db_option":
        from tui.commands.options import add_db_option

        return add_db_option
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _foreign_package() -> str | None:
    """If another distribution's ``catalogue``/``journal`` shadows ours, say which.

    ``catalogue`` is a spaCy dependency and ``journal``/``tui`` are common names on PyPI:
    installing rehab-tui into a shared environment can leave the wrong one first on sys.path.
    """
    import importlib.util

    home = Path(__file__).resolve().parent.parent
    for name in OUR_PACKAGES:
        spec = importlib.util.find_spec(name)
        origin = Path(spec.origin).resolve() if spec and spec.origin else None
        if origin is None or origin.parent.parent != home:
            where = origin.parent if origin else "nowhere"
            return (
                f"rehab-tui: the package '{name}' found at {where} is not rehab-tui's "
                f"(another distribution shadows it); install rehab-tui in its own virtualenv "
                f"or with pipx"
            )
    return None


def build_parser() -> argparse.ArgumentParser:
    import argparse

    from tui import __version__

    class _Parser(argparse.ArgumentParser):
        def error(self, message: str) -> None:  # one line, exit 2
            self.exit(2, f"rehab-tui: {message} (see rehab-tui --help)\n")

    parser = _Parser(
        prog="rehab-tui",
        description="Guided exercise routines and a symptom journal for hand and neck nerve rehab.",
        epilog="Not medical advice. In an emergency call your local emergency number.",
    )
    parser.add_argument("--version", action="version", version=f"rehab-tui {__version__}")
    parser.add_argument(
        "--db",
        metavar="PATH",
        help="journal file (default: $REHAB_TUI_DB, else the per-user data directory)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)
    for module_name in COMMANDS.values():
        importlib.import_module(f"tui.commands.{module_name}").add_parser(sub)
    return parser


def _log_crash() -> Path | None:
    import traceback

    try:
        import platformdirs

        log = platformdirs.user_state_path("rehab-tui") / "crash.log"
        log.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
        with open(log, "a", encoding="utf-8") as fh:
            traceback.print_exc(file=fh)
        return log
    except Exception:  # noqa: BLE001 - never let crash logging crash
        return None


def _paths_print_as_given() -> None:
    """A file name that is not UTF-8 (``-o $'caf\\xe9.csv'``) reaches Python as lone surrogates;
    "Wrote …" must print it back as the same bytes, not fail with UnicodeEncodeError under a
    UTF-8 locale (where stdout is strict). Data written to stdout is valid UTF-8 anyway."""
    reconfigure = getattr(sys.stdout, "reconfigure", None)
    if reconfigure is not None and (sys.stdout.encoding or "").lower().replace("-", "") == "utf8":
        reconfigure(errors="surrogateescape")


def _os_problem(err: OSError) -> str:
    from journal.store.faults import printable

    name = err.filename
    what = printable(os.fsdecode(name)) if isinstance(name, (str, bytes, os.PathLike)) else ""
    if len(what) > 120:
        what = what[:60] + "…" + what[-40:]
    reason = err.strerror or str(err)
    return f"cannot use {what}: {reason}" if what else reason


def _quick_args(argv: list[str]) -> SimpleNamespace | None:
    """The two command lines run most and most wanting speed — the app itself and ``status``
    (a shell prompt runs it every few seconds) — with at most ``--db PATH``, read without
    importing argparse and every subcommand's parser. None for anything else."""
    command = "status" if "status" in argv else None
    rest = [a for a in argv if a != "status"]
    if len(argv) - len(rest) > 1:
        return None
    if not rest:
        return SimpleNamespace(command=command, db=None)
    if len(rest) == 1 and rest[0].startswith("--db=") and rest[0] != "--db=":
        return SimpleNamespace(command=command, db=rest[0][len("--db=") :])
    # `--db PATH` as two words, with `status` (if any) before or after them, not between
    between = command is not None and argv.index("status") == 1
    if len(rest) == 2 and rest[0] == "--db" and not rest[1].startswith("-") and not between:
        return SimpleNamespace(command=command, db=rest[1])
    return None


def main(argv: list[str] | None = None) -> int:
    foreign = _foreign_package()
    if foreign:
        print(foreign, file=sys.stderr)
        return 1
    from journal.errors import InvalidValue, JournalError
    from journal.store.faults import printable

    _paths_print_as_given()
    words = sys.argv[1:] if argv is None else list(argv)
    args = _quick_args(words) or build_parser().parse_args(words)
    try:
        if args.command is None:
            from tui.launch import run_app

            return run_app(args.db)
        module = importlib.import_module(f"tui.commands.{COMMANDS[args.command]}")
        return module.run(args)
    except (JournalError, InvalidValue) as err:
        print(f"rehab-tui: {printable(str(err))}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # The reader of our output went away (e.g. `| head`): not an error worth a message.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
    except OSError as err:  # the file system said no (a name too long, a disk gone): not a bug
        print(f"rehab-tui: {_os_problem(err)}", file=sys.stderr)
        return 1
    except Exception as err:  # noqa: BLE001 - last line of defence: no tracebacks for users
        log = _log_crash()
        where = f"; details in {log}" if log else ""
        print(f"rehab-tui: unexpected error: {printable(str(err))}{where}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
