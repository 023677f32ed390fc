"""A participant's quote written as in the text is found without normalising the text.

``generator.validate._written_in`` lets the "quote not found in the article text"
check skip normalising the whole body when the quote appears there as written.
That is only right if such a quote's matching key (``generator.linking.normalize``)
is always part of the body's: these tests check it on text full of normalisation
traps (decomposed accents, case folds that grow, zero-width characters, guillemets,
no-break spaces), around and inside the quote.
"""

from __future__ import annotations

import unicodedata

from hypothesis import HealthCheck, example, given, settings, strategies as st

from generator.linking import normalize
from generator.validate import _written_in

SETTINGS = settings(max_examples=1500, deadline=None,
                    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])

FRAGMENTS = [
    "force de réassurance", "FORCE", "re\u0301assurance", "e\u0301", "é", "\u0301", "\u0327", "\u0323",
    "\u1eb9", "ß", "ẞ", "İ", "ﬁ", "Σ", "ς", "Ω", "\u2126", "\u212b", "Å", "A\u030a", "\u1100", "\u1161",
    "\u11a8", "가", "\u0b47", "\u0b3e", "\u0b4b", "\u200b", "\u200d", "\ufeff", "\u00ad", "\u00a0",
    "\u202f", "\u2009", " ", "  ", "\n", "\t", "«", "»", "“", "”", "'", "’", "‘", "`", "-", "\u2011",
    "a", "b", "L’OTAN", "l'otan", ".", ",",
]
TEXT = st.lists(st.one_of(st.sampled_from(FRAGMENTS), st.text(max_size=3)), max_size=12).map("".join)


@SETTINGS
@given(before=TEXT, quote=TEXT, after=TEXT)
@example(before="e", quote="\u0301tat", after="")
@example(before="", quote="e", after="\u0301tat")
@example(before="\u1100", quote="\u1161", after="")
@example(before="a \u200b", quote="b", after="")
def test_a_quote_written_in_the_text_is_found_by_its_key(before: str, quote: str, after: str) -> None:
    body = before + quote + after
    if _written_in(quote, body):
        assert normalize(quote) in normalize(body)


@SETTINGS
@given(body=TEXT, quote=TEXT)
def test_the_shortcut_only_answers_for_quotes_written_in_the_text(body: str, quote: str) -> None:
    if _written_in(quote, body):
        assert quote in body and unicodedata.is_normalized("NFC", quote)


def test_a_quote_copied_from_the_text_takes_the_shortcut() -> None:
    body = "« Nous ne signerons rien », a déclaré le ministre à l’OTAN."
    assert _written_in("Nous ne signerons rien", body)
    assert not _written_in("nous ne signerons rien", body)  # left to the normalised check
