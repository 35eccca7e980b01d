"""The pinned requirements files are generated from the hand-written ones and are not stale."""

from __future__ import annotations

import re
import subprocess
import sys

import pytest
from packaging.requirements import Requirement

from conftest import ROOT

sys.path.insert(0, str(ROOT / "scripts"))
import lock_requirements  # noqa: E402

GENERATED = sorted(lock_requirements.LOCKS)


def pins(name: str) -> dict[str, str]:
    """Package name (normalised) -> pinned version, for every ``name==version`` line."""
    result = {}
    for line in (ROOT / name).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if not line or line.startswith("-"):
            continue
        requirement = Requirement(line)
        (specifier,) = requirement.specifier
        assert specifier.operator == "==", f"{name}: {line!r} is not pinned with =="
        result[re.sub(r"[-_.]+", "-", requirement.name).lower()] = specifier.version
    return result


def direct(name: str) -> list[Requirement]:
    """The direct requirements written in a hand-written .in file (following -r includes)."""
    result = []
    for line in (ROOT / name).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line.startswith("-r "):
            result += direct(line.removeprefix("-r ").strip())
        elif line and not line.startswith("-"):
            result.append(Requirement(line))
    return result


@pytest.mark.parametrize("generated", GENERATED)
def test_generated_file_matches_its_inputs(generated):
    recorded = lock_requirements.recorded_hash(generated)
    assert recorded is not None, f"{generated} has no inputs hash: run `make lock`"
    assert recorded == lock_requirements.inputs_hash(generated), (
        f"{generated} is stale: {', '.join(lock_requirements.LOCKS[generated])} changed since it was "
        "generated; run `make lock`"
    )


@pytest.mark.parametrize("generated", GENERATED)
def test_every_direct_dependency_is_pinned_at_a_version_it_allows(generated):
    pinned = pins(generated)
    for requirement in direct(lock_requirements.LOCKS[generated][0]):
        key = re.sub(r"[-_.]+", "-", requirement.name).lower()
        assert key in pinned, f"{requirement.name} is missing from {generated}"
        assert requirement.specifier.contains(pinned[key], prereleases=True), (
            f"{generated} pins {requirement.name}=={pinned[key]}, outside {requirement.specifier}"
        )


def test_binder_and_tests_get_the_same_versions():
    binder, dev = pins("requirements.txt"), pins("requirements-dev.txt")
    differing = {name: (version, dev.get(name)) for name, version in binder.items() if dev.get(name) != version}
    assert not differing, f"requirements-dev.txt differs from requirements.txt: {differing}"


def test_the_installed_environment_is_consistent():
    result = subprocess.run([sys.executable, "-m", "pip", "check"], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
