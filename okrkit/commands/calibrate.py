"""``okrkit calibrate CASE --history DIR [--horizon DAYS] [--strength S] [--team ID] [--apply] [--lang zh|en]``.

Reads last year's records (the same exports as the case's ``evidence:``
block, found in DIR by their file names) and prints, per funnel stage, the
method used and why, each rep's rate with its 90% interval after shrinkage
toward the department, the deal size, the lags, whether each process stage
moved the results, the P50/P80 activity targets per rep, and the proposed
``funnel:`` block as a diff against case.yaml. ``--apply`` writes it
(atomic, ``case.yaml.bak`` kept, refused if case.yaml changed meanwhile). A
history folder that cannot be read is a located error, exit 2.
"""

from __future__ import annotations

import argparse

from okrkit.cases import load_case
from okrkit.cli import add_lang


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "calibrate", help="the funnel's rates, lags and P50/P80 targets from last year's records"
    )
    parser.add_argument("case_dir", metavar="CASE")
    parser.add_argument("--history", metavar="DIR", required=True,
                        help="the folder of last year's exports, e.g. CASE/records/2014")  # fmt: skip
    parser.add_argument("--horizon", type=int, default=None, metavar="DAYS",
                        help="days a unit has to convert in the cohort method (default 120)")  # fmt: skip
    parser.add_argument("--strength", type=float, default=None,
                        help="shrinkage strength in pseudo-observations (default: fitted; 0: none)")  # fmt: skip
    parser.add_argument("--period", help="the history's year (default: the year before the case's)")
    parser.add_argument("--team", action="append", help="P50/P80 targets for this team only")
    parser.add_argument("--apply", action="store_true", help="write the proposed funnel: block")
    parser.add_argument("--today", help=argparse.SUPPRESS, default=None)
    add_lang(parser)
    parser.set_defaults(run=run)


def run(args) -> int:
    import datetime as dt

    from okrkit.calibrate import calibrate
    from okrkit.calibrate.drivers import relations
    from okrkit.calibrate.explain import (
        deal_lines,
        findings,
        lag_lines,
        odds_lines,
        stage_lines,
    )  # fmt: skip
    from okrkit.calibrate.odds import rep_odds
    from okrkit.calibrate.proposal import apply, funnel_drift, proposal
    from okrkit.cli import pick_teams
    from okrkit.commands.validate import print_record_encoding_notes
    from okrkit.decompose import revenue_target
    from okrkit.errors import OkrkitError
    from okrkit.funnel import funnel_of

    lang = args.lang
    zh = lang == "zh"
    case = load_case(args.case_dir)
    if args.horizon is not None and args.horizon < 1:
        raise OkrkitError(f"--horizon: not a number of days: {args.horizon} (expected 1 or more, e.g. 120)",
                          zh=f"--horizon：不是有效的天数：{args.horizon}（应为1或以上，如120）")  # fmt: skip
    today = dt.date.fromisoformat(args.today) if args.today else None
    teams = pick_teams(case, args.team)  # an unknown --team fails before the calibration runs
    cal = calibrate(case, args.history, horizon=args.horizon, strength=args.strength,
                    period=args.period, today=today)  # fmt: skip
    print_record_encoding_notes(cal.encodings, lang)  # as validate names a GBK file
    total = cal.summary["total"]
    print(f"{case.name.get(lang)}：用 {cal.folder}（{cal.period}年）的记录校准漏斗，"
           f"跟踪期 {cal.horizon} 天，截至 {cal.as_of}" if zh else
           f"{case.name.get(lang)}: the funnel calibrated from {cal.folder} ({cal.period}), "
           f"horizon {cal.horizon} days, as of {cal.as_of}")  # fmt: skip
    print(f"记录：计入 {total['counted']}，合并 {total['merged']}，剔除 {total['rejected']}"
           if zh else f"records: {total['counted']} counted, {total['merged']} merged, "
           f"{total['rejected']} rejected")  # fmt: skip
    outside = cal.coverage.warning(cal.folder, cal.period, lang) if cal.coverage else None
    if outside:
        # not this period's history: nothing in it to calibrate from (QA H6)
        raise OkrkitError(
            cal.coverage.warning(cal.folder, cal.period, "en"),
            zh=cal.coverage.warning(cal.folder, cal.period, "zh"),
        )
    if cal.rejects:
        print(
            f"不可能的先后顺序，未计入（{len(cal.rejects)}个）："
            if zh
            else f"impossible sequences, left out ({len(cal.rejects)}):"
        )
        for reject in cal.rejects:
            print("  " + reject.render(lang))
    print()
    print("\n".join(stage_lines(cal, lang)))
    print()
    print("\n".join(deal_lines(cal, lang)))
    print()
    print("\n".join(lag_lines(cal, lang)))
    print()
    funnel = funnel_of(case)
    print("过程是否推动结果：" if zh else "Does the process drive the result?")
    for relation in relations(cal):
        print("  " + relation.sentence(funnel.stage(relation.stage).name, lang, case.kpi.unit))
    found = findings(cal, lang)
    if found:
        print()
        print("发现：" if zh else "Finding:")
        for line in found:
            print("  " + line)
    odds_block = []
    for team in teams:
        target = revenue_target(team)
        if target is None or not (team.person.zh or team.person.en):
            continue
        odds = rep_odds(cal, team.id, target)
        if odds:
            odds_block.append(
                f"  {team.id} {team.person.get(lang)} {target:g} {case.kpi.unit.get(lang)}"
            )
            odds_block.extend(odds_lines(odds, case, lang))
    if odds_block:  # the heading only over something (a thin history gives no odds)
        print()
        print("目标的把握（用各人校准后的比率）：" if zh else
              "Targets with odds (each rep's calibrated rates):")  # fmt: skip
        print("\n".join(odds_block))
    print()
    made = proposal(cal, today=today, lang=lang)
    if made.kept:
        kept = ", ".join(made.kept)
        print(f"历史不足，保留案例的假设：{kept}" if zh else
               f"too little history, the case's assumption is kept: {kept}")  # fmt: skip
    if not made.diff:
        print("历史与案例的假设一致：无需修改 funnel:" if zh else
              "the history agrees with the case's funnel: nothing to change")  # fmt: skip
        return 0
    print("建议的 funnel: 修改（与当前 case.yaml 的差异）：" if zh else
          "Proposed funnel: block (diff against the current case.yaml):")  # fmt: skip
    print(made.diff, end="" if made.diff.endswith("\n") else "\n")
    if args.apply:
        written = apply(made)
        print(f"已写入 {written.path}（原文件保存为 {written.backup}）" if zh else
               f"written: {written.path} (the previous file kept as {written.backup})")  # fmt: skip
        drift = funnel_drift(load_case(args.case_dir)).sentence(lang)
        if drift:  # the reps' activity targets were set for the old funnel (QA M10)
            print(drift)
    else:
        print("（用 --apply 写入；原文件会保存为 case.yaml.bak）" if zh else
              "(--apply writes it; the previous file is kept as case.yaml.bak)")  # fmt: skip
    return 0
