"""``okrkit lint CASE_DIR [--team ID] [--fix [--yes]] [--lang zh|en]``: the OKR coach in the terminal.

Prints one compiler-style line per finding (``file:line: CODE name: ...``)
with the fix hint indented below, then a summary naming the method in force
(weighted or unweighted). Exit 0 when there is no error (warnings allowed), 1
when there are errors, 2 when the case cannot be read (cli.main turns the
CaseError into located messages).

``--fix`` previews the fields the KRs' own words give (direction, baseline,
target, cadence, unit: "从65%提升到75%" → baseline 65, target 75, increase)
for the fields the files leave blank; ``--fix --yes`` writes them through
:func:`okrkit.casefile.save_checked` (the previous file kept as ``.bak``, a
file changed by someone else since it was read is not overwritten).

Files are read as UTF-8 or GBK (detected, or ``--encoding``); a file read as
GBK is named on stderr, as validate and score do.
"""

from __future__ import annotations

from okrkit.cli import add_lang, pick_teams
from okrkit.commands.validate import add_encoding, load_case_naming_encodings
from okrkit.i18n import Words, t
from okrkit.lint import all_rules, config_of, count_findings, has_errors, lint_case

# Labels of this command (zh and en side by side, as the other commands keep theirs).
_LABELS = {
    "method": {
        "zh": "方法：{method}（{what}）",
        "en": "method: {method} ({what})",
    },
    "method.weighted": {
        "zh": "课件的加权法：权重合计100%",
        "en": "the deck's: weights add to 100%",
    },
    "method.unweighted": {"zh": "Google式：不设权重", "en": "Google style: no weights"},
    "summary": {
        "zh": "共{teams}个团队：{errors}个错误，{warnings}个提醒",
        "en": "{teams}: {errors}, {warnings}",
    },
    "offers": {
        "zh": "KR文字里还能读出{fields}个空着的字段（方向、基线、目标…）：okrkit lint --fix 可预览",
        "en": "{fields} can be read from the KRs' words (direction, baseline, target…): "
        "okrkit lint --fix previews them",
    },
    "fix.none": {"zh": "没有可以从文字读出的空字段", "en": "no blank field the words can fill"},
    "fix.preview": {
        "zh": "从KR文字读出的{fields}个字段（只填空着的字段）：",
        "en": "{fields} read from the KRs' words (blank fields only):",
    },
    "fix.dry": {
        "zh": "尚未写入。确认无误后运行 okrkit lint --fix --yes 写入（原文件保留为 .bak）。",
        "en": "Nothing written yet. Run okrkit lint --fix --yes to write them (the previous file "
        "is kept as .bak).",
    },
    "fix.wrote": {
        "zh": "已写入 {file}（原文件：{backup}）",
        "en": "wrote {file} (previous: {backup})",
    },
}


_say = Words(_LABELS)


def _counted(n: int, noun: str, lang: str) -> str:
    """A count as each language's label takes it: '3' in Chinese (the label has 个), '1 team' / '3 teams'."""
    if lang == "zh":
        return str(n)
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "lint", help="coach a case's OKRs: weak or incomplete OKRs, with codes and fix hints"
    )
    parser.add_argument("case_dir", metavar="CASE_DIR", nargs="?")
    parser.add_argument("--team", action="append", metavar="ID", help="only this team (repeatable)")
    parser.add_argument("--no-hints", action="store_true", help="one line per finding, no hints")
    parser.add_argument("--rules", action="store_true", help="list the rules and exit")
    parser.add_argument(
        "--fix",
        action="store_true",
        help="preview the blank fields the KRs' words give (direction, baseline, target, cadence)",
    )
    parser.add_argument(
        "--yes", action="store_true", help="with --fix: write them (previous file kept as .bak)"
    )
    add_encoding(parser)
    add_lang(parser)
    parser.set_defaults(run=run)


def run(args) -> int:
    if args.rules:
        for rule in all_rules():
            print(f"{rule.code} {rule.name} [{rule.severity}] {rule.reason.get(args.lang)}")
        return 0
    if not args.case_dir:
        from okrkit.errors import OkrkitError

        raise OkrkitError(t("lint.need_case", "en"), zh=t("lint.need_case", "zh"))
    case = load_case_naming_encodings(args, args.lang)
    teams = pick_teams(case, args.team)
    # what each file held when the case was read: a save over a file changed since is refused
    versions = _versions(teams) if args.fix and args.yes else {}
    config = config_of(case)
    findings = lint_case(case, [team.id for team in teams], config)
    for finding in findings:
        print(finding.format(args.lang, hint=not args.no_hints))
    counts = count_findings(findings)
    lang = args.lang
    print(_say("summary", lang, teams=_counted(len(teams), "team", lang),
               errors=_counted(counts["error"], "error", lang),
               warnings=_counted(counts["warn"], "warning", lang)))  # fmt: skip
    what = _say(f"method.{config.method}", args.lang)
    print(_say("method", args.lang, method=config.method, what=what))
    from okrkit.lint_rules.offers import offers_for_team

    offers = {team.id: offers_for_team(team) for team in teams}
    total = sum(len(found) for found in offers.values())
    if not args.fix:
        if total:
            print(_say("offers", args.lang, fields=_counted(total, "blank field", args.lang)))
        return 1 if has_errors(findings) else 0
    refused = _fix(teams, offers, total, args, versions)
    return 1 if has_errors(findings) or refused else 0


def _versions(teams) -> dict:
    from okrkit.casefile import opened_version

    return {team.id: opened_version(team, loaded=team) for team in teams if team.source}


def _fix(teams, offers, total: int, args, versions: dict) -> bool:
    """Preview the offers; with --yes write them. True when a file was not written."""
    lang = args.lang
    if not total:
        print(_say("fix.none", lang))
        return False
    print(_say("fix.preview", lang, fields=_counted(total, "field", lang)))
    for team in teams:
        if offers[team.id]:
            print(f"  {team.source}")
            for offer in offers[team.id]:
                print(f"    {offer.describe(lang)}")
    if not args.yes:
        print(_say("fix.dry", lang))
        return False
    from okrkit.casefile import save_checked
    from okrkit.lint_rules.offers import apply_offers
    from okrkit.yamlio import StaleFileError

    refused = False
    for team in teams:
        if not offers[team.id]:
            continue
        try:
            saved = save_checked(
                apply_offers(team, offers[team.id]), expected=versions.get(team.id)
            )
        except StaleFileError as error:
            print(error.zh if lang == "zh" and getattr(error, "zh", None) else str(error))
            refused = True
            continue
        print(_say("fix.wrote", lang, file=saved.path, backup=saved.backup))
    return refused
