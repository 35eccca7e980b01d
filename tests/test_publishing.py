"""What anyone needs to publish, reuse and cite the course: licences, CITATION.cff, the Pages workflow."""

from __future__ import annotations

import re

import yaml

from conftest import ROOT


def test_licences_cover_text_and_figures_and_code():
    code = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert code.startswith("MIT License") and "Permission is hereby granted, free of charge" in code
    content = (ROOT / "LICENSE-CC-BY-4.0").read_text(encoding="utf-8")
    assert "Attribution 4.0 International" in content and "Section 1 -- Definitions." in content
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    assert "CC BY 4.0" in readme and "MIT" in readme and "LICENSE-CC-BY-4.0" in readme
    footer = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))["html"]["extra_footer"]
    assert "CC BY 4.0" in footer and "MIT" in footer


def test_citation_file_is_complete():
    citation = yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8"))
    assert citation["cff-version"] == "1.2.0"
    for key in ("message", "title", "authors", "license", "repository-code"):
        assert citation[key], key
    assert set(citation["license"]) == {"CC-BY-4.0", "MIT"}
    config = yaml.safe_load((ROOT / "_config.yml").read_text(encoding="utf-8"))
    assert citation["repository-code"] == config["repository"]["url"]
    version = re.search(r'^version = "([^"]+)"', (ROOT / "pyproject.toml").read_text(encoding="utf-8"), re.M).group(1)
    assert str(citation["version"]) == version


def _make_targets() -> set[str]:
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    return {target for line in re.findall(r"^([A-Za-z][\w .-]*):(?!=)", makefile, re.M) for target in line.split()}


def test_pages_workflow_builds_with_the_make_targets_and_deploys():
    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "publish.yml").read_text(encoding="utf-8"))
    triggers = workflow[True] if True in workflow else workflow["on"]  # YAML 1.1 reads "on" as true
    assert "push" in triggers and "workflow_dispatch" in triggers
    assert workflow["permissions"]["pages"] == "write" and workflow["permissions"]["id-token"] == "write"
    steps = workflow["jobs"]["build"]["steps"]
    runs = [step["run"] for step in steps if "run" in step]
    commands = [re.match(r"make (\S+)", line.strip()).group(1) for run in runs for line in run.splitlines()
                if line.strip().startswith("make ")]
    assert commands[:1] == ["configure"] and "html" in commands and "print" in commands
    assert set(commands) <= _make_targets()
    configure = next(run for run in runs if run.startswith("make configure"))
    assert "github.repository" in configure  # a fork publishes itself
    uses = [step.get("uses", "") for job in workflow["jobs"].values() for step in job["steps"]]
    assert any(u.startswith("actions/upload-pages-artifact@") for u in uses)
    assert any(u.startswith("actions/deploy-pages@") for u in uses)
    published = "\n".join(runs)
    assert "answer-key" not in published and "quiz-export" not in published, "instructor files must stay private"
