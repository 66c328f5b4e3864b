"""How long `import okrkit` takes, as a multiple of starting Python at all.

FLOOR is `python -c pass` measured in the same run, so the ratio means the
same on a fast and on a noisy machine. Run: `.venv/bin/python benchmarks/bench_import.py`.
"""

from __future__ import annotations

import statistics
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _timing import process_time, report

REPEAT = 15
CASES = {
    "floor: python -c pass": "pass",
    "import okrkit": "import okrkit",
    "okrkit.load_case(worked case)": "import okrkit; okrkit.load_case('cases/a-company')",
    "import pandas (for scale)": "import pandas",
    "import okrkit.charts": "import okrkit.charts",
}


def main() -> None:
    results = {label: process_time(code, REPEAT) for label, code in CASES.items()}
    floor = statistics.median(results["floor: python -c pass"])
    for label, times in results.items():
        print(report(label, times, floor))


if __name__ == "__main__":
    main()
