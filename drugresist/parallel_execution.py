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
"""

from __future__ import annotations

import os
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Iterable

JOBS_ENV = "DRUGRESIST_BUILD_JOBS"
_MYST_READER = {"name": "myst_nb_md", "type": "plugin"}
_IPYNB_READER = {"name": "nbformat", "type": "plugin"}


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
