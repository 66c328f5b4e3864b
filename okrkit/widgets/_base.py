"""What every okrkit widget shares: a message area, safe callbacks, the reload / save-as offer."""

from __future__ import annotations

import functools
import html
import traceback

import ipywidgets as widgets

from okrkit.errors import CaseError, OkrkitError
from okrkit.i18n import t

_STYLES = {
    "info": "color:#1f4e79",
    "ok": "color:#1b7f3b",
    "warn": "color:#9a6700",
    "error": "color:#b42318;font-weight:600",
}


class MessageArea(widgets.HTML):
    """An HTML widget that shows one message with a severity colour.

    Tests read ``.value`` (the HTML) or ``.text`` / ``.level`` (plain).
    """

    def show(self, text: str, level: str = "info") -> None:
        """Show ``text`` (escaped) in the colour of ``level``."""
        self.text = text
        self.level = level
        lines = "<br>".join(html.escape(line) for line in text.splitlines())
        self.value = (
            f'<div class="okrkit-message okrkit-{level}" style="{_STYLES[level]}">{lines}</div>'
        )

    def clear(self) -> None:
        """Remove the message."""
        self.text, self.level, self.value = "", "", ""

    text: str = ""
    level: str = ""


def reports_errors(message_area_attr: str = "message"):
    """Decorate a widget method so an exception shows in its message area.

    Expected errors (bad input) show their own text; anything else shows the
    exception type and message plus the last traceback line, never silently.
    """

    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            area: MessageArea = getattr(self, message_area_attr)
            try:
                return method(self, *args, **kwargs)
            except (CaseError, OkrkitError) as error:
                area.show(error.render(getattr(self, "lang", "zh")), "error")
            except ValueError as error:
                # okrkit.numbers' NumberError carries its Chinese text as .zh
                zh = getattr(error, "zh", None) if getattr(self, "lang", "zh") == "zh" else None
                area.show(zh or str(error), "error")
            except Exception as error:
                last = traceback.format_exc().strip().splitlines()[-1]
                area.show(f"{type(error).__name__}: {error}\n{last}", "error")
            return None

        return wrapper

    return decorate


class StaleOffer(widgets.HBox):
    """Two buttons shown when a save was refused because someone else saved first.

    Reload drops this editor's edits and shows the file on disk; save-as
    writes this editor's version to a new file beside it, so nothing typed is
    lost. Hidden until :meth:`offer`; ``visible`` says whether it is shown.
    """

    def __init__(self, lang: str, on_reload, on_save_as):
        self.reload_button = widgets.Button(
            description=t("save.reload", lang), button_style="warning"
        )
        self.save_as_button = widgets.Button(
            description=t("save.save_as", lang), button_style="info"
        )
        self.reload_button.on_click(lambda _button: on_reload())
        self.save_as_button.on_click(lambda _button: on_save_as())
        super().__init__(
            [self.reload_button, self.save_as_button], layout=widgets.Layout(display="none")
        )

    @property
    def visible(self) -> bool:
        """Whether the buttons are on screen."""
        return self.layout.display != "none"

    def offer(self) -> None:
        """Show the two buttons."""
        self.layout.display = "flex"

    def withdraw(self) -> None:
        """Hide the two buttons (after either was used, or a save that worked)."""
        self.layout.display = "none"
