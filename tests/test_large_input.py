"""Large input: a 2.5 MB article and a glossary of 5,000 entries build, in bounded time and memory.

One real ``mkdocs build`` (both languages, search included): 10,000 term pages, one
article page linking thousands of terms. The bounds are generous, to catch a blow-up
(quadratic linking, a page per term rendering the whole glossary), not to benchmark.
Marked ``slow`` so that it can be selected (``-m slow``) or left out (``-m "not slow"``);
the default run includes it.
"""

from __future__ import annotations

import resource
import time

import pytest

from conftest import SiteProject

ENTRIES = 5_000
ARTICLE_BYTES = 2_500_000
MAX_SECONDS = 180
MAX_RSS_BYTES = 3 * 1024**3


def word(number: int) -> str:
    """A unique made-up word per number: 'baaa', 'caaa', … (letters only, so it links)."""
    letters = []
    for _ in range(4):
        number, digit = divmod(number, 26)
        letters.append("abcdefghijklmnopqrstuvwxyz"[digit])
    return "".join(letters)


def write_glossary(project: SiteProject) -> None:
    folder = project.content / "glossary"
    folder.mkdir(parents=True)
    for number in range(ENTRIES):
        w = word(number)
        (folder / f"t{number:05d}.yml").write_text(
            f"fr: {{term: notion {w}, short: Court {w}., definition: La **notion {w}**.}}\n"
            f"en: {{term: concept {w}, short: Short {w}., definition: The **concept {w}**.}}\n",
            encoding="utf-8")


def write_article(project: SiteProject) -> int:
    paragraph = ("Le paragraphe {n} traite de la notion {a} et de la notion {b}, à Bruxelles : "
                 "12 000 soldats, l'OTAN « réagit » ; *vraiment* ? Oui !\n\n")
    paragraphs, size, number = [], 0, 0
    while size < ARTICLE_BYTES:
        text = paragraph.format(n=number, a=word(number % ENTRIES), b=word(number * 7 % ENTRIES))
        paragraphs.append(text)
        size += len(text.encode("utf-8"))
        number += 1
    project.article("grand", "fr", "".join(paragraphs))
    return number


@pytest.mark.slow
def test_a_large_article_and_five_thousand_terms_build(project: SiteProject, capsys):
    write_glossary(project)
    paragraphs = write_article(project)
    started = time.monotonic()
    result = project.build()
    seconds = time.monotonic() - started
    # ru_maxrss is in KiB on Linux: the largest child so far, this build being the largest.
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    with capsys.disabled():
        print(f"\n[large input] {paragraphs} paragraphs, {ENTRIES} entries: built in {seconds:.1f} s, "
              f"peak RSS {peak / 1024**2:.0f} MiB")
    assert seconds < MAX_SECONDS
    assert peak < MAX_RSS_BYTES
    assert len(result.error_lines) == 0
    page = result.site / "fr" / "explications" / "grand" / "index.html"
    assert page.stat().st_size > ARTICLE_BYTES
    terms = list((result.site / "fr" / "glossaire").glob("notion-*/index.html"))
    assert len(terms) == ENTRIES
    assert len(list((result.site / "en" / "glossary").glob("concept-*/index.html"))) == ENTRIES
    # Every term is mentioned, so every one is linked (once: first mentions only).
    html = page.read_text(encoding="utf-8")
    assert html.count('class="ex-ref ex-ref--term"') == ENTRIES
