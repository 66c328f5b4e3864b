"""Widgets as they were left, drawn as static HTML for paper.

A handout is printed from an executed notebook, where a widget is only a
reference (``application/vnd.jupyter.widget-view+json``) to a model in the
notebook's saved widget state. Drawing it normally needs the widget manager's
JavaScript, which an offline training room cannot fetch from a CDN. The state
already holds what the page showed, though: a slider's value, a text box's
text, an HTML widget's markup, a chart's PNG bytes, the boxes that lay them
out. :func:`render_views` replaces every widget view in a notebook by that
static picture, so the printed page shows each widget in its state.

Text values are escaped; an HTML widget's ``value`` is markup okrkit's
widgets built from escaped strings, so it is kept as markup.
"""

from __future__ import annotations

import html

WIDGET_VIEW = "application/vnd.jupyter.widget-view+json"
WIDGET_STATE = "application/vnd.jupyter.widget-state+json"
_PREFIX = "IPY_MODEL_"

CSS = """
.okw-box { display: flex; gap: 6px; align-items: flex-start; margin: 2px 0; }
.okw-vbox { flex-direction: column; align-items: stretch; }
.okw-hbox { flex-direction: row; flex-wrap: wrap; align-items: center; }
.okw-field { display: inline-flex; gap: 6px; align-items: center; margin: 1px 0; }
.okw-label { color: #333; min-width: 4em; }
.okw-value { border: 1px solid #999; border-radius: 2px; padding: 1px 6px; min-width: 3em; }
.okw-bar { display: inline-block; width: 120px; height: 6px; background: #ddd; position: relative; }
.okw-bar > span { position: absolute; left: 0; top: 0; bottom: 0; background: #2f6fb0; }
.okw-button { border: 1px solid #999; border-radius: 3px; padding: 1px 8px; background: #f2f2f2; }
.okw-chosen { background: #2f6fb0; color: #fff; }
.okw-image { max-width: 100%; }
"""


def widget_state(nb) -> dict:
    """The saved state of every widget model in an executed notebook, by model id."""
    saved = nb.metadata.get("widgets", {}).get(WIDGET_STATE, {})
    return saved.get("state", {})


class _Renderer:
    def __init__(self, state: dict):
        self.state = state

    def model(self, ref: str) -> dict | None:
        entry = self.state.get(ref.removeprefix(_PREFIX))
        return entry if entry else None

    def hidden(self, state: dict) -> bool:
        layout = self.model(state.get("layout") or "")
        layout_state = layout["state"] if layout else {}
        return layout_state.get("display") == "none" or layout_state.get("visibility") == "hidden"

    def render(self, ref: str) -> str:
        entry = self.model(ref)
        if entry is None:
            return ""
        name, state = entry.get("model_name", ""), entry.get("state", {})
        if self.hidden(state):
            return ""
        method = getattr(self, "_" + name.removesuffix("Model").lower(), None)
        if method is not None:
            return method(state, entry)
        if "children" in state:
            return self._box(state, entry)
        return self._field(state, state.get("value", ""))

    # -- containers

    def _box(self, state, entry, direction: str = "vbox") -> str:
        children = "".join(self.render(child) for child in state.get("children", []))
        return f'<div class="okw-box okw-{direction}">{children}</div>'

    def _vbox(self, state, entry) -> str:
        return self._box(state, entry, "vbox")

    def _hbox(self, state, entry) -> str:
        return self._box(state, entry, "hbox")

    def _tab(self, state, entry) -> str:
        titles = state.get("titles") or []
        parts = []
        for index, child in enumerate(state.get("children", [])):
            title = titles[index] if index < len(titles) and titles[index] else ""
            heading = f"<h4>{html.escape(str(title))}</h4>" if title else ""
            parts.append(heading + self.render(child))
        return f'<div class="okw-box okw-vbox">{"".join(parts)}</div>'

    _accordion = _tab

    # -- leaves

    def _label_html(self, state) -> str:
        description = state.get("description") or ""
        return (
            f'<span class="okw-label">{html.escape(str(description))}</span>' if description else ""
        )

    def _field(self, state, value) -> str:
        shown = html.escape("" if value is None else str(value))
        return f'<span class="okw-field">{self._label_html(state)}<span class="okw-value">{shown}</span></span>'

    def _html(self, state, entry) -> str:
        return f'<div class="okw-field">{self._label_html(state)}<div>{state.get("value", "")}</div></div>'

    _htmlmath = _html

    def _label(self, state, entry) -> str:
        return f'<span class="okw-field">{html.escape(str(state.get("value", "")))}</span>'

    def _slider(self, state, entry) -> str:
        low, high, value = state.get("min", 0), state.get("max", 100), state.get("value", 0)
        share = 0.0 if high == low else max(0.0, min(1.0, (value - low) / (high - low)))
        bar = f'<span class="okw-bar"><span style="width:{share * 100:.0f}%"></span></span>'
        readout = html.escape(f"{value:g}" if isinstance(value, float) else str(value))
        return (
            f'<span class="okw-field">{self._label_html(state)}{bar}'
            f'<span class="okw-value">{readout}</span></span>'
        )

    _intslider = _floatslider = _slider

    def _text(self, state, entry) -> str:
        return self._field(state, state.get("value", ""))

    _textarea = _floattext = _inttext = _boundedfloattext = _boundedinttext = _text

    def _checkbox(self, state, entry) -> str:
        mark = "☑" if state.get("value") else "☐"
        return f'<span class="okw-field">{mark} {self._label_html(state)}</span>'

    def _togglebutton(self, state, entry) -> str:
        chosen = " okw-chosen" if state.get("value") else ""
        text = html.escape(str(state.get("description", "")))
        return f'<span class="okw-button{chosen}">{text}</span>'

    def _button(self, state, entry) -> str:
        return f'<span class="okw-button">{html.escape(str(state.get("description", "")))}</span>'

    def _choice(self, state, entry) -> str:
        labels, index = state.get("_options_labels") or [], state.get("index")
        return self._field(
            state, labels[index] if isinstance(index, int) and index < len(labels) else ""
        )

    _dropdown = _radiobuttons = _select = _choice

    def _togglebuttons(self, state, entry) -> str:
        labels, index = state.get("_options_labels") or [], state.get("index")
        buttons = "".join(
            f'<span class="okw-button{" okw-chosen" if i == index else ""}">{html.escape(str(label))}</span>'
            for i, label in enumerate(labels)
        )
        return f'<span class="okw-field">{self._label_html(state)}{buttons}</span>'

    def _image(self, state, entry) -> str:
        data = next(
            (b.get("data") for b in entry.get("buffers", []) if b.get("path") == ["value"]), None
        )
        if not data:
            return ""
        fmt = html.escape(str(state.get("format", "png")))
        return f'<img class="okw-image" src="data:image/{fmt};base64,{data}">'

    def _output(self, state, entry) -> str:
        parts = []
        for output in state.get("outputs", []):
            data = output.get("data", {})
            if "image/png" in data:
                parts.append(
                    f'<img class="okw-image" src="data:image/png;base64,{data["image/png"]}">'
                )
            elif "text/html" in data:
                parts.append(str(data["text/html"]))
            elif "text/plain" in data or "text" in output:
                text = data.get("text/plain", output.get("text", ""))
                parts.append(f"<pre>{html.escape(str(text))}</pre>")
        return f'<div class="okw-box okw-vbox">{"".join(parts)}</div>'


def render_views(nb) -> int:
    """Replace each widget view in ``nb`` by its static HTML, in place; return how many.

    The widget state is removed afterwards: the notebook is now static, and an
    exporter will not try to load the widget manager for it.
    """
    renderer = _Renderer(widget_state(nb))
    count = 0
    for cell in nb.cells:
        for output in cell.get("outputs", ()):
            data = output.get("data")
            if not data or WIDGET_VIEW not in data:
                continue
            picture = renderer.render(data[WIDGET_VIEW].get("model_id", ""))
            output["data"] = {"text/html": f'<div class="okw-widget">{picture}</div>'}
            count += 1
    nb.metadata.pop("widgets", None)
    return count
