"""Mechanism diagrams: the biology each chapter teaches, drawn with the shared helpers of
:mod:`drugresist.figures.diagram`.

Every function returns a matplotlib :class:`~matplotlib.figure.Figure`. They are schematics, not to
scale; every detail they show is stated, with its source, in the chapter that shows them.
:data:`DIAGRAMS` lists them by name, with the chapter each belongs to.
"""

from __future__ import annotations

import numpy as np
from matplotlib.figure import Figure
from matplotlib.patches import Ellipse, FancyBboxPatch, Rectangle

from drugresist.figures.diagram import (
    DRUG,
    ESCAPE,
    FILL,
    INHIBIT,
    INK,
    LABEL_PT,
    SMALL_PT,
    Diagram,
    activate,
    cell,
    cross,
    drug,
    inhibit,
    label,
    membrane,
    molecule,
    mutation,
    new_diagram,
    nucleus,
    panel_row,
    protein,
    pump,
    receptor,
)
from drugresist.style import PALETTE

ATP_COLOUR = PALETTE["yellow"]
LIGAND_COLOUR = PALETTE["green"]
SECOND_DRUG = PALETTE["sky"]


def _pocket(d: Diagram, xy: tuple[float, float], w: float, h: float, name: str) -> None:
    """A binding pocket: a white notch in a protein, registered as a container."""
    hole = Ellipse(xy, w, h, facecolor="white", edgecolor=INK, linewidth=1.0, linestyle="--", zorder=3.5)
    d.ax.add_patch(hole)
    d.add_shape(hole, name, container=True)


def _kinase(d: Diagram, x: float, y: float, name: str) -> None:
    """A kinase domain (a big rounded protein) with its ATP pocket on the left, myristoyl pocket on the right."""
    body = FancyBboxPatch((x - 2.2, y - 1.5), 4.4, 3.0, boxstyle="round,pad=0,rounding_size=0.9",
                          facecolor=FILL["protein"], edgecolor=INK, linewidth=1.2, zorder=3)
    d.ax.add_patch(body)
    d.add_shape(body, name, container=True)
    _pocket(d, (x - 1.0, y + 0.2), 1.5, 1.2, name + " ATP pocket")
    _pocket(d, (x + 1.35, y - 0.55), 1.1, 0.9, name + " myristoyl pocket")


def target_kinase_diagram() -> Figure:
    """Three views of a kinase domain: an ATP-site inhibitor bound; a gatekeeper mutation (T315I, T790M);
    asciminib in the myristoyl pocket, away from the ATP site."""
    d = new_diagram(16.0, 8.2)
    titles = ("1  Drug in the ATP pocket", "2  Gatekeeper mutation", "3  Allosteric: asciminib")
    centres = panel_row(d, titles, 8.0)
    for i, x in enumerate(centres):
        _kinase(d, x, 4.3, f"kinase {i}")
        label(d, (x + 1.0, 5.3), "kinase", size=SMALL_PT, names=(f"kinase {i}",))
        label(d, (x - 1.65, 6.1), "ATP pocket", size=SMALL_PT)
        label(d, (x + 1.0, 2.45), "myristoyl pocket", size=SMALL_PT)
    # 1: imatinib in the ATP pocket, ATP outside
    x = centres[0]
    drug(d, (x - 1.0, 4.5), 0.35, name="imatinib")
    molecule(d, (x + 0.1, 7.0), 0.32, "ATP 1", ATP_COLOUR, "ATP")
    inhibit(d, (x - 0.05, 6.68), (x - 0.55, 5.75), colour=INK, bar=0.3)
    label(d, (x + 0.55, 7.0), "kept out", size=SMALL_PT, ha="left")
    molecule(d, (x - 0.55, 3.85), 0.14, "T315 0", "#FFFFFF")
    label(d, (x - 0.9, 1.45), "gatekeeper\nthreonine bonds\nthe drug", size=SMALL_PT)
    activate(d, (x - 0.75, 2.0), (x - 0.58, 3.68), colour=INK, width=1.0)
    # 2: gatekeeper mutation: the drug cannot hold the pocket
    x = centres[1]
    molecule(d, (x - 1.0, 4.3), 0.32, "ATP 2", ATP_COLOUR, "ATP")
    mutation(d, (x - 0.45, 3.85), 0.3, name="gatekeeper")
    drug(d, (x + 0.1, 7.0), 0.35, name="imatinib 2")
    inhibit(d, (x - 0.05, 6.62), (x - 0.55, 5.75), colour=INK, bar=0.3)
    label(d, (x + 0.55, 7.0), "drug\ndisplaced", size=SMALL_PT, ha="left", colour=ESCAPE, weight="bold")
    label(d, (x, 1.55), "T315I (BCR-ABL): loses a bond\nwith the drug", size=SMALL_PT)
    label(d, (x, 0.65), "T790M (EGFR): binds ATP\n>10-fold more tightly", size=SMALL_PT)
    # 3: asciminib in the myristoyl pocket, ATP pocket mutated and irrelevant
    x = centres[2]
    molecule(d, (x - 1.0, 4.3), 0.32, "ATP 3", ATP_COLOUR, "ATP")
    mutation(d, (x - 0.45, 3.85), 0.3, name="gatekeeper 3")
    drug(d, (x + 1.35, 4.0 - 0.25), 0.33, name="asciminib", colour=SECOND_DRUG)
    label(d, (x + 0.9, 6.9), "asciminib\n(allosteric)", size=SMALL_PT, ha="left")
    activate(d, (x + 1.55, 6.45), (x + 1.45, 4.15), colour=INK, width=1.0)
    label(d, (x, 1.55), "holds the kinase switched\noff, even with T315I (star)", size=SMALL_PT)
    label(d, (x, 0.65), "ATP cannot compete", size=SMALL_PT)
    return d.fig


def target_esr1_diagram() -> Figure:
    """The estrogen receptor's ligand-binding domain: switched on by estrogen; off when an aromatase
    inhibitor removes estrogen; on without estrogen when mutated (Y537S, D538G)."""
    d = new_diagram(16.0, 7.2)
    titles = ("1  Estrogen switches ER on", "2  Aromatase inhibitor", "3  Mutant: Y537S or D538G")
    centres = panel_row(d, titles, 7.0)
    for i, x in enumerate(centres):
        active = i != 1
        protein(d, (x - 0.3, 3.6), 2.4, 1.6, f"LBD {i}", text="", rounding=0.5)
        label(d, (x - 0.3, 3.25), "ligand-binding\ndomain", size=SMALL_PT, names=(f"LBD {i}",))
        # the lid: closed over the pocket in the active shape, open in the inactive one
        lid = Rectangle((x - 1.1, 4.4), 1.7, 0.3, angle=0 if active else 30, rotation_point="xy",
                        facecolor=PALETTE["blue"] if active else "#BBBBBB", edgecolor=INK, zorder=4)
        d.ax.add_patch(lid)
        d.add_shape(lid, f"lid {i}")
        label(d, (x, 1.9), "active shape" if active else "inactive shape", size=SMALL_PT,
              weight="bold" if active else "normal")
        if active:
            activate(d, (x, 1.55), (x, 1.0))
            label(d, (x, 0.6), "growth genes on", size=SMALL_PT)
        else:
            label(d, (x, 0.9), "growth genes off", size=SMALL_PT)
    x = centres[0]
    molecule(d, (x - 0.3, 3.98), 0.28, "estrogen 1", LIGAND_COLOUR)
    label(d, (x - 0.3, 3.98), "E", names=("estrogen 1", "LBD 0"), size=SMALL_PT)
    label(d, (x + 1.15, 3.98), "E =\nestrogen", size=SMALL_PT, ha="left")
    x = centres[1]
    protein(d, (x - 0.9, 6.0), 1.6, 0.55, "aromatase", size=SMALL_PT)
    drug(d, (x + 0.2, 6.0), 0.25, name="AI")
    label(d, (x + 0.55, 6.0), "drug", size=SMALL_PT, ha="left")
    label(d, (x + 1.2, 5.45), "no estrogen\nmade", size=SMALL_PT)
    x = centres[2]
    mutation(d, (x - 0.3, 3.98), 0.3, name="ESR1 mutation")
    label(d, (x - 0.3, 5.6), "on without estrogen:\nnothing left to remove", size=SMALL_PT, colour=ESCAPE,
          weight="bold")
    return d.fig


def efflux_diagram() -> Figure:
    """P-glycoprotein in the membrane: drug enters by diffusion, is pumped out with ATP; an inhibitor blocks it."""
    d = new_diagram(16.0, 8.0)
    my = 5.0
    inside = Rectangle((0.1, 0.1), 15.8, my - 0.4, facecolor=FILL["cell"], edgecolor="none", zorder=0)
    d.ax.add_patch(inside)
    d.add_shape(inside, "inside", container=True)
    membrane(d, 0.1, 15.9, my, 0.6)
    label(d, (0.3, 7.7), "outside the cell", ha="left", va="top", weight="bold")
    label(d, (0.3, 0.3), "inside the cancer cell", ha="left", va="bottom", weight="bold")
    label(d, (15.7, my + 0.55), "cell membrane", ha="right", va="bottom", size=SMALL_PT)
    # 1: diffusion in
    x = 2.0
    drug(d, (x, 7.0), name="drug out 1")
    activate(d, (x, 6.6), (x, 3.6), style="--")
    drug(d, (x, 3.2), name="drug in 1")
    label(d, (x + 0.4, 6.5), "drug enters by\ndiffusion", size=SMALL_PT, ha="left")
    # 2: P-gp pumping out
    x = 7.4
    pump(d, x, my, name="P-gp", h=2.0)
    label(d, (x, 2.3), "P-glycoprotein\n(ABCB1)", names=(), size=LABEL_PT, weight="bold")
    drug(d, (x, 3.6), name="drug in 2")
    activate(d, (x, 3.95), (x, 6.6), colour=ESCAPE, width=2.2)
    drug(d, (x, 7.0), name="drug out 2")
    label(d, (x + 0.5, 7.0), "pumped out", colour=ESCAPE, weight="bold", ha="left", size=SMALL_PT)
    molecule(d, (x - 1.7, 3.3), 0.33, "ATP", ATP_COLOUR, "ATP")
    activate(d, (x - 1.35, 3.35), (x - 0.7, 3.9), rad=-0.2)
    label(d, (x - 2.1, 2.3), "energy\nfrom ATP", size=SMALL_PT, ha="right")
    # 3: inhibitor blocks the pump; drug stays in
    x = 12.6
    pump(d, x, my, name="P-gp blocked", h=2.0)
    drug(d, (x, my), 0.3, name="inhibitor", colour=SECOND_DRUG)
    label(d, (x - 0.7, 6.55), "inhibitor blocks\nthe pump", size=SMALL_PT, ha="right")
    activate(d, (x - 0.65, 6.3), (x - 0.28, 5.25), width=1.0)
    for dx, dy in ((-0.9, 3.3), (0.0, 3.0), (0.9, 3.4), (-0.4, 2.3), (0.5, 2.2)):
        drug(d, (x + dx, dy), name="drug kept in")
    cross(d, (x, 6.5), 0.25, name="no efflux")
    label(d, (x, 1.3), "drug stays in and can act", size=SMALL_PT)
    return d.fig


def hypoxia_diagram() -> Figure:
    """A cord of tumour cells beside a vessel: oxygen and drug fall with distance, a hypoxic band before
    necrosis, and HIF-1 switching on survival programmes there."""
    d = new_diagram(16.0, 8.6)
    y0, y1 = 0.9, 4.2
    vessel = Rectangle((0.2, y0), 1.0, y1 - y0, facecolor=FILL["vessel"], edgecolor=INK, linewidth=1.2, zorder=2)
    d.ax.add_patch(vessel)
    d.add_shape(vessel, "vessel", container=True)
    label(d, (0.7, (y0 + y1) / 2), "blood vessel", names=("vessel",), size=SMALL_PT).set_rotation(90)
    zones = [("well oxygenated", 1.2, 6.0, FILL["cell"]), ("hypoxic", 6.0, 8.4, "#F2C48D"),
             ("necrosis", 8.4, 10.6, "#BDBDBD")]
    for name, xa, xb, colour in zones:
        zone = Rectangle((xa, y0), xb - xa, y1 - y0, facecolor=colour, edgecolor=INK, linewidth=0.8, zorder=1)
        d.ax.add_patch(zone)
        d.add_shape(zone, name, container=True)
    rng = np.random.default_rng(3)
    for xa, xb, alive in ((1.4, 5.8, True), (6.2, 8.2, True), (8.6, 10.4, False)):
        for cx in np.arange(xa + 0.35, xb, 0.8):
            for cy in (1.45, 2.45):
                if alive:
                    d.ax.add_patch(Ellipse((cx, cy), 0.62, 0.5, facecolor="white", edgecolor="#777777",
                                           linewidth=0.6, zorder=1.5))
                else:
                    d.ax.scatter(cx + rng.uniform(-0.2, 0.2, 4), cy + rng.uniform(-0.2, 0.2, 4), s=4,
                                 color="#555555", zorder=1.5)
    label(d, (3.6, 3.6), "well-oxygenated cells", names=("well oxygenated",))
    label(d, (7.2, 3.6), "hypoxic band\n< 10 mmHg", names=("hypoxic",), weight="bold", size=SMALL_PT)
    label(d, (9.5, 3.6), "necrosis\n(dead)", names=("necrosis",), size=SMALL_PT)
    # the living rim: as wide as oxygen reaches
    activate(d, (1.25, 0.62), (8.35, 0.62), colour=INK, width=1.0)
    activate(d, (8.35, 0.62), (1.25, 0.62), colour=INK, width=1.0)
    label(d, (4.8, 0.27), "living rim, about 150 µm: as far as oxygen reaches", size=SMALL_PT)
    # the gradients above the tissue, on the same distance axis
    xs = np.linspace(1.2, 10.6, 200)
    base, top = 4.8, 7.6
    oxygen = np.clip(1 - ((xs - 1.2) / 7.2) ** 1.3, 0, 1)
    drug_level = np.exp(-(xs - 1.2) / 3.0)
    d.ax.plot(xs, base + (top - base) * oxygen, color=PALETTE["blue"], linewidth=2.4, zorder=3)
    d.ax.plot(xs, base + (top - base) * 0.85 * drug_level, color=DRUG, linewidth=2.4, linestyle="--", zorder=3)
    d.ax.plot([1.2, 10.6], [base, base], color=INK, linewidth=0.8)
    d.ax.plot([1.2, 1.2], [base, top + 0.1], color=INK, linewidth=0.8)
    label(d, (1.35, top + 0.5), "level, falling with distance from the vessel (schematic)", size=SMALL_PT, ha="left")
    label(d, (4.9, 6.85), "oxygen", colour=PALETTE["blue"], weight="bold", ha="left")
    label(d, (2.6, 5.3), "drug", colour="#A86F00", weight="bold", ha="left")
    # HIF-1 in the hypoxic band, and its programmes
    d.ax.plot([7.6, 11.2, 11.2], [3.05, 3.05, 7.5], color=INK, linewidth=1.6, zorder=4)
    activate(d, (11.2, 7.5), (11.6, 7.5))
    protein(d, (13.6, 7.5), 3.9, 0.8, "HIF-1", text="HIF-1α rises", fill="#F2C48D")
    activate(d, (13.6, 7.1), (13.6, 6.6))
    protein(d, (13.6, 4.9), 3.9, 3.3, "programmes", text="", fill=FILL["survival"])
    label(d, (13.6, 4.9), "switches on genes for\n• new blood vessels\n• glucose uptake, glycolysis\n"
          "• cell survival\n• invasion", size=SMALL_PT, names=("programmes",))
    return d.fig


def stromal_diagram() -> Figure:
    """A stromal cell secretes HGF; MET on the cancer cell restarts the MAPK and PI3K-AKT survival signals
    that a RAF inhibitor shut down; where an HGF blocker and a MET inhibitor act."""
    d = new_diagram(16.0, 9.0)
    my = 5.6
    cell(d, (2.6, 7.9), 4.6, 1.6, "stromal cell", fill=FILL["stroma"], rounding=0.7)
    label(d, (2.6, 8.2), "stromal cell", weight="bold", names=("stromal cell",))
    label(d, (2.6, 7.55), "secretes HGF", size=SMALL_PT, names=("stromal cell",))
    inside = Rectangle((0.1, 0.1), 15.8, my - 0.3, facecolor=FILL["cell"], edgecolor="none", zorder=0)
    d.ax.add_patch(inside)
    d.add_shape(inside, "cancer cell", container=True)
    membrane(d, 0.1, 15.9, my, 0.55)
    label(d, (0.3, 0.3), "melanoma cell (BRAF-mutant)", ha="left", va="bottom", weight="bold")
    # HGF travels to MET
    molecule(d, (5.7, 7.9), 0.3, "HGF 1", LIGAND_COLOUR)
    molecule(d, (7.1, 7.6), 0.3, "HGF 2", LIGAND_COLOUR)
    activate(d, (4.95, 7.9), (5.35, 7.9))
    label(d, (6.4, 8.45), "HGF", weight="bold")
    receptor(d, 9.0, my, "MET", outside_h=1.1, inside_h=1.0, w=1.1, inside_text="kinase")
    molecule(d, (9.0, my + 0.9), 0.3, "HGF bound", LIGAND_COLOUR)
    activate(d, (7.45, 7.45), (8.5, 6.95))
    label(d, (9.75, my + 0.85), "MET", weight="bold", ha="left")
    # HGF blocker outside the cell
    drug(d, (5.7, 6.75), 0.26, name="HGF blocker", colour=SECOND_DRUG)
    inhibit(d, (5.7, 7.0), (5.7, 7.55), colour=INHIBIT, bar=0.35)
    label(d, (5.3, 6.55), "HGF blocker:\noutside the cell", size=SMALL_PT, ha="right")
    # MET inhibitor at the kinase, inside
    drug(d, (10.2, 4.0), 0.26, name="MET inhibitor", colour=SECOND_DRUG)
    inhibit(d, (10.45, 4.0), (9.6, 4.0), colour=INHIBIT, bar=0.3)
    label(d, (10.6, 4.0), "MET inhibitor: inside,\nat the kinase", size=SMALL_PT, ha="left")
    # BRAF blocked by RAF inhibitor
    protein(d, (3.0, 3.9), 1.8, 0.8, "BRAF", text="BRAF")
    mutation(d, (3.95, 4.25), 0.2, name="BRAF mutation")
    drug(d, (1.6, 3.9), 0.28, name="RAF inhibitor")
    inhibit(d, (1.6, 3.55), (2.05, 3.55), colour=INHIBIT, bar=0.3)
    label(d, (1.4, 4.75), "RAF inhibitor", size=SMALL_PT, ha="left")
    # pathways
    protein(d, (5.6, 2.3), 2.0, 0.8, "MAPK", text="MAPK")
    protein(d, (9.0, 2.3), 2.2, 0.8, "PI3K-AKT", text="PI3K–AKT")
    activate(d, (3.6, 3.5), (4.8, 2.7), style="--", colour="#999999")
    activate(d, (8.6, 3.4), (6.4, 2.7), colour=ESCAPE, width=2.2)
    activate(d, (9.0, 3.4), (9.0, 2.7), colour=ESCAPE, width=2.2)
    protein(d, (13.2, 2.3), 3.2, 0.8, "survival", text="survival, growth", fill=FILL["survival"])
    activate(d, (10.1, 2.3), (11.6, 2.3))
    label(d, (12.6, 1.2), "restarted by MET:\ndrug resistance", size=SMALL_PT, colour=ESCAPE, weight="bold")
    return d.fig


def stem_cells_diagram() -> Figure:
    """A tumour hierarchy: a quiescent stem cell, dividing progenitors, differentiated cells; a drug
    aimed at dividing cells reaches the progenitors and spares the quiescent stem cell."""
    d = new_diagram(16.0, 7.4)
    columns = [("stem cell", 2.3, "quiescent: divides rarely;\nself-renews"),
               ("progenitors", 7.4, "divide for a\nwhile, then stop"),
               ("differentiated cells", 12.9, "mature, then\neventually die")]
    for name, x, note in columns:
        label(d, (x, 6.95), name, weight="bold")
        label(d, (x, 6.2), note, size=SMALL_PT)
    cell(d, (2.3, 3.6), 2.4, 2.0, "stem cell body", fill=FILL["survival"], rounding=0.9)
    nucleus(d, (2.3, 3.6), 0.45, name="stem nucleus", text=None)
    activate(d, (1.5, 2.55), (3.1, 2.55), rad=0.9)
    label(d, (2.3, 1.3), "self-renewal", size=SMALL_PT)
    progenitors = ((6.2, 4.4), (7.4, 3.2), (8.6, 4.4), (6.6, 2.0), (8.2, 2.0))
    for i, (x, y) in enumerate(progenitors):
        cell(d, (x, y), 1.0, 0.85, f"progenitor {i}", fill=FILL["cell"], rounding=0.4)
        cross(d, (x, y), 0.2, name="killed")
    activate(d, (3.55, 3.6), (5.6, 3.6))
    for i, (x, y) in enumerate(((11.4, 4.6), (12.6, 4.6), (13.8, 4.6), (11.4, 3.4), (12.6, 3.4), (13.8, 3.4),
                                (12.0, 2.2), (13.2, 2.2))):
        cell(d, (x, y), 0.95, 0.8, f"mature {i}", fill="#E8E8E8", rounding=0.35)
    activate(d, (9.2, 3.4), (10.8, 3.4))
    drug(d, (4.6, 0.8), 0.3, name="cycle drug")
    inhibit(d, (4.9, 1.0), (6.0, 1.55), colour=INHIBIT, bar=0.35)
    label(d, (5.1, 0.5), "drug aimed at dividing cells", size=SMALL_PT, ha="left")
    label(d, (7.4, 5.35), "killed", size=SMALL_PT, colour=ESCAPE, weight="bold")
    label(d, (2.3, 5.05), "spared: can regrow\nthe tumour", size=SMALL_PT, colour=ESCAPE, weight="bold")
    label(d, (12.6, 1.2), "not dividing: a poor target,\nbut on their way out anyway", size=SMALL_PT)
    return d.fig


def cell_death_diagram() -> Figure:
    """BCL-2 holds BIM; a BH3 mimetic (venetoclax) frees it to activate BAX/BAK; MCL-1 catches it again."""
    d = new_diagram(16.0, 7.2)
    titles = ("1  BCL-2 holds BIM", "2  Venetoclax frees BIM", "3  Escape: MCL-1")
    outcome = ("intact: the cell lives", "permeabilised:\napoptosis", "intact: cell survives")
    centres = panel_row(d, titles, 7.0)
    for i, x in enumerate(centres):
        protein(d, (x - 1.0, 4.3), 1.7, 1.0, f"BCL-2 {i}", text="BCL-2", fill=FILL["survival"])
        protein(d, (x + 1.3, 2.0), 1.9, 0.9, f"BAX {i}", text="BAX/BAK", fill=FILL["death"])
        mito = Ellipse((x - 1.05, 2.0), 2.2, 0.95, facecolor="#FFF4C2" if i != 1 else "#E0E0E0", edgecolor=INK,
                       linewidth=1.0, linestyle="-" if i != 1 else "--", zorder=3)
        d.ax.add_patch(mito)
        d.add_shape(mito, f"mito {i}")
        label(d, (x - 1.05, 2.0), "mitochondrion", size=SMALL_PT, names=(f"mito {i}",))
        label(d, (x - 1.05, 0.85), outcome[i], size=SMALL_PT, colour=ESCAPE if i == 2 else INK,
              weight="bold" if i else "normal")
    x = centres[0]
    protein(d, (x - 1.0, 5.1), 1.1, 0.6, "BIM 0", text="BIM", fill=FILL["death"])
    label(d, (x + 1.3, 3.1), "BAX/BAK idle", size=SMALL_PT)
    x = centres[1]
    drug(d, (x - 1.0, 5.1), 0.3, name="venetoclax")
    label(d, (x - 0.5, 5.35), "venetoclax\n(BH3 mimetic)", size=SMALL_PT, ha="left")
    protein(d, (x + 1.3, 3.7), 1.1, 0.6, "BIM 1", text="BIM", fill=FILL["death"])
    activate(d, (x + 1.3, 3.4), (x + 1.3, 2.45))
    activate(d, (x + 0.35, 2.0), (x + 0.05, 2.0))
    x = centres[2]
    drug(d, (x - 1.0, 5.1), 0.3, name="venetoclax 2")
    protein(d, (x + 1.2, 4.3), 1.7, 1.0, "MCL-1", text="MCL-1", fill=FILL["survival"])
    protein(d, (x + 1.2, 5.1), 1.1, 0.6, "BIM 2", text="BIM", fill=FILL["death"])
    label(d, (x - 0.9, 3.3), "venetoclax does\nnot bind MCL-1", size=SMALL_PT, colour=ESCAPE, weight="bold")
    cross(d, (x + 1.3, 3.1), 0.22, name="no BAX")
    return d.fig


def plasticity_diagram() -> Figure:
    """An EGFR-mutant adenocarcinoma cell, killed by an EGFR inhibitor, turns into a small-cell
    (neuroendocrine) cell that keeps the EGFR mutation but grows despite EGFR inhibitors; a drug-tolerant
    persister state is entered and left."""
    d = new_diagram(16.0, 8.8)
    edge = 6.5  # the top membrane of both cells
    cells = (("adeno", 2.8, 4.6, FILL["cell"], "lung adenocarcinoma\n(EGFR-mutant)"),
             ("sclc", 12.6, 6.2, "#E6D6EC", "small-cell lung cancer\n(neuroendocrine)"))
    for name, x, w, fill, title in cells:
        cell(d, (x, edge - 1.3), w, 2.6, name, fill=fill, rounding=0.5)
        label(d, (x, 8.2), title, weight="bold")
    for name, x in (("a", 1.9), ("s", 10.5)):
        receptor(d, x, edge, "EGFR " + name, outside_h=0.6, inside_h=0.6, w=0.7, inside_text="")
        mutation(d, (x, edge - 0.65), 0.22, name="EGFR mutation " + name)
        drug(d, (x - 0.65, edge - 0.65), 0.24, name="EGFR inhibitor " + name)
        label(d, (x + 0.45, edge + 0.65), "EGFR", size=SMALL_PT, ha="left")
    label(d, (2.6, 5.0), "grows because of\nmutant EGFR", size=SMALL_PT, ha="left", names=("adeno",))
    label(d, (11.1, 5.0), "EGFR mutation still there,\ngrows despite inhibitor", size=SMALL_PT, ha="left",
          names=("sclc",))
    label(d, (2.8, 3.45), "EGFR inhibitor: cell dies", size=SMALL_PT)
    label(d, (12.6, 3.45), "EGFR inhibitor: cell lives", size=SMALL_PT, colour=ESCAPE, weight="bold")
    activate(d, (5.3, 5.2), (9.3, 5.2), width=2.2, colour=ESCAPE)
    label(d, (7.3, 5.75), "transformation", size=SMALL_PT, weight="bold", colour=ESCAPE)
    label(d, (7.3, 4.55), "over months", size=SMALL_PT)
    ybase = 1.3
    label(d, (0.3, 2.75), "Drug-tolerant persisters: a reversible state", weight="bold", ha="left")
    cell(d, (2.8, ybase), 2.6, 1.3, "sensitive", fill=FILL["cell"])
    label(d, (2.8, ybase), "sensitive", names=("sensitive",), size=SMALL_PT)
    cell(d, (9.2, ybase), 3.4, 1.3, "persister", fill=FILL["stroma"])
    label(d, (9.2, ybase), "persister: >100-fold\nless sensitive", names=("persister",), size=SMALL_PT)
    activate(d, (4.2, ybase + 0.3), (7.4, ybase + 0.3))
    activate(d, (7.4, ybase - 0.3), (4.2, ybase - 0.3))
    label(d, (5.8, ybase + 0.68), "acquired, rarely", size=SMALL_PT)
    label(d, (5.8, ybase - 0.68), "relinquished, rarely", size=SMALL_PT)
    label(d, (11.1, ybase), "a reservoir for\nlater resistance", size=SMALL_PT, ha="left")
    return d.fig


def combination_diagram() -> Figure:
    """Two drugs on two targets: a cell with one resistance mutation survives one drug but not both;
    only the rare double mutant survives the combination."""
    d = new_diagram(16.0, 6.6)
    label(d, (0.3, 6.3), "Treated with drug 1 and drug 2 together", weight="bold", ha="left", va="top")
    cases = [("no mutation", (), "killed by both"), ("mutation 1 only", (1,), "killed by drug 2"),
             ("mutation 2 only", (2,), "killed by drug 1"), ("mutations 1 and 2", (1, 2), "survives: resistant")]
    for i, (name, muts, fate) in enumerate(cases):
        x = 2.0 + i * 4.0
        survives = len(muts) == 2
        cell(d, (x, 3.2), 3.4, 3.0, name, fill=FILL["cell"] if not survives else "#F6D5C4")
        label(d, (x, 5.25), name, weight="bold")
        for j, (tx, colour) in enumerate(((x - 0.8, DRUG), (x + 0.8, SECOND_DRUG))):
            protein(d, (tx, 3.5), 1.2, 0.7, f"target {j + 1} {i}", text=f"target {j + 1}", size=SMALL_PT)
            drug(d, (tx, 4.3), 0.22, name=f"drug {j + 1} {i}", colour=colour)
            if j + 1 in muts:
                mutation(d, (tx + 0.5, 3.0), 0.22, name=f"mut {j + 1} {i}")
                cross(d, (tx, 4.6), 0.15, name=f"no bind {j + 1} {i}")
        label(d, (x, 2.2), fate, size=SMALL_PT, colour=ESCAPE if survives else INK,
              weight="bold" if survives else "normal", names=(name,))
    label(d, (2.0, 1.1), "most cells", size=SMALL_PT)
    label(d, (8.0, 1.1), "one mutation: probability u₁ or u₂ per division", size=SMALL_PT)
    label(d, (14.0, 1.1), "both: u₁u₂, far rarer", size=SMALL_PT, colour=ESCAPE, weight="bold")
    label(d, (0.3, 0.35), "drug 1", size=SMALL_PT, ha="left")
    drug(d, (1.55, 0.35), 0.18, name="key drug 1")
    label(d, (2.2, 0.35), "drug 2", size=SMALL_PT, ha="left")
    drug(d, (3.45, 0.35), 0.18, name="key drug 2", colour=SECOND_DRUG)
    mutation(d, (4.3, 0.35), 0.2, name="key mutation")
    label(d, (4.65, 0.35), "resistance mutation (the drug no longer acts: cross)", size=SMALL_PT, ha="left")
    return d.fig


def adaptive_diagram() -> Figure:
    """Sensitive and resistant cells competing for space: the maximum dose clears the sensitive cells
    and releases the resistant ones; adaptive dosing keeps sensitive cells as competitors."""
    d = new_diagram(16.0, 7.2)
    titles = ("1  Before treatment", "2  Maximum tolerated dose", "3  Adaptive dosing")
    centres = panel_row(d, titles, 7.0)

    def population(centre: float, n_sensitive: int, n_resistant: int, seed: int) -> None:
        rng = np.random.default_rng(seed)
        spots = [(centre - 1.9 + (k % 6) * 0.75, 1.75 + (k // 6) * 0.75) for k in range(24)]
        order = rng.permutation(len(spots))
        for idx, k in enumerate(order[: n_sensitive + n_resistant]):
            cx, cy = spots[k]
            resistant = idx < n_resistant
            circle = Ellipse((cx, cy), 0.6, 0.6, facecolor=PALETTE["vermillion"] if resistant else PALETTE["sky"],
                             edgecolor=INK, linewidth=0.6, zorder=2, hatch="///" if resistant else None)
            d.ax.add_patch(circle)
            d.add_shape(circle, "cells")

    before, maximum, adaptive = centres
    population(before, 21, 2, 1)
    population(maximum, 0, 19, 2)
    population(adaptive, 14, 3, 3)
    label(d, (before, 5.7), "sensitive cells outcompete\nthe few resistant ones", size=SMALL_PT)
    label(d, (maximum, 5.7), "rivals gone: resistant cells\ngrow into the space", size=SMALL_PT, colour=ESCAPE,
          weight="bold")
    label(d, (adaptive, 5.55), "dose adjusted or paused:\nsensitive cells survive and\nkeep resistant ones rare",
          size=SMALL_PT)
    label(d, (maximum, 0.85), "competitive release", size=SMALL_PT, colour=ESCAPE)
    label(d, (adaptive, 0.85), "tumour held, not eradicated", size=SMALL_PT)
    key = Ellipse((0.65, 0.75), 0.4, 0.4, facecolor=PALETTE["sky"], edgecolor=INK, linewidth=0.6)
    d.ax.add_patch(key)
    label(d, (1.0, 0.75), "sensitive", size=SMALL_PT, ha="left")
    key = Ellipse((2.85, 0.75), 0.4, 0.4, facecolor=PALETTE["vermillion"], edgecolor=INK, linewidth=0.6,
                  hatch="///")
    d.ax.add_patch(key)
    label(d, (3.2, 0.75), "resistant", size=SMALL_PT, ha="left")
    return d.fig


#: name -> (function, chapter file in book/ that shows it)
DIAGRAMS: dict[str, tuple[object, str]] = {
    "target_kinase": (target_kinase_diagram, "target_alteration"),
    "target_esr1": (target_esr1_diagram, "target_alteration"),
    "efflux_pumps": (efflux_diagram, "efflux_pumps"),
    "hypoxia": (hypoxia_diagram, "hypoxia"),
    "stromal_protection": (stromal_diagram, "stromal_protection"),
    "stem_cells": (stem_cells_diagram, "stem_cells"),
    "cell_death": (cell_death_diagram, "cell_death"),
    "plasticity": (plasticity_diagram, "plasticity"),
    "combination_therapy": (combination_diagram, "combination_therapy"),
    "adaptive_therapy": (adaptive_diagram, "adaptive_therapy"),
}
