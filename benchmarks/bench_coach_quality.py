"""How well the coach reads published OKRs: precision and recall per rule family and language.

Reads the labelled set in ``tests/coach_corpus/`` (42 tables; labels written
before the coach was run, see its README), lints each table as a Google-style
team (``method: unweighted``, no case around it), and compares each rule's
findings with the labels: a finding at a labelled place is a true positive, a
finding elsewhere a false positive, a label without its finding a miss. Also
prints the findings on the tables labelled ``quiet`` (well written: the aim is
0 errors and at most 1 warning each). Texts are given as plain, untagged
strings, as a manager types them. Run:
`.venv/bin/python benchmarks/bench_coach_quality.py [--misses]`.
"""

from __future__ import annotations

import sys
from collections import defaultdict
from pathlib import Path

from ruamel.yaml import YAML

from okrkit.lint import LintConfig, lint_team
from okrkit.model import KeyResult, Objective, Team, Text

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "coach_corpus"
LANGUAGES = ("en", "zh-hans", "zh-hant")
# family -> the rule code whose findings stand for it
FAMILIES = {
    "activity": "OKR405",
    "unmeasurable": "OKR302",
    "output": "OKR503",
    "bau": "OKR502",
    "vague": "OKR504",
    "number": "OKR501",
}
CONFIG = LintConfig(method="unweighted")


def load_tables(lang: str) -> list[dict]:
    """The labelled tables of one language file."""
    return YAML(typ="safe").load((CORPUS / f"{lang}.yaml").read_text(encoding="utf-8"))


def team_and_labels(table: dict) -> tuple[Team, set[tuple[str, str]]]:
    """The table as a Team (untagged texts) and its labels as (family, place) pairs."""
    labels: set[tuple[str, str]] = set()
    objectives = []
    for i, entry in enumerate(table["objectives"], start=1):
        o_id = f"O{i}"
        for family in entry.get("labels", []):
            labels.add((family, o_id))
        krs = []
        for j, (text, *kr_labels) in enumerate(entry["krs"], start=1):
            kr_id = f"KR{i}.{j}"
            krs.append(KeyResult(kr_id, Text(zh=text)))
            labels.update((family, f"{o_id}/{kr_id}") for family in kr_labels)
        objectives.append(Objective(o_id, Text(zh=entry["o"]), key_results=tuple(krs)))
    team = Team(table["id"], Text(zh=table["id"]), "department", objectives=tuple(objectives))
    return team, labels


def _place(location: str) -> str:
    """'O1/KR1.2.kind' -> 'O1/KR1.2'; 'O1' stays."""
    head, _, tail = location.partition("/")
    return f"{head}/{tail.rsplit('.', 1)[0]}" if tail.count(".") > 1 else location


def evaluate(show_misses: bool = False) -> dict:
    """Counts per (language, family): tp, fp, fn; and the quiet tables' findings."""
    counts: dict = defaultdict(lambda: {"tp": 0, "fp": 0, "fn": 0})
    quiet: list[tuple[str, str, int, int, list[str]]] = []
    misses: list[str] = []
    for lang in LANGUAGES:
        for table in load_tables(lang):
            team, labels = team_and_labels(table)
            findings = lint_team(team, None, CONFIG)
            texts = {o.id: o.title.zh for o in team.objectives} | {
                f"{o.id}/{k.id}": k.text.zh for o, k in team.key_results()
            }
            for family, code in FAMILIES.items():
                found = {_place(f.location) for f in findings if f.code == code}
                wanted = {place for fam, place in labels if fam == family}
                counts[lang, family]["tp"] += len(found & wanted)
                counts[lang, family]["fp"] += len(found - wanted)
                counts[lang, family]["fn"] += len(wanted - found)
                misses += [f"  miss {family:<12} {lang:<8} {texts[p]}" for p in wanted - found]
                misses += [f"  false {family:<11} {lang:<8} {texts[p]}" for p in found - wanted]
            if table.get("quiet"):
                errors = sum(1 for f in findings if f.severity == "error")
                warns = sum(1 for f in findings if f.severity == "warn")
                quiet.append((lang, table["id"], errors, warns, [f.code for f in findings]))
    if show_misses:
        print("\n".join(sorted(misses)))
    return {"counts": counts, "quiet": quiet}


def _ratio(a: int, b: int) -> str:
    return f"{a / b:6.1%}" if b else "     –"


def main() -> None:
    result = evaluate(show_misses="--misses" in sys.argv)
    counts = result["counts"]
    print(f"{'family':<13}{'language':<10}{'labels':>7}{'found':>7}{'precision':>11}{'recall':>8}")
    for family in FAMILIES:
        for lang in (*LANGUAGES, "all"):
            langs = LANGUAGES if lang == "all" else (lang,)
            tp = sum(counts[x, family]["tp"] for x in langs)
            fp = sum(counts[x, family]["fp"] for x in langs)
            fn = sum(counts[x, family]["fn"] for x in langs)
            print(
                f"{family:<13}{lang:<10}{tp + fn:>7}{tp + fp:>7}"
                f"{_ratio(tp, tp + fp):>11}{_ratio(tp, tp + fn):>8}"
            )
    print("\nquiet tables (aim: 0 errors, <= 1 warning):")
    for lang, table, errors, warns, codes in result["quiet"]:
        verdict = "ok " if errors == 0 and warns <= 1 else "NOT"
        print(f"  {verdict} {lang:<8} {table:<34} {errors} error(s) {warns} warning(s) {codes}")


if __name__ == "__main__":
    main()
