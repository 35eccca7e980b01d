"""Execute a book's notebooks on every core before Sphinx reads them one by one.

myst-nb, in ``execute_notebooks: cache`` mode, executes each notebook when Sphinx reads it, and
Sphinx reads documents one after another, so a cold build of the course used one core of two.
This Sphinx hook runs first (``env-before-read-docs``): it puts every notebook that Sphinx is
about to read, and that the execution cache does not hold yet, into the same jupyter-cache
project myst-nb uses, and executes them in a pool of processes with jupyter-cache's own worker.
When Sphinx then reads them, myst-nb finds each one in the cache. A notebook that fails here is
simply left out of the cache: myst-nb executes it again and reports its error as it always did.

``DRUGRESIST_BUILD_JOBS`` sets the number of processes (default: the number of cores; 1 turns
the hook off).

The cache is keyed by a notebook's own cells, but the chapters' outputs come from this package
(models, figures, quiz banks, the quiz page's script): ``show_quiz("efflux_pumps")`` is the same cell
whatever the bank says. So a second hook (``env-get-outdated``) stamps the cache with a fingerprint of
the package and, when the package has changed since, empties the cache and has Sphinx read every
page again; a build after a prose edit alone still reuses everything.
"""

from __future__ import annotations

import hashlib
import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Iterable

JOBS_ENV = "DRUGRESIST_BUILD_JOBS"
_MYST_READER = {"name": "myst_nb_md", "type": "plugin"}
_IPYNB_READER = {"name": "nbformat", "type": "plugin"}
PACKAGE_ROOT = Path(__file__).resolve().parent
#: The file in the execution cache's folder holding the fingerprint of the package it was made with.
STAMP_NAME = "drugresist-package.sha256"


def build_jobs() -> int:
    """Processes to execute notebooks with: ``$DRUGRESIST_BUILD_JOBS`` or the number of cores."""
    value = os.environ.get(JOBS_ENV, "").strip()
    if not value:
        return os.cpu_count() or 1
    try:
        jobs = int(value)
    except ValueError:
        raise ValueError(f"{JOBS_ENV} must be a whole number of processes, got {value!r}") from None
    if jobs < 1:
        raise ValueError(f"{JOBS_ENV} must be at least 1, got {jobs}")
    return jobs


def notebook_reader(path: Path) -> dict | None:
    """The jupyter-cache reader for ``path`` if it is a notebook myst-nb executes, else None."""
    from myst_nb.core.read import is_myst_markdown_notebook

    if path.suffix == ".ipynb":
        return _IPYNB_READER
    if path.suffix == ".md" and is_myst_markdown_notebook(path.read_text(encoding="utf-8")):
        return _MYST_READER
    return None


def _execute_one(arguments: tuple) -> tuple[int, str]:
    from jupyter_cache.executors.basic import ExecutionWorkerLocalMProc, ProcessData

    return ExecutionWorkerLocalMProc()(ProcessData(*arguments))


def execute_uncached(cache_path: str, paths: Iterable[Path], timeout: int, allow_errors: bool, jobs: int) -> list[str]:
    """Execute every notebook in ``paths`` not yet in the cache at ``cache_path``, ``jobs`` at a
    time, largest file first; return the paths that failed (myst-nb will report why)."""
    from jupyter_cache import get_cache

    cache = get_cache(cache_path)
    records = []
    for path in paths:
        reader = notebook_reader(path)
        if reader is not None:
            records.append(cache.add_nb_to_project(str(path), read_data=reader))
    pending = cache.list_unexecuted(filter_pks=[record.pk for record in records])
    if len(pending) < 2 or jobs < 2:
        return []  # nothing to gain: myst-nb executes it as usual
    pending.sort(key=lambda record: Path(record.uri).stat().st_size, reverse=True)
    work = [(record.pk, record.uri, cache, timeout, allow_errors) for record in pending]
    with ProcessPoolExecutor(max_workers=min(jobs, len(work))) as pool:
        results = list(pool.map(_execute_one, work, chunksize=1))
    return [uri for status, uri in results if status != 0]


def execute_before_reading(app, env, docnames: list[str]) -> None:
    """Sphinx ``env-before-read-docs`` handler (connected in :mod:`drugresist.sphinx_plugin`)."""
    config = getattr(env, "mystnb_config", None)
    if config is None or config.execution_mode != "cache":
        return
    jobs = build_jobs()
    if jobs < 2:
        return
    from sphinx.util import logging

    paths = [Path(env.doc2path(docname)) for docname in docnames]
    failed = execute_uncached(config.execution_cache_path, paths, int(config.execution_timeout),
                              bool(config.execution_allow_errors), jobs)
    if failed:
        logging.getLogger(__name__).info(f"[drugresist] {len(failed)} notebook(s) left for myst-nb to execute and report")


def package_fingerprint(root: Path = PACKAGE_ROOT) -> str:
    """SHA-256 (hex) of every file of the package under ``root``, by relative path and content
    (``__pycache__`` and compiled files left out): changes when a model, figure, quiz bank, template
    or static file changes."""
    digest = hashlib.sha256()
    files = sorted(path for path in root.rglob("*")
                   if path.is_file() and "__pycache__" not in path.parts and path.suffix not in (".pyc", ".pyo"))
    for path in files:
        digest.update(path.relative_to(root).as_posix().encode("utf-8") + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def refresh_cache_for_package(cache_path: Path, fingerprint: str) -> bool:
    """Make the execution cache at ``cache_path`` belong to the package with ``fingerprint``: if its
    stamp says otherwise (or it has none but holds something), empty it. Returns whether it was
    emptied; either way the stamp names ``fingerprint`` afterwards."""
    import shutil

    stamp = cache_path / STAMP_NAME
    previous = stamp.read_text(encoding="utf-8").strip() if stamp.is_file() else None
    holds_something = cache_path.is_dir() and any(p.name != STAMP_NAME for p in cache_path.iterdir())
    emptied = previous != fingerprint and holds_something
    if emptied:
        shutil.rmtree(cache_path)
    cache_path.mkdir(parents=True, exist_ok=True)
    if previous != fingerprint:
        stamp.write_text(fingerprint + "\n", encoding="utf-8")
    return emptied


def reread_after_package_change(app, env, added, changed, removed) -> list[str]:
    """Sphinx ``env-get-outdated`` handler: when the package changed since the execution cache was
    made, empty the cache and return every page, so Sphinx reads (and myst-nb executes) them again."""
    config = getattr(env, "mystnb_config", None)
    if config is None or config.execution_mode != "cache" or not config.execution_cache_path:
        return []
    if not refresh_cache_for_package(Path(config.execution_cache_path), package_fingerprint()):
        return []
    from sphinx.util import logging

    logging.getLogger(__name__).info("[drugresist] the drugresist package changed: every page is executed again")
    return sorted(set(env.found_docs) - set(added) - set(changed) - set(removed))
