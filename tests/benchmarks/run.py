"""``python -m tests.benchmarks``: generate the journals, run B1–B9, print medians and ratios.

Not part of the normal test run (nothing here is collected by pytest). Needs tmux and the
sqlite3 command-line shell. Run it from the repository root with the project's virtualenv:

    python -m tests.benchmarks                 # every benchmark, 5 runs each
    python -m tests.benchmarks --only B1,B6    # some of them
    python -m tests.benchmarks --runs 9 --markdown   # also print the table as Markdown

The journals are made once (a few seconds; the million-set one about half a minute) into
tests/benchmarks/.cache and reused the same day. Exit status 1 if any ratio misses its target.
"""

from __future__ import annotations

import argparse
import os
import platform
import sqlite3
import sys
import time
from collections.abc import Callable

from tests.benchmarks import cases, terminal
from tests.benchmarks.common import Bench

BENCHMARKS: dict[str, Callable[[Bench], object]] = {
    "B1": cases.b1_first_paint,
    "B2": cases.b2_journal,
    "B3": cases.b3_history,
    "B4": cases.b4_export,
    "B5": cases.b5_log_set,
    "B6": cases.b6_status,
    "B7": cases.b7_memory,
    "B8": cases.b8_backup,
    "B9": cases.b9_fhir,
}


def machine() -> str:
    cpu = "unknown CPU"
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            cpu = next((ln.split(":", 1)[1].strip() for ln in fh if ln.startswith("model name")), cpu)
    except OSError:
        pass
    import textual

    return (
        f"{os.cpu_count()} cores ({cpu}), {platform.system()} {platform.release()}, "
        f"Python {platform.python_version()}, SQLite {sqlite3.sqlite_version}, "
        f"Textual {textual.__version__}"
    )


def load() -> str:
    return " ".join(f"{x:.2f}" for x in os.getloadavg())


def fmt(value: float, unit: str) -> str:
    if unit == "s":
        return f"{value * 1000:.0f} ms" if value < 10 else f"{value:.1f} s"
    if unit == "ms":
        return f"{value:.2f} ms"
    return f"{value:.1f} {unit}"


def table(results: list[cases.Result], markdown: bool) -> str:
    head = ("", "benchmark", "rehab-tui", "yardstick", "ratio", "target", "")
    rows = [
        (r.key, r.what, fmt(r.app, r.unit), f"{fmt(r.base, r.unit)} ({r.base_label})",
         f"{r.ratio:.2f}", f"≤ {r.target}", "ok" if r.ok else "MISSED")
        for r in results
    ]  # fmt: skip
    if markdown:
        lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
        lines += ["| " + " | ".join(row) + " |" for row in rows]
        return "\n".join(lines)
    widths = [max(len(str(row[i])) for row in [head, *rows]) for i in range(len(head))]
    return "\n".join(
        "  ".join(str(cell).ljust(w) for cell, w in zip(row, widths)).rstrip()
        for row in [head, *rows]
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.benchmarks", description=__doc__.split("\n")[0])
    parser.add_argument("--runs", type=int, default=5, help="runs of each benchmark (default 5)")
    parser.add_argument("--only", help="comma-separated benchmarks, e.g. B1,B4")
    parser.add_argument("--markdown", action="store_true", help="also print a Markdown table")
    args = parser.parse_args(argv)
    chosen = [k.strip().upper() for k in args.only.split(",")] if args.only else list(BENCHMARKS)
    unknown = [k for k in chosen if k not in BENCHMARKS]
    if unknown:
        parser.error(f"unknown benchmark {', '.join(unknown)}; choose from {', '.join(BENCHMARKS)}")
    bench = Bench(runs=max(args.runs, 1), log=lambda msg: print(msg, file=sys.stderr, flush=True))
    print(f"machine: {machine()}", flush=True)
    print(f"load average before: {load()}", flush=True)
    bench.prepare()
    results: list[cases.Result] = []
    started = time.monotonic()
    try:
        for key in chosen:
            print(f"{key} …", file=sys.stderr, flush=True)
            out = BENCHMARKS[key](bench)
            for result in out if isinstance(out, tuple) else (out,):
                results.append(result)
                print(f"  {result.key} {result.what}: {fmt(result.app, result.unit)} vs "
                      f"{fmt(result.base, result.unit)} → {result.ratio:.2f}", file=sys.stderr, flush=True)  # fmt: skip
    finally:
        terminal.shutdown()
    print(f"load average after: {load()}  ({time.monotonic() - started:.0f} s, "
          f"median of {bench.runs} runs each, interleaved)")  # fmt: skip
    print(table(results, markdown=False))
    if args.markdown:
        print()
        print(table(results, markdown=True))
    return 0 if all(r.ok for r in results) else 1
