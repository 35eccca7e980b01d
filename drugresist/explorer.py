"""Model explorers that work in three media.

An :class:`Explorer` wraps a pure plotting function ``plot(**params) -> Figure`` and a list of
:class:`Slider` specifications. Displaying it gives

* in a live kernel (JupyterLab, Binder, Colab): ipywidgets sliders that redraw the figure;
* in the static HTML book: a small gallery of pre-rendered parameter sets chosen with radio
  buttons (self-contained, no external requests), plus a pointer to the live version;
* in print (LaTeX/PDF): the figure at the default parameter values.
"""

from __future__ import annotations

import base64
import html
import itertools
from dataclasses import dataclass
from typing import Any, Callable, Mapping, Sequence

from matplotlib.figure import Figure

from drugresist.style import figure_to_png

PlotFunction = Callable[..., Figure]
AltFunction = Callable[..., str]

_explorer_counter = itertools.count(1)

LIVE_HINT = (
    "This is a static preview with a few pre-computed settings. To move the sliders yourself, "
    "open this page live with the launch button (rocket icon) at the top of the page, or run the "
    "chapter's lab notebook."
)


@dataclass(frozen=True)
class Slider:
    """One model parameter the reader can change: its range, step and default (in model units)."""

    name: str
    label: str
    min: float
    max: float
    step: float
    default: float

    def __post_init__(self) -> None:
        if not self.name.isidentifier():
            raise ValueError(f"Slider name must be a Python identifier, got {self.name!r}")
        if not self.min < self.max:
            raise ValueError(f"Slider {self.name!r}: min ({self.min}) must be below max ({self.max})")
        if self.step <= 0:
            raise ValueError(f"Slider {self.name!r}: step must be positive, got {self.step}")
        if not self.min <= self.default <= self.max:
            raise ValueError(
                f"Slider {self.name!r}: default {self.default} is outside [{self.min}, {self.max}]"
            )


def _format_value(value: float) -> str:
    return f"{value:g}"


class Explorer:
    """An interactive view of a model; see the module docstring for what each medium shows."""

    def __init__(
        self,
        plot: PlotFunction,
        sliders: Sequence[Slider],
        presets: Sequence[Mapping[str, float]],
        alt: AltFunction,
        title: str,
    ) -> None:
        if not sliders:
            raise ValueError("An explorer needs at least one slider")
        names = [s.name for s in sliders]
        if len(set(names)) != len(names):
            raise ValueError(f"Slider names must be unique, got {names}")
        self.plot = plot
        self.sliders = list(sliders)
        self.alt = alt
        self.title = title
        self.presets = [self.params(**preset) for preset in presets]
        if not self.presets:
            self.presets = [self.defaults()]

    def defaults(self) -> dict[str, float]:
        """The default value of every slider, by parameter name."""
        return {s.name: s.default for s in self.sliders}

    def params(self, **overrides: float) -> dict[str, float]:
        """Default parameters with ``overrides`` applied; unknown names or out-of-range values raise."""
        by_name = {s.name: s for s in self.sliders}
        unknown = sorted(set(overrides) - set(by_name))
        if unknown:
            raise ValueError(f"{self.title}: unknown parameter(s) {unknown}; known: {sorted(by_name)}")
        for name, value in overrides.items():
            slider = by_name[name]
            if not slider.min <= value <= slider.max:
                raise ValueError(
                    f"{self.title}: {name}={value} is outside the slider range [{slider.min}, {slider.max}]"
                )
        return {**self.defaults(), **overrides}

    def describe(self, params: Mapping[str, float]) -> str:
        """A short human-readable list of the parameter values, e.g. for a radio-button label."""
        return "; ".join(f"{s.label} = {_format_value(params[s.name])}" for s in self.sliders)

    def figure(self, **overrides: float) -> Figure:
        """The figure for the default parameters with ``overrides`` applied."""
        return self.plot(**self.params(**overrides))

    def png(self, **overrides: float) -> bytes:
        """The figure as PNG bytes."""
        return figure_to_png(self.figure(**overrides))

    # ----- live kernel -------------------------------------------------------------------------
    def widget(self):
        """An ipywidgets box: one slider per parameter above an image that redraws on change."""
        import ipywidgets as widgets

        controls = {
            s.name: widgets.FloatSlider(
                value=s.default,
                min=s.min,
                max=s.max,
                step=s.step,
                description=s.label,
                continuous_update=False,
                readout_format=".3g",
                style={"description_width": "initial"},
                layout=widgets.Layout(width="95%"),
            )
            for s in self.sliders
        }
        image = widgets.Image(format="png", layout=widgets.Layout(max_width="100%"))
        description = widgets.HTML()

        def redraw(_change: Any = None) -> None:
            values = {name: control.value for name, control in controls.items()}
            image.value = self.png(**values)
            description.value = f"<span class='drugresist-alt'>{html.escape(self.alt(**values))}</span>"

        for control in controls.values():
            control.observe(redraw, names="value")
        redraw()
        box = widgets.VBox(
            [widgets.HTML(f"<strong>{html.escape(self.title)}</strong>"), *controls.values(), image, description]
        )
        box.controls = controls  # type: ignore[attr-defined]  # for tests and notebooks
        box.image = image  # type: ignore[attr-defined]
        box.redraw = redraw  # type: ignore[attr-defined]
        return box

    # ----- static HTML -------------------------------------------------------------------------
    def to_html(self) -> str:
        """A self-contained HTML gallery of the presets (no external requests)."""
        uid = f"drugresist-explorer-{next(_explorer_counter)}"
        radios, frames = [], []
        for index, params in enumerate(self.presets):
            checked = " checked" if index == 0 else ""
            hidden = "" if index == 0 else " hidden"
            label = html.escape(self.describe(params))
            alt = html.escape(self.alt(**params), quote=True)
            data = base64.b64encode(figure_to_png(self.plot(**params))).decode("ascii")
            radios.append(
                f'<label class="drugresist-explorer-choice"><input type="radio" name="{uid}" '
                f'value="{index}"{checked}> {label}</label>'
            )
            frames.append(
                f'<figure class="drugresist-explorer-frame" data-index="{index}"{hidden}>'
                f'<img src="data:image/png;base64,{data}" alt="{alt}" style="max-width:100%;height:auto">'
                f"</figure>"
            )
        script = (
            "<script>(function(){var root=document.getElementById('%s');if(!root)return;"
            "root.querySelectorAll('input[type=radio]').forEach(function(r){r.addEventListener('change',"
            "function(){root.querySelectorAll('.drugresist-explorer-frame').forEach(function(f){"
            "f.hidden=(f.getAttribute('data-index')!==r.value);});});});})();</script>" % uid
        )
        return (
            f'<div class="drugresist-explorer" id="{uid}">'
            f'<fieldset><legend>{html.escape(self.title)}: choose a setting</legend>{"".join(radios)}</fieldset>'
            f'{"".join(frames)}'
            f'<p class="drugresist-explorer-hint">{html.escape(LIVE_HINT)}</p>'
            f"</div>{script}"
        )

    # ----- all media ---------------------------------------------------------------------------
    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        bundle: dict[str, Any] = {
            "text/plain": f"{self.title} (interactive explorer; default: {self.describe(self.defaults())})",
            "text/html": self.to_html(),
            "image/png": base64.b64encode(self.png()).decode("ascii"),
        }
        try:
            widget_bundle = self.widget()._repr_mimebundle_(include=include, exclude=exclude)
        except Exception:  # no ipywidgets front end: the static forms are still complete
            widget_bundle = None
        if widget_bundle:
            bundle.update({k: v for k, v in widget_bundle.items() if k != "text/plain"})
        return bundle
