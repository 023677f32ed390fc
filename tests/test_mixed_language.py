"""Words of the other language inside a page, on the seed article and on small texts."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from generator.mixed_language import ForeignWord, foreign_words, line_column

ARTICLE = Path(__file__).parent.parent / "content" / "articles" / "coalition-ukraine-2025-04-10"


def split_frontmatter(path: Path) -> tuple[str, int]:
    """The Markdown body of ``path`` and the number of lines before it.

    The frontmatter is everything up to and including the second ``---`` line.
    """
    lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
    fences = [i for i, line in enumerate(lines) if line.rstrip("\r\n") == "---"]
    assert len(fences) >= 2 and fences[0] == 0, f"{path} has no YAML frontmatter"
    end = fences[1]
    return "".join(lines[end + 1 :]), end + 1


def words(findings: list[ForeignWord]) -> list[str]:
    return [f.word for f in findings]


# -- the seed article ----------------------------------------------------------------


def test_willingness_in_french_seed_is_reported_at_its_place() -> None:
    path = ARTICLE / "fr.md"
    body, frontmatter_lines = split_frontmatter(path)

    findings = foreign_words(body, "fr", ["en"])

    assert findings == [ForeignWord(offset=findings[0].offset, word="willingness", lang="en")]
    offset = findings[0].offset
    assert body[offset : offset + len("willingness")] == "willingness"
    # Expected position found independently, in the file's own lines.
    file_lines = path.read_text(encoding="utf-8").splitlines()
    expected = [
        (number, line.index("willingness") + 1)
        for number, line in enumerate(file_lines, start=1)
        if "willingness" in line
    ]
    assert len(expected) == 1
    line, column = line_column(body, offset)
    assert (line + frontmatter_lines, column) == expected[0]


def test_english_seed_gives_no_finding() -> None:
    body, _ = split_frontmatter(ARTICLE / "en.md")
    assert foreign_words(body, "en", ["fr"]) == []


def test_seed_bodies_are_checked_quickly_once_warm() -> None:
    fr_body, _ = split_frontmatter(ARTICLE / "fr.md")
    en_body, _ = split_frontmatter(ARTICLE / "en.md")
    article = " ".join((fr_body + "\n\n" + fr_body).split()[:800])  # an 800-word article
    foreign_words(article, "fr", ["en"])  # warm-up: loads the word lists
    foreign_words(en_body, "en", ["fr"])
    runs = []
    for _ in range(5):
        start = time.perf_counter()
        foreign_words(article, "fr", ["en"])
        runs.append(time.perf_counter() - start)
    # A few milliseconds in practice; the bound leaves room for a loaded machine.
    assert min(runs) < 0.05


# -- what is not prose ---------------------------------------------------------------


def test_inline_code_is_not_checked() -> None:
    text = "Le paramètre `willingness` et ``le `willingness` double`` sont documentés."
    assert foreign_words(text, "fr", ["en"]) == []


def test_fenced_and_indented_code_is_not_checked() -> None:
    text = (
        "Voici un exemple :\n"
        "\n"
        "```python\n"
        "willingness = peacekeeping\n"
        "```\n"
        "\n"
        "~~~~\n"
        "ceasefire\n"
        "~~~~\n"
        "\n"
        "    groundwork = willingness\n"
        "\n"
        "Puis la suite du texte, bien française.\n"
    )
    assert foreign_words(text, "fr", ["en"]) == []


def test_unclosed_fence_hides_the_rest() -> None:
    text = "Texte.\n\n```\nwillingness\n"
    assert foreign_words(text, "fr", ["en"]) == []


def test_link_urls_are_not_checked_but_labels_are() -> None:
    text = (
        "Voir [le communiqué](https://example.org/willingness-statement \"peacekeeping\") "
        "et ![la carte](images/ceasefire-map.png), "
        "<https://example.org/groundwork>, https://example.org/stalling-talks "
        "ou [la source][willingness].\n"
        "\n"
        "[willingness]: https://example.org/willingness \"willingness\"\n"
    )
    assert foreign_words(text, "fr", ["en"]) == []
    label = "Voir [leur willingness](https://example.org/page) ici."
    assert words(foreign_words(label, "fr", ["en"])) == ["willingness"]


def test_html_tags_attributes_and_comments_are_not_checked() -> None:
    text = (
        '<div class="willingness" title="peacekeeping">Un texte en français.</div>\n'
        "<!-- ceasefire groundwork -->\n"
        "Du texte&nbsp;et <span data-note=\"stalling\">encore</span>.\n"
    )
    assert foreign_words(text, "fr", ["en"]) == []


def test_admonition_keyword_is_not_checked_but_its_title_is() -> None:
    assert foreign_words('!!! warning "Attention"\n    Un texte.\n', "fr", ["en"]) == []
    found = foreign_words('!!! warning "Leur willingness"\n    Un texte.\n', "fr", ["en"])
    assert words(found) == ["willingness"]


def test_indented_paragraphs_of_lists_and_admonitions_are_prose() -> None:
    text = (
        "- Premier point.\n"
        "\n"
        "    Suite du point avec leur willingness.\n"
        "\n"
        '!!! note "Remarque"\n'
        "    Premier paragraphe.\n"
        "\n"
        "    Second paragraphe sur le peacekeeping.\n"
    )
    found = foreign_words(text, "fr", ["en"])
    assert [(f.word, f.offset) for f in found] == [
        ("willingness", text.index("willingness")),
        ("peacekeeping", text.index("peacekeeping")),
    ]


# -- which words are checked ---------------------------------------------------------


def test_proper_nouns_are_not_checked() -> None:
    text = (
        "Les pourparlers entre Washington, Moscou et Kiev stagnent ; "
        "Lecornu, pour l’OTAN, a cité Hegseth, Peacekeeping Forces et McDonald."
    )
    assert foreign_words(text, "fr", ["en"]) == []


def test_sentence_initial_word_is_checked() -> None:
    text = "Les ministres se sont réunis. Willingness fut le mot du jour."
    found = foreign_words(text, "fr", ["en"])
    assert words(found) == ["Willingness"]
    assert found[0].offset == text.index("Willingness")


def test_sentence_initial_name_used_elsewhere_is_a_name() -> None:
    text = "Le ministre a cité Stalling. Stalling est un nom de famille."
    assert foreign_words(text, "fr", ["en"]) == []


def test_allow_listed_words_are_not_reported() -> None:
    text = "Le groundwork est posé ; la mission de peacekeeping se prépare ce week-end."
    assert words(foreign_words(text, "fr", ["en"])) == ["groundwork", "peacekeeping"]
    assert foreign_words(text, "fr", ["en"], allow=["Groundwork", "PEACEKEEPING"]) == []


def test_allow_list_matches_whole_compounds() -> None:
    text = "Une mission de peace-keeping."
    assert words(foreign_words(text, "fr", ["en"])) == ["keeping"]
    assert foreign_words(text, "fr", ["en"], allow=["peace-keeping"]) == []


def test_elisions_are_split_at_the_apostrophe() -> None:
    for apostrophe in ("’", "'"):
        text = f"La question de l{apostrophe}willingness reste ouverte, d{apostrophe}après eux."
        found = foreign_words(text, "fr", ["en"])
        assert found == [ForeignWord(text.index("willingness"), "willingness", "en")]


def test_hyphenated_compounds_are_split() -> None:
    text = "Un cessez-le-feu et une force de peacekeeping-willingness."
    found = foreign_words(text, "fr", ["en"])
    assert [(f.word, f.offset) for f in found] == [
        ("peacekeeping", text.index("peacekeeping")),
        ("willingness", text.index("willingness")),
    ]


def test_words_with_digits_and_short_words_are_skipped() -> None:
    text = "Les F-35 et le groundwork2025 ; the cat is on the mat."
    assert foreign_words(text, "fr", ["en"]) == []


def test_ordinary_borrowings_are_not_reported() -> None:
    french = "Ce week-end, le leader de la start-up a rencontré son manager."
    english = "They met at a rendezvous near the café; a naïve plan."
    assert foreign_words(french, "fr", ["en"]) == []
    assert foreign_words(english, "en", ["fr"]) == []


def test_french_words_in_english_sentence_are_reported_as_french() -> None:
    text = "the ministers discussed the dissuasion nucléaire"
    found = foreign_words(text, "en", ["fr"])
    assert found == [
        ForeignWord(text.index("dissuasion"), "dissuasion", "fr"),
        ForeignWord(text.index("nucléaire"), "nucléaire", "fr"),
    ]


def test_same_language_or_no_other_language_finds_nothing() -> None:
    assert foreign_words("leur willingness", "fr", []) == []
    assert foreign_words("leur willingness", "fr", ["fr"]) == []
    assert foreign_words("", "fr", ["en"]) == []


# -- positions -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("offset", "expected"),
    [(0, (1, 1)), (2, (1, 3)), (3, (1, 4)), (4, (2, 1)), (6, (2, 3)), (7, (3, 1)), (9, (3, 3))],
)
def test_line_column_is_one_based(offset: int, expected: tuple[int, int]) -> None:
    assert line_column("abc\nde\nfg", offset) == expected


def test_line_column_rejects_offsets_outside_the_text() -> None:
    with pytest.raises(ValueError):
        line_column("abc", 4)
    with pytest.raises(ValueError):
        line_column("abc", -1)


def test_offsets_survive_crlf_and_masking() -> None:
    text = "Texte `code` avec\r\n[un lien](https://x.org) et leur willingness.\r\n"
    found = foreign_words(text, "fr", ["en"])
    assert [f.offset for f in found] == [text.index("willingness")]
    assert line_column(text, found[0].offset) == (2, text.split("\n")[1].index("willingness") + 1)
