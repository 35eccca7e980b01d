"""Each workaround of upstream behaviour in drugresist/sphinx_plugin.py names its upstream issue
(:data:`drugresist.sphinx_plugin.UPSTREAM_WORKAROUNDS`), and a test here asserts the upstream
behaviour it assumes: when an upgrade changes that behaviour, the test fails and says which
workaround to review (and probably remove)."""

from __future__ import annotations

import inspect
import re
from importlib import metadata, resources

import pytest

from drugresist import sphinx_plugin as plugin

THEME = resources.files("pydata_sphinx_theme") / "theme" / "pydata_sphinx_theme"


def test_every_workaround_names_its_upstream_and_when_to_remove_it():
    source = inspect.getsource(plugin)
    for name, entry in plugin.UPSTREAM_WORKAROUNDS.items():
        assert hasattr(plugin, name), f"UPSTREAM_WORKAROUNDS names {name}, which the plugin no longer has"
        assert set(entry) == {"upstream", "issue", "remove when"} and all(entry.values()), name
        assert re.search(r"#\d+|no (upstream|GitHub) issue", entry["issue"]), f"{name}: say which issue (or that none was found)"
        assert f"def {name}(" in source
    # every handler that edits upstream output is in the table
    for handler in ("_drop_duplicate_scripts", "_fix_citation_list_role", "without_icon_script",
                    "without_search_scripts", "downloadable_notebook", "_default_colour_mode"):
        assert handler in plugin.UPSTREAM_WORKAROUNDS


def _version(package: str) -> str:
    return metadata.version(package)


def test_theme_still_ships_the_heavy_icon_script():
    """without_icon_script, _remove_unused_theme_files: pydata/pydata-sphinx-theme#2379, PR #2494."""
    size = len((THEME / "static" / "scripts" / "fontawesome.js").read_bytes())
    assert size > 1_000_000, (f"pydata-sphinx-theme {_version('pydata-sphinx-theme')}: fontawesome.js is now "
                              f"{size / 1e3:.0f} KB: PR #2494 has landed; remove without_icon_script, "
                              "templates/layout.html and UNUSED_THEME_FILES")
    assert "_static/scripts/fontawesome.js" in (THEME / "static" / "webpack-macros.html").read_text(encoding="utf-8")


def test_theme_still_loads_search_scripts_on_every_page():
    """without_search_scripts: pydata/pydata-sphinx-theme#1977."""
    layout = (THEME / "layout.html").read_text(encoding="utf-8")
    extrahead = layout[layout.index("block extrahead"):layout.index("endblock extrahead")]
    assert "searchindex.js" in extrahead and "if pagename == 'search'" in extrahead, (
        "the theme no longer loads the search index on every page: remove without_search_scripts")
    assert "search_as_you_type" not in extrahead, "the theme now gates the search scripts: remove without_search_scripts"


def test_sphinx_thebe_still_declares_its_settings_as_consts_in_an_inline_script():
    """_drop_duplicate_scripts: sphinx-thebe's init_thebe_core (no upstream issue found)."""
    import sphinx_thebe

    source = inspect.getsource(sphinx_thebe.init_thebe_core)
    assert 'const THEBE_JS_URL' in source and "add_js_file(None, body=" in source, (
        f"sphinx-thebe {_version('sphinx-thebe')} changed how it writes its settings: review _drop_duplicate_scripts")
    setup = inspect.getsource(sphinx_thebe.setup)
    assert '"env-before-read-docs", init_thebe_core' in setup


def test_docutils_still_gives_the_citation_list_a_list_role():
    """_fix_citation_list_role: docutils writers/_html_base.py (no GitHub issue; sphinx-doc/sphinx#10784)."""
    from docutils.core import publish_parts

    body = publish_parts(".. [Ref2020] A citation.\n\n.. [Other2021] Another.\n", writer_name="html5")["body"]
    assert '<div role="list" class="citation-list">' in body, (
        f"docutils {_version('docutils')} no longer writes role=list on citations: remove _fix_citation_list_role")
    fixed = {"body": body}
    plugin._fix_citation_list_role(None, "page", "page.html", fixed, None)
    assert 'role="list"' not in fixed["body"] and '<div class="citation-list">' in fixed["body"]


def test_theme_still_logs_an_invalid_mode_without_a_default():
    """_default_colour_mode: pydata/pydata-sphinx-theme#1635."""
    script = (THEME / "static" / "scripts" / "pydata-sphinx-theme.js").read_text(encoding="utf-8")
    assert "Got invalid theme mode" in script, "the theme no longer logs an invalid mode: review _default_colour_mode"


def test_myst_nb_still_embeds_the_saved_widget_state():
    """downloadable_notebook and the widget-state part of _drop_duplicate_scripts: myst-nb render_nb_finalise."""
    from myst_nb.core import render

    source = inspect.getsource(render.NbElementRenderer.render_nb_finalise)
    assert "WIDGET_STATE_MIMETYPE" in source and "add_js_file" in source, (
        f"myst-nb {_version('myst-nb')} no longer embeds the widget state: review downloadable_notebook")
    assert render.WIDGET_STATE_MIMETYPE == plugin.WIDGET_STATE_MIME


@pytest.mark.parametrize("package,version", [
    ("pydata-sphinx-theme", "0.17.1"), ("sphinx-thebe", "0.3.1"), ("docutils", "0.21.2"), ("myst-nb", "1.4.0"),
])
def test_upstream_versions_are_those_the_workarounds_name(package, version):
    """The table names the versions checked; an upgrade re-runs the checks above and updates the table."""
    assert _version(package) == version, (f"{package} is now {_version(package)}: re-check the workarounds that name "
                                          f"{package} {version} in UPSTREAM_WORKAROUNDS and update them")
    assert any(f"{package} {version}" in e["upstream"] for e in plugin.UPSTREAM_WORKAROUNDS.values())
