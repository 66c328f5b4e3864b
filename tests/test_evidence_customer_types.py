"""The CRM's customer types are worked out only when a visit rule asks for new or old customers."""

from __future__ import annotations

from okrkit import load_case
from okrkit.evidence.count import kr_actuals
from okrkit.evidence.run import evaluate
from tests.conftest import replace_in

NEW_VISITS = "{stage: visits, count: visits, customer: new}"


def _visits_and_tables(case_dir):
    with evaluate(load_case(case_dir), "2015") as run:
        visits = {a["team"]: a["total"] for a in kr_actuals(run) if a["rule"].count == "visits"}
        tables = {
            r[0] for r in run.con.execute("SELECT table_name FROM duckdb_tables()").fetchall()
        }
    return visits, tables


def test_visits_to_any_customer_are_counted_without_customer_types(worked_case_dir):
    """customer: any counts every rep's visits and never builds table customer_types."""
    replace_in(worked_case_dir / "case.yaml", NEW_VISITS, NEW_VISITS.replace("new", "any"))
    visits, tables = _visits_and_tables(worked_case_dir)
    assert visits and all(n > 0 for n in visits.values())
    assert "customer_types" not in tables


def test_visits_to_new_customers_build_the_customer_types(worked_case_dir):
    """customer: new (the shipped rule) builds customer_types and counts fewer visits than any."""
    new, tables = _visits_and_tables(worked_case_dir)
    replace_in(worked_case_dir / "case.yaml", NEW_VISITS, NEW_VISITS.replace("new", "any"))
    any_, _ = _visits_and_tables(worked_case_dir)
    assert "customer_types" in tables
    assert all(new[t] < any_[t] for t in new)
