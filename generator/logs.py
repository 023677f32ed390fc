"""The two kinds of line the explainer writes to a build's log.

- **Content diagnostics**, one ``path:line:col: level: message`` line each, with no
  prefix: editors and their tools jump to the path. Errors are printed bare on stderr
  (``diagnostics.report``); warnings go through :data:`content`, a plain logger under
  MkDocs' own, so that ``mkdocs build --strict`` counts them and MkDocs prints them as
  ``WARNING -  path:line:col: warning: message``.
- **The explainer's own notes** (the build cache ignored or made anew, wordfreq
  missing), ``explainer: message``, through :data:`notes`: the logger and prefix that
  ``mkdocs.plugins.get_plugin_logger("explainer")`` gives, which the plugin uses for
  its own. The core never imports MkDocs, so it makes the same adapter here;
  ``tests/test_log_lines.py`` checks that both write the same records.

A plugin logger for diagnostics would print ``WARNING -  explainer: path:…``: the path
would no longer start the message.
"""

from __future__ import annotations

import logging
from typing import Any, MutableMapping

#: The logger MkDocs gives the ``explainer`` plugin.
PLUGIN_LOGGER = "mkdocs.plugins.explainer"
#: What starts each of the plugin's own messages.
PREFIX = "explainer"


class _Prefixed(logging.LoggerAdapter):
    """Messages prefixed as MkDocs' ``PrefixedLogger`` prefixes them."""

    def process(self, msg: str, kwargs: MutableMapping[str, Any]) -> tuple[str, Any]:
        return f"{PREFIX}: {msg}", kwargs


notes = _Prefixed(logging.getLogger(PLUGIN_LOGGER), {})
content = logging.getLogger(f"{PLUGIN_LOGGER}.content")
