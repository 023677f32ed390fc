"""Vendored third-party files say which version they are, and the Makefile refreshes that one."""

from __future__ import annotations

import re

from conftest import REPO
from generator.plugin import OFFLINE_SHIM

MAKEFILE = (REPO / "Makefile").read_text(encoding="utf-8")
VENDOR = REPO / "overrides" / "assets" / "explainer" / "vendor"


def make_variable(name: str) -> str:
    match = re.search(rf"^{name} := (\S+)$", MAKEFILE, re.MULTILINE)
    assert match, f"{name} is not set in the Makefile"
    return match.group(1)


def test_the_offline_shim_is_the_recorded_iframe_worker_version():
    shim = REPO / "overrides" / OFFLINE_SHIM
    assert shim.parent == VENDOR and shim.is_file()
    assert "window.IFrameWorker" in shim.read_text(encoding="utf-8")
    assert (VENDOR / "iframe-worker.LICENSE").read_text(encoding="utf-8").startswith("Copyright")
    note = (VENDOR / "README.md").read_text(encoding="utf-8")
    version = make_variable("IFRAME_WORKER_VERSION")
    assert f"npm package `iframe-worker` {version} " in note
    assert re.search(r"^iframe-worker:", MAKEFILE, re.MULTILINE)


def test_the_flags_are_the_recorded_flag_icons_version():
    note = (REPO / "generator" / "flags" / "README.md").read_text(encoding="utf-8")
    assert f"`flag-icons` {make_variable('FLAGS_VERSION')} " in note
