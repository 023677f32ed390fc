"""Work done ahead on another core: a forked process that computes results in
the order they will be asked for, while this process does something else.

MkDocs writes pages one at a time on one core. Before each page's templates
are rendered, the plugin must finish the page's content (phase two), and the
two costs are about even. A process forked once every article is linked has
all it needs to finish every page, so it renders them ahead while this
process renders the theme's templates: the plugin's share of a build mostly
moves to the second core.

Nothing here knows MkDocs. Results come back over a pipe, in order, and the
pipe's size bounds how far ahead the worker runs (and what it can hold back
in memory). If the worker fails on a job, or dies, the job is done here, so
an error surfaces with its usual traceback and a build never depends on the
worker being there.
"""

from __future__ import annotations

import gc
import os
import pickle
import struct
import sys
from collections.abc import Callable, Hashable, Sequence
from typing import Generic, TypeVar

Job = TypeVar("Job")
Result = TypeVar("Result")

_HEADER = struct.Struct("<Q")  # length of the pickled record that follows
#: As much as the worker may run ahead, in bytes (Linux caps a pipe at 1 MB
#: by default; elsewhere the pipe keeps its own size).
PIPE_SIZE = 1 << 20


def can_fork() -> bool:
    """Whether a worker would help here: fork exists and a second core does."""
    return hasattr(os, "fork") and (os.cpu_count() or 1) > 1


class Ahead(Generic[Job, Result]):
    """``compute(job)`` for every job, in a forked worker, handed back by key.

    Ask for results in the order of ``jobs`` (skipping some is fine; a
    skipped result is kept until asked for or until ``close``).
    """

    def __init__(self, compute: Callable[[Job], Result],
                 jobs: Sequence[tuple[Hashable, Job]]) -> None:
        self._compute = compute
        self._jobs = dict(jobs)
        self._order = [key for key, _ in jobs]
        self._received: dict[Hashable, tuple[bool, Result | None]] = {}
        self._next = 0  # index in _order of the next record on the pipe
        self._pid: int | None = None
        self._pipe = None

    def start(self) -> bool:
        """Fork the worker; False (and every result computed here) if that fails."""
        if not self._order or not can_fork():
            return False
        read, write = os.pipe()
        _widen(write)
        # Flush what this process has buffered, or the child would print it again.
        sys.stdout.flush()
        sys.stderr.flush()
        # Neither process's garbage collector visits the objects they share:
        # a collection writes to every object it visits, and each write
        # copies a page of memory that the two processes shared until then.
        gc.freeze()
        try:
            pid = os.fork()
        except OSError:
            gc.unfreeze()
            os.close(read)
            os.close(write)
            return False
        if pid == 0:  # the worker
            os.close(read)
            self._work(write)  # never returns
        os.close(write)
        self._pid = pid
        self._pipe = os.fdopen(read, "rb", buffering=PIPE_SIZE)
        return True

    def _work(self, pipe: int) -> None:
        status = 0
        try:
            for key in self._order:
                try:
                    record = (True, self._compute(self._jobs[key]))
                except Exception:
                    record = (False, None)  # done again in the parent, which reports it
                data = pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL)
                _write_all(pipe, _HEADER.pack(len(data)) + data)
        except BaseException:  # the parent went away (broken pipe) or was interrupted
            status = 1
        finally:
            # No atexit handlers, no flushing of buffers inherited from the parent.
            os._exit(status)

    @property
    def pid(self) -> int | None:
        """The worker's process id while it runs."""
        return self._pid

    def result(self, key: Hashable) -> Result:
        """The result for ``key``: from the worker when it has it, else computed here."""
        if key not in self._jobs:
            raise KeyError(key)
        while key not in self._received and self._pipe is not None:
            self._receive()
        ok, value = self._received.pop(key, (False, None))
        if not ok:
            return self._compute(self._jobs[key])
        return value  # type: ignore[return-value]

    def _receive(self) -> None:
        assert self._pipe is not None
        header = self._pipe.read(_HEADER.size)
        record = None
        if len(header) == _HEADER.size:
            (size,) = _HEADER.unpack(header)
            data = self._pipe.read(size)
            if len(data) == size:
                record = pickle.loads(data)
        if record is None:  # the worker is gone: the rest is done here
            self.close()
            return
        self._received[self._order[self._next]] = record
        self._next += 1
        if self._next == len(self._order):
            self.close()

    def close(self) -> None:
        """Stop the worker (if still running) and reap it."""
        if self._pipe is not None:
            self._pipe.close()  # a worker still writing gets a broken pipe and exits
            self._pipe = None
        if self._pid is not None:
            try:
                os.waitpid(self._pid, 0)
            except ChildProcessError:
                pass
            self._pid = None
            gc.unfreeze()


def _widen(fd: int) -> None:
    try:
        import fcntl
        fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, PIPE_SIZE)  # type: ignore[attr-defined]
    except (ImportError, AttributeError, OSError):
        pass


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]
