"""The workbook's storyline: its chapters, and the deck's narrative as data.

Each chapter is one notebook in ``notebooks/``; its title, goal and time live
here once, and ``scripts/make_nav.py`` writes them into each notebook's header
and navigation, while the start notebook shows them as the table of contents.
The deck's argument (a bare KPI says *what*, OKR adds the key processes that say
*how*) is kept here as bilingual data so notebooks only display it. So is the
workshop: each chapter's ``##`` sections (:data:`SECTIONS`), one slide each,
with their minutes and the trainer's speaker notes.

Pure: imports pandas only inside the functions that build tables.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from okrkit.i18n import check_lang, t
from okrkit.model import KINDS, Case, KeyResult, Kpi, Objective, Team, Text
from okrkit.numbers import wan_in_english

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
        "05-evidence-what-counts",
        Text("以打卡为准：过程KR的证据", "By the check-ins: the evidence for process KRs"),
        Text(
            "打开销售原样导出的打卡、跟进和商机记录，用被剔除的记录讲清什么才算数，"
            "再把每个人每周的有效电话和目标对照。",
            "Open the reps' check-in, follow-up and opportunity exports as they are, use the"
            " rejected records to teach what counts, and set each rep's weekly calls against"
            " the target.",
        ),
        25,
    ),
    Chapter(
        "06-calibrate-the-funnel",
        Text("用数据校准漏斗", "Calibrating the funnel from your own data"),
        Text(
            "用A公司2014年的记录估计漏斗每一环的比率和区间（每个人、部门和公司），找出该辅导的那一环，"
            "把建议的漏斗写成差异，并给出五成和八成把握所需的活动量。",
            "With Company A's 2014 records, estimate each stage's rate with its interval per rep,"
            " department and company, find the stage to coach, write the proposed funnel as a"
            " diff, and give the activity that makes the target an even chance and an 80% one.",
        ),
        25,
    ),
    Chapter(
        "07-weights-steer-behaviour",
        Text("权重引导行为", "Weights steer behaviour"),
        Text(
            "调整权重，看同一个销售的得分怎样随之改变，以及减分项的作用。",
            "Move the weights and watch the same rep's score change; see what the deduction"
            " item does.",
        ),
        25,
    ),
    Chapter(
        "08-chip-market-share",
        Text("芯片市场占有率：把KPI变成O", "Chip market share: turning a KPI into an O"),
        Text(
            "把“市场占有率提升5%”变成一个目标，并和团队一起推出关键成果。",
            "Turn 'raise market share by 5 points' into an objective and derive its key"
            " results together with the team.",
        ),
        20,
    ),
    Chapter(
        "09-through-the-year",
        Text(
            "一年之中：进展、节奏和月度复盘",
            "Through the year: check-ins, pace and the monthly review",
        ),
        Text(
            "用A公司2015年的进展记录，看应有进度（春节的低谷）、按规则判断的状态、预测和此后需要的速度，"
            "并做一次月度复盘。",
            "With Company A's 2015 check-ins, see the expected pace (the Spring Festival dip),"
            " status by rule, the forecast and the rate needed, and hold a monthly review.",
        ),
        30,
    ),
    Chapter(
        "10-review",
        Text("期末复盘：打分与评级", "Review at the end of the period: scores and grades"),
        Text(
            "录入实际完成情况，计算得分和等级，并了解谷歌的0–1评分法。",
            "Enter the actual results, compute scores and grades, and meet Google's 0–1 scale.",
        ),
        25,
    ),
    Chapter(
        "11-your-own-team",
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
    275

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
    """A worked draft for chapter 11: a customer-service department under A公司's GM.

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
    '2015 sales target: 64 million → 80 million RMB'

    Notice that English says an amount in 万元 in millions of RMB, as the case's texts do.
    """
    check_lang(lang)
    in_wan = lang == "en" and (kpi.unit.zh or "").strip() == "万元"

    def shown(value: float | None) -> str:
        if value is None:
            return "?"
        return wan_in_english(value) if in_wan else f"{value:g}"

    unit = "RMB" if in_wan else kpi.unit.get(lang)
    colon = "：" if lang == "zh" else ": "
    return f"{kpi.text.get(lang)}{colon}{shown(kpi.baseline)} → {shown(kpi.target)} {unit}".rstrip()


# -- the workshop: sections as slides, with timings and speaker notes


@dataclass(frozen=True)
class Section:
    """One ``##`` section of a chapter: one slide, its minutes and the trainer's notes.

    ``cell`` is the id of the section's heading cell in the notebook;
    ``exercise`` marks a section whose answer the room writes (its own slide).
    """

    cell: str
    minutes: float
    notes: Text
    exercise: bool = False


# The tags a notebook's cells carry for the workshop, read by scripts/make_nav.py
# (slides) and okrkit.workbook.editions (the two editions).
SOLUTION_TAG = "solution"
"""A cell that writes the right answer into an exercise; removed from the participant edition."""
HIDE_CODE_TAG = "hide-code"
"""A code cell whose code is collapsed (on slides and in JupyterLab); its output stays."""


def _s(cell: str, minutes: float, zh: str, en: str, exercise: bool = False) -> Section:
    return Section(cell, minutes, Text(zh, en), exercise)


# Minutes add up to each chapter's minutes (a test checks it). The notes say
# what to point at and what to ask the room; they paraphrase the deck and the
# notebook, nothing more.
SECTIONS: dict[str, tuple[Section, ...]] = {
    "00-start-here": (
        _s("00-00", 0.5, "一句话介绍：课件《传统企业怎么使用OKR》，A公司的8000万。",
           "One sentence: the deck 'How traditional enterprises use OKR', Company A's 80 million."),
        _s("00-01", 1, "说明节奏：先独立做练习，再一起运行检查。",
           "Explain the rhythm: each exercise alone first, then run the check together."),
        _s("00-02", 1, "现场把LANG改成\"en\"再Run All，让大家看到全部换成英文。",
           "Live: set LANG to \"en\" and Run All, so the room sees everything switch."),
        _s("00-05", 0.5, "指出全天的时间安排：十二章，合计约四个半小时。",
           "Point at the day's plan: twelve chapters, about four and a half hours."),
        _s("00-08", 0.5, "案例就是YAML文件，培训师可以直接改。",
           "The case is plain YAML files; a trainer can edit them directly."),
        _s("00-12", 0.5, "六列表格是全天的共同语言，先认清各列。",
           "The six-column table is the day's common language: name its columns."),
        _s("00-15", 0.5, "故意出错的单元格：错误信息说明应该写什么。",
           "The cell that fails on purpose: its message says what to write instead."),
        _s("00-18", 0.5, "培训师自己的清单；学员可以跳过。",
           "The trainer's own checklist; participants may skip it."),
    ),
    "01-why-okr": (
        _s("01-00", 2, "先问大家：你们公司觉得OKR只适合互联网公司吗？",
           "Ask the room first: does your company think OKR is only for internet firms?"),
        _s("01-04", 3, "读“例子”一行：同样的100万，OKR多了每周每月的动作。",
           "Read the example row: the same 1 million, OKR adds weekly and monthly actions."),
        _s("01-07", 2, "让大家在表里找结果、过程和减分项。",
           "Have the room find the results, the processes and the deduction item."),
        _s("01-09", 5, "最常见的错误是把“销售指标完成率100%”当成过程。",
           "The usual mistake: taking 'sales target 100% reached' for a process.", True),
        _s("01-13", 2, "过程55分多于结果45分：考核放在员工能控制的行动上。",
           "Processes 55 points, results 45: assessment sits on actions people control."),
        _s("01-16", 1, "用一句话收尾：KPI说要什么，OKR还说怎么做。",
           "Close in one line: KPI says what, OKR also says how."),
    ),
    "02-a-company-target": (
        _s("02-00", 2, "从最上面开始：总经理的表。",
           "Start at the top: the general manager's table."),
        _s("02-04", 4, "课件留下的空白就是练习：空白不等于0。",
           "The deck's blanks are the exercise: a blank is not 0."),
        _s("02-08", 5, "6400到8000：增长要除以去年的基数。",
           "6400 to 8000: divide the growth by last year's base.", True),
        _s("02-13", 10, "分组填写，再比较各组的权重：哪个目标最重要？",
           "Fill in groups, then compare the groups' weights: which objective matters most?", True),
        _s("02-19", 4, "完整版本只是一种填法，讨论差异。",
           "The worked case is one way to fill it; discuss the differences."),
    ),
    "03-cascade-to-sales": (
        _s("03-00", 3, "总经理的目标要分解到部门：每个目标说明它支撑谁。",
           "The GM's objectives cascade to departments: each says what it supports."),
        _s("03-05", 5, "让大家从张伟一路追到总经理。",
           "Have the room trace Zhang Wei's objective up to the GM."),
        _s("03-12", 6, "8400万对8000万：多出的是有意的缓冲。",
           "84 million against 80: the extra is a deliberate buffer."),
        _s("03-16", 3, "一张图讲完分解，适合拍照。",
           "One picture of the whole cascade; worth a photo."),
        _s("03-18", 3, "现场改张伟的指标再运行，看缓冲变化。",
           "Live: change Zhang Wei's target and rerun; watch the buffer."),
    ),
    "04-results-into-processes": (
        _s("04-00", 3, "问大家：每周100个电话是拍脑袋定的吗？",
           "Ask the room: were 100 calls a week a guess?"),
        _s("04-04", 6, "一步一步读漏斗：每个数字都来自case.yaml里的假设。",
           "Read the funnel step by step: each number comes from an assumption in case.yaml."),
        _s("04-09", 4, "生成的KR用的是课件的措辞；张伟的表能带来1200万。",
           "The generated KRs use the deck's wording; Zhang Wei's table supplies 12 million."),
        _s("04-12", 7, "1600万的新销售：提醒向上取整、周期和老客户的一半。",
           "The new rep's 16 million: remind them to round up, mind the period and the half"
           " from old customers.", True),
        _s("04-16", 5, "把赢单率从25%拖到30%，看电话数下降。",
           "Drag the win rate from 25% to 30% and watch the calls drop."),
        _s("04-18", 2, "错误输入得到说明，而不是崩溃。",
           "Bad input gets an explanation, not a crash."),
        _s("04-21", 3, "最长的横条最值得改进：培训和客户选择。",
           "The longest bar is worth most effort: training and choosing customers."),
    ),
    "05-evidence-what-counts": (
        _s("05-00", 3, "过程KR要有证据：课件写的是“以打卡为准”。先看读取=计入+合并+剔除。",
           "Process KRs need evidence: the deck says 'by the check-ins'. First: read = counted + merged + rejected."),
        _s("05-05", 4, "上班打卡是考勤；未打卡是缺勤记录；都不是拜访。打开原文件指给大家看。",
           "Clock-in is attendance; a no-check-in row records an absence; neither is a visit. Open the file and point."),
        _s("05-09", 4, "有效电话的规则写在case.yaml里：电话且不少于60秒。",
           "The effective-call rule is in case.yaml: a phone call of at least 60 seconds."),
        _s("05-11", 7, "先让大家自己数，再运行检查；常见错误是把微信或40秒的电话也算上。",
           "Let the room count first, then check; the usual slip is counting WeChat or a 40-second call.", True),
        _s("05-17", 5, "指出春节前后几周；王强没有一周达标。",
           "Point at the weeks around the Spring Festival; Wang Qiang never reaches his line."),
        _s("05-20", 2, "剔除文件用Excel打开，和销售逐条核对。",
           "Open the rejects file in Excel and go through it with the reps."),
    ),
    "06-calibrate-the-funnel": (
        _s("06-00", 3, "先问：25%的赢单率和5%的约访率从哪里来？答案就在去年的记录里。",
           "Ask first: where do the 25% win rate and the 5% of calls that book a visit come from? Last year's records hold the answer."),
        _s("06-05", 6, "读一行：人数少的人被拉向部门，电话几千个的人保留自己的比率。",
           "Read one row: a rep with few units is pulled toward the department, one with thousands of calls keeps their own rate."),
        _s("06-09", 5, "先让大家选，再运行检查；常见错误是选赢单率，因为经理只看得到成交。",
           "Let the room choose, then check; the usual slip is the win rate, because closing is what a manager sees.", True),
        _s("06-14", 5, "把跟踪期拖到1个月：赢单率掉到5%；拖到10个月：批次法让位给期间法。",
           "Drag the horizon to 1 month: the win rate drops to 5%; to 10 months: the cohort method gives way to the period method."),
        _s("06-19", 3, "建议只是差异，不会悄悄改文件；--apply 才写入，并保留 .bak。",
           "The proposal is only a diff, never a silent change; --apply writes it and keeps a .bak."),
        _s("06-22", 3, "每周100个电话在这里不到五成把握：比较公司的比率和张伟自己的比率各要多少。",
           "100 calls a week is less than an even chance here: compare what the company's rates and Zhang Wei's own ask."),
    ),
    "07-weights-steer-behaviour": (
        _s("07-00", 3, "权重是管理者的方向盘。",
           "Weights are the manager's steering wheel."),
        _s("07-06", 5, "把KR1.4拖到60，看电话和拜访还剩多少分。",
           "Drag KR1.4 to 60 and see what is left for calls and visits."),
        _s("07-08", 4, "两位销售：勤奋对运气，排名会翻转。",
           "Two reps, diligence against luck: the ranking flips."),
        _s("07-11", 6, "先让大家猜，再运行检查；答错会说谁领先。",
           "Let the room guess first, then check; a wrong answer says who leads.", True),
        _s("07-15", 5, "减分项不加分；李娜的两次投诉让她从A掉到B。",
           "The deduction adds nothing; Li Na's two complaints take her from A to B."),
        _s("07-20", 2, "收尾：权重奖励什么，员工就做什么。",
           "Close: what the weights reward is what people do."),
    ),
    "08-chip-market-share": (
        _s("08-00", 2, "第二个例子：一个很难的市场占有率KPI。",
           "The second example: a hard market-share KPI."),
        _s("08-05", 3, "O是方向，数字放进描述。",
           "The O is a direction; the number goes into the description."),
        _s("08-08", 4, "和员工一起问：哪些行为会带来设计导入？",
           "Ask with the staff: which behaviours bring design-ins?"),
        _s("08-11", 3, "从管理层分解到大客户经理陈。",
           "Down from management to key-account manager Chen."),
        _s("08-15", 6, "连线练习：过程只能连到同一目标下的结果。",
           "The linking exercise: a process links to a result of the same objective.", True),
        _s("08-21", 2, "收尾：难的KPI先变成有方向的O。",
           "Close: a hard KPI first becomes an O with a direction."),
    ),
    "09-through-the-year": (
        _s("09-00", 3, "OKR活在年初和年底之间：经理每月记录，过程KR来自记录。",
           "An OKR lives between January and December: managers check in monthly, process KRs come from the records."),
        _s("09-07", 6, "两条线对比：直线和春节份额；李娜的差距是真的。",
           "Compare the two lines, straight and festival-phased; Li Na's gap is real."),
        _s("09-11", 5, "财务部全是未更新：没人记录绝不显示正常。",
           "Finance is all stale: silence never shows as on track."),
        _s("09-15", 4, "两个预测不一致时，说明趋势在变。",
           "When the two forecasts disagree, the trend is turning."),
        _s("09-17", 6, "先让大家算，常见错误是用到目前为止的平均速度。",
           "Let the room compute first; the usual slip is the average pace so far.", True),
        _s("09-21", 5, "按问题顺序开会：先落后和未更新，再看过程，最后定下个月的改变。",
           "Run the meeting in the questions' order: behind and stale first, then processes, then next month's change."),
        _s("09-25", 1, "带回去：checkin、status、review-month和经理页面。",
           "Take home: checkin, status, review-month and the manager's page."),
    ),
    "10-review": (
        _s("10-00", 2, "一年结束：录入实际值，按方向算完成率。",
           "The year is over: enter the actuals, completion follows the direction."),
        _s("10-06", 5, "指出KR1.2：超额完成也封顶100%。",
           "Point at KR1.2: over-achievement is capped at 100%."),
        _s("10-11", 3, "财务部只有C：回款天数没降到目标。",
           "Finance only gets a C: days sales outstanding missed the target."),
        _s("10-14", 6, "降低型KR：降了多少除以计划降多少。",
           "A decrease KR: the drop achieved over the drop planned.", True),
        _s("10-18", 5, "现场把王强的销售额改成1000。",
           "Live: change Wang Qiang's sales to 1000."),
        _s("10-20", 4, "讨论：得分挂钩等级，还是谷歌的0–1评分法？",
           "Discuss: scores tied to grades, or Google's 0–1 scale?"),
    ),
    "11-your-own-team": (
        _s("11-00", 2, "从空白开始写自己团队的OKR。",
           "Start your own team's OKRs from a blank table."),
        _s("11-05", 6, "用自己的话写：一个目标、一个结果、一个过程。",
           "In your own words: one objective, one result, one process.", True),
        _s("11-08", 6, "数字、方向、权重和对齐：两个权重加起来100。",
           "Numbers, directions, weights and alignment: the two weights add to 100.", True),
        _s("11-11", 5, "先改红色错误，再看黄色建议。",
           "Fix the red errors first, then consider the yellow advice.", True),
        _s("11-14", 3, "写好的例子：每个过程说明它支撑哪个结果。",
           "The worked example: each process names the result it feeds."),
        _s("11-17", 6, "把KR1.1的权重改成60，看教练说什么。",
           "Set KR1.1's weight to 60 and see what the coach says."),
        _s("11-19", 2, "带回去：导出Excel，改完再导入。",
           "Take it home: export to Excel, edit, import again."),
    ),
}  # fmt: skip


def sections(stem: str) -> tuple[Section, ...]:
    """The sections of chapter ``stem`` in notebook order (KeyError naming the known stems)."""
    chapter(stem)
    return SECTIONS.get(stem, ())


def section_of(stem: str, cell_id: str) -> Section | None:
    """The section whose heading is the cell ``cell_id`` in chapter ``stem``, if any."""
    return next((s for s in sections(stem) if s.cell == cell_id), None)


def trainer_note(stem: str, cell_id: str, lang: str = "zh") -> str | None:
    """The trainer's note for one section as markdown: minutes, elapsed time and what to say.

    >>> trainer_note("04-results-into-processes", "04-12", "en").splitlines()[0]
    '**Trainer · 7 min (at 13–20 of 30 min)**'

    Notice the running time: a trainer sees at a glance whether the room is late.
    """
    check_lang(lang)
    found = sections(stem)
    section = section_of(stem, cell_id)
    if section is None:
        return None
    start = sum(s.minutes for s in found[: found.index(section)])
    values = {
        "minutes": f"{section.minutes:g}",
        "start": f"{start:g}",
        "end": f"{start + section.minutes:g}",
        "total": f"{chapter(stem).minutes:g}",
    }
    return f"**{t('story.trainer_note', lang, **values)}**\n\n{section.notes.get(lang)}"


# -- chapter 05: what counts as evidence (以打卡为准). Every number comes from
# the evidence engine's judged tables (okrkit.evidence); these only pick and word.

_EVIDENCE_WORDS = {
    "source": ("数据源", "Source"), "read": ("读取", "Read"), "counted": ("计入", "Counted"),
    "merged": ("合并", "Merged"), "rejected": ("剔除", "Rejected"), "reason": ("原因", "Reason"),
    "code": ("代码", "Code"), "records": ("条数", "Records"), "where": ("位置", "Where"),
    "column": ("列", "Column"), "found": ("看到的", "Found"), "expected": ("应当是", "Expected"),
    "time": ("时间", "Time"), "customer": ("客户", "Customer"), "channel": ("方式", "Channel"),
    "duration": ("通话时长（导出原样）", "Duration (as exported)"), "verdict": ("判定", "Verdict"),
    "week": ("周", "Week"), "rep": ("人员", "Rep"), "calls": ("有效电话", "Effective calls"),
    "target": ("目标", "Target"),
}  # fmt: skip


def _ew(key: str, lang: str) -> str:
    zh, en = _EVIDENCE_WORDS[key]
    return zh if lang == "zh" else en


# The exports' own Chinese words, for an English room (an English run shows no Chinese).
_RECORD_WORDS = {
    "签到记录": "check-ins", "通话时长(秒)": "call seconds", "跟进方式": "channel",
    "客户名称": "customer", "负责人": "owner", "拜访对象": "visited", "状态": "status",
    "预计金额(万元)": "amount (10k RMB)", "上班打卡": "clock-in (attendance)",
    "下班打卡": "clock-out (attendance)", "外出打卡": "out-of-office check-in",
    "未打卡": "no check-in", "电话": "phone call", "微信": "WeChat", "现场拜访": "on-site visit",
    "签到": "DingTalk sign-in", "marked 无效": "marked", "约": "about ", "秒": " s",
}  # fmt: skip
_CJK = __import__("re").compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def record_text(value, lang: str = "zh"):
    """A value from the exports as a room in ``lang`` reads it: Chinese as is, else translated.

    >>> record_text("约290秒", "en"), record_text("no check-in (未打卡)", "en")
    ('about 290 s', 'no check-in')
    """
    import re

    if lang == "zh" or not isinstance(value, str):
        return value
    if value in _RECORD_WORDS:
        return _RECORD_WORDS[value]
    text = re.sub(r"\s*[（(][^）)]*[\u4e00-\u9fff][^）)]*[）)]", "", value)
    for word in sorted(_RECORD_WORDS, key=len, reverse=True):
        text = text.replace(word, _RECORD_WORDS[word])
    return _CJK.sub("", text).strip()


def _customers_in_english(names) -> list[str]:
    """Chinese company names become 'customer A', 'customer B' … in order of appearance."""
    letters = {}
    for name in names:
        if isinstance(name, str) and name not in letters:
            letters[name] = f"customer {chr(ord('A') + len(letters) % 26)}"
    return [letters.get(n, "") for n in names]


def records_summary(run, lang: str = "zh") -> pd.DataFrame:
    """Per source: records read, counted, merged (a duplicate) and rejected (with a reason).

    ``run`` is :func:`okrkit.evidence.evaluate`'s result. Notice that read =
    counted + merged + rejected on every row: nothing is silently dropped.
    """
    import pandas as pd

    from okrkit.evidence.rejects import summary

    check_lang(lang)
    rows = [
        {_ew("source", lang): name, **{_ew(k, lang): bucket[k] for k in
                                        ("read", "counted", "merged", "rejected")}}
        for name, bucket in summary(run)["sources"].items()
    ]  # fmt: skip
    return pd.DataFrame(rows)


def reasons_table(run, lang: str = "zh") -> pd.DataFrame:
    """Why records were not counted: each reason with its code and how many, most first."""
    import pandas as pd

    from okrkit.evidence.reasons import reason_text
    from okrkit.evidence.rejects import summary

    check_lang(lang)
    found = sorted(summary(run)["reasons"].items(), key=lambda kv: (-kv[1], kv[0]))
    return pd.DataFrame(
        [
            {
                _ew("reason", lang): record_text(reason_text(code, lang), lang),
                _ew("code", lang): code,
                _ew("records", lang): n,
            }
            for code, n in found
        ]
    )


def reject_examples(run, reasons, lang: str = "zh", per_reason: int = 2) -> pd.DataFrame:
    """The first ``per_reason`` records rejected for each of ``reasons``, located as in the rejects file.

    Where (file and sheet!cell or row), the reason, the column judged, what
    was found and what was expected — the rows a trainer reads with the room.
    """
    from okrkit.evidence.rejects import rejects_query
    from okrkit.evidence.sources import literal

    check_lang(lang)
    query = rejects_query(run)
    wanted = ", ".join(literal(r) for r in reasons)
    suffix = "zh" if lang == "zh" else "en"
    expected = "expected_zh" if lang == "zh" else "expected"
    frame = run.con.execute(
        f"SELECT regexp_replace(file, '^.*/', '') || ': ' || location, reason_{suffix}, "
        f'"column", found, {expected} FROM ({query}) WHERE reason IN ({wanted}) '
        "QUALIFY row_number() OVER (PARTITION BY reason ORDER BY file, _record_row) <= "
        f"{int(per_reason)} ORDER BY list_position([{wanted}], reason), file, _record_row"
    ).df()
    frame = frame.map(lambda v: record_text(v, lang))
    frame.columns = [_ew(k, lang) for k in ("where", "reason", "column", "found", "expected")]
    return frame


def _followups_of(run, team: str, day) -> str:
    from okrkit.evidence.sources import literal

    parts = []
    for loaded in run.files.get("followups", []):
        c = loaded.columns
        parts.append(
            f'SELECT e.ts, r."{c["customer"]}" AS customer, r."{c["channel"]}" AS channel, '
            f'CAST(r."{c["duration"]}" AS VARCHAR) AS duration, e.status, e.reason '
            f"FROM ev_followup e JOIN {loaded.relation} r ON r._row = e._row "
            f"WHERE e._fid = {run.fids[str(loaded.path)]} AND e.team = {literal(team)} "
            f"AND CAST(e.ts AS DATE) = DATE {literal(str(day))}"
        )
    return " UNION ALL ".join(parts) or "SELECT NULL AS ts WHERE false"


def day_followups(run, team: str, day, lang: str = "zh", verdict: bool = False) -> pd.DataFrame:
    """One rep's CRM follow-ups on ``day`` as exported: time, customer, channel, duration.

    With ``verdict``, the engine's judgement of each row beside it (计入, or
    the reason it was not counted).
    """
    from okrkit.evidence.reasons import reason_text

    check_lang(lang)
    frame = run.con.execute(f"SELECT * FROM ({_followups_of(run, team, day)}) ORDER BY ts").df()
    frame["ts"] = frame["ts"].dt.strftime("%H:%M")
    frame["duration"] = frame["duration"].fillna("")  # a 微信 follow-up has no duration
    if verdict:
        frame["verdict"] = [
            _ew("counted", lang) if s == "counted" else reason_text(r, lang)
            for s, r in zip(frame["status"], frame["reason"], strict=True)
        ]
    frame = frame.drop(columns=["status", "reason"])
    if lang != "zh":
        frame["customer"] = _customers_in_english(frame["customer"])
        frame = frame.map(lambda v: record_text(v, lang))
    frame.columns = [_ew(k, lang) for k in ("time", "customer", "channel", "duration",
                                            "verdict")[: len(frame.columns)]]  # fmt: skip
    return frame


def day_call_counts(run, team: str, day) -> dict[str, float]:
    """One rep's day in numbers: follow-ups, 电话 rows, effective calls and the rule's seconds."""
    rows = run.con.execute(
        f"SELECT count(*), count(*) FILTER (WHERE reason IS DISTINCT FROM 'not_a_call'), "
        f"count(*) FILTER (WHERE status = 'counted') FROM ({_followups_of(run, team, day)})"
    ).fetchone()
    seconds = min([r.min_seconds for r in run.config.rules if r.count == "calls"] or [0])
    return {"followups": rows[0], "calls": rows[1], "effective": rows[2], "min_seconds": seconds}


def effective_calls(run, team: str, day) -> int:
    """How many of one rep's follow-ups on ``day`` the engine counts as effective calls."""
    return int(day_call_counts(run, team, day)["effective"])


def weekly_against_target(case: Case, series: pd.DataFrame) -> pd.DataFrame:
    """Each rep's weekly counts beside the KR's weekly target: team, kr, week, value, target, hit.

    ``series`` is :func:`okrkit.evidence.series`; only KRs with a weekly
    cadence (有效电话 every week) and weeks starting in the case's year are
    kept (an ISO week can start in the December before).
    """
    weekly = [(t, k) for t, k in zip(series["team"], series["kr"], strict=True)
              if case.team(t).key_result(k).cadence == "week"]  # fmt: skip
    keep = series.set_index(["team", "kr"]).index.isin(weekly) & (series["cadence"] == "week")
    weeks = series[keep].copy()
    weeks["week"] = weeks["period_start"].astype("datetime64[ns]")
    if case.year:
        weeks = weeks[weeks["week"].dt.year == case.year]
    weeks["target"] = [case.team(t).key_result(k).target
                       for t, k in zip(weeks["team"], weeks["kr"], strict=True)]  # fmt: skip
    weeks["hit"] = weeks["value"] >= weeks["target"]
    return weeks[["team", "kr", "week", "value", "target", "hit"]].reset_index(drop=True)
