"""The execution cache follows the package: a changed quiz bank, model or figure is executed again.

jupyter-cache keys a notebook by its own cells, and ``show_quiz("efflux_pumps")`` is the same cell
whatever the bank says, so without this a warm build kept showing the old quiz after a bank edit.
"""

from __future__ import annotations

from types import SimpleNamespace

from drugresist.parallel_execution import (
    PACKAGE_ROOT,
    STAMP_NAME,
    package_fingerprint,
    refresh_cache_for_package,
    reread_after_package_change,
)


def _package(tmp_path):
    root = tmp_path / "pkg"
    (root / "quizbanks").mkdir(parents=True)
    (root / "quizbanks" / "bank.yaml").write_text("questions: []\n", encoding="utf-8")
    (root / "models.py").write_text("RATE = 0.1\n", encoding="utf-8")
    return root


def test_fingerprint_changes_with_any_file_of_the_package_and_ignores_bytecode(tmp_path):
    root = _package(tmp_path)
    first = package_fingerprint(root)
    assert package_fingerprint(root) == first
    (root / "__pycache__").mkdir()
    (root / "__pycache__" / "models.cpython-311.pyc").write_bytes(b"\x00compiled")
    assert package_fingerprint(root) == first, "compiled files are not the package's content"
    (root / "quizbanks" / "bank.yaml").write_text("questions: [] \n", encoding="utf-8")
    second = package_fingerprint(root)
    assert second != first, "a one-character edit of a bank"
    (root / "quizbanks" / "bank.yaml").rename(root / "quizbanks" / "other.yaml")
    assert package_fingerprint(root) != second, "a renamed file"


def test_the_real_package_fingerprint_covers_the_quiz_banks_and_the_quiz_script():
    names = {p.relative_to(PACKAGE_ROOT).as_posix() for p in PACKAGE_ROOT.rglob("*") if p.is_file()}
    assert "quiz/quiz.js" in names and any(n.startswith("quizbanks/") and n.endswith(".yaml") for n in names)
    assert len(package_fingerprint()) == 64


def _cache_with_content(path, stamp: str | None):
    path.mkdir()
    (path / "global.db").write_bytes(b"db")
    if stamp is not None:
        (path / STAMP_NAME).write_text(stamp + "\n", encoding="utf-8")
    return path


def test_a_cache_made_with_another_package_is_emptied_and_restamped(tmp_path):
    cache = _cache_with_content(tmp_path / "cache", "old")
    assert refresh_cache_for_package(cache, "new") is True
    assert sorted(p.name for p in cache.iterdir()) == [STAMP_NAME]
    assert (cache / STAMP_NAME).read_text(encoding="utf-8").strip() == "new"


def test_a_cache_of_unknown_origin_is_emptied(tmp_path):
    cache = _cache_with_content(tmp_path / "cache", None)
    assert refresh_cache_for_package(cache, "new") is True
    assert not (cache / "global.db").exists()


def test_a_cache_made_with_this_package_is_kept(tmp_path):
    cache = _cache_with_content(tmp_path / "cache", "same")
    assert refresh_cache_for_package(cache, "same") is False
    assert (cache / "global.db").read_bytes() == b"db"


def test_a_new_cache_is_only_stamped(tmp_path):
    cache = tmp_path / "build" / "cache"
    assert refresh_cache_for_package(cache, "fp") is False
    assert (cache / STAMP_NAME).read_text(encoding="utf-8").strip() == "fp"


def _env(cache, mode="cache"):
    config = SimpleNamespace(execution_mode=mode, execution_cache_path=str(cache))
    return SimpleNamespace(mystnb_config=config, found_docs={"book/intro", "book/efflux_pumps", "book/hypoxia"})


def test_sphinx_reads_every_other_page_again_after_a_package_change(tmp_path):
    cache = _cache_with_content(tmp_path / "cache", "stale")
    outdated = reread_after_package_change(None, _env(cache), added=set(), changed={"book/hypoxia"}, removed=set())
    assert outdated == ["book/efflux_pumps", "book/intro"]
    assert (cache / STAMP_NAME).read_text(encoding="utf-8").strip() == package_fingerprint()
    assert reread_after_package_change(None, _env(cache), set(), set(), set()) == [], "a second build reuses it"


def test_nothing_is_read_again_without_a_cache(tmp_path):
    cache = _cache_with_content(tmp_path / "cache", "stale")
    assert reread_after_package_change(None, _env(cache, mode="off"), set(), set(), set()) == []
    assert (cache / "global.db").exists()


def test_the_book_build_stamps_its_cache_with_the_package(built_book):
    stamp = built_book["output"] / "_build" / ".jupyter_cache" / STAMP_NAME
    assert stamp.read_text(encoding="utf-8").strip() == package_fingerprint()
