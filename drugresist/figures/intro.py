"""The course's concept map: where in a tumour each mechanism of resistance acts.

A schematic piece of tumour (a blood vessel, a cancer cell with its membrane and nucleus, a stromal
cell, a stem cell, a hypoxic region far from the vessel and a T cell) carries a numbered marker for
each mechanism chapter at the place where that mechanism acts; a key groups the chapters by place:
inside the cell, at the membrane, in the tissue, in the immune system. Drawn with the shared
helpers of :mod:`drugresist.figures.diagram`.
"""

from __future__ import annotations

from matplotlib.figure import Figure
from matplotlib.patches import Circle, Ellipse, Rectangle

from drugresist.figures.diagram import (
    FILL,
    INK,
    SMALL_PT,
    Diagram,
    activate,
    cell,
    drug,
    label,
    molecule,
    new_diagram,
    nucleus,
    pump,
)
from drugresist.style import PALETTE

#: The places, in the order the key lists them, with the colour of their markers.
REGIONS: dict[str, str] = {
    "inside the cell": PALETTE["blue"],
    "at the membrane": PALETTE["vermillion"],
    "in the tissue": PALETTE["green"],
    "in the immune system": PALETTE["purple"],
}

#: (chapter file, short title, place), numbered in chapter order as in the introduction's list.
MECHANISMS: list[tuple[str, str, str]] = [
    ("target_alteration", "Target alteration", "inside the cell"),
    ("efflux_pumps", "Efflux pumps", "at the membrane"),
    ("hypoxia", "Hypoxia", "in the tissue"),
    ("stromal_protection", "Stromal protection", "in the tissue"),
    ("stem_cells", "Cancer stem cells", "in the tissue"),
    ("dna_repair", "DNA repair", "inside the cell"),
    ("cell_death", "Escape from cell death", "inside the cell"),
    ("drug_inactivation", "Drug inactivation", "inside the cell"),
    ("plasticity", "Changing identity", "inside the cell"),
    ("immune_escape", "Immune escape", "in the immune system"),
]

#: Where each chapter's marker sits in the scene (data units of a 16 x 10 diagram).
MARKERS: dict[str, tuple[float, float]] = {
    "target_alteration": (3.55, 5.6),
    "efflux_pumps": (5.2, 8.75),
    "hypoxia": (10.4, 2.7),
    "stromal_protection": (5.55, 1.15),
    "stem_cells": (2.85, 9.05),
    "dna_repair": (6.75, 3.45),
    "cell_death": (7.6, 5.55),
    "drug_inactivation": (3.85, 4.15),
    "plasticity": (5.6, 2.95),
    "immune_escape": (9.3, 6.9),
}

_KEY_X = 12.15


def _marker(d: Diagram, xy: tuple[float, float], number: int, colour: str, name: str) -> None:
    """A numbered white disc with a coloured rim: one chapter, at the place its mechanism acts."""
    disc = Circle(xy, 0.33, facecolor="white", edgecolor=colour, linewidth=2.4, zorder=10)
    d.ax.add_patch(disc)
    d.add_shape(disc, name)
    label(d, xy, str(number), names=(name,), size=SMALL_PT, weight="bold", zorder=11)


def plot_mechanism_map() -> Figure:
    """A concept map: a piece of tumour with a numbered marker for each mechanism chapter where it acts."""
    d = new_diagram(16.0, 10.0, width_in=7.8)
    tissue = Rectangle((0.1, 0.1), 11.7, 9.8, facecolor="#FFF9EE", edgecolor="#9a9a9a", linewidth=0.8, zorder=0)
    d.ax.add_patch(tissue)
    d.add_shape(tissue, "tissue", container=True)
    vessel = Rectangle((0.2, 0.1), 0.75, 9.8, facecolor=FILL["vessel"], edgecolor=INK, linewidth=1.0, zorder=1)
    d.ax.add_patch(vessel)
    d.add_shape(vessel, "vessel", container=True)
    label(d, (0.575, 5.0), "blood vessel", names=("vessel",), size=SMALL_PT).set_rotation(90)
    hypoxic = Rectangle((8.9, 0.1), 2.9, 4.3, facecolor="#F2C48D", edgecolor="none", zorder=0.5)
    d.ax.add_patch(hypoxic)
    d.add_shape(hypoxic, "hypoxic region", container=True)
    label(d, (10.35, 1.35), "hypoxic:\nfar from\nthe vessel", names=("hypoxic region",), size=SMALL_PT)
    # the cancer cell, its membrane, nucleus, a pump, a target, a mitochondrion
    body = Ellipse((5.6, 5.3), 6.8, 5.6, facecolor=FILL["cell"], edgecolor="#B8A35A", linewidth=5, zorder=1)
    d.ax.add_patch(body)
    d.add_shape(body, "cancer cell", container=True)
    label(d, (5.6, 7.25), "cancer cell", names=("cancer cell",), weight="bold")
    nucleus(d, (5.6, 4.3), 0.85, text="nucleus")
    pump(d, 4.3, 8.0, name="pump", h=1.1, w=1.0)
    protein_xy = (4.6, 6.2)
    molecule(d, protein_xy, 0.32, "target", PALETTE["sky"])
    drug(d, (4.95, 6.2), 0.2, name="target drug")
    label(d, (4.75, 6.8), "target + drug", size=SMALL_PT, names=("cancer cell",))
    mito = Ellipse((7.3, 6.3), 1.3, 0.6, facecolor="#FFF4C2", edgecolor=INK, linewidth=0.8, zorder=3)
    d.ax.add_patch(mito)
    d.add_shape(mito, "mitochondrion")
    drug(d, (3.85, 3.4), 0.22, name="prodrug")
    label(d, (7.3, 6.9), "mitochondrion", size=SMALL_PT)
    label(d, (4.2, 3.4), "drug", size=SMALL_PT, ha="left")
    # neighbours in the tissue
    cell(d, (3.4, 1.1), 3.0, 1.2, "stromal cell", fill=FILL["stroma"], rounding=0.5)
    label(d, (3.4, 1.1), "stromal cell", names=("stromal cell",), size=SMALL_PT)
    for xy in ((5.1, 1.95), (4.9, 2.5)):
        molecule(d, xy, 0.15, "signal", PALETTE["green"])
    label(d, (5.35, 2.0), "signals", size=SMALL_PT, ha="left")
    stem = Circle((1.9, 8.9), 0.55, facecolor=FILL["survival"], edgecolor=INK, linewidth=1.1, zorder=2)
    d.ax.add_patch(stem)
    d.add_shape(stem, "stem cell")
    label(d, (1.9, 8.05), "stem cell", size=SMALL_PT)
    tcell = Circle((10.4, 8.3), 0.95, facecolor="#E6D6EC", edgecolor=INK, linewidth=1.1, zorder=2)
    d.ax.add_patch(tcell)
    d.add_shape(tcell, "T cell", container=True)
    label(d, (10.4, 8.3), "T cell", names=("T cell",), size=SMALL_PT, weight="bold")
    activate(d, (9.5, 7.8), (8.75, 7.15))
    # numbered markers
    for number, (chapter, _, region) in enumerate(MECHANISMS, start=1):
        _marker(d, MARKERS[chapter], number, REGIONS[region], "marker " + chapter)
    # the key, grouped by place
    y = 9.6
    for region, colour in REGIONS.items():
        label(d, (_KEY_X, y), region, weight="bold", colour=colour if region != "in the immune system" else "#8E3F75",
              ha="left")
        y -= 0.62
        for number, (chapter, title, place) in enumerate(MECHANISMS, start=1):
            if place == region:
                label(d, (_KEY_X + 0.1, y), f"{number}  {title}", size=SMALL_PT, ha="left")
                y -= 0.55
        y -= 0.2
    return d.fig


def map_alt() -> str:
    """Alt text for :func:`plot_mechanism_map`, listing every chapter by place."""
    groups = []
    for region in REGIONS:
        names = [f"{n} {title}" for n, (_, title, place) in enumerate(MECHANISMS, start=1) if place == region]
        groups.append(f"{region[0].upper()}{region[1:]}: {', '.join(names)}")
    return ("A schematic piece of tumour: a blood vessel on the left, a cancer cell in the middle with its membrane, "
            "a pump and its nucleus, a stromal cell below it, a stem cell at the top left, a hypoxic region far from "
            "the vessel and a T cell at the right. Numbered markers show where each mechanism acts; the key groups "
            "them by place. " + "; ".join(groups) + ".")
