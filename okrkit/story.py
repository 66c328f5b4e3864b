"""The workbook's storyline: its chapters, and the deck's narrative as data.

Each chapter is one notebook in ``notebooks/``; its title, goal and time live
here once, and ``scripts/make_nav.py`` writes them into each notebook's header
and navigation, while the start notebook shows them as the table of contents.
The deck's argument (a bare KPI says *what*, OKR adds the key processes that say
*how*) is kept here as bilingual data so notebooks only display it.

Pure: imports pandas only inside the functions that build tables.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from okrkit.i18n import check_lang, t
from okrkit.model import KINDS, Case, KeyResult, Kpi, Objective, Team, Text

if TYPE_CHECKING:
    import pandas as pd


@dataclass(frozen=True)
class Chapter:
    """One notebook of the workbook: file stem, title, goal and minutes in a workshop."""

    stem: str
    title: Text
    goal: Text
    minutes: int

    @property
    def number(self) -> str:
        """The two-digit number the file name starts with ('02')."""
        return self.stem.split("-", 1)[0]

    @property
    def filename(self) -> str:
        """The notebook's file name in ``notebooks/``."""
        return f"{self.stem}.ipynb"


CHAPTERS: tuple[Chapter, ...] = (
    Chapter(
        "00-start-here",
        Text("从这里开始", "Start here"),
        Text(
            "了解这本练习册是什么、在工作坊里怎么用、怎样切换中英文。",
            "Learn what this workbook is, how to use it in a workshop and how to switch language.",
        ),
        5,
    ),
    Chapter(
        "01-why-okr",
        Text("传统企业为什么要用OKR", "Why OKR in a traditional enterprise"),
        Text(
            "回答Kate的疑问：只给一个KPI（“销售额达到100万”）为什么不够，OKR补上了什么。",
            "Answer Kate's question: why a bare KPI ('sales reach 1 million') is not enough,"
            " and what OKR adds.",
        ),
        15,
    ),
    Chapter(
        "02-a-company-target",
        Text("A公司和它的8000万指标", "Company A and its 80-million target"),
        Text(
            "读懂总经理OKR计划表，亲手填上课件留下的空白并设定权重。",
            "Read the general manager's OKR table, then fill the deck's blanks and set the"
            " weights yourself.",
        ),
        25,
    ),
    Chapter(
        "03-cascade-to-sales",
        Text("目标之后做分解：销售部", "After the objectives, the cascade: the sales department"),
        Text(
            "看总经理的目标怎样分解到销售部，检查对齐关系和指标之和。",
            "See how the general manager's objectives cascade to the sales department, and"
            " check the alignment and the sum of the targets.",
        ),
        20,
    ),
    Chapter(
        "04-results-into-processes",
        Text("结果细分成过程：销售岗位", "Results become processes: the sales position"),
        Text(
            "用倒推漏斗把销售额算成每周的电话、每月的拜访和项目机会。",
            "Use the reverse funnel to turn a sales target into calls a week and visits and"
            " opportunities a month.",
        ),
        30,
    ),
    Chapter(
        "05-weights-steer-behaviour",
        Text("权重引导行为", "Weights steer behaviour"),
        Text(
            "调整权重，看同一个销售的得分怎样随之改变，以及减分项的作用。",
            "Move the weights and watch the same rep's score change; see what the deduction"
            " item does.",
        ),
        25,
    ),
    Chapter(
        "06-chip-market-share",
        Text("芯片市场占有率：把KPI变成O", "Chip market share: turning a KPI into an O"),
        Text(
            "把“市场占有率提升5%”变成一个目标，并和团队一起推出关键成果。",
            "Turn 'raise market share by 5 points' into an objective and derive its key"
            " results together with the team.",
        ),
        20,
    ),
    Chapter(
        "07-review",
        Text("期末复盘：打分与评级", "Review at the end of the period: scores and grades"),
        Text(
            "录入实际完成情况，计算得分和等级，并了解谷歌的0–1评分法。",
            "Enter the actual results, compute scores and grades, and meet Google's 0–1 scale.",
        ),
        25,
    ),
    Chapter(
        "08-your-own-team",
        Text("你自己的团队", "Your own team"),
        Text(
            "从空白开始起草你团队的OKR，并让教练检查。",
            "Draft your own team's OKRs from a blank table and have the coach check them.",
        ),
        30,
    ),
)


def chapter(stem: str) -> Chapter:
    """The chapter whose notebook is ``stem`` (KeyError naming the known stems)."""
    for item in CHAPTERS:
        if item.stem == stem:
            return item
    known = ", ".join(c.stem for c in CHAPTERS)
    raise KeyError(f"no chapter {stem!r}; chapters: {known}")


def contents_table(lang: str = "zh", folder: str | Path | None = None) -> pd.DataFrame:
    """The table of contents: number, title, goal and minutes of each chapter.

    >>> int(contents_table("en")["Minutes"].sum())
    195

    With ``folder``, only the chapters whose notebook is in that folder are
    listed. Notice the minutes: the whole workbook is a day's workshop.
    """
    import pandas as pd

    check_lang(lang)
    chosen = [c for c in CHAPTERS if folder is None or (Path(folder) / c.filename).exists()]
    rows = [
        {
            t("story.col.no", lang): c.number,
            t("story.col.chapter", lang): c.title.get(lang),
            t("story.col.goal", lang): c.goal.get(lang),
            t("story.col.minutes", lang): c.minutes,
        }
        for c in chosen
    ]
    return pd.DataFrame(rows)


# The deck's argument, row by row: what a bare KPI gives a salesperson, and what
# OKR adds. Every cell paraphrases the deck (slides "采用此方法的原因" and
# "OKR将KPI分解成结果的关键过程"); nothing is invented beyond translation.
KPI_VS_OKR: tuple[tuple[Text, Text, Text], ...] = (
    (
        Text("告诉员工什么", "What it tells the employee"),
        Text("要达到的结果", "The result to reach"),
        Text("结果，以及产生结果的关键过程", "The result, and the key processes that produce it"),
    ),
    (
        Text("例子", "Example"),
        Text("销售额达到100万", "Sales reach 1 million"),
        Text(
            "每周100个有效电话；每月拜访新客户20家；每月新增项目机会20个；销售指标完成率100%",
            "100 effective calls a week; visit 20 new customers a month; 20 new project"
            " opportunities a month; sales target 100% reached",
        ),
    ),
    (
        Text("新员工的感受", "How a new employee feels"),
        Text(
            "头顶上有一个紧箍咒：一定要达到结果，但是怎么达到？我不懂啊",
            "A tight band around the head: the result must be reached, but how? I don't know",
        ),
        Text("有了KR，员工知道怎么做了", "With the KRs, the employee knows what to do"),
    ),
    (
        Text("考核什么", "What is assessed"),
        Text("只有结果", "Only the result"),
        Text(
            "核心过程成为指标，并且有权重",
            "The core processes become measures, and they carry weight",
        ),
    ),
    (
        Text("怎样制定", "How it is set"),
        Text("自上而下下达", "Handed down from above"),
        Text(
            "管理层和员工沟通后共同得出",
            "Derived together by managers and employees in conversation",
        ),
    ),
)


def kpi_vs_okr(lang: str = "zh") -> pd.DataFrame:
    """The deck's comparison of a bare KPI with OKR, as a three-column table.

    >>> kpi_vs_okr("en").columns.tolist()
    ['', 'KPI only', 'OKR']

    Notice the example row: the same 1 million, with and without the "how".
    """
    import pandas as pd

    check_lang(lang)
    columns = ["", t("story.col.kpi", lang), t("story.col.okr", lang)]
    rows = [[cell.get(lang) for cell in row] for row in KPI_VS_OKR]
    return pd.DataFrame(rows, columns=columns)


def kind_summary(team: Team, lang: str = "zh") -> pd.DataFrame:
    """How many KRs of each kind (result, process, deduction) a table has, and their weight.

    >>> from okrkit import load_case
    >>> rep = load_case("cases/a-company").team("rep-zhang")
    >>> kind_summary(rep, "en")["Weight"].tolist()
    [45.0, 55.0, 0.0]

    Notice that the sales rep's process KRs carry more weight than the result
    KRs: the deck's "核心过程成指标，还要注意有权重".
    """
    import pandas as pd

    check_lang(lang)
    rows = []
    for kind in KINDS:
        krs = [kr for _, kr in team.key_results() if kr.kind == kind]
        if not krs:
            continue
        weight = sum(kr.weight or 0.0 for kr in krs if not kr.is_deduction)
        rows.append(
            {
                t("story.col.kind", lang): t(f"kind.{kind}", lang),
                t("story.col.count", lang): len(krs),
                t("story.col.weight", lang): float(weight),
            }
        )
    return pd.DataFrame(rows)


def teams_table(case: Case, lang: str = "zh") -> pd.DataFrame:
    """The case's teams: id, name, level, the team above and its sales target.

    >>> from okrkit import load_case
    >>> teams_table(load_case("cases/a-company"), "en")["Team above"].tolist()[:3]
    ['', 'gm', 'gm']

    Notice the parent column: it is what makes the tables a cascade. The
    sales-target column is left out when no team has one.
    """
    import pandas as pd

    check_lang(lang)
    unit = case.kpi.unit.get(lang)
    rows = [
        {
            t("story.col.team_id", lang): team.id,
            t("story.col.team", lang): team.name.get(lang),
            t("story.col.level", lang): t(f"level.{team.level}", lang),
            t("story.col.parent", lang): team.parent or "",
            t("story.col.sales_target", lang, unit=unit): team.sales_target,
        }
        for team in case.teams.values()
    ]
    frame = pd.DataFrame(rows)
    target_col = frame.columns[-1]
    frame[target_col] = frame[target_col].astype("Float64")
    # A case whose KPI is not sales (market share) has no sales targets to show.
    return frame.drop(columns=target_col) if frame[target_col].isna().all() else frame


def feeds_table(team: Team, lang: str = "zh") -> pd.DataFrame:
    """Each result KR with the process KRs that feed it, and the weight of both.

    >>> from okrkit import load_case
    >>> rep = load_case("cases/a-company").team("rep-zhang")
    >>> feeds_table(rep, "en")["Processes"].tolist()[0]
    'KR1.1, KR1.2, KR1.3'

    Notice the weights side by side: the processes that produce a result can
    carry more points than the result itself.
    """
    import pandas as pd

    check_lang(lang)
    krs = [kr for _, kr in team.key_results()]
    rows = []
    for result in (kr for kr in krs if kr.kind == "result"):
        feeding = [kr for kr in krs if kr.kind == "process" and kr.feeds == result.id]
        rows.append(
            {
                t("story.col.result", lang): f"{result.id} {result.text.get(lang)}",
                t("story.col.result_weight", lang): result.weight,
                t("story.col.processes", lang): ", ".join(kr.id for kr in feeding),
                t("story.col.process_weight", lang): float(sum(kr.weight or 0 for kr in feeding)),
            }
        )
    frame = pd.DataFrame(rows)
    if not frame.empty:
        column = t("story.col.result_weight", lang)
        frame[column] = frame[column].astype("Float64")
    return frame


def example_draft() -> Team:
    """A worked draft for chapter 08: a customer-service department under A公司's GM.

    >>> team = example_draft()
    >>> team.total_weight(), [kr.kind for _, kr in team.key_results()]
    (100.0, ['result', 'result', 'process', 'process'])

    Notice every KR has a number, a direction and a weight, each process names
    the result it feeds, and the objective names the GM objective it supports:
    what the coach asks of a draft.
    """
    percent = Text("%", "%")
    krs = (
        KeyResult(
            "KR1.1",
            Text(
                "老客户续约率由80%提升到90%", "Renewal rate of existing customers from 80% to 90%"
            ),
            kind="result",
            weight=35.0,
            target=90.0,
            baseline=80.0,
            direction="increase",
            unit=percent,
        ),
        KeyResult(
            "KR1.2",
            Text(
                "老客户推荐的新项目机会12个", "12 new project opportunities referred by customers"
            ),
            kind="result",
            weight=25.0,
            target=12.0,
            direction="at_least",
            unit=Text("个", "opportunities"),
        ),
        KeyResult(
            "KR1.3",
            Text(
                "每月回访重点客户30家（以回访记录为准）",
                "Call on 30 key customers a month (visit log)",
            ),
            kind="process",
            weight=25.0,
            target=30.0,
            direction="at_least",
            cadence="month",
            unit=Text("家", "customers"),
            evidence=Text("以回访记录为准", "visit log"),
            feeds="KR1.1",
        ),
        KeyResult(
            "KR1.4",
            Text("客户问题24小时内响应率100%", "100% of customer issues answered within 24 hours"),
            kind="process",
            weight=15.0,
            target=100.0,
            direction="at_least",
            unit=percent,
            feeds="KR1.1",
        ),
    )
    objective = Objective(
        "O1",
        Text("让老客户愿意续约和推荐", "Make existing customers renew and refer us"),
        Text("老客户续约率达到90%", "Renewal rate reaches 90%"),
        key_results=krs,
        supports="O1",
    )
    return Team(
        "service",
        Text("客户服务部", "Customer service department"),
        "department",
        parent="gm",
        objectives=(objective,),
    )


def _objective_label(case: Case, team_id: str, objective_id: str, lang: str) -> str:
    team = case.team(team_id)
    return f"{team.name.get(lang)} {objective_id} {team.objective(objective_id).title.get(lang)}"


def alignment_table(case: Case, team_id: str, lang: str = "zh") -> pd.DataFrame:
    """Each objective of ``team_id`` with the objectives of the teams below that support it.

    >>> from okrkit import load_case
    >>> table = alignment_table(load_case("cases/a-company"), "gm", "en")
    >>> table.iloc[0, 1].split("; ")[0]
    'Sales department O1 Reach the sales target'

    Notice the GM's O1 has three supporters (two in sales, one in finance); an
    objective nobody below supports would show an empty cell.
    """
    import pandas as pd

    from okrkit.align import supported_by

    check_lang(lang)
    rows = [
        {
            t("story.col.objective", lang): _objective_label(case, team_id, objective_id, lang),
            t("story.col.supported_by", lang): "; ".join(
                _objective_label(case, child, child_objective, lang)
                for child, child_objective in supporters
            ),
        }
        for objective_id, supporters in supported_by(case, team_id).items()
    ]
    return pd.DataFrame(rows)


def support_chain(case: Case, team_id: str, objective_id: str, lang: str = "zh") -> str:
    """One objective's line of support up to the top, as one readable line.

    >>> from okrkit import load_case
    >>> support_chain(load_case("cases/a-company"), "rep-zhang", "O1", "en").split(" → ")[-1]
    'General manager O1 Keep the business growing'
    """
    from okrkit.align import supports_path

    check_lang(lang)
    chain = supports_path(case, team_id, objective_id)
    return " → ".join(_objective_label(case, team, objective, lang) for team, objective in chain)


def kpi_line(kpi: Kpi, lang: str = "zh") -> str:
    """The KPI as a room reads it: what, from where, to where, in which unit.

    >>> from okrkit import load_case
    >>> kpi_line(load_case("cases/a-company").kpi, "en")
    '2015 sales target: 6400 → 8000 10k RMB'
    """
    check_lang(lang)

    def shown(value: float | None) -> str:
        return "?" if value is None else f"{value:g}"

    unit = kpi.unit.get(lang)
    colon = "：" if lang == "zh" else ": "
    return f"{kpi.text.get(lang)}{colon}{shown(kpi.baseline)} → {shown(kpi.target)} {unit}".rstrip()
