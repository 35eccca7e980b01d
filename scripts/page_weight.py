"""What a reader's browser downloads for each page of the built book, measured in Chromium.

Every local file the page requests while it loads and settles counts once: the HTML, styles,
scripts, images, the web fonts the styles use, and what MathJax loads after it starts. Data
embedded in the page (the explorers' numbers, ``data:`` images) counts inside the HTML. Requests
that would leave the machine are refused and listed, so a page that needs the network is noticed.

Used by ``scripts/benchmark.py`` (the table) and ``tests/test_browser.py`` (the 2.5 MB budget).
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlparse

PAGE_BUDGET_BYTES = 2_500_000
"""Issue 12: the heaviest page with its assets at most 2.5 MB (decimal megabytes)."""

SITE_BUDGET_BYTES = 25_000_000
"""Issue 12: the whole built site (every file under _build/html) at most 25 MB."""


def site_bytes(html_root: Path) -> int:
    """Every file of the built site, as a host would serve it."""
    return sum(f.stat().st_size for f in html_root.rglob("*") if f.is_file())


CHROMIUM_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


@dataclass
class PageLoad:
    """One page as a browser loads it: the local files it asked for (path to bytes on disk) and
    any request for the network, which was refused."""

    files: dict[Path, int] = field(default_factory=dict)
    refused: list[str] = field(default_factory=list)

    @property
    def total_bytes(self) -> int:
        return sum(self.files.values())


def chromium_path() -> str:
    """Debian's Chromium (or ``$CHROMIUM``); a clear error when it is missing."""
    path = os.environ.get("CHROMIUM") or shutil.which("chromium") or shutil.which("chromium-browser")
    if not path:
        raise FileNotFoundError("Chromium is needed to weigh pages: apt-get install chromium (see .ci/run)")
    return path


def _local_path(url: str) -> Path | None:
    parsed = urlparse(url)
    return Path(unquote(parsed.path)) if parsed.scheme == "file" else None


SETTLED = """async () => {
  if (window.MathJax && MathJax.startup && MathJax.startup.promise) { await MathJax.startup.promise; }
  await document.fonts.ready;
}"""


def load_page(browser, page_file: Path, settle_ms: int = 300) -> PageLoad:
    """Open ``page_file`` in a fresh browser context (empty cache) and record what it loads.

    Waits for the load event, for MathJax to finish typesetting if the page has it (its fonts
    are requested then), and for ``settle_ms`` milliseconds of quiet.
    """
    from playwright.sync_api import Error as PlaywrightError

    record = PageLoad()
    context = browser.new_context()

    def route(route):
        url = route.request.url
        path = _local_path(url)
        if path is not None:
            if path.is_file():
                record.files[path.resolve()] = path.stat().st_size
            route.continue_()
        elif url.startswith("data:"):
            route.continue_()
        else:
            record.refused.append(url)
            route.abort()

    context.route("**/*", route)
    try:
        page = context.new_page()
        page.goto(page_file.as_uri(), wait_until="load")
        for _ in range(3):  # a redirect page (the book's index.html) navigates on: follow it
            page.wait_for_load_state("networkidle")
            try:
                page.evaluate(SETTLED)
                break
            except PlaywrightError:
                continue
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(settle_ms)
    finally:
        context.close()
    return record


def book_pages(html_root: Path) -> list[Path]:
    """The built book's HTML pages, without the theme's template fragments in ``_static``."""
    return sorted(p for p in html_root.rglob("*.html") if p.relative_to(html_root).parts[0] not in ("_static", "_sources"))


def weigh_site(html_root: Path, pages: list[Path] | None = None) -> dict[Path, PageLoad]:
    """Every HTML page under ``html_root`` (or the ``pages`` given), loaded one after another."""
    from playwright.sync_api import sync_playwright

    pages = book_pages(html_root) if pages is None else pages
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        try:
            return {page: load_page(browser, page) for page in pages}
        finally:
            browser.close()
