"""``okrkit decompose CASE_DIR --team ID``: the split and the funnel arithmetic, step by step.

Printed for a workshop room: how the headline KPI reaches the team (each
split on the way down, with the cascade check), the reverse funnel from the
team's revenue target to weekly and monthly activity, the forward check of
the KRs the team declared, the generated KRs, and which assumption matters most.
Files are read as UTF-8 or GBK (detected, or ``--encoding``); a file read as
GBK is named on stderr, as validate and score do.
"""

from __future__ import annotations

from okrkit.align import cascade_check
from okrkit.cli import add_lang, pick_teams
from okrkit.commands.validate import add_encoding, load_case_naming_encodings
from okrkit.decompose import (
    forward_check,
    generate_krs,
    result_kr,
    revenue_target,
    stage_problems,
    whole_team,
)
from okrkit.errors import CaseError, OkrkitError
from okrkit.explain import (
    activity_table,
    funnel_steps,
    krs_table,
    number,
    split_table,
    supply_sentence,
    supply_table,
)
from okrkit.funnel import FunnelError, funnel_of, required_activity
from okrkit.i18n import t
from okrkit.sensitivity import STEP, lever_stage, sensitivity, sensitivity_table
from okrkit.split import split_problems, split_rules, split_target
from okrkit.terminal import render_frame


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "decompose",
        help="split the KPI down to a team and turn its target into process KRs, step by step",
    )
    parser.add_argument("case_dir", metavar="CASE_DIR")
    parser.add_argument("--team", required=True, metavar="ID", help="the team to decompose")
    add_encoding(parser)
    add_lang(parser)
    parser.set_defaults(run=run)


def _ancestors(case, team) -> list:
    chain = []
    current = case.parent(team)
    while current is not None and current not in chain:
        chain.append(current)
        current = case.parent(current)
    return list(reversed(chain))


def _prepare(case, team):
    """Everything the printout needs, computed before anything is printed."""
    problems = split_problems(case) + stage_problems(case)
    if problems:
        raise CaseError(problems)
    target = revenue_target(team)
    if target is None:
        raise OkrkitError(
            t("funnel.no_team_target", "en", team=team.id),
            zh=t("funnel.no_team_target", "zh", team=team.id),
        )
    try:
        funnel = funnel_of(case)
        plan = required_activity(funnel, target, team.headcount)
        rows = sensitivity(funnel, target, team.headcount)
    except FunnelError as error:
        raise OkrkitError(str(error), zh=error.zh) from None
    return funnel, plan, rows


def _whole_team_note(case, team, members: tuple[str, ...], lang: str) -> str:
    """Why a department's numbers are its total, and where each person's are."""
    name = team.name.get(lang)
    if not members:
        return (f"{name}没有填写人数（headcount）：以下是整个团队的合计，不是每人的数量。" if lang == "zh" else
                f"{name} sets no headcount: the numbers below are the whole team's, not one person's.")  # fmt: skip
    first, rest = members[0], members[1:]
    others = ("、" if lang == "zh" else ", ").join(rest)
    if lang == "zh":
        more = f"（还有 {others}）" if rest else ""
        return (
            f"{name}没有填写人数（headcount）：以下是整个部门的合计，不是每人的数量；"
            f"下属 {len(members)} 人各自的漏斗：okrkit decompose --team {first}{more}"
        )
    more = f" (also {others})" if rest else ""
    people = "person" if len(members) == 1 else "people"
    return (
        f"{name} sets no headcount: the numbers below are the whole department's, not one "
        f"person's; for each of its {len(members)} {people}: okrkit decompose --team {first}{more}"
    )


def _odds_lines(case, team, funnel, target, lang) -> list[str]:
    """P50/P80 beside the reverse funnel, when the case declares its history (else nothing).

    Calibrating reads a year of records (seconds), so only a case with
    ``calibration: {history: …}`` pays for it. The odds are per person: a
    team of several people shares the target out evenly, as the funnel does.
    """
    from okrkit.calibrate.declared import history_folder

    folder = history_folder(case)
    if folder is None:
        return []
    from okrkit.calibrate import calibrate
    from okrkit.calibrate.odds import rep_odds
    from okrkit.commands.validate import print_record_encoding_notes
    from okrkit.explain import odds_sentences

    zh = lang == "zh"
    cal = calibrate(case, folder)
    print_record_encoding_notes(cal.encodings, lang)  # the history's GBK exports, named
    person = target / (team.headcount or 1)
    unit = funnel.stages[0].unit.get(lang)
    named = case.sections["calibration"]["history"]
    lines = [f"用去年的记录（{named}）校准后的把握：" if zh else
             f"The odds, calibrated from last year's records ({named}):"]  # fmt: skip
    if (team.headcount or 1) > 1:
        lines[0] += f"（每人 {person:g}{unit}）" if zh else f" (per person: {person:g} ({unit}))"
    name = team.person.get(lang)
    measured = [r for r in cal.rates.values() if r.method != "assumption"]
    if name and any(r.rep(team.id) is not None for r in measured):
        own = rep_odds(cal, team.id, person)
        lines += odds_sentences(own, funnel, unit, f"{name}自己" if zh else f"{name}'s own", lang)
    company = rep_odds(cal, team.id, person, company=True)
    if not company:  # rep_odds needs the deal size measured in the history
        lines.append("历史中没有成交金额，无法给出把握。" if zh else
                     "the history has no won deals' amounts: no odds can be given.")  # fmt: skip
    lines += odds_sentences(company, funnel, unit, "公司" if zh else "the company's", lang)
    return lines


def run(args) -> int:
    lang = args.lang
    case = load_case_naming_encodings(args, lang)
    (team,) = pick_teams(case, [args.team])
    funnel, plan, rows = _prepare(case, team)
    target = plan.target
    odds = _odds_lines(case, team, funnel, target, lang)  # before printing: a bad history stops all
    unit = case.kpi.unit
    print(t("dec.title", lang, case=case.name.get(lang), team=team.name.get(lang)))
    print()

    print(t("dec.split", lang))
    rules = split_rules(case)
    cascade = {row.parent: row for row in cascade_check(case)}
    if "kpi" in cascade:
        print("  " + cascade["kpi"].describe(lang, unit))
    if not rules:
        print("  " + t("dec.no_split", lang))
    for parent in [*_ancestors(case, team), team]:
        rule = rules.get(parent.id)
        if rule is None:
            continue
        method = t(f"method.{rule.method}", lang)
        print(t("dec.split_of", lang, parent=parent.name.get(lang), method=method))
        print(render_frame(split_table(split_target(case, parent.id), lang)))
        if parent.id in cascade:
            print("  " + cascade[parent.id].describe(lang, unit))
    print()

    print(
        t(
            "dec.funnel",
            lang,
            team=team.person.get(lang) or team.name.get(lang),
            target=number(target),
            unit=funnel.stages[0].unit.get(lang),
        )
    )
    members = whole_team(case, team)
    total = members is not None  # a department's funnel is its total (okrkit.decompose.whole_team)
    steps = funnel_steps(plan, lang, whole_team=total)
    table = activity_table(plan, lang, whole_team=total)
    if total:
        print("  " + _whole_team_note(case, team, members, lang))
    rounding = t("steps.rounding.team" if total else "steps.rounding", lang)
    for line in steps:
        print("  " + line)
    print("  " + rounding)
    print(render_frame(table))
    for line in odds:
        print("  " + line)
    print()

    print(t("dec.forward", lang))
    check = forward_check(case, team, funnel)
    if check.rows:
        print(render_frame(supply_table(check, lang)))
    print("  " + supply_sentence(check, lang))
    print()

    print(t("dec.generated", lang))
    current = result_kr(team)
    generated = generate_krs(plan, result_id=current.id if current else "KR1.4")
    print(render_frame(krs_table(generated, lang)))
    print()

    print(t("dec.sensitivity", lang, step=f"{STEP:+.0%}"))
    print(render_frame(sensitivity_table(rows, funnel, lang), max_width=30))
    lever = lever_stage(funnel)
    best = min(rows, key=lambda r: r.change(lever))
    print(
        "  "
        + t(
            "dec.lever",
            lang,
            name=best.assumption.name.get(lang),
            stage=funnel.stage(lever).name.get(lang),
            change=f"{best.change(lever):+.1%}",
        )
    )
    return 0
