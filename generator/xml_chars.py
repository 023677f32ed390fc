"""Characters an XML 1.0 document cannot hold, escaped or not.

C0 controls other than tab and line ends, surrogates, U+FFFE and U+FFFF. A YAML
file cannot hold them as such (its reader refuses them), but a double-quoted
scalar can write them as escapes ("\\x01", "\\uFFFE"); in a feed they would make
the whole file unreadable to every feed reader.
"""

from __future__ import annotations

import re

NOT_XML = re.compile("[^\t\n\r\u0020-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def xml_text(text: str) -> str:
    """``text`` without the characters XML 1.0 forbids, so that the document parses."""
    return NOT_XML.sub("", text)
