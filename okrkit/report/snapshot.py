"""How does the batch hand the case it validated to every team's kernel?

The batch loads and checks the case (and the actuals) once, before any kernel
starts. Parsing the YAML again in each kernel would cost ~0.2 s a team (ruamel's
round-trip parser is pure Python) and could see files edited halfway through the
batch. So the batch pickles what it loaded into the output folder and passes the
file's path to the template (``case_snapshot``); every kernel reads exactly the
case that was validated. A notebook re-run by hand after the batch, when the
snapshot is gone, loads ``case_path`` as usual.

The snapshot is written and read by the same okrkit in the same batch and
removed afterwards; it is not an exchange format.
"""

from __future__ import annotations

import os
import pickle
from pathlib import Path

FOLDER = ".okrkit"
NAME = "case-snapshot.pickle"


def write_snapshot(out_dir: str | os.PathLike, case, actuals=None) -> Path:
    """Pickle ``case`` and ``actuals`` to ``out_dir/.okrkit/``; return the file's path."""
    folder = Path(out_dir) / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / NAME
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    tmp.write_bytes(pickle.dumps({"case": case, "actuals": actuals}, pickle.HIGHEST_PROTOCOL))
    os.replace(tmp, path)
    return path.resolve()


def read_snapshot(path: str | os.PathLike) -> tuple:
    """``(case, actuals)`` from a snapshot the batch wrote."""
    with open(path, "rb") as file:
        data = pickle.load(file)
    return data["case"], data["actuals"]


def remove_snapshot(path: str | os.PathLike) -> None:
    path = Path(path)
    path.unlink(missing_ok=True)
    try:
        path.parent.rmdir()  # only when empty
    except OSError:
        pass
