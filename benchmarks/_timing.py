"""Timing helpers shared by the benchmark scripts: medians, p95, ratios to a floor."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time


def sample(function, repeat: int) -> list[float]:
    """Run ``function`` ``repeat`` times; return the durations in seconds."""
    times = []
    for _ in range(repeat):
        start = time.perf_counter()
        function()
        times.append(time.perf_counter() - start)
    return times


def process_time(code: str, repeat: int) -> list[float]:
    """Wall time of ``python -c code`` in fresh processes."""
    return sample(lambda: subprocess.run([sys.executable, "-c", code], check=True), repeat)


def p95(times: list[float]) -> float:
    """The 95th percentile of ``times``."""
    ordered = sorted(times)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def report(label: str, times: list[float], floor: float | None = None) -> str:
    """One line: median, p95 and (when given) the median as a multiple of the floor."""
    median = statistics.median(times)
    line = f"{label:<44} median {median * 1000:8.1f} ms   p95 {p95(times) * 1000:8.1f} ms"
    if floor:
        line += f"   = {median / floor:5.2f} x floor"
    return line
