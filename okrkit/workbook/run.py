"""Run a workbook notebook top to bottom in one language, in this process.

papermill's parameterizer injects ``LANG`` after the cell tagged
``parameters``; nbclient executes with the ``python3`` kernel of the
environment running this code, in the notebook's own folder (so
``../cases/a-company`` resolves as it does in JupyterLab). papermill's own
executor is not used because it fails a run on any error output, even in a
cell tagged ``raises-exception``; here such a cell *must* raise, and an error
anywhere else raises :class:`NotebookRunError` naming the cell.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass
from pathlib import Path

from okrkit.i18n import check_lang


@dataclass(frozen=True)
class RunResult:
    """One notebook run: which file, which language, how long, the executed notebook."""

    path: Path
    lang: str
    seconds: float
    notebook: object


def run_notebook(path: str | Path, lang: str = "zh", *, timeout: int = 300) -> RunResult:
    """Execute ``path`` with ``LANG`` set to ``lang``; return the executed notebook.

    >>> result = run_notebook("notebooks/00-start-here.ipynb", "en")  # doctest: +SKIP
    >>> result.seconds < 60  # doctest: +SKIP
    True

    Notice nothing is written next to the notebook: the executed copy stays in
    memory, so the committed file keeps no outputs.
    """
    # Imported here: nbformat/papermill take ~1.8 s to import and only runs need them.
    import nbformat
    from nbclient import NotebookClient
    from papermill.parameterize import parameterize_notebook

    from okrkit.report import kernels

    check_lang(lang)
    path = Path(path).resolve()
    started = time.perf_counter()
    nb = nbformat.read(str(path), as_version=4)
    for cell in nb.cells:  # papermill's parameterizer reads every cell's tags
        cell.metadata.setdefault("tags", [])
    nb.metadata.setdefault("papermill", {})
    nb = parameterize_notebook(
        nb, {"LANG": lang}, kernel_name=kernels.KERNEL_NAME, language="python"
    )
    # The report runner's kernel manager: IPC sockets in a private folder (no TCP
    # port race, no plain-text TCP warning) and a quick start-up and shutdown.
    with kernels.socket_folder() as folder:
        client = NotebookClient(
            nb,
            kernel_name=kernels.KERNEL_NAME,
            kernel_manager_class=kernels.manager_class(folder),
            timeout=timeout,
            resources={"metadata": {"path": str(path.parent)}},
            # An immediate shutdown avoids the occasional 3 s stall on SIGINT.
            shutdown_kernel="immediate",
        )
        client.execute()
    problems = unexpected_errors(nb)
    if problems:
        raise NotebookRunError(path, lang, problems)
    return RunResult(path, lang, time.perf_counter() - started, nb)


class NotebookRunError(AssertionError):
    """A notebook failed where it should not, or did not fail where it should."""

    def __init__(self, path: Path, lang: str, problems: list[str]):
        self.path, self.lang, self.problems = path, lang, problems
        super().__init__(f"{path.name} (LANG={lang}):\n" + "\n".join(problems))


def unexpected_errors(nb) -> list[str]:
    """Errors outside ``raises-exception`` cells, and such cells that did not raise."""
    problems = []
    for index, cell in enumerate(nb.cells):
        if cell.cell_type != "code":
            continue
        errors = [o for o in cell.get("outputs", []) if o.get("output_type") == "error"]
        expected = "raises-exception" in cell.metadata.get("tags", [])
        if errors and not expected:
            error = errors[0]
            head = cell.source.splitlines()[0] if cell.source else ""
            problems.append(f"cell {index} ({head!r}): {error.ename}: {error.evalue}")
        elif expected and not errors:
            problems.append(f"cell {index}: tagged raises-exception but raised nothing")
    return problems


def error_outputs(nb) -> list[tuple[int, str]]:
    """(cell index, error name) of every error shown by an executed notebook."""
    found = []
    for index, cell in enumerate(nb.cells):
        for output in cell.get("outputs", []):
            if output.get("output_type") == "error":
                found.append((index, output.get("ename", "")))
    return found


_CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")


def output_text(cell) -> str:
    """All text a cell's outputs show: streams, plain text, HTML and error messages."""
    parts = []
    for output in cell.get("outputs", []):
        if "text" in output:
            parts.append(str(output["text"]))
        data = output.get("data", {})
        for mime in ("text/plain", "text/html", "text/markdown"):
            if mime in data:
                parts.append(str(data[mime]))
        if output.get("output_type") == "error":
            parts.append(f"{output.get('ename')}: {output.get('evalue')}")
    return "\n".join(parts)


def chinese_in_outputs(nb) -> list[tuple[int, str]]:
    """(cell index, first Chinese snippet) of each cell whose outputs show Chinese.

    An English run should list nothing: every header, label and message follows LANG.
    """
    found = []
    for index, cell in enumerate(nb.cells):
        text = output_text(cell)
        match = _CJK.search(text)
        if match:
            found.append((index, text[max(0, match.start() - 20) : match.end() + 20]))
    return found
