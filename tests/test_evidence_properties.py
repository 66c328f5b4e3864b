"""Shuffling rows, duplicating a file or splitting records across files never changes the counts."""

from __future__ import annotations

import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.test_evidence_support import CALLS_SOURCE, call, followups_csv, make_case, outcome

SETTINGS = settings(
    max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
ROW = st.builds(
    lambda n, day, seconds, who, channel: call(n, when=f"2015-03-{day:02d} 10:00", seconds=seconds,
                                               who=who, channel=channel, customer=f"客户{n % 5}"),
    st.integers(1, 30), st.integers(1, 28), st.sampled_from([30, 60, 200, "约90秒"]),
    st.sampled_from(["张伟", "赵敏"]), st.sampled_from(["电话", "微信"]),
)  # fmt: skip


def counts_of(tmp_path, files: list[list[list]]):
    case_dir = make_case(tmp_path, CALLS_SOURCE)
    for index, rows in enumerate(files):
        (case_dir / "records" / f"part{index}.csv").write_bytes(followups_csv(rows))
    totals, _ = outcome(case_dir)
    return totals


@SETTINGS
@given(st.lists(ROW, min_size=1, max_size=25), st.randoms(use_true_random=False))
def test_shuffling_duplicating_and_splitting_keep_the_counts(
    tmp_path_factory, rows, rng: random.Random
):
    """One file, the rows shuffled, split across files, or the file given twice: the same counts."""
    base = counts_of(tmp_path_factory.mktemp("one"), [rows])
    shuffled = rows[:]
    rng.shuffle(shuffled)
    cut = rng.randint(0, len(rows))
    variants = [[shuffled], [shuffled[:cut], shuffled[cut:]], [rows, rows]]
    for variant in variants:
        assert counts_of(tmp_path_factory.mktemp("variant"), variant) == base
