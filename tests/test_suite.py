"""The test suite's own machinery: the book is built once per run, however many workers read it.

``make test`` runs ``pytest -n auto --dist loadgroup``; ``conftest.pytest_collection_modifyitems``
puts the tests that read the built book in two xdist groups (browser tests, the rest), and
``conftest.build_once`` builds the book for whichever worker asks first while the other waits.
pytest 9.2 silently broke xdist's grouping (pytest-xdist issue #1386). This test runs a small suite
with the course's own hook and build_once and fails if the book is built more than once, or if a
test that reads it does not get the one build.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

from conftest import ROOT

HOOK_CONFTEST = textwrap.dedent(
    f"""
    import importlib.util, os, time
    import pytest

    spec = importlib.util.spec_from_file_location("course_conftest", {str(ROOT / "tests" / "conftest.py")!r})
    course = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(course)
    pytest_collection_modifyitems = course.pytest_collection_modifyitems  # the course's own hook

    @pytest.fixture(scope="session")
    def built_book(tmp_path_factory):
        def build(folder):
            worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
            with open(os.path.join(os.environ["BUILD_RECORD"], worker), "w") as record:
                record.write("built")
            time.sleep(0.5)  # long enough for the other worker to ask while it runs
            return {{"built_by": worker}}
        return course.build_once(course.shared_folder(tmp_path_factory, "book"), build)

    @pytest.fixture(scope="session")
    def built_html(built_book):
        return built_book

    def note_worker(name):  # which worker ran a test: a file `name` holding the worker's id
        with open(os.path.join(os.environ["BUILD_RECORD"], name), "w") as ran:
            ran.write(os.environ.get("PYTEST_XDIST_WORKER", "main"))
    """
)

BOOK_TESTS = textwrap.dedent(
    """
    import pytest
    from conftest import note_worker

    @pytest.mark.parametrize("i", range(4))
    def test_reads_the_book(built_book, i):
        assert built_book["built_by"]
        note_worker(f"ran-book-{i}")

    @pytest.mark.parametrize("i", range(8))
    def test_needs_no_book(i):
        pass
    """
)

BROWSER_TESTS = textwrap.dedent(
    """
    import pytest
    from conftest import note_worker

    @pytest.mark.parametrize("i", range(4))
    def test_reads_the_html(built_html, i):
        assert built_html["built_by"]
        note_worker(f"ran-browser-{i}")
    """
)


def test_one_worker_builds_the_book(tmp_path):
    suite, record = tmp_path / "suite", tmp_path / "record"
    suite.mkdir()
    record.mkdir()
    (suite / "conftest.py").write_text(HOOK_CONFTEST, encoding="utf-8")
    (suite / "test_small.py").write_text(BOOK_TESTS, encoding="utf-8")
    (suite / "test_browser.py").write_text(BROWSER_TESTS, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-n", "2", "--dist", "loadgroup", "-q", "-p", "no:cacheprovider", str(suite)],
        capture_output=True, text=True, cwd=suite, timeout=300, env={**__import__("os").environ, "BUILD_RECORD": str(record)},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    builders = sorted(p.name for p in record.iterdir() if not p.name.startswith("ran-"))
    assert len(builders) == 1, f"the book was built by {builders}"
    for group in ("book", "browser"):  # each group on one worker: its session fixtures run once
        workers = {p.read_text() for p in record.glob(f"ran-{group}-*")}
        assert len(workers) == 1, f"the {group} tests ran on {workers}: xdist grouping is broken (pytest-xdist #1386)"
    assert "16 passed" in result.stdout, result.stdout


def test_book_tests_are_grouped_by_whether_they_need_a_browser():
    from types import SimpleNamespace

    from conftest import book_group

    def item(file, *fixtures):
        return SimpleNamespace(fspath=ROOT / "tests" / file, fixturenames=list(fixtures))

    assert book_group(item("test_browser_tips.py", "built_html", "browser")) == "browser"
    assert book_group(item("test_print.py", "print_outputs", "built_book")) == "book"
    assert book_group(item("test_build.py", "built_latex")) == "book"
    assert book_group(item("test_browser_quiz.py", "browser", "tmp_path")) is None
    assert book_group(item("test_explorer.py", "shipped", "name")) == "explorer-sweep"
    assert book_group(item("test_explorer.py", "name")) is None
