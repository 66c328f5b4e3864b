"""ipywidgets front ends over the pure modules; no business logic lives here.

Every number a widget shows comes from a tested function in the core. A
callback that fails shows its error inside the widget (see ``_base``), where
the user is looking, and keeps what the user typed.
"""
