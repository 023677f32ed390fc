"""The matcher's shortcuts give what the general code gives.

Linking takes shortcuts for speed (docs/linking.md, "Speed"): positions not mapped
back when no run of spaces was collapsed, the words around a match read from the
text itself when no inline markup is near, names kept as written when there is
nothing to unify, the article's HTML walked without the shared token generator.
Each is checked here against the general code it stands for, on generated text.
"""

from __future__ import annotations

import bisect
import unicodedata
from functools import lru_cache

from hypothesis import given, settings, strategies as st

#: A shared machine's pauses are no failure: no per-example deadline.
NO_DEADLINE = settings(deadline=None, database=None)

from generator import linking
from generator.html_text import TEXT, tokens
from generator.linking import (_AFTER, _SPACE_RUN, _TABLE, _ZERO_WIDTH, Form, Matcher,
                               NormalizedText, _cased, _one_to_one, _word_after,
                               _word_before, find_mentions)
from generator.inflect import zipf
from generator.model import TargetRef
from generator.typography import unescape_text

#: Characters the shortcuts treat specially, among ordinary letters.
TRICKY = ["a", "b", "É", "é", "e\u0301", " ", " ", "  ", "\u00a0", "\u202f", "«", "»", "’", "'",
          "-", "\u2011", "\n", "\t", ".", ",", "ß", "\u200b", "\x00", "\x01", "Paris", "ministre"]
texts = st.lists(st.sampled_from(TRICKY), max_size=40).map("".join)


def word_before_general(text: str, position: int) -> str:
    context = text[max(0, position - 60):position].replace("\x00", "")
    end = len(context)
    while end and context[end - 1] in linking._SPACES:
        end -= 1
    if end == len(context):
        return ""
    start = end
    while start and linking._letter(context[start - 1]):
        start -= 1
    return context[start:end]


def word_after_general(text: str, position: int) -> str:
    found = _AFTER.match(text[position:position + 60].replace("\x00", ""))
    return found.group(1) if found else ""


@NO_DEADLINE
@given(texts)
def test_the_words_around_a_position_are_read_as_the_general_code_reads_them(text):
    for position in range(len(text) + 1):
        assert _word_before(text, position) == word_before_general(text, position)
        assert _word_after(text, position) == word_after_general(text, position)


@NO_DEADLINE
@given(texts)
def test_unifying_characters_is_the_translation_table(text):
    assert _one_to_one(text) == text.translate(_TABLE)


@NO_DEADLINE
@given(texts)
def test_a_name_kept_as_written_is_what_unifying_it_makes(text):
    general = "".join(c for c in text if c not in _ZERO_WIDTH)
    general = _SPACE_RUN.sub(" ", _one_to_one(unicodedata.normalize("NFC", general))).strip()
    assert _cased(text) == general


def span_general(key_before_collapsing: str, start: int, end: int) -> tuple[int, int]:
    """Where ``[start, end)`` of the collapsed key lies before collapsing, run by run."""
    breaks, shifts, removed = [], [], 0
    for run in _SPACE_RUN.finditer(key_before_collapsing):
        breaks.append(run.start() + 1 - removed)
        removed += run.end() - run.start() - 1
        shifts.append(removed)

    def original(position: int) -> int:
        index = bisect.bisect_right(breaks, position)
        return position + (shifts[index - 1] if index else 0)

    return original(start), original(end - 1) + 1


@NO_DEADLINE
@given(texts)
def test_positions_map_back_as_the_general_walk_maps_them(text):
    fast = NormalizedText(text)
    if fast._starts is not None:
        return  # the text took the general walk itself
    before_collapsing = _one_to_one(text.casefold())
    assert fast.text == _SPACE_RUN.sub(" ", before_collapsing)
    for start in range(len(fast.text)):
        for end in range(start + 1, len(fast.text) + 1):
            assert fast.span(start, end) == span_general(before_collapsing, start, end)
            if fast.same_positions:
                assert fast.span(start, end) == (start, end)


FRANCE = TargetRef("participant", "france")
PARIS_FORMS = [Form("France", "fr", FRANCE, "name"), Form("Paris", "fr", FRANCE, "alias"),
               Form("offensive", "fr", TargetRef("term", "offensive"), "term")]
PIECES = ["La France", " et ", "Paris", " l’offensive ", "<p>", "</p>", "<em>", "</em>",
          "<script>var a = '<p>France</p>';</script>", "<style>p { content: 'Paris' }</style>",
          "<textarea>France</textarea>", "<SCRIPT>Paris</SCRIPT>", "<script>France",
          "<!-- France -->", "<h2>France</h2>", "<code>Paris</code>", "<a href=\"https://x\">",
          "</a>", "<a href=\"who:france\">", "<span class=\"ex-nolink\">", "</span>", "<br>",
          "<br/>", "&amp; ", "< France", "<?pi Paris?>", "<scripts>France</scripts>"]


@lru_cache(maxsize=1)
def paris_matcher() -> Matcher:
    return Matcher("fr", PARIS_FORMS)  # the first one loads wordfreq's lists


@settings(max_examples=300, deadline=None, database=None)
@given(st.lists(st.sampled_from(PIECES), max_size=25).map("".join))
def test_the_article_walk_reads_the_text_nodes_of_the_shared_tokenizer(html):
    matcher = paris_matcher()
    text_nodes = {(start, end) for kind, start, end, *_ in tokens(html) if kind == TEXT}
    for mention in find_mentions(html, matcher, lambda target: target == FRANCE):
        if mention.explicit:
            continue
        assert mention.node in text_nodes
        node_text = unescape_text(html[mention.node[0]:mention.node[1]])
        assert node_text[mention.start:mention.end] == mention.text


def test_raw_text_elements_are_jumped_over_and_the_text_after_them_is_read():
    html = ("<p>La <script>if (a<b) { x = '</p>France'; }</script>France et "
            "<textarea>Paris</textarea><em>Paris</em></p><style>p{}</style>l’offensive")
    found = find_mentions(html, paris_matcher(), lambda target: True)
    assert [(m.text, m.target.id, html[m.node[0]:m.node[1]]) for m in found] == [
        ("France", "france", "France et "), ("Paris", "france", "Paris"),
        ("offensive", "offensive", "l’offensive")]


#: Words of both languages, frequent and rare, and chunks wordfreq makes no token of.
VOCABULARY = ["la", "force", "de", "réassurance", "the", "armed", "forces", "defence", "l'armée",
              "aujourd'hui", "états-unis", "u.s.", "2025", "-", "&", "—", "kinshasa", "congo",
              "maison", "blanche", "white", "house", "zzyzx", "ß", "e\u0301te\u0301"]


@NO_DEADLINE
@given(st.lists(st.sampled_from(VOCABULARY), min_size=2, max_size=5).map(" ".join),
       st.sampled_from(["fr", "en"]))
def test_a_phrase_is_never_more_common_than_one_of_its_words(phrase, lang):
    # What lets the matcher skip asking wordfreq about most foreign phrases.
    words = [word for word in phrase.split(" ") if any(c.isalnum() for c in word)]
    if words:
        assert zipf(phrase, lang) <= min(zipf(word, lang) for word in words)
    assert linking._common(phrase, lang) == (zipf(phrase, lang) >= linking.FOREIGN_COMMON)
