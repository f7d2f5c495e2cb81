"""``rehab-tui suggest [--json]``: today's progression suggestions, each with its rule and reason."""

from __future__ import annotations

import argparse


def add_parser(sub: argparse._SubParsersAction) -> None:
    from tui.commands.options import add_db_option

    p = sub.add_parser(
        "suggest",
        help="today's progression suggestions, with reasons",
        description="One suggestion per exercise (STOP, ACUTE, REGRESS, HOLD or PROGRESS), the "
        "rule that fired and the numbers behind it. Not medical advice.",
    )
    p.add_argument("--json", action="store_true", help="a JSON list of objects instead of text")
    add_db_option(p)


def format_text(suggestions: list) -> str:  # list[Suggestion]
    from journal.rules.progression import by_urgency

    width = max((len(s.decision) for s in suggestions), default=0)
    lines = []
    for s in by_urgency(suggestions):
        mark = {"pending": "  (waiting for your decision)", "declined": "  (declined)"}.get(
            s.status, ""
        )
        lines.append(f"{s.decision:<{width}}  {s.sentence}  [{s.rule}]{mark}")
    return "\n".join(lines)


def run(args: argparse.Namespace) -> int:
    import json

    from journal.clock import now_local
    from journal.store.gather import suggestions
    from tui.commands.common import open_existing

    with open_existing(args.db) as (journal, catalogue):
        found = suggestions(journal, catalogue, now_local().date())
    if args.json:
        print(json.dumps([s.as_json() for s in found], ensure_ascii=False, indent=2))
    elif found:
        print(format_text(found))
    else:
        print("No exercises in use yet: nothing to suggest.")
    return 0
