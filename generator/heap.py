"""The garbage collector and the content's long-lived objects.

Reading ``content/`` makes hundreds of thousands of objects at once (files
read, validated models, the plan's pages), and none of them is garbage: they
live to the end of the build. CPython's collector runs every few hundred new
objects, and each run of an older generation visits every object in it.
While the content is read, that is work that grows with the site and finds
nothing: at 2,500 articles or 5,000 glossary entries, collections took more
than half of the time spent reading and validating. Afterwards, the build's
own collections would still visit the whole content, again and again.

So collections wait while the content is read, and a build then freezes what
it read (``gc.freeze``: later collections skip it) until it ends. A frozen
object is still freed when nothing refers to it; only garbage cycles made
while reading wait for ``unfreeze``.
"""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager


@contextmanager
def collections_paused(freeze: bool = False) -> Iterator[None]:
    """No automatic garbage collection within this block (nested blocks are fine;
    the collector's state before the outermost one is restored).

    ``freeze``: if the block ends without an error, every object alive then is
    left out of later collections, until ``unfreeze``.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
        if freeze:
            gc.freeze()
    finally:
        if was_enabled:
            gc.enable()


def unfreeze() -> None:
    """Collections visit every object again (the end of a build)."""
    gc.unfreeze()


def freeze_before_exit() -> None:
    """Freeze everything: the process ends next.

    Python's last collection, as it exits, would visit every object the build
    kept (about 0.4 s after 2,500 articles) to free memory the system takes
    back anyway. Nothing the build keeps relies on being collected then: files
    are closed and written by the time a build ends.
    """
    gc.freeze()
