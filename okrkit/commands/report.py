"""``okrkit report CASE_DIR``: one HTML report per team, and an index linking them.

Everything that can be checked before a kernel starts is checked first: a broken
case (``case.yaml``, the team ids, the actuals file) exits 2 with located messages
and writes nothing. A team file with problems stops only that team: the index
lists it with its located problems, the valid teams are still reported, exit 1.
A team whose report fails keeps its executed notebook and a page with a failure
banner, is marked in the index, and makes the command exit 1 after the others.
Reports are staged and moved into place when finished (``okrkit.report.outdir``);
Ctrl-C kills the kernels, says what was done and what was not, leaves an index
that says "interrupted", and exits 130.
"""

from __future__ import annotations

import argparse
import sys
import time
from dataclasses import replace
from pathlib import Path

from okrkit.cases import load_case
from okrkit.cli import add_lang, pick_teams
from okrkit.errors import OkrkitError
from okrkit.i18n import t


def _positive(value: str) -> int:
    number = int(value)
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be at least 1, got {value}")
    return number


def register(subparsers) -> None:
    parser = subparsers.add_parser(
        "report",
        help="one HTML report per team (papermill) and an index.html",
        description="Run the report template once per team; write DIR/<team>.ipynb, "
        "DIR/<team>.html and DIR/index.html.",
    )
    parser.add_argument("case_dir", metavar="CASE_DIR")
    parser.add_argument(
        "--team",
        action="extend",
        nargs="+",
        metavar="ID",
        help="only these teams (repeatable; default: every team)",
    )
    parser.add_argument("--out", default="reports", metavar="DIR", help="default: reports")
    add_lang(parser)
    parser.add_argument(
        "--actuals", metavar="FILE", help="actual results (YAML or CSV): adds the scorecard"
    )
    parser.add_argument("--period", metavar="P", help="the period the header names")
    parser.add_argument(
        "--jobs",
        type=_positive,
        metavar="N",
        help="teams run in parallel (default: the number of cores, at most the teams)",
    )
    parser.add_argument(
        "--dask",
        metavar="ADDRESS",
        help="run the teams on a Dask cluster: tcp://HOST:8786 (a running scheduler) or "
        "local:N (N local worker processes); --jobs is then the cluster's business",
    )
    parser.add_argument(
        "--force",
        action="store_true",
        help="render every team (default: a team whose inputs did not change keeps its report)",
    )
    parser.add_argument(
        "--index-only",
        action="store_true",
        help="rebuild only index.html (the dashboard) from the case and the reports in DIR",
    )
    parser.add_argument(
        "--pdf",
        action="store_true",
        help="also print each report to DIR/<team>.pdf (A4, Chromium through Playwright)",
    )
    parser.set_defaults(run=run)


def run(args) -> int:
    if args.pdf and not args.index_only:
        from okrkit.report.pdf import check_printer

        check_printer()  # no browser: exit 2 before anything is loaded or written
    if args.dask and not args.index_only:
        from okrkit.report.cluster import parse_address, require_distributed

        parse_address(args.dask)
        require_distributed()
    from okrkit.report.outdir import INDEX
    from okrkit.yamlio import check_writable

    invalid: dict = {}
    case = load_case(args.case_dir, invalid_teams=invalid)
    teams, invalid = pick_valid_teams(case, invalid, args.team)
    if args.team and not args.index_only:
        refuse_removing_other_teams(args.out, teams)
    actuals = _load_actuals(case, invalid, args.actuals)
    # Once the inputs are good, an --out that cannot take a file is said (located,
    # exit 2) before any kernel starts; a missing folder is created, as evidence --out does.
    check_writable(Path(args.out) / INDEX)
    options = dict(
        lang=args.lang,
        actuals=actuals,
        actuals_path=args.actuals,
        period=args.period,
        workers=args.jobs,
        invalid=invalid,
        force=args.force,
        pdf=args.pdf,
    )
    if args.index_only:
        return build_index_only(case, teams, args.out, **options)
    if args.dask:
        from okrkit.report.cluster import dask_run

        with dask_run(args.dask) as cluster:
            return build_reports(case, teams, args.out, cluster=cluster, **options)
    return build_reports(case, teams, args.out, **options)


def refuse_removing_other_teams(out_dir, teams) -> None:
    """A ``--team`` run into a folder holding other teams' reports would remove them: refuse.

    A run owns its output folder (``okrkit.report.outdir``): its index lists exactly
    its teams and the previous run's reports go. An HR office refreshing one team
    in the batch's folder would lose the batch, so it is told instead; a whole run
    costs only the teams that changed (the others keep their reports).
    """
    from okrkit.report.jobs import file_keys
    from okrkit.report.outdir import previous_teams

    ours = set(file_keys(team.id for team in teams).values())
    others = sorted(set(previous_teams(Path(out_dir))) - ours)
    if not others:
        return
    shown_ids = ", ".join(others[:5]) + (" …" if len(others) > 5 else "")
    raise OkrkitError(
        f"{out_dir} holds the {'report' if len(others) == 1 else 'reports'} of "
        f"{'1 other team' if len(others) == 1 else f'{len(others)} other teams'} ({shown_ids}); "
        "a --team run would remove them. Run without --team (teams whose inputs did not change keep "
        "their reports and are not rendered again), or give --out a folder of its own",
        zh=f"{out_dir} 里还有另外{len(others)}个团队的报告（{shown_ids}）；只生成 --team 的团队"
        "会删掉它们。请去掉 --team 重新运行（输入没变的团队保留原报告、不会重新生成），"
        "或者用 --out 指定单独的文件夹",
    )


def pick_valid_teams(case, invalid: dict, team_ids: list[str] | None) -> tuple[list, dict]:
    """The valid teams asked for, and the invalid team files asked for (by file name).

    Without ``--team``: every valid team and every invalid file. A ``--team`` naming
    an invalid file lists that file; an id that is neither still exits 2.
    """
    if not team_ids:
        return pick_teams(case, None), invalid
    by_stem = {Path(path).stem: path for path in invalid}
    wanted = {by_stem[i]: invalid[by_stem[i]] for i in team_ids if i in by_stem}
    valid_ids = [i for i in team_ids if i not in by_stem or i in case.teams]
    if not valid_ids:
        return [], wanted
    return pick_teams(case, valid_ids), wanted


def _load_actuals(case, invalid: dict, path):
    """The actuals checked against every team the case has, invalid teams' files included.

    An actuals file is not wrong for naming a team whose file has a problem: it is
    checked against that team as far as its file could be read.
    """
    from okrkit.report import features

    if path is None or not invalid:
        return features.load_actuals(case, path)
    import dataclasses

    from okrkit.cases import parse_team
    from okrkit.errors import ProblemLog
    from okrkit.yamlio import read_yaml

    teams = dict(case.teams)
    unreadable = set()
    for file in invalid:
        data = read_yaml(file, ProblemLog())
        team = parse_team(data, file, ProblemLog()) if data is not None else None
        if team is not None and team.id not in teams:
            teams[team.id] = team
        elif team is None:
            # Nothing could be read (empty, binary, UTF-16): the file name is the
            # team id (validate holds them equal), so its actuals are left out.
            unreadable.add(Path(file).stem)
    case = dataclasses.replace(case, teams=teams)
    return features.load_actuals(case, path, unreadable)


def build_reports(
    case,
    teams,
    out_dir,
    *,
    lang="zh",
    actuals=None,
    actuals_path=None,
    period=None,
    workers=None,
    executor=None,
    progress=None,
    invalid=None,
    force=False,
    pdf=False,
    cluster=None,
    template=None,
) -> int:
    """Run the batch, keep the index true throughout; return the exit code (0, 1 or 130).

    ``force``: render every team, even one whose inputs did not change since the
    report in ``out_dir`` was made (``okrkit.report.digest``). ``pdf``: print each
    report too. ``cluster``: an ``okrkit.report.cluster.DaskRun``; the teams run
    on its workers, the snapshot and template shipped to them as bytes.
    ``template``: the notebook to run (default: the package's report template).
    """
    from okrkit.report.batch import run_batch
    from okrkit.report.execute import TeamResult
    from okrkit.report.index import write_index
    from okrkit.report.jobs import TEMPLATE, team_jobs
    from okrkit.report.outdir import INDEX, OutputFolder, ctrl_c_deferred
    from okrkit.report.snapshot import write_snapshot
    from okrkit.report.summary import (
        build_index,
        finished_row,
        invalid_rows,
        team_checks,
        team_rows,
    )

    template = str(template or TEMPLATE)
    folder = OutputFolder(out_dir)
    jobs = team_jobs(
        case,
        teams,
        folder.staging,
        lang=lang,
        actuals_path=actuals_path,
        period=period,
        template=template,
    )
    checks = team_checks(case, teams, actuals)
    prepared = _prepare(case, teams, checks, period, actuals)
    hashes = _hashes(case, teams, jobs, template, lang, period, actuals, pdf, prepared)
    keep = {} if force else folder.unchanged(hashes)
    if pdf:  # a kept report printed before --pdf was asked for is not kept
        keep = {k: e for k, e in keep.items() if f"{k}.pdf" in e["files"]}
    rows = team_rows(case, teams, jobs, lang=lang, actuals=actuals, checks=checks)
    board = _dashboard(case, teams, checks, invalid, lang, actuals)
    bad_rows = invalid_rows(invalid or {}, lang)
    position = {job.key: i for i, job in enumerate(jobs)}
    done: list = []
    started = time.strftime("%Y-%m-%d %H:%M:%S")
    last_write = [0.0, 0.0]  # when the index was last written, and how long that took
    for key, entry in keep.items():
        kept = TeamResult(key=key, status="ok", error=entry.get("error"))
        for name in entry["files"]:
            if name.endswith((".html", ".ipynb")):
                setattr(kept, name.rsplit(".", 1)[1], str(folder.out / name))
        rows[position[key]] = finished_row(rows[position[key]], kept)
        done.append(kept)
    to_run = [job for job in jobs if job.key not in keep]

    def write(notice: str):
        began = time.perf_counter()
        index = build_index(
            case,
            rows + bad_rows,
            lang=lang,
            actuals=actuals,
            actuals_path=actuals_path,
            notice=notice,
            board=board,
            kept=len(keep),
        )
        folder.record(INDEX)
        path = write_index(index, folder.out / INDEX).resolve()
        last_write[:] = [time.perf_counter(), time.perf_counter() - began]
        return index, path

    def due() -> bool:
        """Rewrite the index after a report unless writing it is most of the work.

        A small case's index takes milliseconds: it is rewritten after every
        report. A 10,000-team index takes a good part of a second: it waits at
        least ten times its own writing time, so it never costs more than a
        tenth of the batch (the final index is always written).
        """
        written, took = last_write
        return time.perf_counter() - written >= 10 * took

    def running() -> str:
        if len(done) == len(jobs):
            return ""
        return t("index.notice.running", lang, done=len(done), n=len(jobs), time=started)

    printer = None
    printing: dict = {}  # key -> the future of its PDF, printed while the batch runs

    def on_result(result) -> None:
        with ctrl_c_deferred():  # a report moves in whole, and the index says so
            folder.place(result, hashes[result.key])
            rows[position[result.key]] = finished_row(rows[position[result.key]], result)
            done.append(result)
            if due():
                write(running())
        if printer is not None and result.ok and result.html:
            printing[result.key] = printer.submit(result.html, folder.staging / f"{result.key}.pdf")

    try:
        if pdf:
            from okrkit.report.pdf import Printer

            printer = Printer()  # the browser starts while the first kernels do
        with ctrl_c_deferred():
            folder.open((job.key for job in jobs), keep=keep)
            write(running())
        by_key = {job.key: team.id for team, job in zip(teams, jobs, strict=True)}
        slices = {by_key[job.key]: prepared[by_key[job.key]] for job in to_run}
        snapshot = write_snapshot(folder.staging, case, actuals, slices)
        to_run = [
            replace(job, parameters={**job.parameters, "case_snapshot": str(snapshot)})
            for job in to_run
        ]
        shipment = None
        if cluster is not None and to_run:
            from okrkit.report.remote import make_shipment

            executor = cluster.executor
            shipment = cluster.ship(make_shipment(snapshot, template))
        run_batch(
            to_run,
            executor=executor,
            workers=workers,
            progress=progress,
            desc="okrkit report",
            on_result=on_result,
            lang=lang,
            shipment=shipment,
        )
        if printer is not None:
            _place_pdfs(folder, printer, printing, [r for r in done if r.ok and r.html], keep)
    except KeyboardInterrupt:  # also BatchInterrupted: its kernels are gone already
        if cluster is not None:  # and the cluster's: its queue cancelled, its kernels killed
            cluster.stop()
        with ctrl_c_deferred():
            _, path = write(t("index.notice.interrupted", lang, done=len(done), n=len(jobs)))
            folder.close()
        _say_interrupted(jobs, done, path, lang)
        return 130
    finally:
        if printer is not None:
            printer.close()
    index, path = write("")
    folder.close()
    print(index.summary)
    if keep:  # the counts are in the summary line; only the way to render them all is added
        print(
            "（输入未变的报告保留原样；--force 全部重新生成）"
            if lang == "zh"
            else "(a report whose inputs did not change is kept as it was; --force renders all)"
        )
    print(t("cli.report.done", lang, path=path))
    failed = [r for r in done if not r.ok]
    if failed:
        print(t("cli.report.failed", lang, failed=len(failed), n=len(done)), file=sys.stderr)
        for result in failed:
            where = f" ({result.ipynb})" if result.ipynb else ""
            print(f"  {result.key}: {result.error}{where}", file=sys.stderr)
    if invalid:
        print(t("cli.report.invalid", lang, n=len(invalid)), file=sys.stderr)
        for problems in invalid.values():
            for problem in problems:
                print(f"  {problem.render(lang)}", file=sys.stderr)
    return 1 if failed or invalid else 0


def _prepare(case, teams, checks, period, actuals) -> dict:
    """What every report's kernel would otherwise work out itself (``okrkit.report.prepare``)."""
    from okrkit.report.prepare import as_of_date, prepare

    if period is None and actuals is not None:  # the period the report's header shows
        period = getattr(actuals, "period", None)
    return prepare(case, teams, findings=checks.findings, period=period, as_of=as_of_date(case))


def _hashes(case, teams, jobs, template, lang, period, actuals, pdf, prepared) -> dict[str, str]:
    """Per job key, the hash of what its report reads (``--pdf`` is part of the run)."""
    from okrkit.report.digest import digests
    from okrkit.report.prepare import as_of_date

    by_id = digests(case, teams, template=template, lang=lang, period=(period, bool(pdf)),
                    actuals=actuals, prepared=prepared, as_of=as_of_date(case))  # fmt: skip
    return {job.key: by_id[team.id] for team, job in zip(teams, jobs, strict=True)}


def _dashboard(case, teams, checks, invalid, lang, actuals):
    """The programme dashboard of the run's teams (and the invalid team files asked for)."""
    from okrkit.report.programme import store_mix
    from okrkit.report.summary import dashboard

    return dashboard(
        case,
        teams,
        checks,
        lang=lang,
        invalid_parents=[_declared_parent(path) for path in invalid or {}],
        review=actuals is not None,
        checkins=store_mix(case),
    )


def _declared_parent(path) -> str | None:
    """The parent a team file with problems names, as far as it can be read."""
    from okrkit.errors import ProblemLog
    from okrkit.yamlio import read_yaml

    data = read_yaml(Path(path), ProblemLog())
    parent = data.get("parent") if isinstance(data, dict) else None
    return parent if isinstance(parent, str) else None


def _place_pdfs(folder, printer, printing: dict, results, keep) -> None:
    """Wait for the reports' PDFs (and print a kept report without its PDF); move each into place."""
    from okrkit.report.outdir import ctrl_c_deferred

    for result in results:
        if result.key in printing:
            continue
        if result.key not in keep or f"{result.key}.pdf" not in keep[result.key]["files"]:
            printing[result.key] = printer.submit(result.html, folder.staging / f"{result.key}.pdf")
    for result in results:
        if result.key in printing:
            written = printing[result.key].result()
            with ctrl_c_deferred():
                folder.place_extra(result.key, written)


def build_index_only(case, teams, out_dir, *, lang="zh", actuals=None, actuals_path=None,
                     period=None, invalid=None, pdf=False, **_ignored) -> int:  # fmt: skip
    """Rewrite only ``index.html`` from the case and the manifest; run and remove nothing.

    A team whose report in ``out_dir`` was made from the same inputs is linked as
    done; one whose inputs changed since is linked but marked not done (its report
    is out of date); one without a report is not done. Exit 0.
    """
    from okrkit.report.execute import TeamResult
    from okrkit.report.index import write_index
    from okrkit.report.jobs import TEMPLATE, team_jobs
    from okrkit.report.outdir import INDEX, previous_teams
    from okrkit.report.summary import (
        build_index,
        finished_row,
        invalid_rows,
        team_checks,
        team_rows,
    )

    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    jobs = team_jobs(case, teams, out, lang=lang, actuals_path=actuals_path, period=period)
    checks = team_checks(case, teams, actuals)
    prepared = _prepare(case, teams, checks, period, actuals)
    hashes = _hashes(case, teams, jobs, str(TEMPLATE), lang, period, actuals, pdf, prepared)
    rows = team_rows(case, teams, jobs, lang=lang, actuals=actuals, checks=checks)
    board = _dashboard(case, teams, checks, invalid, lang, actuals)
    previous = previous_teams(out)
    stale = 0
    for i, job in enumerate(jobs):
        entry = previous.get(job.key)
        if entry is None or not all((out / n).is_file() for n in entry["files"]):
            continue
        result = TeamResult(key=job.key, status=entry.get("status", "ok"), error=entry.get("error"))
        for name in entry["files"]:
            if name.endswith((".html", ".ipynb")):
                setattr(result, name.rsplit(".", 1)[1], str(out / name))
        rows[i] = finished_row(rows[i], result)
        if entry.get("hash") != hashes[job.key]:
            rows[i] = replace(rows[i], state="pending")
            stale += 1
    notice = t("index.notice.stale", lang, n=stale) if stale else ""
    index = build_index(case, rows + invalid_rows(invalid or {}, lang), lang=lang,
                        actuals=actuals, actuals_path=actuals_path, notice=notice, board=board)  # fmt: skip
    path = write_index(index, out / INDEX).resolve()
    print(index.summary)
    print(t("cli.report.done", lang, path=path))
    return 0


def _say_interrupted(jobs, done, path, lang: str) -> None:
    """What was finished and what was not, on stderr, in ``lang``."""
    finished = {result.key: result for result in done}
    failed = t("index.failed", lang)
    keys = [job.key for job in jobs]  # in the order of the run, not of finishing
    names = [k if finished[k].ok else f"{k} ({failed})" for k in keys if k in finished]
    rest = [k for k in keys if k not in finished]
    print(t("cli.report.interrupted", lang, done=len(done), n=len(jobs)), file=sys.stderr)
    sep = "、" if lang == "zh" else ", "
    if names:
        print(t("cli.report.finished", lang, teams=sep.join(names)), file=sys.stderr)
    if rest:
        print(t("cli.report.unfinished", lang, teams=sep.join(rest)), file=sys.stderr)
    print(t("cli.report.done", lang, path=path), file=sys.stderr)
