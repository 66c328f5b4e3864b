"""How does a team's report run on a machine that shares no disk with the batch?

A cluster worker (``okrkit report --dask``) has okrkit installed and nothing else:
not the case folder, not the output folder, maybe not even the same install path
for the template. So the batch ships what a run reads as bytes, and the worker
ships what it wrote back as bytes:

- a :class:`Shipment` holds the case snapshot (``okrkit.report.snapshot``) and the
  template notebook. The batch sends it to every worker once (Dask's
  ``scatter(..., broadcast=True)``), not once per team: a 10,000-team case's
  snapshot is megabytes. On the worker, :func:`materialize` writes it into a
  private temporary folder, once per worker process (keyed by its digest);
- :func:`run_shipped` runs the ordinary ``execute.run_team`` with the template,
  snapshot and output folder moved to that local folder, then reads the
  notebook and page it wrote into ``TeamResult.files`` and removes them;
- back in the batch, :func:`land` writes those bytes into the staging folder and
  points the result at them, so ``outdir`` moves them into place as usual.

The banner of a failed report, the located first line of its error and the cell
that failed are made on the worker by the same code as locally: a failing team is
reported exactly as it is in a local batch.
"""

from __future__ import annotations

import atexit
import hashlib
import os
import shutil
import tempfile
import threading
from dataclasses import dataclass, replace
from pathlib import Path

from okrkit.report.execute import TeamJob, TeamResult, run_team


@dataclass(frozen=True)
class Shipment:
    """What every run reads besides its parameters: the case snapshot and the template."""

    snapshot: bytes
    template: bytes

    @property
    def digest(self) -> str:
        return hashlib.sha256(self.snapshot + b"\0" + self.template).hexdigest()[:16]


def make_shipment(snapshot_path: str | os.PathLike, template_path: str | os.PathLike) -> Shipment:
    return Shipment(Path(snapshot_path).read_bytes(), Path(template_path).read_bytes())


_lock = threading.Lock()
_cache: dict[str, Path] = {}


def materialize(shipment: Shipment) -> Path:
    """A local folder holding ``snapshot.pickle`` and ``template.ipynb``; made once per process."""
    digest = shipment.digest
    with _lock:
        folder = _cache.get(digest)
        if folder is not None and folder.is_dir():
            return folder
        folder = Path(tempfile.mkdtemp(prefix=f"okrkit-{digest}-"))
        (folder / "snapshot.pickle").write_bytes(shipment.snapshot)
        (folder / "template.ipynb").write_bytes(shipment.template)
        _cache[digest] = folder
        atexit.register(shutil.rmtree, folder, True)
        return folder


def run_shipped(job: TeamJob, shipment: Shipment) -> TeamResult:
    """``run_team`` on a worker: inputs from ``shipment``, outputs back as ``result.files``."""
    folder = materialize(shipment)
    out = Path(tempfile.mkdtemp(prefix="out-", dir=folder))
    local = replace(
        job,
        template=str(folder / "template.ipynb"),
        out_dir=str(out),
        parameters={**job.parameters, "case_snapshot": str(folder / "snapshot.pickle")},
    )
    try:
        result = run_team(local)
        files = {}
        for attr in ("ipynb", "html"):
            path = getattr(result, attr)
            if path is not None:
                files[Path(path).name] = Path(path).read_bytes()
                setattr(result, attr, None)  # a path on the worker means nothing to the batch
        result.files = files
        return result
    finally:
        shutil.rmtree(out, ignore_errors=True)


def land(result: TeamResult, out_dir: str | os.PathLike) -> TeamResult:
    """Write a shipped result's files into ``out_dir`` (the staging folder); return it with paths."""
    if not result.files:
        return result
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    for name, data in result.files.items():
        if Path(name).name != name or name.startswith("."):
            continue  # only plain file names come back from a worker
        target = out / name
        target.write_bytes(data)
        if name.endswith(".ipynb"):
            result.ipynb = str(target)
        elif name.endswith(".html"):
            result.html = str(target)
    result.files = {}
    return result
