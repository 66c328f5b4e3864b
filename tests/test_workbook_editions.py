"""Two editions from one source: the participant's without the answers, the trainer's with notes."""

import ast
from pathlib import Path

import pytest

from okrkit.cli import main
from okrkit.errors import OkrkitError
from okrkit.story import CHAPTERS, SOLUTION_TAG, chapter, sections
from okrkit.workbook import clean
from okrkit.workbook.editions import TRAINER_TAG, build, edition_notebook
from okrkit.workbook.run import chinese_in_outputs, output_text, run_notebook

ROOT = Path(__file__).resolve().parents[1]
FOLDER = ROOT / "notebooks"
IDS = [c.stem for c in CHAPTERS]
FOUR = chapter("04-results-into-processes")


def _tags(cell) -> list:
    return cell.metadata.get("tags", [])


def _is_check(cell) -> bool:
    return cell.cell_type == "code" and cell.source.startswith("exercises.check_")


def _committed(stem: str):
    return clean.read(FOLDER / chapter(stem).filename)


def test_participant_edition_has_no_solutions_but_keeps_exercises_and_checks():
    """Chapter 04 for participants: the solution goes, `my_calls = None` and its check stay."""
    nb = edition_notebook(_committed(FOUR.stem), FOUR, "participant")
    sources = [c.source for c in nb.cells]
    assert not [c for c in nb.cells if SOLUTION_TAG in _tags(c)]
    assert "my_calls = None" in sources
    following = sources[sources.index("my_calls = None") + 1]
    assert following.startswith("exercises.check_activity(")


def test_trainer_edition_keeps_solutions_and_adds_notes_after_each_section():
    """Chapter 04 for trainers, in English: its solution, and one notes cell under each heading."""
    nb = edition_notebook(_committed(FOUR.stem), FOUR, "trainer", "en")
    notes = [c for c in nb.cells if TRAINER_TAG in _tags(c)]
    assert [c.id for c in notes] == [f"{s.cell}-trainer" for s in sections(FOUR.stem)]
    assert notes[3].source.startswith("**Trainer · 7 min (at 13–20 of 30 min)**")
    assert all(c.metadata.slideshow.slide_type == "notes" for c in notes)
    assert any(SOLUTION_TAG in _tags(c) for c in nb.cells)


def test_trainer_notes_follow_the_language():
    """The Chinese trainer edition shows the Chinese notes."""
    nb = edition_notebook(_committed(FOUR.stem), FOUR, "trainer", "zh")
    notes = [c.source for c in nb.cells if TRAINER_TAG in _tags(c)]
    assert notes[3].startswith("**培训师 · 7分钟") and "向上取整" in notes[3]


def test_edition_sets_the_language_switch():
    """The LANG parameters cell of an English edition says "en", so Run All shows English."""
    nb = edition_notebook(_committed(FOUR.stem), FOUR, "participant", "en")
    [params] = [c for c in nb.cells if "parameters" in _tags(c)]
    assert params.source == 'LANG = "en"'


def test_editing_an_edition_leaves_the_source_untouched():
    """Building an edition does not change the notebook it was built from."""
    source = _committed(FOUR.stem)
    before = clean.to_text(source)
    edition_notebook(source, FOUR, "participant", "en")
    assert clean.to_text(source) == before


@pytest.mark.parametrize("stem", IDS)
def test_every_exercise_with_a_check_has_its_solution_before_the_check(stem):
    """Each solution cell follows an answer cell and precedes that exercise's check cell."""
    cells = _committed(stem).cells
    for index, cell in enumerate(cells):
        if SOLUTION_TAG in _tags(cell):
            assert cells[index - 1].cell_type == "code" and SOLUTION_TAG not in _tags(
                cells[index - 1]
            )
            later = [c for c in cells[index + 1 :] if c.cell_type == "code"]
            assert later and (
                _is_check(later[0]) or SOLUTION_TAG in _tags(later[0]) or stem == "11-your-own-team"
            )


def _numbers(source: str) -> set[float]:
    return {
        node.value
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Constant)
        and isinstance(node.value, int | float)
        and not isinstance(node.value, bool)
    }


@pytest.mark.parametrize("stem", IDS)
def test_solutions_type_no_answer_as_a_number(stem):
    """A solution computes its answer: its only numbers are the givens (and 100 for %, 0 as index)."""
    cells = _committed(stem).cells
    given = {0, 100}.union(*(_numbers(c.source) for c in cells if _is_check(c)))
    for cell in cells:
        if SOLUTION_TAG in _tags(cell):
            assert _numbers(cell.source) <= given, cell.source


def test_chapters_with_exercises_have_solutions():
    """Every chapter whose notebook has an exercise check has at least one solution cell."""
    for stem in IDS:
        cells = _committed(stem).cells
        if any(_is_check(c) for c in cells):
            assert any(SOLUTION_TAG in _tags(c) for c in cells), stem


def test_build_writes_every_chapter_and_the_cases(tmp_path):
    """A built edition is a folder to hand out: notebooks/ with every chapter, and cases/."""
    built = build(FOLDER, tmp_path / "out", "participant", "en")
    assert [p.name for p in built.notebooks] == [c.filename for c in CHAPTERS]
    assert (tmp_path / "out" / "cases" / "a-company" / "case.yaml").exists()
    assert (tmp_path / "out" / "notebooks" / "rise.css").exists()  # the slides' style
    assert clean.hygiene_problems(clean.read(built.notebooks[0])) == []


def test_build_refuses_a_folder_that_is_not_empty(tmp_path):
    """A trainer's own files are never overwritten: a non-empty --out is refused in zh and en."""
    (tmp_path / "mine.txt").write_text("x", encoding="utf-8")
    with pytest.raises(OkrkitError) as caught:
        build(FOLDER, tmp_path, "trainer")
    assert "not empty" in str(caught.value) and "不是空的" in caught.value.zh


def test_unknown_edition_is_refused_in_both_languages(tmp_path):
    """An edition other than participant or trainer names the two that exist."""
    with pytest.raises(OkrkitError) as caught:
        build(FOLDER, tmp_path / "x", "teacher")
    assert "participant, trainer" in str(caught.value) and "未知的版本" in caught.value.zh


def test_cli_build_writes_the_edition(tmp_path, capsys):
    """`okrkit workbook build --edition trainer --out DIR --lang en` exits 0 and lists the files."""
    out = tmp_path / "trainer"
    code = main(["workbook", "build", "--edition", "trainer", "--out", str(out), "--lang", "en",
                 "--notebooks", str(FOLDER)])  # fmt: skip
    assert code == 0
    assert str(out / "notebooks" / FOUR.filename) in capsys.readouterr().out


def test_cli_build_into_a_full_folder_exits_2_with_a_chinese_message(tmp_path, capsys):
    """A non-empty --out gives exit 2 and the located message in the chosen language, no traceback."""
    (tmp_path / "mine.txt").write_text("x", encoding="utf-8")
    code = main(["workbook", "build", "--edition", "participant", "--out", str(tmp_path),
                 "--notebooks", str(FOLDER)])  # fmt: skip
    err = capsys.readouterr().err
    assert code == 2 and "不是空的" in err and "Traceback" not in err


# -- both editions run top to bottom. Each chapter runs once per edition, the
# participant edition in one language and the trainer edition in the other
# (alternating by chapter), so every chapter runs in both languages and every
# edition in both, at two runs a chapter.


def _languages(stem: str) -> dict[str, str]:
    first = int(chapter(stem).number) % 2 == 0
    return {"participant": "zh" if first else "en", "trainer": "en" if first else "zh"}


RUNS = [(stem, edition) for stem in IDS for edition in ("participant", "trainer")]


@pytest.fixture(scope="module")
def editions(tmp_path_factory):
    """Both editions in both languages, built once for the module's runs."""
    root = tmp_path_factory.mktemp("editions")
    return {
        (edition, lang): build(FOLDER, root / f"{edition}-{lang}", edition, lang).folder
        for edition in ("participant", "trainer")
        for lang in ("zh", "en")
    }


@pytest.mark.slow
@pytest.mark.parametrize(("stem", "edition"), RUNS, ids=[f"{s}-{e}" for s, e in RUNS])
def test_edition_runs_top_to_bottom(stem, edition, editions):
    """The edition executes; a participant's checks say what is missing, a trainer's pass."""
    lang = _languages(stem)[edition]
    path = editions[(edition, lang)] / "notebooks" / chapter(stem).filename
    result = run_notebook(path, lang)
    checks = [output_text(c) for c in result.notebook.cells if _is_check(c)]
    if edition == "trainer":
        assert not [text for text in checks if "✘" in text], "a solved check still fails"
    elif any(SOLUTION_TAG in _tags(c) for c in _committed(stem).cells):
        assert any("✘" in text for text in checks), "a blank exercise's check says nothing"
    leaks = chinese_in_outputs(result.notebook)
    assert (leaks == []) if lang == "en" else bool(leaks)
