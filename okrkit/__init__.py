"""okrkit: a coaching workbook for OKRs in traditional enterprises.

The names a trainer types in a notebook::

    import okrkit
    case = okrkit.load_case("cases/a-company")
    okrkit.plan_table(case.team("sales"), lang="en")

``import okrkit`` loads only the pure core (no matplotlib, ipywidgets or
papermill); charts, widgets and reports are imported from their modules.
"""

from okrkit.cases import load_case
from okrkit.errors import CaseError, OkrkitError, Problem
from okrkit.model import Case, KeyResult, Objective, Team, Text
from okrkit.tables import plan_table

__all__ = [
    "Case",
    "CaseError",
    "KeyResult",
    "Objective",
    "OkrkitError",
    "Problem",
    "Team",
    "Text",
    "load_case",
    "plan_table",
]
__version__ = "0.1.0"
