"""Make the first code cell of every lab notebook install the course package when it is missing.

Binder and a JupyterHub built from requirements.txt already have the package; Colab does not, so
the cell installs it from the repository named in _config.yml. The cell is tagged ``remove-cell``:
the book's page of the lab does not show it. Run after changing
``repository.url`` or ``repository.branch``: ``python scripts/add_colab_cell.py``.
"""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
MARKER = "# Colab: install the course package"


def install_cell_source(url: str | None = None, branch: str | None = None) -> str:
    """The install cell for the repository and branch given, by default those in _config.yml."""
    if url is None or branch is None:
        import yaml

        repository = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))["repository"]
        url, branch = url or repository["url"], branch or repository["branch"]
    url = f"git+{url}@{branch}"
    return (
        f"{MARKER} (Binder and JupyterHub already have it).\n"
        "import importlib.util\n\n"
        'if importlib.util.find_spec("drugresist") is None:\n'
        f'    %pip install --quiet "drugresist @ {url}"'
    )


def update(path: Path) -> bool:
    import nbformat

    notebook = nbformat.read(path, as_version=4)
    source = install_cell_source()
    code_cells = [c for c in notebook.cells if c.cell_type == "code"]
    if code_cells and code_cells[0].source.startswith(MARKER):
        tags = code_cells[0].metadata.setdefault("tags", [])
        if code_cells[0].source == source and "remove-cell" in tags:
            return False
        code_cells[0].source = source
        if "remove-cell" not in tags:
            tags.append("remove-cell")
    else:
        first_code = notebook.cells.index(code_cells[0]) if code_cells else len(notebook.cells)
        cell = nbformat.v4.new_code_cell(source)
        cell.metadata["tags"] = ["remove-cell"]
        notebook.cells.insert(first_code, cell)
    nbformat.write(notebook, path)
    return True


if __name__ == "__main__":
    for notebook_path in sorted((ROOT / "notebooks").glob("*.ipynb")):
        print(("updated " if update(notebook_path) else "ok      ") + str(notebook_path.relative_to(ROOT)))
