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

from okrkit.yamlio import plain_reduce

FOLDER = ".okrkit"
NAME = "case-snapshot.pickle"


def write_snapshot(out_dir: str | os.PathLike, case, actuals=None, prepared=None) -> Path:
    """Pickle ``case``, ``actuals`` and ``prepared`` to ``out_dir/.okrkit/``; return the file's path.

    ``prepared``: per team id, what the batch worked out for its report
    (:func:`okrkit.report.prepare.prepare`); ``None``: each kernel works it out.
    """
    folder = Path(out_dir) / FOLDER
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / NAME
    tmp = path.with_suffix(f".{os.getpid()}.tmp")
    data = {"case": case, "actuals": actuals, "prepared": _packed(prepared)}
    with open(tmp, "wb") as file:
        _PlainPickler(file, pickle.HIGHEST_PROTOCOL).dump(data)
    os.replace(tmp, path)
    return path.resolve()


class _PlainPickler(pickle.Pickler):
    """case.yaml's blocks are ruamel nodes: pickled as plain ones (lines kept), so a
    kernel reading the snapshot never imports ruamel.yaml (~50 ms)."""

    def reducer_override(self, obj):
        return plain_reduce(obj)


def read_snapshot(path: str | os.PathLike) -> tuple:
    """``(case, actuals, prepared)`` from a snapshot the batch wrote."""
    with open(path, "rb") as file:
        data = pickle.load(file)
    return data["case"], data["actuals"], Slices(data.get("prepared") or {})


def _packed(prepared: dict | None) -> dict[str, bytes]:
    """Each team's slice pickled on its own: a kernel unpickles only its team's.

    At 10,000 teams the slices (trend series, findings) are tens of megabytes
    of small objects; as bytes, loading the snapshot copies them without
    building them, and each kernel builds one team's.
    """
    return {
        team: pickle.dumps(part, pickle.HIGHEST_PROTOCOL) for team, part in (prepared or {}).items()
    }


class Slices:
    """The snapshot's per-team slices, unpickled on demand."""

    def __init__(self, packed: dict[str, bytes]) -> None:
        self._packed = packed

    def get(self, team_id: str):
        """``team_id``'s slice, or None when the batch prepared none for it."""
        blob = self._packed.get(team_id)
        return None if blob is None else pickle.loads(blob)

    def __len__(self) -> int:
        return len(self._packed)


def remove_snapshot(path: str | os.PathLike) -> None:
    path = Path(path)
    path.unlink(missing_ok=True)
    try:
        path.parent.rmdir()  # only when empty
    except OSError:
        pass
