"""The course's mechanism map: one tumour cell and the five routes to resistance the course covers."""

from __future__ import annotations

from matplotlib.figure import Figure
from matplotlib.patches import Circle, FancyBboxPatch

from drugresist.style import PALETTE, new_figure

#: (label, chapter, box centre x, y, arrow end x, y, colour); coordinates in axes units (0..1)
MECHANISMS = [
    ("1 Target alteration\nESR1, BCR-ABL, EGFR T790M", 0.17, 0.85, 0.42, 0.62, "blue"),
    ("2 Drug efflux pumps\nP-glycoprotein", 0.83, 0.85, 0.58, 0.62, "vermillion"),
    ("3 Hypoxia\nlow oxygen far from vessels", 0.17, 0.2, 0.40, 0.40, "green"),
    ("4 Stromal protection\ngrowth factors, cytokines", 0.83, 0.2, 0.60, 0.40, "orange"),
    ("5 Cancer stem cells\nquiescence, DNA repair", 0.50, 0.08, 0.50, 0.33, "purple"),
]


def plot_mechanism_map() -> Figure:
    """A schematic: a tumour cell in the centre, five labelled mechanisms around it."""
    fig, ax = new_figure(width_in=8.0, height_in=5.0)
    ax.set_xlim(0, 1)
    ax.set_ylim(0, 1)
    ax.axis("off")
    ax.add_patch(Circle((0.5, 0.5), 0.17, facecolor="#eeeeee", edgecolor=PALETTE["black"], linewidth=1.5))
    ax.add_patch(Circle((0.5, 0.5), 0.05, facecolor="#cccccc", edgecolor=PALETTE["black"], linewidth=1))
    ax.text(0.5, 0.5, "nucleus", ha="center", va="center", fontsize=9)
    ax.text(0.5, 0.62, "tumour cell", ha="center", va="center", fontsize=10, fontweight="bold")
    for label, x, y, tx, ty, colour in MECHANISMS:
        ax.annotate("", xy=(tx, ty), xytext=(x, y), arrowprops={"arrowstyle": "->", "color": PALETTE[colour], "lw": 2}, zorder=1)
        ax.add_patch(FancyBboxPatch((x - 0.15, y - 0.065), 0.30, 0.13, boxstyle="round,pad=0.01",
                                    facecolor="white", edgecolor=PALETTE[colour], linewidth=2, zorder=3))
        ax.text(x, y, label, ha="center", va="center", fontsize=9, zorder=4)
    ax.set_title("How tumours escape drugs: the mechanisms in this course")
    return fig
