"""Per-team reports: a papermill template run once per team, HTML pages and an index.

The notebook kernel imports ``okrkit.report.sections`` to draw a report, so this
package's ``__init__`` imports nothing heavy: papermill and nbconvert load only in
the process that runs the batch (``execute``, ``html``, ``batch``).

Modules, one question each:

- ``kernels``: how many kernels start at once without racing for ports;
- ``execute``: how one team's notebook runs and becomes ``.ipynb`` + ``.html``;
- ``html``: how an executed notebook becomes a self-contained page;
- ``batch``: how many teams run in parallel, with progress, failures isolated,
  and what Ctrl-C stops;
- ``failure``: how a report whose run failed says so (a banner at the top);
- ``outdir``: how the output folder never looks complete when it is not (staging,
  the previous run's files, the index written throughout);
- ``index``: what ``index.html`` lists; ``summary``: its rows for a case;
- ``digest``: what feeds one team's report, as one hash (incremental runs);
- ``remote``: how a report runs on a machine that shares no disk with the batch;
- ``cluster``: how the batch runs on a Dask cluster (``--dask``);
- ``pdf``: how a report becomes an A4 PDF (``--pdf``).
"""
