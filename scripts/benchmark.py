"""Measure what students and authors wait for, and print a table (not a test: nothing is asserted).

- book build: cold (fresh output folder, every page executed, on every core), warm (nothing
  changed), warm after one chapter's prose was edited, and with notebook execution off;
- each lab notebook and each chapter page executed top to bottom in a fresh kernel;
- each explorer's live redraw (median and 90th percentile over slider moves) as a multiple of
  matplotlib's floor measured in the same run (:class:`FloorRenderer`), and its static form
  (grid points, time to precompute, HTML size); the live quiz's response to Check;
- page weight: what Chromium downloads for each page (scripts/page_weight.py): the heaviest
  page, the median page and the lightest, and the whole built site.

- with ``--suite``: ``make test``'s command, its wall time and the time of each test file.

Usage: ``python scripts/benchmark.py [--skip-build] [--builds-only] [--explorers-only [--repeats N]]
[--pages _build/html] [--suite]`` (``--explorers-only``: the live redraws against the floor only,
about a minute)
"""

from __future__ import annotations

import argparse
import importlib
import os
import pkgutil
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nbformat
import yaml
from nbclient import NotebookClient

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))  # page_weight.py
JUPYTER_BOOK = str(Path(sys.executable).parent / "jupyter-book")


def timed(function) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def build(output: Path, config: Path | None = None) -> float:
    """Seconds for one book build. The no-execution build (``config`` given) runs without ``-W``:
    figure labels come from executed outputs, so their cross-references warn when nothing runs."""
    command = [JUPYTER_BOOK, "build", str(ROOT), "-n", "--keep-going", "--path-output", str(output)]
    if config is None:
        command.insert(3, "-W")
    else:
        command += ["--config", str(config)]
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True, cwd=ROOT)
    return time.perf_counter() - start


def page_weight_bytes(page: Path, html_root: Path) -> int:
    """A page plus every local file it references by src/href (scripts, styles, images): the
    estimate used when Chromium is not installed. Fonts and files a script loads later (MathJax's)
    are not counted; data: images are, inside the page.
    """
    text = page.read_text(encoding="utf-8")
    total = page.stat().st_size
    seen: set[Path] = set()
    for reference in re.findall(r'(?:src|href)="([^"#?]+)(?:[?#][^"]*)?"', text):
        if "://" in reference or reference.startswith(("data:", "mailto:")) or reference.endswith(".html") or "_sources/" in reference:
            continue
        path = (page.parent / reference).resolve()
        if path.is_file() and html_root in path.parents and path not in seen:
            seen.add(path)
            total += path.stat().st_size
    return total


def page_weights(html_root: Path) -> tuple[dict[Path, int], str]:
    """Bytes per page as Chromium downloads them, or the src/href estimate without Chromium."""
    from page_weight import chromium_path, weigh_site

    try:
        chromium_path()
        loads = weigh_site(html_root)
        return {page: load.total_bytes for page, load in loads.items()}, "loaded in Chromium"
    except (FileNotFoundError, ImportError):
        pages = sorted(html_root.rglob("*.html"))
        return {page: page_weight_bytes(page, html_root) for page in pages}, "files referenced, no browser"


def site_rows(html_root: Path) -> list[tuple[str, str]]:
    weights, how = page_weights(html_root)
    ordered = sorted(weights, key=weights.get)
    from page_weight import site_bytes

    site = site_bytes(html_root)
    rows = []
    for label, page in (("heaviest", ordered[-1]), ("median", ordered[len(ordered) // 2]), ("lightest", ordered[0])):
        rows.append((f"{label} page with its assets, {how} ({page.relative_to(html_root)})", f"{weights[page] / 1e6:.2f} MB"))
    rows.append((f"total built site ({len(weights)} HTML pages)", f"{site / 1e6:.1f} MB"))
    return rows


def build_rows() -> list[tuple[str, str]]:
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        output = Path(folder)
        rows.append(("book build, cold (all pages executed)", f"{build(output):.1f} s"))
        rows.append(("book build, warm (nothing changed)", f"{build(output):.1f} s"))
        # a student-facing edit: one chapter's prose changed (its notebook's code, and so the
        # execution cache, unchanged); Sphinx sees the new modification time and reads that page again
        chapter = ROOT / "book" / "hypoxia.md"
        stat = chapter.stat()
        os.utime(chapter, (stat.st_atime, stat.st_mtime + 1))
        try:
            rows.append(("book build, warm after editing one chapter's prose", f"{build(output):.1f} s"))
        finally:
            os.utime(chapter, (stat.st_atime, stat.st_mtime))
        rows += site_rows(output / "_build" / "html")
    with tempfile.TemporaryDirectory() as folder:
        config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
        config["execute"]["execute_notebooks"] = "off"
        config["bibtex_bibfiles"] = [str(ROOT / "references.bib")]
        path = Path(folder) / "config_no_execution.yml"
        path.write_text(yaml.safe_dump(config), encoding="utf-8")
        rows.append(("book build, execution off", f"{build(Path(folder) / 'out', path):.1f} s"))
    return rows


def notebook_rows() -> list[tuple[str, str]]:
    import jupytext

    rows = []
    paths = sorted((ROOT / "notebooks").glob("*.ipynb")) + sorted(
        p for p in (ROOT / "book").glob("*.md") if "kernelspec" in p.read_text(encoding="utf-8")[:400]
    )
    for path in paths:
        notebook = jupytext.read(path) if path.suffix == ".md" else nbformat.read(path, as_version=4)
        client = NotebookClient(notebook, timeout=300, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}})
        rows.append((f"execute {path.relative_to(ROOT)} (fresh kernel)", f"{timed(client.execute):.1f} s"))
    return rows


def explorers() -> list[tuple[str, object]]:
    """Every explorer the figures package offers, as (module.function, Explorer): the functions
    whose name ends in _explorer and that return an Explorer (not, say, plot_explorer)."""
    import drugresist.figures as figures
    from drugresist.explorer import Explorer

    found = []
    for module_info in pkgutil.iter_modules(figures.__path__):
        module = importlib.import_module(f"drugresist.figures.{module_info.name}")
        for name in dir(module):
            function = getattr(module, name)
            if name.endswith("_explorer") and callable(function) and not name.startswith("plot_"):
                explorer = function()
                if isinstance(explorer, Explorer):
                    found.append((f"{module_info.name}.{name}", explorer))
    return found


def slider_moves(explorer, per_slider: int = 8) -> list[dict[str, float]]:
    """The settings a student reaches by moving each slider in turn across its range (the others
    left where they are), as a live widget would see them: ``per_slider`` moves per slider."""
    import numpy as np

    values = explorer.defaults()
    moves = []
    for slider in explorer.sliders:
        for v in np.linspace(slider.min, slider.max, per_slider + 1)[1:]:
            v = slider.min + round((float(v) - slider.min) / slider.step) * slider.step
            values = {**values, slider.name: float(min(slider.max, max(slider.min, v)))}
            moves.append(values)
        values = {**values, slider.name: slider.default}
    return moves


class FloorRenderer:
    """Matplotlib's floor for a live redraw, as the explorers' live renderer does it: one reused
    figure of the course's default size (one axes), a line's data replaced, the whole figure drawn
    by Agg at the live resolution and encoded as PNG the same way (PIL, RGB, compression level 1).
    Nothing an explorer does can cost less than this; its redraws are reported as multiples of it."""

    def __init__(self, points: int = 400) -> None:
        import io

        import numpy as np
        from matplotlib.backends.backend_agg import FigureCanvasAgg
        from PIL import Image

        from drugresist.explorer import LIVE_DPI
        from drugresist.style import new_figure

        self._io, self._np, self._image = io, np, Image
        self.fig, self.ax = new_figure()
        self.fig.set_dpi(LIVE_DPI)
        self.canvas = FigureCanvasAgg(self.fig)
        self.x = np.linspace(0.0, 10.0, points)
        (self.line,) = self.ax.plot(self.x, np.sin(self.x), label="a curve")
        self.ax.set_xlabel("Time (days)")
        self.ax.set_ylabel("Cells")
        self.ax.legend(loc="upper right")
        self.ax.set_ylim(-3, 3)
        self.calls = 0

    def __call__(self) -> bytes:
        self.calls += 1
        self.line.set_ydata(self._np.sin(self.x + 0.1 * self.calls) * (1 + 0.01 * self.calls % 2))
        self.canvas.draw()
        pixels = self._np.asarray(self.canvas.buffer_rgba())[..., :3]
        buffer = self._io.BytesIO()
        self._image.fromarray(self._np.ascontiguousarray(pixels), "RGB").save(buffer, format="png", compress_level=1)
        return buffer.getvalue()


def live_redraw_ms(explorer, per_slider: int = 8, cpu: bool = False, floor: "FloorRenderer | None" = None,
                   floor_times: list[float] | None = None) -> list[float]:
    """Milliseconds per live redraw (new figure PNG and description) over :func:`slider_moves`:
    wall-clock time, or with ``cpu`` the process's CPU time (less disturbed by other work on a
    shared machine). With ``floor``, one floor redraw is timed before each explorer redraw (the two
    interleaved, so both see the same machine) and appended to ``floor_times``."""
    clock = time.process_time if cpu else time.perf_counter
    render = explorer.live_renderer()
    render(explorer.defaults())  # warm-up: fonts, caches
    if floor is not None:
        floor()
    times = []
    for params in slider_moves(explorer, per_slider):
        if floor is not None:
            start = clock()
            floor()
            floor_times.append((clock() - start) * 1000)  # type: ignore[union-attr]
        start = clock()
        render(params)
        explorer.alt(**params)
        times.append((clock() - start) * 1000)
    return times


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(q / 100 * (len(ordered) - 1))))]


def floor_ratios(explorer, repeats: int = 3, per_slider: int = 8, cpu: bool = True) -> dict[str, float]:
    """An explorer's live redraw against matplotlib's floor measured in the same run, interleaved:
    median and p90 of the explorer's redraws, each divided by the median floor redraw (and the
    milliseconds), over ``repeats`` passes of :func:`slider_moves`. By default both are timed in
    the process's CPU time: on a shared machine wall-clock time also counts other programs' work."""
    floor = FloorRenderer()
    floor()  # warm-up
    times: list[float] = []
    floor_times: list[float] = []
    for _ in range(repeats):
        times += live_redraw_ms(explorer, per_slider, cpu=cpu, floor=floor, floor_times=floor_times)
    base = statistics.median(floor_times)
    return {"floor_ms": base, "median_ms": statistics.median(times), "p90_ms": percentile(times, 90),
            "median_x": statistics.median(times) / base, "p90_x": percentile(times, 90) / base, "moves": len(times)}


def live_rows(repeats: int = 3) -> list[tuple[str, str]]:
    rows = []
    for name, explorer in explorers():
        r = floor_ratios(explorer, repeats)
        rows.append((f"live explorer redraw {name} (median / p90 of {r['moves']} slider moves, × floor)",
                     f"{r['median_x']:.2f}× / {r['p90_x']:.2f}× (CPU: floor {r['floor_ms']:.0f} ms; "
                     f"{r['median_ms']:.0f} / {r['p90_ms']:.0f} ms)"))
    return rows


def static_rows() -> list[tuple[str, str]]:
    rows = []
    for name, explorer in explorers():
        start = time.perf_counter()
        payload = explorer.to_html()
        rows.append((f"static explorer {name}: grid points, build time, HTML size",
                     f"{len(explorer.grid_points())}, {time.perf_counter() - start:.1f} s, {len(payload) / 1e3:.0f} KB"))
    return rows


def explorer_rows() -> list[tuple[str, str]]:
    return live_rows() + static_rows()


def quiz_rows() -> list[tuple[str, str]]:
    from drugresist.quiz import bank_ids, show_quiz

    rows = []
    for bank_id in bank_ids():
        live = show_quiz(bank_id).live()
        times = []
        for question in live.questions.values():
            if question.choice is not None:
                question.choice.value = 0
            elif question.boxes:
                question.boxes[0].value = True
            else:
                question.number_input.value = "1"
            times.append(timed(question.button.click) * 1000)
        rows.append((f"live quiz Check response {bank_id} (median)", f"{statistics.median(times):.1f} ms"))
    return rows


def suite_rows() -> list[tuple[str, str]]:
    """``make test``'s command with ``--durations=0``: the suite's wall time and, per test file, the
    summed time of its tests' setup, call and teardown (on two workers the sum exceeds the wall time)."""
    import collections

    start = time.perf_counter()
    result = subprocess.run([sys.executable, "-m", "pytest", "-n", "auto", "--dist", "loadgroup", "-q",
                             "--durations=0", "--durations-min=0"], cwd=ROOT, capture_output=True, text=True)
    wall = time.perf_counter() - start
    per_file: dict[str, float] = collections.defaultdict(float)
    for match in re.finditer(r"^([0-9.]+)s (?:setup|call|teardown)\s+(tests/[^:]+)::", result.stdout, re.M):
        per_file[match.group(2)] += float(match.group(1))
    summary = result.stdout.strip().splitlines()[-1] if result.stdout.strip() else "no output"
    rows = [(f"test suite, wall time on {os.cpu_count()} cores ({summary})", f"{wall:.0f} s")]
    rows += [(f"  {name} (summed over workers)", f"{seconds:.0f} s")
             for name, seconds in sorted(per_file.items(), key=lambda item: -item[1])]
    return rows


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-build", action="store_true", help="skip the three book builds")
    parser.add_argument("--explorers-only", action="store_true", help="only the explorer rows")
    parser.add_argument("--repeats", type=int, default=3, help="passes over the slider moves per explorer")
    parser.add_argument("--pages", type=Path, metavar="HTML_DIR", help="only the page weights of a built book")
    parser.add_argument("--builds-only", action="store_true", help="only the three book builds and the page weights")
    parser.add_argument("--suite", action="store_true", help="only the test suite: wall time and time per test file")
    args = parser.parse_args()
    if args.suite:
        rows = suite_rows()
    elif args.builds_only:
        rows = build_rows()
    elif args.pages:
        rows = site_rows(args.pages.resolve())
    elif args.explorers_only:
        rows = live_rows(args.repeats)
    else:
        rows = [] if args.skip_build else build_rows()
        rows += notebook_rows() + explorer_rows() + quiz_rows()
    width = max(len(name) for name, _ in rows)
    print(f"| {'measure'.ljust(width)} | value |")
    print(f"|{'-' * (width + 2)}|-------|")
    for name, value in rows:
        print(f"| {name.ljust(width)} | {value} |")


if __name__ == "__main__":
    main()
