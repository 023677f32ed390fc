"""Vendored third-party files say which version they are, and the Makefile refreshes that one."""

from __future__ import annotations

import re

from conftest import REPO

MAKEFILE = (REPO / "Makefile").read_text(encoding="utf-8")
VENDOR = REPO / "overrides" / "assets" / "explainer" / "vendor"


def make_variable(name: str) -> str:
    match = re.search(rf"^{name} := (\S+)$", MAKEFILE, re.MULTILINE)
    assert match, f"{name} is not set in the Makefile"
    return match.group(1)


def offline_shim() -> str:
    """The site path the plugin adds to Material's polyfills (OFFLINE_SHIM, wherever it lives)."""
    found = {m.group(1) for source in sorted((REPO / "generator").glob("*.py"))
             for m in re.finditer(r'^OFFLINE_SHIM\s*=\s*"([^"]+)"', source.read_text(encoding="utf-8"),
                                  re.MULTILINE)}
    assert len(found) == 1, f"OFFLINE_SHIM defined {len(found)} ways in generator/: {found}"
    return found.pop()


def test_the_offline_shim_is_the_recorded_iframe_worker_version():
    shim = REPO / "overrides" / offline_shim()
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


def test_the_share_card_font_is_the_recorded_version():
    fonts = REPO / "generator" / "fonts"
    note = (fonts / "README.md").read_text(encoding="utf-8")
    version = re.escape(make_variable("SHARE_FONT_VERSION"))
    assert re.search(rf"npm package `@expo-google-fonts/inter` {version}(?![0-9.])", note)
    assert "SIL Open Font License" in (fonts / "LICENSE").read_text(encoding="utf-8")
    for name in ("Inter_700Bold.ttf", "Inter_400Regular.ttf"):
        assert (fonts / name).read_bytes()[:4] == b"\x00\x01\x00\x00", f"{name} is not a TrueType font"
    assert re.search(r"^share-font:", MAKEFILE, re.MULTILINE)
