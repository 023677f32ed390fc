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
import tempfile
import zipfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from selectolax.lexbor import LexborHTMLParser

ZIP_EPOCH_MIN = 315532800  # 1980-01-01, the earliest time a zip entry can carry
_CSS_URL = re.compile(r"""url\(\s*(['"]?)([^'")]+)\1\s*\)""")


@contextmanager
def atomic_output(path: Path) -> Iterator[Path]:
    """A temporary path beside ``path``, moved onto it only if the block succeeds."""
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", dir=path.parent)
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
    return int(value) if value and value.isdigit() else default


def zip_site(site_dir: Path, out: Path, epoch: int) -> None:
    """Zip ``site_dir`` reproducibly: sorted names, one timestamp, fixed permissions."""
    stamp = _dt.datetime.fromtimestamp(max(epoch, ZIP_EPOCH_MIN), _dt.timezone.utc).timetuple()[:6]
    files = sorted(p for p in site_dir.rglob("*") if p.is_file() and not p.is_symlink())
    with atomic_output(out) as temporary:
        with zipfile.ZipFile(temporary, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
            for path in files:
                info = zipfile.ZipInfo(path.relative_to(site_dir).as_posix(), date_time=stamp)
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
