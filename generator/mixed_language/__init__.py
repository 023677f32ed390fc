"""Words of the other language inside a page: « ont manifesté leur willingness ».

An article is written in one language (``fr``); an editor must be warned when a
word of another site language (``en``) slipped into it, with its position.

One module per step:

- :mod:`.masking`: what is not prose (code, tags, URLs, link destinations,
  admonition keywords…) is blanked, offsets kept;
- :mod:`.detection`: words are cut, names left alone, each part decided, and a
  paragraph mostly in another language found (``untranslated``); a prefilter
  proves most articles clean without masking them;
- :mod:`.frequencies`: whether a word looks foreign, from wordfreq's frequencies and
  the thresholds measured on them, through a table of foreign-looking words
  (shipped for French and English by ``generator/word_tables.py``, made once and
  kept in the build cache for other pairs).

Known limits: a loan that is rare in the page language and common in the
other is reported (milieu 2.90/5.20, ambiance, détente, déjà in English) —
put it in ``allow``; a name that only appears at the start of sentences is
checked like a word: "Hegseth a déclaré" passes (wordfreq barely knows it),
"Macron said …" in English is reported (macron 2.95 in English, 4.87 in
French) unless "Macron" also appears mid-sentence;
indented code is not recognised inside list items; a whole quotation in the
other language is reported word by word, which is the intended warning.
"""

from .detection import UNTRANSLATED_WORDS, ForeignWord, foreign_words, line_column, untranslated
from .frequencies import keep_word_tables_in, release_tables, release_word_lists, thresholds

__all__ = ["UNTRANSLATED_WORDS", "ForeignWord", "foreign_words", "keep_word_tables_in",
           "line_column", "release_tables", "release_word_lists", "thresholds", "untranslated"]
