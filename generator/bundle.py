"""Offline outputs: the whole site as one zip, one explainer as one self-contained HTML file.

Both are reproducible (same content, same bytes: sorted entries, fixed
timestamps from ``SOURCE_DATE_EPOCH``) and written atomically (a temporary
file moved into place), so a failed build never leaves a truncated bundle
where a good one was.
"""

from __future__ import annotations

import base64
import datetime as _dt
import mimetypes
import os
import posixpath
import re
import shutil
import signal
import tempfile
import threading
import zipfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from selectolax.lexbor import LexborHTMLParser

from .diagnostics import Diagnostics
from .load import discover_content

ZIP_EPOCH_MIN = 315532800  # 1980-01-01, the earliest time a zip entry can carry
ZIP_EPOCH_MAX = 4354819198  # 2107-12-31 23:59:58, the latest (two-second steps)
_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")


#: Temporary files and folders of a bundle in progress, beside its output:
#: ``<name>.partial-<pid>-<random>``. Visible and recognisable, so that what a
#: killed run leaves behind is seen, and removed by the next run (``clean_partials``).
PARTIAL = re.compile(r"^.+\.partial-(\d+)-[A-Za-z0-9_]{8}$")


def _partial_prefix(name: str) -> str:
    return f"{name}.partial-{os.getpid()}-"


def _alive(pid: int) -> bool:
    if pid == os.getpid():
        return False  # an earlier process with this number: this one has made nothing yet
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError):
        return pid < 2**22  # another user's process (an absurd number is no process)
    return True


def clean_partials(folder: Path) -> list[Path]:
    """Remove what interrupted bundles left in ``folder`` (their process is gone);
    returns what was removed. A bundle still running beside keeps its files."""
    removed: list[Path] = []
    try:
        entries = sorted(folder.iterdir())
    except OSError:
        return removed
    for path in entries:
        match = PARTIAL.match(path.name)
        if match is None or _alive(int(match.group(1))):
            continue
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
        removed.append(path)
    return removed


@contextmanager
def partial_folder(folder: Path, name: str = "explainer-build") -> Iterator[Path]:
    """A temporary folder in ``folder`` (where the bundle goes), removed after the block."""
    folder.mkdir(parents=True, exist_ok=True)
    temporary = Path(tempfile.mkdtemp(prefix=_partial_prefix(name), dir=folder))
    try:
        yield temporary
    finally:
        shutil.rmtree(temporary, ignore_errors=True)


@contextmanager
def terminations_clean_up() -> Iterator[None]:
    """Within this block, SIGTERM and SIGHUP end the process as Ctrl-C does: by an
    exception, so that temporary files are removed on the way out (SIGKILL cannot
    be caught: ``clean_partials`` removes what it leaves, at the next run)."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return

    def stop(number: int, frame) -> None:
        raise SystemExit(128 + number)

    previous = {sig: signal.signal(sig, stop) for sig in (signal.SIGTERM, signal.SIGHUP)}
    try:
        yield
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)


@contextmanager
def atomic_output(path: Path) -> Iterator[Path]:
    """A temporary path beside ``path``, moved onto it only if the block succeeds."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=_partial_prefix(path.name), dir=path.parent)
    os.close(handle)
    try:
        yield Path(temporary)
        os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise


def atomic_write(path: Path, data: bytes) -> None:
    with atomic_output(path) as temporary:
        temporary.write_bytes(data)


def source_date_epoch(default: int) -> int:
    value = os.environ.get("SOURCE_DATE_EPOCH")
    return int(value) if value and value.isascii() and value.isdigit() else default


#: The latest SOURCE_DATE_EPOCH a build can date pages with (9999-12-31 23:59:59).
DATETIME_EPOCH_MAX = 253402300799


def epoch_problem(value: str | None, for_zip: bool = True) -> str | None:
    """Why ``value`` cannot be SOURCE_DATE_EPOCH (None when it can, or is unset): for a
    bundle (``for_zip``) up to the end of 2107, else up to the end of year 9999."""
    if value is None:
        return None
    limit = ZIP_EPOCH_MAX if for_zip else DATETIME_EPOCH_MAX
    if value.isascii() and value.isdigit() and int(value) <= limit:
        return None
    shown = repr(value)[1:-1][:30]
    why = ("the end of 2107, the last date a zip file can hold" if for_zip
           else "the end of year 9999")
    return (f"SOURCE_DATE_EPOCH must be a whole number of seconds since 1970-01-01, at most "
            f"{limit} ({why}), not '{shown}'")


def output_problem(out: Path) -> str | None:
    """Why the bundle cannot be written at ``out`` (None when it looks possible).

    Checked before the build, so that a wrong ``--out`` costs nothing: a folder,
    a path under a regular file, a place that cannot be written."""
    if out.is_dir():
        return f"--out '{out}' is a folder: give a file name, such as '{out / 'explainer-site.zip'}'"
    if out.exists() and not out.is_file():
        return f"--out '{out}' is not a regular file"
    parent = out.parent
    while not parent.exists():  # the first folder that exists, which must be one
        if parent.is_symlink() or parent == parent.parent:
            return f"--out '{out}': '{parent}' does not exist"
        parent = parent.parent
    if not parent.is_dir():
        return f"--out '{out}': '{parent}' is a file, not a folder"
    if not os.access(parent, os.W_OK | os.X_OK):
        return f"--out '{out}': cannot write in '{parent}'"
    return None


def top_folder(out: Path) -> str:
    """The one folder a bundle unzips into: its file name without '.zip'."""
    name = re.sub(r"[^A-Za-z0-9._-]+", "-", out.name.removesuffix(".zip")).strip(".-")
    return name or "explainer-site"


def zip_site(site_dir: Path, out: Path, epoch: int) -> None:
    """Zip ``site_dir`` reproducibly: sorted names, one timestamp, fixed permissions.

    Every entry is inside one folder (``top_folder``): unzipping the bundle makes
    that folder, not a few dozen files and folders where it is unzipped."""
    top = top_folder(out)
    epoch = min(max(epoch, ZIP_EPOCH_MIN), ZIP_EPOCH_MAX)
    stamp = _dt.datetime.fromtimestamp(epoch, _dt.timezone.utc).timetuple()[:6]
    files = sorted(p for p in site_dir.rglob("*") if p.is_file() and not p.is_symlink())
    with atomic_output(out) as temporary:
        with zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
            for path in files:
                info = zipfile.ZipInfo(f"{top}/{path.relative_to(site_dir).as_posix()}",
                                       date_time=stamp)
                info.compress_type = zipfile.ZIP_DEFLATED
                info.external_attr = 0o644 << 16
                info.create_system = 3  # Unix, whatever builds it
                archive.writestr(info, path.read_bytes(), compresslevel=9)


def _data_uri(path: Path) -> str:
    kind = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    if path.suffix == ".svg":
        kind = "image/svg+xml"
    return f"data:{kind};base64,{base64.b64encode(path.read_bytes()).decode('ascii')}"


def _local(site_dir: Path, base: Path, reference: str) -> Path | None:
    """The file a relative reference points to inside the site, or None."""
    if not reference or re.match(r"^[a-z][a-z0-9+.-]*:", reference, re.I) or reference.startswith(("#", "//")):
        return None
    target = (base / reference.split("#")[0].split("?")[0]).resolve()
    try:
        target.relative_to(site_dir.resolve())
    except ValueError:
        return None
    return target if target.is_file() else None


def _inline_css(site_dir: Path, css_path: Path) -> str:
    css = css_path.read_text(encoding="utf-8")

    def replace(match: re.Match) -> str:
        target = _local(site_dir, css_path.parent, match.group(2))
        return f'url("{_data_uri(target)}")' if target else match.group(0)

    return _CSS_URL.sub(replace, css).replace("</style", "<\\/style")


def single_file(site_dir: Path, page: str, site_url: str | None = None) -> str:
    """One built page with its styles, scripts and images inlined; reads offline as one file.

    Links to other pages become absolute when the public address is known;
    site search, which needs the whole site, is left out.
    """
    page_path = site_dir / page
    base = page_path.parent
    tree = LexborHTMLParser(page_path.read_text(encoding="utf-8"))

    def fragment(markup: str, selector: str):
        return LexborHTMLParser(f"<html><head>{markup}</head><body></body></html>").css_first(selector)

    for node in tree.css('link[rel="stylesheet"]'):
        target = _local(site_dir, base, node.attributes.get("href") or "")
        if target is not None:
            node.replace_with(fragment(f"<style>{_inline_css(site_dir, target)}</style>", "style"))
    for node in tree.css("script[src]"):
        target = _local(site_dir, base, node.attributes.get("src") or "")
        if target is not None:
            code = target.read_text(encoding="utf-8").replace("</script", "<\\/script")
            replacement = fragment(f"<script>{code}</script>", "script")
            node.replace_with(replacement)
    for node in tree.css("img[src], link[rel='icon']"):
        attribute = "src" if node.tag == "img" else "href"
        target = _local(site_dir, base, node.attributes.get(attribute) or "")
        if target is not None:
            node.attrs[attribute] = _data_uri(target)
            if node.tag == "img":
                node.attrs["loading"] = "eager"
    # Site search needs the whole site's index: not part of a single page.
    for node in tree.css(".md-search, label[for='__search']"):
        node.decompose()
    page_dir = posixpath.dirname(page)
    for node in tree.css("a[href]"):
        href = node.attributes.get("href") or ""
        if href.startswith("#") or _local(site_dir, base, href) is None:
            continue
        if site_url:
            path, _, anchor = href.partition("#")
            target = posixpath.normpath(posixpath.join(page_dir, path)).removesuffix("index.html")
            node.attrs["href"] = site_url.rstrip("/") + "/" + target + (f"#{anchor}" if anchor else "")
    return tree.html or ""


# -- images from other hosts ----------------------------------------------------------------

def _remote(reference: str) -> bool:
    reference = reference.strip().lower()
    return reference.startswith(("http:", "https:", "//"))


def without_remote_images(html: str) -> tuple[str, list[str]]:
    """``html`` with each image loaded from another host replaced by its alt text,
    linked to the image (read offline, a page must call no other host); and the
    addresses replaced, in page order."""
    if "<img" not in html:
        return html, []
    tree = LexborHTMLParser(html)
    found: list[str] = []
    for node in tree.css("img"):
        src = (node.attributes.get("src") or "").strip()
        srcset = node.attributes.get("srcset") or ""
        remote_set = any(_remote(part.strip().split(" ")[0]) for part in srcset.split(",") if part.strip())
        if src and not _remote(src):
            if remote_set:
                del node.attrs["srcset"]
                found.append(srcset.strip().split(" ")[0])
            continue
        if not src and not remote_set:
            continue
        address = src or srcset.strip().split(" ")[0]
        found.append(address)
        label = (node.attributes.get("alt") or "").strip() or address
        link = LexborHTMLParser("<p><a></a></p>").css_first("a")
        link.attrs["href"] = address
        link.attrs["class"] = "ex-remote-image"
        link.insert_child(label)
        node.replace_with(link)
    return (tree.html or "") if found else html, found


def drop_remote_images(site_dir: Path) -> dict[str, list[str]]:
    """``without_remote_images`` on every page of a built site, in place; returns
    the addresses replaced, by page (its path in the site)."""
    found: dict[str, list[str]] = {}
    for path in sorted(site_dir.rglob("*.html")):
        if path.is_symlink() or not path.is_file():
            continue
        html = path.read_text(encoding="utf-8")
        cleaned, addresses = without_remote_images(html)
        if addresses:
            path.write_text(cleaned, encoding="utf-8")
            found[path.relative_to(site_dir).as_posix()] = addresses
    return found


def remote_image_warnings(content_dir: Path, root: Path, addresses: list[str]) -> list[str]:
    """One warning line per place a source writes an image address the bundle left out."""
    diagnostics = Diagnostics(root=root)
    files = discover_content(content_dir, Diagnostics(root=root))
    sources = [p for paths in files.articles.values() for p in paths] + files.glossary + files.participants
    texts = {}
    for path in sources:
        try:
            text = path.read_bytes().decode("utf-8", "replace").lstrip("\ufeff")
            texts[path] = text.replace("\r\n", "\n").replace("\r", "\n")
        except OSError:
            continue
    message = ("image '{}' would load from another host: the offline bundle shows its alt "
               "text instead, linked to it")
    for address in dict.fromkeys(addresses):
        written = False
        for path, text in texts.items():
            at = text.find(address)
            while at >= 0:
                before = text[:at]
                line = before.count("\n") + 1
                diagnostics.warning(diagnostics.at(path, line, at - before.rfind("\n")),
                                    message.format(address))
                written = True
                at = text.find(address, at + len(address))
        if not written:
            diagnostics.warning(diagnostics.at(content_dir), message.format(address))
    return [str(item) for item in diagnostics]
