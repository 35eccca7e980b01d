"""Shared fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parent.parent
DATA = Path(__file__).resolve().parent / "data"


#: Fixtures that need the built book. The book is built once per run (``build_once``: the first
#: worker that needs it builds it, on every core, while another waits), and the tests that read it
#: are split into two pytest-xdist groups (``--dist loadgroup``) so that two workers share them:
#: the browser tests, and the rest (print, LaTeX, the built pages' contents).
BOOK_FIXTURES = frozenset({"built_book", "built_html", "built_latex"})
BROWSER_TEST_FILES = ("test_browser.py", "test_browser_tips.py", "test_browser_progress.py")
#: Module fixtures too costly to make on both workers, and their group: ``test_explorer``'s
#: ``shipped`` sweeps every explorer's grid through matplotlib (about 90 s of one core), which
#: each worker running one of its tests would otherwise do again.
COSTLY_FIXTURE_GROUPS = {"shipped": "explorer-sweep"}


def book_group(item) -> str | None:
    """The xdist group of a test: "browser" or "book" if it reads the built book, the group of a
    costly fixture it uses (``COSTLY_FIXTURE_GROUPS``), else None (any worker)."""
    fixtures = set(getattr(item, "fixturenames", ()))
    if not BOOK_FIXTURES & fixtures:
        return next((group for name, group in COSTLY_FIXTURE_GROUPS.items() if name in fixtures), None)
    return "browser" if Path(str(item.fspath)).name in BROWSER_TEST_FILES else "book"


@pytest.hookimpl(tryfirst=True)  # before pytest-xdist's worker reads the groups into the node ids
def pytest_collection_modifyitems(config, items) -> None:
    for item in items:
        group = book_group(item)
        if group:
            item.add_marker(pytest.mark.xdist_group(group))


@pytest.fixture(scope="module")
def browser():
    """A headless Debian Chromium for one test module (Playwright), with the course's launch options
    (no first-run, sync or background network; ``scripts/page_weight.py``)."""
    import sys

    playwright_sync = pytest.importorskip("playwright.sync_api", reason="install requirements-dev.txt")
    sys.path.insert(0, str(ROOT / "scripts"))
    from page_weight import CHROMIUM_ARGS, chromium_path

    with playwright_sync.sync_playwright() as p:
        chromium = p.chromium.launch(executable_path=chromium_path(), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


def shared_folder(tmp_path_factory, name: str) -> Path:
    """A folder that every pytest-xdist worker of this run sees (beside the workers' own temporary
    folders), or this process's own when there are no workers."""
    import os

    base = tmp_path_factory.getbasetemp()
    return (base.parent if os.environ.get("PYTEST_XDIST_WORKER") else base) / name


def build_once(folder: Path, build) -> dict:
    """``build(folder)`` once per test run, whichever worker asks first; a worker that asks while it
    runs waits for it (a lock file), and every later caller gets the same result (JSON, kept beside)."""
    import fcntl
    import json

    folder.mkdir(parents=True, exist_ok=True)
    with open(folder / "build.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        done = folder / "build.json"
        if done.is_file():
            return json.loads(done.read_text(encoding="utf-8"))
        result = build(folder)
        done.write_text(json.dumps(result), encoding="utf-8")
        return result


def toc_files() -> list[str]:
    """Every page in _toc.yml (root first), as paths without extension."""
    toc = yaml.safe_load((ROOT / "_toc.yml").read_text(encoding="utf-8"))
    files = [toc["root"]]
    for part in toc.get("parts", []):
        files += [chapter["file"] for chapter in part["chapters"]]
    return files


@pytest.fixture
def sample_bank_data() -> dict:
    """The valid sample bank as parsed YAML, for tests that break it one way at a time."""
    return yaml.safe_load((DATA / "sample_bank.yaml").read_text(encoding="utf-8"))


@pytest.fixture
def sample_bank_path() -> Path:
    return DATA / "sample_bank.yaml"


def jupyter_book_executable() -> str:
    import shutil
    import sys

    candidate = Path(sys.executable).parent / "jupyter-book"
    return str(candidate) if candidate.exists() else (shutil.which("jupyter-book") or "jupyter-book")


@pytest.fixture(scope="session")
def built_book(tmp_path_factory) -> dict:
    """Build the whole book once, cold, with warnings as errors; return the paths and the log.

    ``DRUGRESIST_REUSE_BUILD=<folder>`` (the folder holding ``_build``, e.g. ``.``) tests an
    existing build instead, for a quick run while working on one page; ``make test`` never sets it.
    """
    import os
    import subprocess

    reuse = os.environ.get("DRUGRESIST_REUSE_BUILD")
    if reuse:
        folder = Path(reuse).resolve()
        return {"returncode": 0, "log": f"(reused {folder})", "html": folder / "_build" / "html", "output": folder}

    def build(output: Path) -> dict:
        result = subprocess.run(
            [jupyter_book_executable(), "build", str(ROOT), "-W", "-n", "--keep-going", "--path-output", str(output)],
            capture_output=True,
            text=True,
            cwd=ROOT,
            timeout=1800,
        )
        return {"returncode": result.returncode, "log": result.stdout + result.stderr, "output": str(output)}

    built = build_once(shared_folder(tmp_path_factory, "book"), build)
    output = Path(built["output"])
    return {**built, "html": output / "_build" / "html", "output": output}


@pytest.fixture(scope="session")
def built_html(built_book) -> Path:
    """The built HTML folder; fails (once, clearly) if the build failed."""
    assert built_book["returncode"] == 0, built_book["log"][-6000:]
    return built_book["html"]


@pytest.fixture(scope="session")
def built_latex(built_html, built_book) -> Path:
    """The LaTeX sources of the book (the print medium), built into the same folder so the
    executed notebooks are reused from the HTML build's cache. Returns the main .tex file."""
    import subprocess

    result = subprocess.run(
        [jupyter_book_executable(), "build", str(ROOT), "--builder", "latex", "-W", "-n", "--keep-going",
         "--path-output", str(built_book["output"])],
        capture_output=True, text=True, cwd=ROOT, timeout=1800,
    )
    assert result.returncode == 0, (result.stdout + result.stderr)[-6000:]
    return next((built_book["output"] / "_build" / "latex").glob("*.tex"))


def generated_variants(bank_id):
    """Every parameter combination of every generated numeric question, with its computed values.

    Reads the bank YAML directly and evaluates its `compute` entries by calling the named course
    functions, so the test checks the bank's wiring (function, argument names) as well as the numbers.
    """
    import importlib
    import itertools

    import yaml

    path = ROOT / "drugresist" / "quizbanks" / f"{bank_id}.yaml"
    bank = yaml.safe_load(path.read_text(encoding="utf-8"))
    for q in bank["questions"]:
        if q["type"] != "numeric" or "parameters" not in q:
            continue
        names = list(q["parameters"])
        grids = []
        for spec in q["parameters"].values():
            if "values" in spec:
                grids.append(spec["values"])
            else:
                low, high, step = spec["range"][0], spec["range"][1], spec["step"]
                grids.append([low + step * i for i in range(int(round((high - low) / step)) + 1)])
        for combo in itertools.product(*grids):
            env = dict(zip(names, combo))
            for name, entry in q["compute"].items():
                module, func = entry["function"].split(":")
                args = {k: (env[v] if isinstance(v, str) else v) for k, v in entry["arguments"].items()}
                value = float(getattr(importlib.import_module(module), func)(**args)) * entry.get("scale", 1)
                env[name] = round(value, entry["round"]) if "round" in entry else value
            yield q, env


def checked_variant(question: dict, env: dict, closed: dict, worked=()) -> float:
    """Assert that a generated variant's answer (from :func:`generated_variants`) equals its closed
    form ``closed[id](env)`` to the rounding its prompt asks for, and is none of the chapter's own
    printed numbers ``worked``; return the accepted error, for the callers' wrong-method checks."""
    digits = question["compute"]["answer"].get("round")
    slack = 1e-9 if digits is None else 0.5 * 10.0 ** -digits + 1e-9
    assert abs(env["answer"] - closed[question["id"]](env)) <= slack, (question["id"], env)
    tol = max(question.get("tolerance", 0), question.get("relative_tolerance", 0) * abs(env["answer"]))
    assert all(abs(env["answer"] - w) > tol for w in worked), (question["id"], env)  # not the chapter's numbers
    return tol
