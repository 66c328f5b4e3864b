"""The workbook's notebooks as files: keep them clean, navigable and running.

``clean`` strips outputs and machine-specific metadata, ``rules`` holds the
teaching-rhythm checks (short code cells, bilingual prose, a ``LANG``
parameter), ``nav`` writes each chapter's generated header and footer, and
``run`` executes a notebook in a language. None of it is imported by
``import okrkit``; nbformat and papermill load only here.
"""

NOTEBOOKS_DIR = "notebooks"
