"""The workbook's notebooks as files: keep them clean, navigable and running.

``clean`` strips outputs and machine-specific metadata, ``rules`` holds the
teaching-rhythm checks (short code cells, bilingual prose, a ``LANG``
parameter), ``nav`` writes each chapter's generated header and footer, and
``run`` executes a notebook in a language. For the workshop, ``slides`` sets
each cell's RISE slide type (written by ``scripts/make_nav.py`` with the nav),
``editions`` builds the participant and trainer editions, ``handouts`` prints
chapters and the deck's worksheet as A4 PDFs through Chromium, drawing widgets
from their saved state with ``widget_html``. None of it is imported by
``import okrkit``; nbformat and papermill load only here.
"""

NOTEBOOKS_DIR = "notebooks"
