"""Point a copy of the course at its own repository: ``make configure REPO=https://github.com/<org>/<repo>``.

Rewrites the one place that says where the course lives, the ``repository:`` and
``launch_buttons.jupyterhub_url`` keys of _config.yml (comments and layout kept), then the first
cell of every lab notebook, which installs the course package from that repository on Colab
(scripts/add_colab_cell.py). Needs only the standard library, so it runs before the course's
virtual environment exists (as in the GitHub Pages workflow). Rebuild the book afterwards (``make book``): its launch buttons
(Binder, Colab, JupyterHub) and repository button then open the fork.

    python scripts/configure.py --repo https://github.com/<org>/<repo> [--branch main] [--hub https://hub.example.edu]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))

_REPO = re.compile(r"^https://[A-Za-z0-9.-]+/[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+$")
_HUB = re.compile(r"^https?://[A-Za-z0-9.-]+(:[0-9]+)?(/[A-Za-z0-9_.~/-]*)?$")
_BRANCH = re.compile(r"^[A-Za-z0-9._/-]+$")


def check(repo: str, branch: str, hub: str | None) -> tuple[str, str, str | None]:
    """The arguments, cleaned (no trailing slash or ``.git``); ValueError naming a bad one."""
    repo = repo.strip().rstrip("/").removesuffix(".git")
    if not _REPO.match(repo):
        raise ValueError(f"REPO must look like https://github.com/<org>/<repo>, not {repo!r}")
    if not _BRANCH.match(branch) or branch.startswith("-") or ".." in branch:
        raise ValueError(f"BRANCH is not a valid branch name: {branch!r}")
    if hub is not None:
        hub = hub.strip().rstrip("/")
        if not _HUB.match(hub):
            raise ValueError(f"HUB must be the address of a JupyterHub, like https://hub.example.edu, not {hub!r}")
    return repo, branch, hub


def _set_key(text: str, section: str, key: str, value: str) -> str:
    """``text`` with ``section: key:`` set to ``value``, keeping any comment after it."""
    pattern = re.compile(rf"(^{section}:\n(?:[ \t]+.*\n|\s*\n)*?[ \t]+{key}:[ \t]*)([^#\n]*?)([ \t]*(?:#.*)?)$", re.M)
    if not pattern.search(text):
        raise ValueError(f"_config.yml has no {section}.{key} to set")
    return pattern.sub(lambda m: m.group(1) + value + m.group(3), text, count=1)


def configure_text(config_text: str, repo: str, branch: str, hub: str | None) -> str:
    """The text of _config.yml pointed at ``repo`` / ``branch`` (and ``hub`` if given)."""
    text = _set_key(config_text, "repository", "url", repo)
    text = _set_key(text, "repository", "branch", branch)
    if hub is not None:
        text = _set_key(text, "launch_buttons", "jupyterhub_url", hub)
    return text


def update_install_cell(path: Path, source: str) -> bool | None:
    """Rewrite a lab's install cell (its first code cell) to ``source``, with the standard library
    only and in nbformat's own layout; True if it changed, None if the lab has no install cell."""
    from add_colab_cell import MARKER

    raw = path.read_text(encoding="utf-8")
    notebook = json.loads(raw)
    cell = next((c for c in notebook["cells"] if c["cell_type"] == "code"), None)
    if cell is None or not "".join(cell["source"]).startswith(MARKER):
        return None
    if "".join(cell["source"]) == source:
        return False
    cell["source"] = source.splitlines(keepends=True)
    path.write_text(json.dumps(notebook, indent=1, sort_keys=True, ensure_ascii=False) + "\n", encoding="utf-8")
    return True


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Point the course at its own repository.")
    parser.add_argument("--repo", required=True, help="https://github.com/<org>/<repo>")
    parser.add_argument("--branch", default="main")
    parser.add_argument("--hub", default=None, help="your JupyterHub's address (default: leave as it is)")
    args = parser.parse_args(argv)
    try:
        repo, branch, hub = check(args.repo, args.branch or "main", args.hub or None)
    except ValueError as error:
        print(f"configure: {error}", file=sys.stderr)
        return 2
    config_path = ROOT / "_config.yml"
    config_path.write_text(configure_text(config_path.read_text(encoding="utf-8"), repo, branch, hub), encoding="utf-8")
    print(f"_config.yml: repository {repo} (branch {branch})" + (f", JupyterHub {hub}" if hub else ""))

    import add_colab_cell

    source = add_colab_cell.install_cell_source(repo, branch)
    for notebook in sorted((ROOT / "notebooks").glob("*.ipynb")):
        changed = update_install_cell(notebook, source)
        if changed is None:  # a new lab without the cell: add it (needs nbformat)
            changed = add_colab_cell.update(notebook)
        print(("updated " if changed else "ok      ") + str(notebook.relative_to(ROOT)))
    print("Now rebuild the book (make book) so that its launch buttons point at the new repository.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
