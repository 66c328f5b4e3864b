"""Benchmark: one slider move in the weight tuner -> rebalanced weights + redrawn chart.

Drives the real WeightTuner (keep-100 mode, the worked sales table, the case's
5-point floor) headlessly through 50 slider changes and times each change
end to end: rebalance, O分值 and total labels, hints, chart update and PNG.

Figures are printed as ratios to floors measured in the same run, because
absolute times depend on the machine and its load:

* render floor: draw and PNG-encode an empty figure of the same size — the
  least any chart redraw can cost;
* widget floor: set the value of an IntSlider with no observer — the least
  any slider move can cost.

Target (issue 4): median <= 50 ms per change. Run: .venv/bin/python benchmarks/bench_weights.py
"""

from __future__ import annotations

import io
import statistics
import sys
import time
from pathlib import Path

import ipywidgets as widgets
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from PIL import Image

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from okrkit import load_case  # noqa: E402
from okrkit.weights import rebalance_weights  # noqa: E402
from okrkit.widgets.tuner import KEEP, WeightTuner  # noqa: E402

CHANGES = 50


CPU: list[float] = []  # process CPU seconds of the last timed() run, call by call


def timed(action, repeat: int) -> list[float]:
    """Wall seconds per call of ``action(i)`` for i in range(repeat); CPU seconds go to CPU."""
    times = []
    CPU.clear()
    for i in range(repeat):
        start, cpu = time.perf_counter(), time.process_time()
        action(i)
        times.append(time.perf_counter() - start)
        CPU.append(time.process_time() - cpu)
    return times


def p95(values: list[float]) -> float:
    return statistics.quantiles(values, n=20)[-1]


def main() -> None:
    case = load_case(ROOT / "cases" / "a-company")
    team = case.team("sales")
    tuner = WeightTuner(team, case, lang="zh", mode=KEEP)
    kr_ids = list(tuner.sliders)
    # Alternate KRs and values so every change really moves weights.
    plan = [(kr_ids[i % len(kr_ids)], 8 + (i * 7) % 30) for i in range(CHANGES)]

    def move(i: int) -> None:
        kr_id, value = plan[i]
        if tuner.sliders[kr_id].value == value:
            value += 1
        tuner.sliders[kr_id].value = value

    tuner.sliders[kr_ids[0]].value = 20  # warm up caches (fonts, glyphs)
    changes = timed(move, CHANGES)
    changes_cpu = list(CPU)

    size = tuner.weights_chart.figure.get_size_inches()
    empty = Figure(figsize=size, dpi=tuner.weights_chart.figure.dpi)
    FigureCanvasAgg(empty)
    empty.add_subplot()

    def render_empty(_i: int) -> None:
        empty.canvas.draw()
        w, h = empty.canvas.get_width_height()
        Image.frombuffer("RGBA", (w, h), empty.canvas.buffer_rgba()).save(
            io.BytesIO(), format="png", compress_level=1
        )

    render_floor = timed(render_empty, CHANGES)
    render_cpu = list(CPU)
    bare = widgets.IntSlider(min=0, max=100)
    widget_floor = timed(lambda i: setattr(bare, "value", i % 100), CHANGES)
    pure = timed(lambda i: rebalance_weights(team, plan[i][0], plan[i][1], floor=5), CHANGES)

    median = statistics.median(changes)
    floor = statistics.median(render_floor)
    print(f"slider change -> rebalance + labels + hints + chart, {CHANGES} changes")
    print(f"  median {median * 1e3:7.2f} ms   p95 {p95(changes) * 1e3:7.2f} ms")
    print(f"  render floor (empty figure, draw + PNG): median {floor * 1e3:.2f} ms")
    print(
        f"  widget floor (bare IntSlider set):       median {statistics.median(widget_floor) * 1e6:.1f} us"
    )
    print(
        f"  pure rebalance_weights alone:            median {statistics.median(pure) * 1e3:.3f} ms"
    )
    print(f"  ratio median / render floor: {median / floor:.2f}x")
    print(f"  ratio p95 / render floor:    {p95(changes) / floor:.2f}x")
    cpu = statistics.median(changes_cpu)
    print(
        f"  CPU time of this process (leaves out waiting for a busy CPU): median {cpu * 1e3:.2f} ms,"
        f" p95 {p95(changes_cpu) * 1e3:.2f} ms; floor {statistics.median(render_cpu) * 1e3:.2f} ms"
    )
    print(
        f"  target median <= 50 ms: {'met' if median <= 0.05 else 'NOT met'} (wall), "
        f"{'met' if cpu <= 0.05 else 'NOT met'} (CPU) on this machine"
    )


if __name__ == "__main__":
    main()
