"""Shared drawing helpers for the course's mechanism diagrams: one visual language for every chapter.

A diagram is drawn in one axes whose data units are centimetres-like "units" with equal aspect
(``x`` from 0 to ``width``, ``y`` from 0 to ``height``), on a white background so that it reads in
the book's dark theme too. Every shape and every label is registered in a :class:`Diagram`, so
that :func:`layout_problems` can check, with the renderer's own text boxes, that no label overlaps
another, runs outside the figure, or covers a shape it does not name.

Visual language (Okabe-Ito colours, see :mod:`drugresist.style`):

* cells are pale rounded shapes with a dark outline; the nucleus is a grey disc;
* membranes are a bilayer band (two rows of lipid heads);
* drugs are small orange diamonds (an inhibitor of a pump or pathway: the same diamond);
* a mutation is a vermillion star; an escape is labelled in vermillion;
* activation is a dark arrow with a filled head; inhibition is a blue T-bar.

Text is at least :data:`MIN_FONT_PT` points at the figure's own size, and the figures are drawn at
most :data:`MAX_WIDTH_IN` inches wide, so that a handout that prints them
:data:`PRINT_WIDTH_IN` inches wide (about 16 cm) keeps every text at 7 points or more.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.patches import Circle, FancyArrowPatch, FancyBboxPatch, PathPatch, Polygon, Rectangle
from matplotlib.path import Path
from matplotlib.text import Text

from drugresist.style import PALETTE

#: A printed handout figure is about 16 cm wide.
PRINT_WIDTH_IN = 16 / 2.54
#: The smallest text a printed figure may carry, in points.
MIN_PRINT_PT = 7.0
#: Diagrams are at most this wide (inches) ...
MAX_WIDTH_IN = 8.0
#: ... so that text of this size (points) prints at 7 pt or more at 16 cm.
MIN_FONT_PT = MIN_PRINT_PT * MAX_WIDTH_IN / PRINT_WIDTH_IN

#: Fill colours (pale) and strong colours of the visual language.
FILL = {
    "cell": "#FBEBD0",        # pale orange: cancer cell
    "stroma": "#DCEFF9",      # pale sky: stromal or immune cell
    "nucleus": "#D9D9D9",
    "membrane": "#F3E3A0",
    "protein": "#CFE3F2",     # pale blue: a protein
    "survival": "#D2EEE4",    # pale green
    "death": "#F6D5C4",       # pale vermillion
    "vessel": "#F4C9C9",
    "panel": "#FFFFFF",
}
INK = "#222222"
DRUG = PALETTE["orange"]
MUTATION = PALETTE["vermillion"]
INHIBIT = PALETTE["blue"]
ACTIVATE = INK
ESCAPE = PALETTE["vermillion"]
LABEL_PT = 10.0
SMALL_PT = MIN_FONT_PT


@dataclass
class Diagram:
    """A figure, its single axes and the registry of what is drawn on it."""

    fig: Figure
    ax: Axes
    #: (artist, name, container): a container (a cell body, a panel) may hold labels it does not name.
    shapes: list[tuple[Artist, str, bool]] = field(default_factory=list)
    #: (text, names of the shapes the text may overlap)
    labels: list[tuple[Text, frozenset[str]]] = field(default_factory=list)

    def add_shape(self, artist: Artist, name: str, container: bool = False) -> Artist:
        """Register a shape already added to the axes."""
        self.shapes.append((artist, name, container))
        return artist


def new_diagram(width: float, height: float, width_in: float = 7.6) -> Diagram:
    """A white diagram ``width`` x ``height`` data units, ``width_in`` inches wide (equal aspect)."""
    if width_in > MAX_WIDTH_IN:
        raise ValueError(f"diagrams are at most {MAX_WIDTH_IN} in wide, got {width_in}")
    fig = Figure(figsize=(width_in, width_in * height / width), facecolor=FILL["panel"])
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, width)
    ax.set_ylim(0, height)
    ax.set_aspect("equal")
    ax.set_axis_off()
    ax.set_facecolor(FILL["panel"])
    diagram = Diagram(fig, ax)
    fig._diagram = diagram  # type: ignore[attr-defined]
    return diagram


def panel(d: Diagram, x: float, y: float, w: float, h: float, title: str, name: str | None = None) -> Artist:
    """A thin grey frame with a bold title at its top left; labels inside need not name it."""
    frame = Rectangle((x, y), w, h, facecolor="none", edgecolor="#9a9a9a", linewidth=0.8, zorder=0)
    d.ax.add_patch(frame)
    d.add_shape(frame, name or title, container=True)
    label(d, (x + 0.15, y + h - 0.15), title, names=(name or title,), ha="left", va="top", weight="bold")
    return frame


#: Panels of a row (``panel_row``): width and the gap before each, in diagram units.
PANEL_WIDTH, PANEL_GAP = 5.2, 0.1


def panel_row(d: Diagram, titles: tuple[str, ...], height: float) -> list[float]:
    """One framed panel per title, side by side from the left edge (``PANEL_WIDTH`` wide, ``PANEL_GAP``
    apart, ``height`` tall from y = 0.1); returns the x of each panel's centre, where its drawing goes."""
    centres = []
    for i, title in enumerate(titles):
        left = PANEL_GAP + i * (PANEL_WIDTH + PANEL_GAP)
        panel(d, left, PANEL_GAP, PANEL_WIDTH, height, title)
        centres.append(left + PANEL_WIDTH / 2)
    return centres


def cell(d: Diagram, xy: tuple[float, float], w: float, h: float, name: str, fill: str = FILL["cell"],
         rounding: float = 0.6) -> Artist:
    """A cell body: a pale rounded box with its centre at ``xy``; it may contain labels."""
    x, y = xy
    body = FancyBboxPatch((x - w / 2, y - h / 2), w, h, boxstyle=f"round,pad=0,rounding_size={rounding}",
                          facecolor=fill, edgecolor=INK, linewidth=1.3, zorder=1)
    d.ax.add_patch(body)
    return d.add_shape(body, name, container=True)


def nucleus(d: Diagram, xy: tuple[float, float], r: float, name: str = "nucleus", text: str | None = "nucleus") -> Artist:
    """A grey disc of radius ``r``; labelled inside unless ``text`` is None."""
    disc = Circle(xy, r, facecolor=FILL["nucleus"], edgecolor=INK, linewidth=1.0, zorder=2)
    d.ax.add_patch(disc)
    d.add_shape(disc, name, container=True)
    if text:
        label(d, xy, text, names=(name,), size=SMALL_PT)
    return disc


def membrane(d: Diagram, x0: float, x1: float, y: float, thickness: float = 0.5, name: str = "membrane") -> Artist:
    """A horizontal lipid bilayer from ``x0`` to ``x1`` centred on ``y``: a band with two rows of heads."""
    band = Rectangle((x0, y - thickness / 2), x1 - x0, thickness, facecolor=FILL["membrane"], edgecolor="none", zorder=1)
    d.ax.add_patch(band)
    d.add_shape(band, name)
    r = thickness * 0.16
    xs = np.arange(x0 + r, x1 - r / 2, 2.3 * r)
    for row in (y - thickness / 2 + r, y + thickness / 2 - r):
        d.ax.scatter(xs, np.full_like(xs, row), s=(r * _points_per_unit(d)) ** 2 * 1.6, color="#B8A35A",
                     edgecolors="none", zorder=1.5)
    return band


def _points_per_unit(d: Diagram) -> float:
    """Points per data unit (the axes fill the figure, equal aspect)."""
    width_units = d.ax.get_xlim()[1] - d.ax.get_xlim()[0]
    return d.fig.get_figwidth() * 72 / width_units


def protein(d: Diagram, xy: tuple[float, float], w: float, h: float, name: str, text: str | None = None,
            fill: str = FILL["protein"], size: float | None = None, rounding: float = 0.15) -> Artist:
    """A protein or domain: a rounded box centred at ``xy``, labelled inside with ``text`` (default ``name``)."""
    x, y = xy
    box = FancyBboxPatch((x - w / 2, y - h / 2), w, h, boxstyle=f"round,pad=0,rounding_size={rounding}",
                         facecolor=fill, edgecolor=INK, linewidth=1.1, zorder=3)
    d.ax.add_patch(box)
    d.add_shape(box, name)
    if text != "":
        label(d, xy, text or name, names=(name,), size=size or LABEL_PT, zorder=6)
    return box


def receptor(d: Diagram, x: float, membrane_y: float, name: str, outside_h: float = 1.0, inside_h: float = 1.0,
             w: float = 0.9, fill: str = FILL["protein"], inside_text: str = "kinase") -> tuple[Artist, Artist]:
    """A receptor crossing a membrane at ``membrane_y``: a stalk, an outer (ligand-binding) domain above
    and an inner (kinase) domain below. Returns the outer and inner domains; the name labels neither,
    place it with :func:`label`."""
    stalk = Rectangle((x - 0.08, membrane_y - 0.35), 0.16, 0.7, facecolor=INK, edgecolor="none", zorder=2.5)
    d.ax.add_patch(stalk)
    d.add_shape(stalk, name)
    outer = protein(d, (x, membrane_y + 0.35 + outside_h / 2), w, outside_h, name, text="", fill=fill, rounding=0.3)
    inner = protein(d, (x, membrane_y - 0.35 - inside_h / 2), w, inside_h, name + " kinase", text=inside_text,
                    fill=fill, size=SMALL_PT)
    return outer, inner


def pump(d: Diagram, x: float, membrane_y: float, name: str = "pump", h: float = 1.6, w: float = 1.3,
         fill: str = FILL["protein"]) -> tuple[Artist, Artist]:
    """A transporter spanning the membrane: two halves with a channel between them."""
    halves = []
    for side in (-1, 1):
        xs = x + side * np.array([0.1, w / 2, w / 2, 0.1])
        ys = membrane_y + np.array([-h / 2, -h / 2 + 0.15, h / 2 - 0.15, h / 2])
        half = Polygon(np.column_stack([xs, ys]), closed=True, facecolor=fill, edgecolor=INK, linewidth=1.1, zorder=3)
        d.ax.add_patch(half)
        d.add_shape(half, name)
        halves.append(half)
    return halves[0], halves[1]


def drug(d: Diagram, xy: tuple[float, float], size: float = 0.28, name: str = "drug", colour: str = DRUG,
         hatch: str | None = None) -> Artist:
    """A drug molecule: a small diamond of half-width ``size``."""
    x, y = xy
    shape = Polygon([(x - size, y), (x, y + size), (x + size, y), (x, y - size)], closed=True, facecolor=colour,
                    edgecolor=INK, linewidth=0.8, zorder=5, hatch=hatch)
    d.ax.add_patch(shape)
    return d.add_shape(shape, name)


def molecule(d: Diagram, xy: tuple[float, float], r: float, name: str, colour: str, text: str | None = None) -> Artist:
    """A small molecule or ligand (ATP, oxygen, estrogen, HGF): a disc, labelled inside if ``text``."""
    disc = Circle(xy, r, facecolor=colour, edgecolor=INK, linewidth=0.8, zorder=5)
    d.ax.add_patch(disc)
    d.add_shape(disc, name)
    if text:
        label(d, xy, text, names=(name,), size=SMALL_PT, zorder=7)
    return disc


def mutation(d: Diagram, xy: tuple[float, float], size: float = 0.3, name: str = "mutation") -> Artist:
    """A mutation mark: a vermillion five-pointed star of radius ``size``."""
    star = Path.unit_regular_star(5, 0.45)
    verts = star.vertices * size + np.asarray(xy)
    mark = PathPatch(Path(verts, star.codes), facecolor=MUTATION, edgecolor=INK, linewidth=0.7, zorder=8)
    d.ax.add_patch(mark)
    return d.add_shape(mark, name)


def cross(d: Diagram, xy: tuple[float, float], size: float = 0.25, name: str = "cross") -> list[Artist]:
    """A vermillion cross: something lost or blocked."""
    x, y = xy
    lines = []
    for sign in (1, -1):
        (line,) = d.ax.plot([x - size, x + size], [y - sign * size, y + sign * size], color=ESCAPE, linewidth=3,
                            solid_capstyle="round", zorder=8)
        lines.append(line)
    return lines


def activate(d: Diagram, start: tuple[float, float], end: tuple[float, float], colour: str = ACTIVATE,
             rad: float = 0.0, style: str = "-", width: float = 1.6) -> Artist:
    """An activation (or movement) arrow with a filled head; ``rad`` bends it; ``style`` '--' for weak."""
    arrow = FancyArrowPatch(start, end, arrowstyle="-|>", mutation_scale=13, color=colour, linewidth=width,
                            linestyle=style, connectionstyle=f"arc3,rad={rad}", zorder=4, shrinkA=0, shrinkB=0)
    d.ax.add_patch(arrow)
    return arrow


def inhibit(d: Diagram, start: tuple[float, float], end: tuple[float, float], colour: str = INHIBIT,
            bar: float = 0.35) -> list[Artist]:
    """An inhibition line ending in a T-bar at ``end`` (a bar ``bar`` units long across the line)."""
    (x0, y0), (x1, y1) = start, end
    (stem,) = d.ax.plot([x0, x1], [y0, y1], color=colour, linewidth=2.0, zorder=4, solid_capstyle="butt")
    length = float(np.hypot(x1 - x0, y1 - y0)) or 1.0
    nx, ny = -(y1 - y0) / length, (x1 - x0) / length
    (tbar,) = d.ax.plot([x1 - nx * bar / 2, x1 + nx * bar / 2], [y1 - ny * bar / 2, y1 + ny * bar / 2],
                        color=colour, linewidth=3.0, zorder=4, solid_capstyle="butt")
    return [stem, tbar]


def label(d: Diagram, xy: tuple[float, float], text: str, names: tuple[str, ...] = (), size: float = LABEL_PT,
          ha: str = "center", va: str = "center", colour: str = INK, weight: str = "normal", zorder: float = 9,
          style: str = "normal") -> Text:
    """A label at ``xy``; ``names`` are the shapes it is allowed to overlap (the ones it names)."""
    if size < MIN_FONT_PT - 1e-9:
        raise ValueError(f"text below {MIN_FONT_PT:.1f} pt would print below {MIN_PRINT_PT} pt: {text!r}")
    artist = d.ax.text(*xy, text, fontsize=size, ha=ha, va=va, color=colour, fontweight=weight, zorder=zorder,
                       linespacing=1.15, fontstyle=style)
    d.labels.append((artist, frozenset(names)))
    return artist


def layout_problems(fig: Figure, pad_px: float = 1.0) -> list[str]:
    """Everything wrong with a diagram's labels, measured with the renderer's text boxes.

    Reports a label that runs outside the figure, two labels that overlap, a label that overlaps a
    shape it does not name (containers such as a cell body excepted, where the label lies wholly
    inside), and text smaller than :data:`MIN_FONT_PT`. An empty list means the layout is clean.
    """
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    d: Diagram = fig._diagram  # type: ignore[attr-defined]
    canvas = FigureCanvasAgg(fig)
    canvas.draw()
    renderer = canvas.get_renderer()
    figbox = fig.bbox
    problems: list[str] = []
    boxes = []
    for text, names in d.labels:
        box = text.get_window_extent(renderer).expanded(1.0, 1.0)
        shrunk = box.padded(-pad_px)
        boxes.append((text, names, shrunk))
        short = text.get_text().replace("\n", " ")[:40]
        if box.x0 < figbox.x0 or box.y0 < figbox.y0 or box.x1 > figbox.x1 or box.y1 > figbox.y1:
            problems.append(f"'{short}' runs outside the figure")
        if text.get_fontsize() < MIN_FONT_PT - 1e-9:
            problems.append(f"'{short}' is {text.get_fontsize():.1f} pt, below {MIN_FONT_PT:.1f} pt")
    for i, (t1, _, b1) in enumerate(boxes):
        for t2, _, b2 in boxes[i + 1:]:
            if b1.overlaps(b2):
                problems.append(f"'{t1.get_text()[:30]}' overlaps '{t2.get_text()[:30]}'")
    for text, names, box in boxes:
        for artist, name, container in d.shapes:
            if name in names:
                continue
            path = artist.get_transform().transform_path(artist.get_path())  # type: ignore[attr-defined]
            if not path.intersects_bbox(box, filled=True):
                continue
            if container and _box_inside(path, box):
                continue
            problems.append(f"'{text.get_text()[:30]}' overlaps the shape '{name}'")
    return problems


def _box_inside(path: Path, box) -> bool:
    """True if all four corners of ``box`` lie inside the closed ``path``."""
    corners = [(box.x0, box.y0), (box.x0, box.y1), (box.x1, box.y0), (box.x1, box.y1)]
    return bool(np.all(path.contains_points(corners)))


__all__ = [
    "Diagram", "new_diagram", "panel", "panel_row", "cell", "nucleus", "membrane", "protein", "receptor", "pump", "drug",
    "molecule", "mutation", "cross", "activate", "inhibit", "label", "layout_problems",
    "MIN_FONT_PT", "PRINT_WIDTH_IN", "MAX_WIDTH_IN", "FILL", "DRUG", "MUTATION", "INHIBIT", "ESCAPE",
]
