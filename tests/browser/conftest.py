"""Browser fixtures: Debian's Chromium driven by Playwright, sites served on 127.0.0.1.

Every page opened through ``tab`` is offline: any request that is not to 127.0.0.1
(or file:, data:, blob:) is recorded and aborted, and Chromium cannot resolve any other
host anyway. Console errors and uncaught page errors are recorded too, so a test can
assert that a page works on its own.
"""

from __future__ import annotations

import functools
import http.server
import os
import shutil
import sys
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlsplit

import pytest

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    # Belt and braces: no host but 127.0.0.1 resolves, whatever the page asks for.
    "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
]
LOCAL_SCHEMES = {"file", "data", "blob", "about"}
TIMEOUT_MS = 5_000         # actions (click, hover, goto: twice this)
EXPECT_TIMEOUT_MS = 3_000  # expect(...) assertions: everything here reacts in milliseconds


# -- one `conftest` module name for two files ---------------------------------------------
# tests/conftest.py and this file are both imported as the module `conftest` (no
# __init__.py, "prepend" import mode): loading this one replaces the other in sys.modules,
# and `from conftest import ...` in tests/*.py collected after this folder would find this
# file. Put the root one back before and after each module of this folder is collected.

_THIS = Path(__file__).resolve()
_ROOT_CONFTEST = _THIS.parent.parent / "conftest.py"


_CONFIG: list[pytest.Config] = []


def _restore_root_conftest() -> None:
    for config in _CONFIG:
        for plugin in config.pluginmanager.get_plugins():
            file = getattr(plugin, "__file__", None)
            if file and Path(file).resolve() == _ROOT_CONFTEST:
                sys.modules["conftest"] = plugin
                return


def pytest_configure(config: pytest.Config) -> None:
    _CONFIG[:] = [config]


def pytest_collectstart(collector: pytest.Collector) -> None:
    _restore_root_conftest()


def pytest_collectreport(report: pytest.CollectReport) -> None:
    _restore_root_conftest()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if _THIS.parent in item.path.parents:
            item.add_marker(pytest.mark.browser)


# -- Chromium -------------------------------------------------------------------------------

def chromium_path() -> str | None:
    found = shutil.which("chromium")
    if found:
        return found
    return "/usr/bin/chromium" if os.access("/usr/bin/chromium", os.X_OK) else None


@pytest.fixture(scope="session")
def chromium():
    """Headless Debian Chromium for the whole session. Missing Chromium fails, never skips."""
    executable = chromium_path()
    if executable is None:
        pytest.fail("Chromium is missing: the browser tests need Debian's `chromium` package "
                    "(`make browser` installs it as root: apt-get install chromium).",
                    pytrace=False)
    try:
        from playwright.sync_api import expect, sync_playwright
    except ImportError as error:  # pragma: no cover - dependency problem
        pytest.fail(f"playwright is not installed in this environment: {error}", pytrace=False)
    expect.set_options(timeout=EXPECT_TIMEOUT_MS)
    playwright = sync_playwright().start()
    try:
        browser = playwright.chromium.launch(
            executable_path=executable, headless=True, args=CHROMIUM_ARGS)
    except Exception as error:
        playwright.stop()
        pytest.fail(f"could not launch Chromium at {executable}: {error}", pytrace=False)
    yield browser
    browser.close()
    playwright.stop()


# -- serving built sites ----------------------------------------------------------------

class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args) -> None:  # noqa: A002 - stdlib signature
        pass

    def end_headers(self) -> None:
        self.send_header("Cache-Control", "no-store")
        super().end_headers()


class SiteServer:
    """A folder served over http on 127.0.0.1, on a free port, in a background thread."""

    def __init__(self, root: Path):
        self.root = Path(root)
        handler = functools.partial(_QuietHandler, directory=str(self.root))
        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True,
                                       name=f"site-server-{self.port}")
        self.thread.start()

    @property
    def port(self) -> int:
        return self.httpd.server_address[1]

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}/"

    def url(self, path: str = "") -> str:
        return self.base_url + path.lstrip("/")

    def stop(self) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()
        self.thread.join(timeout=5)


@pytest.fixture(scope="session")
def serve_site() -> Iterator[Callable[[Path], SiteServer]]:
    """``serve_site(folder)`` serves a built site; every server stops at session end."""
    servers: dict[Path, SiteServer] = {}

    def serve(root: Path) -> SiteServer:
        root = Path(root).resolve()
        assert (root / "index.html").is_file() or root.is_dir(), f"no site at {root}"
        if root not in servers:
            servers[root] = SiteServer(root)
        return servers[root]

    yield serve
    for server in servers.values():
        server.stop()


@pytest.fixture(scope="session")
def example_server(example_site, serve_site) -> SiteServer:
    """The example site (tests/conftest.py ``example_site``) served over http."""
    return serve_site(example_site.site)


# -- pages ------------------------------------------------------------------------------

def is_local(url: str) -> bool:
    parts = urlsplit(url)
    if parts.scheme in LOCAL_SCHEMES:
        return True
    return parts.scheme in {"http", "https", "ws", "wss"} and parts.hostname == "127.0.0.1"


@dataclass
class Tab:
    """A Playwright page plus what it tried to do that a self-contained site must not."""

    page: object
    external_requests: list[str] = field(default_factory=list)
    console_errors: list[str] = field(default_factory=list)
    page_errors: list[str] = field(default_factory=list)

    def record(self, url: str) -> None:
        if url not in self.external_requests:
            self.external_requests.append(url)

    def goto(self, url: str):
        response = self.page.goto(url, wait_until="load")
        assert response is not None and response.ok, f"{url}: {response and response.status}"
        return response

    @property
    def errors(self) -> list[str]:
        return [*self.console_errors, *self.page_errors]

    def assert_no_external_request(self) -> None:
        assert self.external_requests == [], (
            f"requests outside 127.0.0.1 were attempted: {self.external_requests}")

    def assert_no_console_error(self) -> None:
        assert self.errors == [], f"console or page errors: {self.errors}"

    def assert_clean(self) -> None:
        self.assert_no_external_request()
        self.assert_no_console_error()


def open_tab(browser, **context_options) -> tuple[Tab, object]:
    """A fresh, isolated context and page on ``browser``, watched (see ``Tab``)."""
    options = {"viewport": {"width": 1280, "height": 800}, "reduced_motion": "reduce",
               "service_workers": "block", "locale": "fr-FR", **context_options}
    context = browser.new_context(**options)
    context.set_default_timeout(TIMEOUT_MS)
    context.set_default_navigation_timeout(TIMEOUT_MS * 2)
    page = context.new_page()
    tab = Tab(page)

    def guard(route, request) -> None:
        if is_local(request.url):
            route.continue_()
        else:
            tab.record(request.url)
            route.abort("blockedbyclient")

    context.route("**/*", guard)
    # Requests that never reach the router (workers, preloads) are still seen here.
    context.on("request", lambda request: None if is_local(request.url) else tab.record(request.url))
    page.on("console", lambda message: tab.console_errors.append(
        f"{message.text} ({message.location.get('url', '')})") if message.type == "error" else None)
    page.on("pageerror", lambda error: tab.page_errors.append(str(error)))
    return tab, context


@pytest.fixture
def tab(chromium) -> Iterator[Tab]:
    """A watched page in its own browser context (closed after the test)."""
    watched, context = open_tab(chromium)
    yield watched
    context.close()


#: A phone: narrow, touch screen (taps, no hover).
PHONE = {"viewport": {"width": 390, "height": 844}, "has_touch": True, "is_mobile": True}


@pytest.fixture
def phone(chromium) -> Iterator[Tab]:
    """A watched page on a touch screen 390 px wide (see ``tab``)."""
    watched, context = open_tab(chromium, **PHONE)
    yield watched
    context.close()


@pytest.fixture
def page(tab: Tab):
    """The Playwright page of ``tab``."""
    return tab.page
