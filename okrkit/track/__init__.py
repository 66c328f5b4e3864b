"""Through the year: check-ins, expected pace, status, forecast and roll-ups.

One module per question:

* :mod:`okrkit.track.settings` — the case's ``tracking:`` block (thresholds,
  stale days, pace profile, value mode per KR), read with located errors;
* :mod:`okrkit.track.store` — the append-only check-in log (SQLite, WAL),
  written by several processes at once; evidence counts imported idempotently;
* :mod:`okrkit.track.checkin` — one check-in validated against the case;
* :mod:`okrkit.track.pace` — the expected value at a date (linear, monthly
  profile, last cycle's monthly shares, a cadence's own target);
* :mod:`okrkit.track.standing` — where each KR stands at a date, from its
  check-ins (many teams at once, as a DataFrame);
* :mod:`okrkit.track.status` — on track / at risk / off track / stale, by rules
  held as data;
* :mod:`okrkit.track.forecast` — the end-of-cycle value (run rate, linear fit),
  its completion and score through :mod:`okrkit.scoring`, the rate still needed;
* :mod:`okrkit.track.rollup` — objective (worst KR beside weighted progress),
  team, department and company;
* :mod:`okrkit.track.picture` — all of the above for a case at a date, one call;
* :mod:`okrkit.track.trend` — one KR's check-ins against its expected line (for charts);
* :mod:`okrkit.track.entry` — one check-in from a front end: validated, suggested, saved;
* :mod:`okrkit.track.io` — check-ins to and from CSV and Excel;
* :mod:`okrkit.track.tables` — the picture as tables to read, in zh or en;
* :mod:`okrkit.track.labels` — every word these show, in zh and en.

Nothing here imports pandas at package import: ``import okrkit.track`` stays light.
"""
