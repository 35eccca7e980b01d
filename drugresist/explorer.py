"""Model explorers that work in three media.

An :class:`Explorer` wraps a pure plotting function ``plot(**params) -> Figure`` and a list of
:class:`Slider` specifications. Displaying it gives

* in a live kernel (JupyterLab, Binder, Colab): ipywidgets sliders that redraw the figure; the
  figure is made once and redrawn in place (:mod:`drugresist.scene`), so a redraw keeps up;
* in the static HTML book: the same sliders as HTML range inputs, moving over a grid of stops
  (every combination of every slider). At build time the plot function is run at every grid point
  and the figure is read back as numbers (:func:`drugresist.scene.extract`); the browser draws
  them as SVG with ``static/drugresist-explorer.js`` (no kernel, no network), and the figure's text
  description, in an ``aria-live`` region, follows the sliders;
* in print (LaTeX/PDF): the matplotlib figure at the default parameter values.

The static form costs a run of the plot function at every grid point (up to about 20 s for the
largest grid), so it is made only while the HTML book is built: the course's Sphinx extension sets
:data:`STATIC_FORM_ENV` for the kernels of an HTML build. A student running a chapter or a lab
(Binder, JupyterLab) gets the live widget and the default figure at once.
"""

from __future__ import annotations

import base64
import gzip
import html
import itertools
import json
import os
import re
from dataclasses import dataclass
from typing import Any, Callable, Mapping, Sequence

import numpy as np
from matplotlib.figure import Figure

from drugresist import scene
from drugresist.style import figure_to_png

PlotFunction = Callable[..., Figure]
AltFunction = Callable[..., str]

_explorer_counter = itertools.count(1)

LIVE_HINT = (
    "In this page each slider moves over a few pre-computed stops; the live version is continuous. "
    "To use it, open this page live with the launch button (rocket icon) at the top of the page, or "
    "run the chapter's lab notebook."
)

#: Stops per slider in the static book, by number of sliders (the grid has every combination).
STOPS_BY_SLIDER_COUNT = {1: 21, 2: 11, 3: 7}
MIN_STOPS = 5

#: Keys of a scene item that hold its data (the rest is its style, stored once for many items).
DATA_KEYS = scene.DATA_KEYS

#: Environment variable set to "1" by the Sphinx extension for the kernels of an HTML build:
#: only then does displaying an explorer compute its static form (:meth:`Explorer.to_html`).
STATIC_FORM_ENV = "DRUGRESIST_STATIC_EXPLORERS"


def static_form_wanted() -> bool:
    """Whether this kernel is executing a page of the HTML book (see :data:`STATIC_FORM_ENV`)."""
    return os.environ.get(STATIC_FORM_ENV) == "1"


#: Resolution of the live figure (dots per inch): sharp enough on screen, quick to draw.
LIVE_DPI = 72


@dataclass(frozen=True)
class Slider:
    """One model parameter the reader can change: its range, step and default (in model units)."""

    name: str
    label: str
    min: float
    max: float
    step: float
    default: float
    #: Values the static book offers (optional; by default evenly spaced stops plus the default).
    stops: tuple[float, ...] | None = None

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
        if self.stops is not None:
            if len(self.stops) < MIN_STOPS:
                raise ValueError(f"Slider {self.name!r}: needs at least {MIN_STOPS} stops, got {len(self.stops)}")
            if self.default not in self.stops or any(not self.min <= v <= self.max for v in self.stops):
                raise ValueError(f"Slider {self.name!r}: stops must lie in [{self.min}, {self.max}] and include the default")

    @property
    def unit(self) -> str:
        """The unit in the label's closing parentheses, e.g. 'mmHg' in 'Oxygen (mmHg)' ('' if none)."""
        match = re.search(r"\(([^()=]{1,16})\)\s*$", self.label)
        return match.group(1) if match else ""

    def with_unit(self, value: float) -> str:
        """A value as the page shows it: '40 mmHg', '20%'."""
        unit = self.unit
        text = _format_value(value)
        if not unit:
            return text
        return f"{text}{unit}" if unit == "%" else f"{text} {unit}"

    def grid(self, count: int) -> list[float]:
        """``count`` stops from min to max on the slider's step, one of them the default."""
        if self.stops is not None:
            return sorted(float(v) for v in self.stops)
        values = np.linspace(self.min, self.max, max(count, MIN_STOPS))
        snapped = [min(self.max, self.min + round((v - self.min) / self.step) * self.step) for v in values]
        snapped = [float(f"{v:.10g}") for v in snapped]
        nearest = min(range(len(snapped)), key=lambda i: abs(snapped[i] - self.default))
        snapped[nearest] = float(self.default)
        return sorted(set(snapped))


def _format_value(value: float) -> str:
    return f"{value:g}"


def encode_payload(data: Mapping[str, Any]) -> str:
    """The static data as the page carries it: compact JSON, gzip-compressed (deterministic), base64."""
    raw = json.dumps(data, separators=(",", ":"), ensure_ascii=False).encode("utf-8")
    return base64.b64encode(gzip.compress(raw, compresslevel=9, mtime=0)).decode("ascii")


def decode_payload(payload: str) -> dict[str, Any]:
    """The inverse of :func:`encode_payload` (what the browser does with DecompressionStream)."""
    return json.loads(gzip.decompress(base64.b64decode(payload)).decode("utf-8"))


def _sentences(text: str) -> list[str]:
    """A description cut into sentences (the static book stores each distinct sentence once)."""
    return [part for part in re.split(r"(?<=[.;:])\s+", text.strip()) if part]


class Explorer:
    """An interactive view of a model; see the module docstring for what each medium shows."""

    def __init__(
        self,
        plot: PlotFunction,
        sliders: Sequence[Slider],
        presets: Sequence[Mapping[str, float]] = (),
        alt: AltFunction | None = None,
        title: str = "",
        continuous_update: bool = False,
    ) -> None:
        if not sliders:
            raise ValueError("An explorer needs at least one slider")
        names = [s.name for s in sliders]
        if len(set(names)) != len(names):
            raise ValueError(f"Slider names must be unique, got {names}")
        if alt is None:
            raise ValueError("An explorer needs an alt function (the text description of its figure)")
        self.plot = plot
        self.sliders = list(sliders)
        self.alt = alt
        self.title = title
        self.continuous_update = continuous_update
        #: Settings worth trying (named in the chapter text); the static book no longer shows them
        #: as a gallery, the sliders reach every combination of stops.
        self.presets = [self.params(**preset) for preset in presets]
        if not self.presets:
            self.presets = [self.defaults()]

    def default_mismatches(self) -> list[str]:
        """Where the plot or alt function's own default for a parameter is not its slider's.

        The sliders are the one declaration of an explorer's parameters (name, label and unit,
        range, step, default): the explorer starts there, and the printed figure (:meth:`png`) is
        drawn there. The chapter's default figure calls the plot function with no arguments, so its
        signature defaults must be the same numbers; this lists every difference (empty: none)."""
        import inspect

        problems = []
        for function in (self.plot, self.alt):
            parameters = inspect.signature(function).parameters
            for slider in self.sliders:
                parameter = parameters.get(slider.name)
                if parameter is None:
                    problems.append(f"{function.__qualname__} has no parameter {slider.name!r}")
                elif parameter.default is inspect.Parameter.empty:
                    problems.append(f"{function.__qualname__}({slider.name}) has no default (slider: {slider.default:g})")
                elif parameter.default != slider.default:
                    problems.append(f"{function.__qualname__}({slider.name}={parameter.default!r}) but the slider "
                                    f"starts at {slider.default!r}")
        return problems

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
        """A short human-readable list of the parameter values."""
        return "; ".join(f"{s.label} = {_format_value(params[s.name])}" for s in self.sliders)

    def figure(self, **overrides: float) -> Figure:
        """The figure for the default parameters with ``overrides`` applied (a new figure)."""
        return self.plot(**self.params(**overrides))

    def png(self, **overrides: float) -> bytes:
        """The figure as PNG bytes (print quality)."""
        return figure_to_png(self.figure(**overrides))

    # ----- the grid of the static book -----------------------------------------------------------
    def grid(self) -> list[list[float]]:
        """The stops of every slider in the static book (each list sorted, each holds the default)."""
        count = STOPS_BY_SLIDER_COUNT.get(len(self.sliders), MIN_STOPS)
        return [s.grid(count) for s in self.sliders]

    def grid_points(self) -> list[dict[str, float]]:
        """Every combination of stops, first slider slowest, as parameter dictionaries."""
        grid = self.grid()
        return [dict(zip((s.name for s in self.sliders), values)) for values in itertools.product(*grid)]

    def static_data(self) -> dict[str, Any]:
        """What the static book ships: the figure at every grid point, as numbers (see
        :func:`drugresist.scene.extract`), with every distinct array, item and sentence stored once.

        ``states[k]`` is the k-th grid point in :meth:`grid_points` order, as indices into
        ``lists`` for its axes, items, legends and description sentences. The format (version
        :data:`drugresist.scene.FORMAT_VERSION`) is described once, in :mod:`drugresist.scene`.
        """
        arrays, items, lists, sentences = scene.Interner(), scene.Interner(), scene.Interner(), scene.Interner()
        states, sizes, styles = [], scene.Interner(), scene.Interner()

        def item(spec: dict) -> int:
            """Store an item as its style (shared by many items) plus its data (arrays, text, place)."""
            style = {k: v for k, v in spec.items() if k not in DATA_KEYS}
            data = {k: v for k, v in spec.items() if k in DATA_KEYS}
            if "s" in data:
                data["s"] = sentences.add(data["s"])
            return items.add({"k": styles.add(style), **data})

        fig = None
        for params in self.grid_points():
            fig = self.plot(**params) if fig is None else scene.redraw_on(fig, self.plot, params)
            picture = scene.extract(fig, arrays)
            states.append([
                sizes.add(picture["size"]),
                lists.add([items.add(a) for a in picture["axes"]]),
                lists.add([item(i) for i in picture["items"]]),
                lists.add([items.add(g) for g in picture["legends"]]),
                lists.add([sentences.add(t) for t in _sentences(self.alt(**params))]),
            ])
        grid = self.grid()
        return {
            "version": scene.FORMAT_VERSION,
            "title": self.title,
            "sliders": [
                {"name": s.name, "label": s.label, "values": values, "default": values.index(float(s.default)),
                 "text": [s.with_unit(v) for v in values]}
                for s, values in zip(self.sliders, grid)
            ],
            "sizes": sizes.values, "arrays": arrays.values, "styles": styles.values, "items": items.values,
            "lists": lists.values,
            "sentences": sentences.values, "states": states,
        }

    # ----- live kernel -------------------------------------------------------------------------
    def live_renderer(self) -> Callable[[Mapping[str, float]], bytes]:
        """A function ``params -> PNG bytes`` that redraws one figure in place (fast, for sliders)."""
        fig = self.plot(**self.defaults())
        canvas = scene.FastCanvas(dpi=LIVE_DPI)
        state = {"fig": fig}

        def render(params: Mapping[str, float]) -> bytes:
            state["fig"] = scene.redraw_on(state["fig"], self.plot, dict(params))
            return canvas.png(state["fig"])

        return render

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
                continuous_update=self.continuous_update,
                readout_format=".3g",
                style={"description_width": "initial"},
                layout=widgets.Layout(width="95%"),
            )
            for s in self.sliders
        }
        image = widgets.Image(format="png", layout=widgets.Layout(max_width="100%"))
        description = widgets.HTML()
        render = self.live_renderer()

        def redraw(_change: Any = None) -> None:
            values = {name: control.value for name, control in controls.items()}
            image.value = render(values)
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
        """Sliders, an SVG figure drawn from shipped numbers and a live description; self-contained
        except for the shared renderer script the Sphinx extension adds to every page."""
        uid = f"drugresist-explorer-{next(_explorer_counter)}"
        data = self.static_data()
        controls = []
        for index, (slider, spec) in enumerate(zip(self.sliders, data["sliders"])):
            sid = f"{uid}-s{index}"
            default = spec["default"]
            controls.append(
                f'<div class="drugresist-explorer-control"><label for="{sid}">{html.escape(slider.label)}</label>'
                f'<input type="range" id="{sid}" min="0" max="{len(spec["values"]) - 1}" step="1" value="{default}" '
                f'aria-valuetext="{html.escape(spec["text"][default], quote=True)}">'
                f'<output for="{sid}">{html.escape(spec["text"][default])}</output></div>'
            )
        payload = encode_payload(data)
        stops = ", ".join(f"{len(s['values'])}" for s in data["sliders"])
        return (
            f'<div class="drugresist-explorer" id="{uid}">'
            f'<p class="drugresist-explorer-title"><strong>{html.escape(self.title)}</strong></p>'
            f'<div class="drugresist-explorer-controls">{"".join(controls)}</div>'
            f'<figure class="drugresist-explorer-figure"><div class="drugresist-explorer-plot" role="img" '
            f'aria-label="{html.escape(self.title, quote=True)}: figure described below"></div>'
            f'<ul class="drugresist-explorer-legend"></ul>'
            f'<figcaption class="drugresist-explorer-alt" aria-live="polite">'
            f'{html.escape(self.alt(**self.defaults()))}</figcaption></figure>'
            f'<p class="drugresist-explorer-hint">{html.escape(LIVE_HINT)} (Stops per slider here: {stops}.)</p>'
            f'<script type="application/octet-stream" class="drugresist-explorer-data" data-encoding="gzip+base64">'
            f"{payload}</script>"
            f"</div>"
        )

    # ----- all media ---------------------------------------------------------------------------
    def _repr_mimebundle_(self, include: Any = None, exclude: Any = None) -> dict[str, Any]:
        """The live widget, the default figure (print, and front ends without widgets) and, only
        while the HTML book is built (:func:`static_form_wanted`), the static form."""
        bundle: dict[str, Any] = {
            "text/plain": f"{self.title} (interactive explorer; default: {self.describe(self.defaults())})",
            "image/png": base64.b64encode(self.png()).decode("ascii"),
        }
        if static_form_wanted():
            bundle["text/html"] = self.to_html()
        try:
            widget_bundle = self.widget()._repr_mimebundle_(include=include, exclude=exclude)
        except Exception:  # no ipywidgets front end: the static forms are still complete
            widget_bundle = None
        if widget_bundle:
            bundle.update({k: v for k, v in widget_bundle.items() if k != "text/plain"})
        return bundle
