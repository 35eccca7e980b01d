"""Every lab notebook is committed without outputs and runs top to bottom in a fresh kernel."""

from __future__ import annotations

from pathlib import Path

import nbformat
import pytest
from nbclient import NotebookClient

from conftest import ROOT

NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb"))


def test_there_is_a_lab_for_every_quiz_bank():
    from drugresist.quiz import bank_ids

    labs = {p.stem.removesuffix("_lab") for p in NOTEBOOKS}
    assert set(bank_ids()) <= labs


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_is_committed_without_outputs(path: Path):
    notebook = nbformat.read(path, as_version=4)
    assert notebook.metadata["kernelspec"]["name"] == "python3"
    for cell in notebook.cells:
        if cell.cell_type == "code":
            assert not cell.outputs and cell.execution_count is None, f"{path.name} has outputs"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_notebook_runs_top_to_bottom_in_a_fresh_kernel(path: Path):
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(notebook, timeout=120, kernel_name="python3", resources={"metadata": {"path": str(path.parent)}})
    client.execute()
    errors = [o for c in notebook.cells if c.cell_type == "code" for o in c.outputs if o.output_type == "error"]
    assert not errors
    shown = [o for c in notebook.cells if c.cell_type == "code" for o in c.outputs]
    assert shown, "the notebook showed nothing"


@pytest.mark.parametrize("path", NOTEBOOKS, ids=[p.name for p in NOTEBOOKS])
def test_first_code_cell_installs_the_package_from_the_configured_repository(path: Path):
    import sys

    sys.path.insert(0, str(ROOT / "scripts"))
    from add_colab_cell import install_cell_source

    notebook = nbformat.read(path, as_version=4)
    first_code = next(c for c in notebook.cells if c.cell_type == "code")
    assert first_code.source == install_cell_source(), "run: python scripts/add_colab_cell.py"
    assert "remove-cell" in first_code.metadata.get("tags", []), "the book's lab page would show the install cell"
