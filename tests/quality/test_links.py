"""Links: every local href/src of every built page resolves, fragments included.

Every HTML page of the example site is parsed; every ``href``, ``src`` and ``srcset`` URL
that has no scheme (relative or root-relative) must resolve to a file of the built site
(a folder meaning its index.html), and a ``#fragment`` must be an ``id`` (or ``a[name]``) of
the target page. URLs on the site's own ``site_url`` (canonical, hreflang alternates,
feeds) are checked the same way. Other external URLs are listed, never fetched.
"""

from __future__ import annotations

import posixpath
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest
from selectolax.lexbor import LexborHTMLParser

from quality_exceptions import allowed

SITE_URL = "https://explainer.example.org/"   # tests/conftest.py example_site
URL_ATTRIBUTES = ("href", "src", "srcset")


@dataclass
class Link:
    page: str        # page holding the link, relative to the site root
    tag: str
    attribute: str
    url: str


@dataclass
class SiteLinks:
    site: Path
    pages: dict[str, LexborHTMLParser] = field(default_factory=dict)
    links: list[Link] = field(default_factory=list)
    ids: dict[str, set[str]] = field(default_factory=dict)

    def anchors(self, page: str) -> set[str]:
        if page not in self.ids:
            tree = self.pages.get(page)
            if tree is None:
                tree = LexborHTMLParser((self.site / page).read_text(encoding="utf-8"))
            found = {node.attributes.get("id") for node in tree.css("[id]")}
            found |= {node.attributes.get("name") for node in tree.css("a[name]")}
            self.ids[page] = {anchor for anchor in found if anchor}
        return self.ids[page]


def urls_of(attribute: str, value: str) -> list[str]:
    if attribute != "srcset":
        return [value.strip()]
    return [candidate.split()[0] for candidate in value.split(",") if candidate.strip()]


def collect(site: Path, pages: list[str]) -> SiteLinks:
    found = SiteLinks(site)
    for page in sorted(pages):
        tree = LexborHTMLParser((site / page).read_text(encoding="utf-8"))
        found.pages[page] = tree
        seen: set[int] = set()   # a selector list yields a node once per selector it matches
        for node in tree.css(", ".join(f"[{name}]" for name in URL_ATTRIBUTES)):
            if node.mem_id in seen:
                continue
            seen.add(node.mem_id)
            for attribute in URL_ATTRIBUTES:
                value = node.attributes.get(attribute)
                if value is None:
                    continue
                for url in urls_of(attribute, value):
                    found.links.append(Link(page, node.tag, attribute, url))
    return found


@pytest.fixture(scope="module")
def site_links(example_site) -> SiteLinks:
    config = (example_site.root / "mkdocs.yml").read_text(encoding="utf-8")
    assert f"site_url: {SITE_URL}\n" in config, "SITE_URL here must be example_site's site_url"
    return collect(example_site.site, example_site.pages())


def is_external(url: str) -> bool:
    parts = urlsplit(url)
    return bool(parts.scheme or parts.netloc) and not url.startswith(SITE_URL)


def resolve(links: SiteLinks, link: Link) -> tuple[str | None, str]:
    """(target file relative to the site, fragment); target None when it does not exist."""
    url = link.url
    if url.startswith(SITE_URL):
        url = "/" + url[len(SITE_URL):]
    parts = urlsplit(url)
    path = unquote(parts.path)
    fragment = unquote(parts.fragment)
    if path == "":
        return link.page, fragment          # "#x" or "?q": this page
    if path.startswith("/"):
        joined = path.lstrip("/")
    else:
        joined = posixpath.join(posixpath.dirname(link.page), path)
    target = posixpath.normpath(joined) if joined else "."
    if target == ".." or target.startswith("../"):
        return None, fragment                # leaves the site
    candidate = links.site / target
    if path.endswith("/") or candidate.is_dir():
        candidate = candidate / "index.html"
    if not candidate.is_file():
        return None, fragment
    return candidate.relative_to(links.site).as_posix(), fragment


def test_the_example_site_has_links_to_check(site_links):
    assert len(site_links.pages) > 30
    assert len([link for link in site_links.links if not is_external(link.url)]) > 500


def broken_links(site_links: SiteLinks) -> list[str]:
    broken = []
    for link in site_links.links:
        if is_external(link.url):
            continue
        target, fragment = resolve(site_links, link)
        where = f"<{link.tag} {link.attribute}={link.url!r}>"
        if target is None:
            problem = "no such file in the site"
        elif fragment and target.endswith(".html") and fragment not in site_links.anchors(target):
            problem = f"no id {fragment!r} in {target}"
        else:
            continue
        if allowed("links", problem, where, link.page) is None:
            broken.append(f"{link.page}: {where}: {problem}")
    return broken


def test_every_local_link_resolves(site_links):
    broken = broken_links(site_links)
    assert not broken, f"{len(broken)} broken links:\n  " + "\n  ".join(broken)


def test_the_checker_finds_what_is_broken(tmp_path):
    """The checker itself, on a three-page site written by hand."""
    (tmp_path / "a").mkdir()
    (tmp_path / "img.png").write_bytes(b"")
    (tmp_path / "index.html").write_text(
        '<a href="a/">ok</a> <a href="a/#here">ok</a> <a href="#top-id" id="top-id">ok</a>'
        '<a href="a/#nowhere">bad fragment</a> <a href="missing/">bad page</a>'
        '<img src="img.png" srcset="img.png 1x, gone.png 2x" alt="">'
        '<a href="/a/index.html">ok</a> <a href="../outside.html">outside</a>'
        f'<link rel="canonical" href="{SITE_URL}nope/"> <a href="https://example.org/x">ext</a>',
        encoding="utf-8")
    (tmp_path / "a" / "index.html").write_text(
        '<h2 id="here">x</h2><a href="..">ok</a><a href="../index.html#top-id">ok</a>',
        encoding="utf-8")
    found = broken_links(collect(tmp_path, ["index.html", "a/index.html"]))
    assert [line.split(": ", 1)[1] for line in found] == [
        "<a href='a/#nowhere'>: no id 'nowhere' in a/index.html",
        "<a href='missing/'>: no such file in the site",
        "<img srcset='gone.png'>: no such file in the site",
        "<a href='../outside.html'>: no such file in the site",
        f"<link href='{SITE_URL}nope/'>: no such file in the site",
    ]


def test_external_links_are_listed_never_fetched(site_links, example_site):
    external = sorted({link.url for link in site_links.links
                       if is_external(link.url) and not link.url.startswith("data:")})
    listing = example_site.root / "external-links.txt"
    listing.write_text("".join(f"{url}\n" for url in external), encoding="utf-8")
    print(f"\n{len(external)} external URLs (not fetched), listed in {listing}:")
    for url in external:
        print(f"  {url}")
    malformed = [url for url in external
                 if urlsplit(url).scheme not in {"https", "http", "mailto"}
                 or (urlsplit(url).scheme != "mailto" and not urlsplit(url).netloc)]
    assert not malformed, f"external URLs that no browser can follow: {malformed}"
