"""The generated folder (build/mkdocs.yml, written by `massage-site-generate`) builds the same site with
MkDocs and with ProperDocs, the maintained fork of MkDocs 1.x: every file byte for byte. So the clinic can
move to ProperDocs when MkDocs 1.x ends, with nothing to change."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from support.site import MKDOCS, build_site, copy_project, digest

pytestmark = pytest.mark.slow  # builds the site with two builders

PROPERDOCS = str(Path(MKDOCS).with_name("properdocs"))


def test_mkdocs_and_properdocs_build_the_generated_folder_byte_for_byte_alike(
    tmp_path: Path, monkeypatch
) -> None:
    assert shutil.which(PROPERDOCS), (
        "ProperDocs is missing: run `make test`, which installs requirements.lock"
    )
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1763683200")  # both builds dated alike
    project = copy_project(tmp_path / "project")
    sites = {}
    for name, builder in (("mkdocs", MKDOCS), ("properdocs", PROPERDOCS)):
        result = build_site(project, tmp_path / name, builder=builder)
        assert result.returncode == 0, f"{name}:\n{result.stderr}"
        sites[name] = digest(tmp_path / name)
    assert len(sites["mkdocs"]) > 40
    assert sites["mkdocs"].keys() == sites["properdocs"].keys()
    differing = [path for path, digest in sites["mkdocs"].items() if sites["properdocs"][path] != digest]
    assert differing == []
