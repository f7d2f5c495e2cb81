"""``python -m tests.benchmarks.rss_cli FILE ARGS…``: ``rehab-tui ARGS…`` in this process, then
its peak resident memory (VmHWM, KiB) written to FILE.

Read from /proc/self rather than from the parent's ``wait4``: on Linux a child's ``ru_maxrss``
also counts the parent's memory at fork, and the benchmark runner is not small.
"""

import sys
from pathlib import Path

from tui.cli import main


def peak_kib() -> int:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    raise RuntimeError("no VmHWM in /proc/self/status")


if __name__ == "__main__":
    code = main(sys.argv[2:])
    Path(sys.argv[1]).write_text(str(peak_kib()))
    sys.exit(code)
