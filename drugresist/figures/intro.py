"""The course's mechanism map: one tumour cell and the routes to resistance the course covers."""

from __future__ import annotations

from matplotlib.figure import Figure
from matplotlib.patches import Circle, FancyBboxPatch

from drugresist.style import PALETTE, new_figure

#: (label, colour), numbered in chapter order; the first half sits left of the cell, the rest right.
MECHANISMS: list[tuple[str, str]] = [
    ("Target alteration\nESR1, BCR-ABL, EGFR T790M", "blue"),
    ("Drug efflux pumps\nP-glycoprotein", "vermillion"),
    ("Hypoxia\nlow oxygen far from vessels", "green"),
    ("Stromal protection\ngrowth factors, cytokines", "orange"),
    ("Cancer stem cells\nquiescence, DNA repair", "purple"),
    ("DNA repair\nPARP inhibitors, BRCA reversion", "sky"),
    ("Escape from cell death\nBCL-2, venetoclax", "blue"),
    ("Drug inactivation\nactivation lost, drug destroyed", "vermillion"),
    ("Changing identity\nplasticity, persisters", "green"),
    ("Immune escape\nantigen loss, IFN-γ", "orange"),
]

_CELL_CENTRE = (0.5, 0.5)
_CELL_RADIUS = 0.16
_BOX_WIDTH, _BOX_HEIGHT = 0.30, 0.135


def box_centres(count: int) -> list[tuple[float, float]]:
    """Centres of ``count`` boxes in axes units: the first ceil(count/2) down the left column, the
    rest down the right column, evenly spaced between y = 0.92 and 0.08."""
    left = (count + 1) // 2
    right = count - left

    def column(n: int, x: float) -> list[tuple[float, float]]:
        if n == 1:
            return [(x, 0.5)]
        return [(x, 0.92 - i * 0.84 / (n - 1)) for i in range(n)]

    return column(left, 0.16) + column(right, 0.84)


def plot_mechanism_map() -> Figure:
    """A schematic: a tumour cell in the centre, every mechanism of the course in a numbered box around it."""
    fig, ax = new_figure(width_in=9.0, height_in=6.4)
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.axis("off")
    cx, cy = _CELL_CENTRE
    ax.add_patch(Circle(_CELL_CENTRE, _CELL_RADIUS, facecolor="#eeeeee", edgecolor=PALETTE["black"], linewidth=1.5))
    ax.add_patch(Circle(_CELL_CENTRE, 0.05, facecolor="#cccccc", edgecolor=PALETTE["black"], linewidth=1))
    ax.text(cx, cy, "nucleus", ha="center", va="center", fontsize=9)
    ax.text(cx, cy + 0.1, "tumour cell", ha="center", va="center", fontsize=10, fontweight="bold")
    for number, ((label, colour), (x, y)) in enumerate(zip(MECHANISMS, box_centres(len(MECHANISMS))), start=1):
        side = -1 if x < cx else 1
        start = (x - side * _BOX_WIDTH / 2, y)
        dx, dy = start[0] - cx, start[1] - cy
        norm = (dx * dx + dy * dy) ** 0.5
        end = (cx + dx / norm * _CELL_RADIUS, cy + dy / norm * _CELL_RADIUS)
        ax.annotate("", xy=end, xytext=start, zorder=1,
                    arrowprops={"arrowstyle": "->", "color": PALETTE[colour], "lw": 1.8})
        ax.add_patch(FancyBboxPatch((x - _BOX_WIDTH / 2, y - _BOX_HEIGHT / 2), _BOX_WIDTH, _BOX_HEIGHT,
                                    boxstyle="round,pad=0.008", facecolor="white", edgecolor=PALETTE[colour],
                                    linewidth=2, zorder=3))
        ax.text(x, y, f"{number} {label}", ha="center", va="center", fontsize=9, zorder=4)
    ax.set_title("How tumours escape drugs: the mechanisms in this course")
    return fig
