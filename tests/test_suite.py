"""The test suite's own machinery: the tests that need the built book run on one pytest-xdist worker.

``make test`` runs ``pytest -n auto --dist loadgroup``; ``conftest.pytest_collection_modifyitems``
puts every test that uses the built book in one xdist group, so the book is built once per run, not
once per worker. pytest 9.2 silently broke that grouping (pytest-xdist issue #1386); this test runs
a small suite with the course's own hook and fails if more than one worker builds.
"""

from __future__ import annotations

import subprocess
import sys
import textwrap

from conftest import ROOT

HOOK_CONFTEST = textwrap.dedent(
    f"""
    import importlib.util, os
    import pytest

    spec = importlib.util.spec_from_file_location("course_conftest", {str(ROOT / "tests" / "conftest.py")!r})
    course = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(course)
    pytest_collection_modifyitems = course.pytest_collection_modifyitems  # the course's own hook

    @pytest.fixture(scope="session")
    def built_book(tmp_path_factory):
        worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
        with open(os.path.join(os.environ["BUILD_RECORD"], worker), "w") as record:
            record.write("built")
        return {{}}

    @pytest.fixture(scope="session")
    def built_html(built_book):
        return built_book
    """
)

TESTS = textwrap.dedent(
    """
    import time
    import pytest

    @pytest.mark.parametrize("i", range(4))
    def test_reads_the_book(built_book, i):
        time.sleep(0.05)

    @pytest.mark.parametrize("i", range(4))
    def test_reads_the_html(built_html, i):
        time.sleep(0.05)

    @pytest.mark.parametrize("i", range(8))
    def test_needs_no_book(i):
        time.sleep(0.05)
    """
)


def test_one_worker_builds_the_book(tmp_path):
    suite, record = tmp_path / "suite", tmp_path / "record"
    suite.mkdir()
    record.mkdir()
    (suite / "conftest.py").write_text(HOOK_CONFTEST, encoding="utf-8")
    (suite / "test_small.py").write_text(TESTS, encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-n", "2", "--dist", "loadgroup", "-q", "-p", "no:cacheprovider", str(suite)],
        capture_output=True, text=True, cwd=suite, timeout=300, env={**__import__("os").environ, "BUILD_RECORD": str(record)},
    )
    assert result.returncode == 0, result.stdout + result.stderr
    builders = sorted(p.name for p in record.iterdir())
    assert len(builders) == 1, f"the book was built by {builders}: xdist grouping is broken (pytest-xdist #1386)"
