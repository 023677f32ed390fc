"""A second core for the plugin's own work: a forked worker process that
takes jobs as they come (phase one), and once told there are no more,
hands back one result per job, in order (phase two), then one last one.

MkDocs reads, converts and writes pages on one core. The plugin's share of a
build (linking articles as MkDocs converts them, the copy desk's checks,
then finishing every page with cards, tooltips, backlinks, typography and
search entries) depends on nothing MkDocs does after handing it a page, so a
worker forked before the first page is read can do it all while this
process converts Markdown and renders the theme's templates.

The worker's second phase is the longer one: while this process renders the
theme's templates for each page, it finishes the page. A job whose result
needs only its own collecting (``independent``) may be finished in the first
phase instead, whenever no job is waiting: the worker has idle moments while
this process converts Markdown. Such results wait, pickled, for their turn.
In the second phase too the worker does not wait for this process to read a
result before it makes the next: up to ``AHEAD_BYTES`` of results may wait
in the worker, early ones included.

Nothing here knows MkDocs. Jobs and results cross pipes, pickled; the jobs
pipe's size bounds how far this process runs ahead of the worker. If the
worker fails on a result, that job is finished here; if it dies, or fails
while collecting, everything it was given is done again here: errors surface
with their usual traceback, and a build never depends on the worker being
there. Without fork or a second core, or when not started, every job is done
here as it comes.
"""

from __future__ import annotations

import gc
import os
import pickle
import select
import signal
import struct
import sys
from collections import deque
from collections.abc import Callable, Hashable
from typing import Any, Generic, TypeVar

Job = TypeVar("Job")
Result = TypeVar("Result")

_HEADER = struct.Struct("<Q")  # length of the pickled record that follows
_NO_MORE_JOBS = b""  # an empty record
#: How far either side may run ahead, in bytes (Linux caps a pipe at 1 MB by
#: default; elsewhere a pipe keeps its own size).
PIPE_SIZE = 1 << 20
#: How many bytes of results the worker may hold, finished ahead of their turn
#: (an explainer's is about 30 KB: its page and its search entries).
AHEAD_BYTES = 64 << 20


def can_fork() -> bool:
    """Whether a worker would help here: fork exists and a second core does.

    Not on macOS, where system frameworks may crash a forked child that does
    not exec (why Python's multiprocessing stopped forking there)."""
    return hasattr(os, "fork") and sys.platform != "darwin" and (os.cpu_count() or 1) > 1


class Worker(Generic[Job, Result]):
    """In a forked process: ``collect`` each job as it is sent, then
    ``between()``, then ``finish`` each collected job, then ``last()``.

    ``collect(job)`` returns the job to keep (an article's linked body…) and
    may record what later results need; ``between()`` returns what was
    recorded (for this process, should it have to finish jobs itself);
    ``finish(kept)`` makes a result; ``last()`` is work nothing waits for.
    ``independent(kept)`` tells whether ``finish(kept)`` needs nothing that
    other jobs' collecting records: the worker may then finish it early.
    Ask for each result once, in the order the jobs were sent (skipping some
    is fine: a skipped result is kept until asked for, or until ``close``).
    """

    def __init__(self, collect: Callable[[Job], Job], finish: Callable[[Job], Result],
                 between: Callable[[], Any] = lambda: None,
                 last: Callable[[], Any] = lambda: None,
                 independent: Callable[[Job], bool] | None = None) -> None:
        self._collect, self._finish = collect, finish
        self._between, self._last = between, last
        self._independent = independent
        self._jobs: dict[Hashable, Job] = {}  # as sent to the worker, or as collected here
        self._collected_here: set[Hashable] = set()
        self._order: list[Hashable] = []
        self._received: dict[Hashable, tuple[bool, Any]] = {}
        self._next = 0  # index in _order of the next result on the pipe
        #: Why the worker stopped before its work was done (None: it did not).
        self.stopped: str | None = None
        self._pid: int | None = None
        self._to_worker: int | None = None
        self._from_worker = None
        self._unfreeze_at_close = False

    @property
    def pid(self) -> int | None:
        """The worker's process id while it runs."""
        return self._pid

    def start(self) -> bool:
        """Fork the worker; False (and every job done here) if that fails."""
        if not can_fork():
            return False
        jobs_read, jobs_write = os.pipe()
        results_read, results_write = os.pipe()
        for end in (jobs_write, results_write):
            _widen(end)
        # What this process has buffered would be printed again by the child.
        sys.stdout.flush()
        sys.stderr.flush()
        # Neither process's garbage collector visits the objects they share:
        # a collection writes to every object it visits, and each write
        # copies a page of memory that the two processes shared until then.
        # (Objects already frozen by the caller stay so when the worker stops.)
        self._unfreeze_at_close = gc.get_freeze_count() == 0
        gc.freeze()
        try:
            pid = os.fork()
        except OSError:
            self._thaw()
            for end in (jobs_read, jobs_write, results_read, results_write):
                os.close(end)
            return False
        if pid == 0:
            os.close(jobs_write)
            os.close(results_read)
            self._work(_Incoming(jobs_read), results_write)
        os.close(jobs_read)
        os.close(results_write)
        self._pid = pid
        self._to_worker = jobs_write
        self._from_worker = os.fdopen(results_read, "rb", buffering=PIPE_SIZE)
        return True

    # -- in the worker ------------------------------------------------------------------

    def _work(self, jobs: _Incoming, results: int) -> None:
        status = 0
        try:
            kept: list = []
            # Results finished ahead (pickled), by index in kept; the next
            # index to consider for that, and the bytes held.
            ahead: dict[int, bytes] = {}
            candidate = held = 0
            while True:
                if (self._independent is not None and held < AHEAD_BYTES
                        and candidate < len(kept) and not jobs.waiting()):
                    # Nothing to collect right now: finish a job early.
                    job = kept[candidate]
                    if self._independent(job):
                        data = _pickled(self._attempt(lambda: self._finish(job)))
                        ahead[candidate] = data
                        held += len(data)
                    candidate += 1
                    continue
                record = jobs.read()
                if record is None or record == _NO_MORE_JOBS:
                    break
                # Jobs come in the order they were sent: their keys stay in the
                # parent. An error here: the parent does it all again.
                kept.append(self._collect(pickle.loads(record)))
            if record is None:
                raise EOFError("the build process went away")
            # Phase two: results go out in order, as fast as this process reads
            # them, while the worker goes on finishing the next ones.
            out = _Outgoing(results)
            out.put(_pickled(self._attempt(self._between)))
            for number, job in enumerate(kept):
                data = ahead.pop(number, None)
                if data is None:
                    data = _pickled(self._attempt(lambda: self._finish(job)))
                else:
                    held -= len(data)
                out.put(data)
                # (Phase one may have gone one result past the limit.)
                out.room(max(AHEAD_BYTES - held, 0))
            del kept
            out.put(_pickled(self._attempt(self._last)))
            out.room(0)
        except BaseException:  # a failure, a broken pipe, an interruption
            status = 1
        finally:
            # No atexit handlers, no flushing of buffers inherited from the parent.
            os._exit(status)

    @staticmethod
    def _attempt(compute: Callable[[], Any]) -> tuple[bool, Any]:
        try:
            return True, compute()
        except Exception:
            return False, None  # done again in the parent, which reports the error

    # -- in this process -------------------------------------------------------------

    def send(self, key: Hashable, job: Job) -> Job:
        """Hand over a job; the job as kept here (collected here when there is no worker)."""
        self._order.append(key)
        if self._to_worker is not None:
            self._jobs[key] = job
            try:
                data = pickle.dumps(job, protocol=pickle.HIGHEST_PROTOCOL)
            except Exception:  # a job that cannot go to the worker: no worker, then
                self._take_over(f"a job could not be pickled for it ({key!r})")
                return self._jobs[key]
            try:
                _write_record(self._to_worker, data)
                return job
            except OSError:
                self._take_over("it went away")
                return self._jobs[key]
        return self._collect_here(key, job)

    def _collect_here(self, key: Hashable, job: Job) -> Job:
        kept = self._jobs[key] = self._collect(job)
        self._collected_here.add(key)
        return kept

    def no_more_jobs(self) -> Any:
        """Tell the worker every job is sent; what ``between()`` returned."""
        if self._to_worker is not None:
            try:
                _write_record(self._to_worker, _NO_MORE_JOBS)
                os.close(self._to_worker)
                self._to_worker = None
                ok, value = self._receive()
                if ok:
                    return value
            except (OSError, EOFError):
                pass
            self._take_over("it did not finish collecting")
        return self._between()

    def result(self, key: Hashable) -> Result:
        """The result for ``key``: from the worker when it has it, else made here."""
        if key not in self._jobs:
            raise KeyError(key)
        while key not in self._received and self._next < len(self._order):
            if not self._receive_result():
                break
        ok, value = self._received.pop(key, (False, None))
        if not ok:
            if key not in self._collected_here:  # the worker failed on this one
                self._collect_here(key, self._jobs[key])
            value = self._finish(self._jobs[key])
        self._jobs[key] = None  # type: ignore[assignment]  # not needed here again
        return value

    def _receive_result(self) -> bool:
        """The next result off the pipe; False when there is no worker (any more)."""
        if self._from_worker is None:
            return False
        try:
            self._received[self._order[self._next]] = self._receive()
            self._next += 1
            return True
        except EOFError:
            self._take_over("it went away")
            return False

    def last(self) -> Any:
        """What ``last()`` returned; then the worker is done, and reaped."""
        while self._next < len(self._order) and self._receive_result():
            pass
        if self._from_worker is not None:
            try:
                ok, value = self._receive()
                if ok:
                    self.close()
                    return value
            except EOFError:
                pass
        self.close()
        return self._last()

    def _receive(self) -> tuple[bool, Any]:
        assert self._from_worker is not None
        record = _read(self._from_worker)
        if not record:
            raise EOFError("the worker went away")
        return pickle.loads(record)

    def _take_over(self, reason: str) -> None:
        """The worker is gone: collect here everything it had been sent."""
        status = self.close(kill=True)
        self.stopped = reason if status is None else f"{reason}: {status}"
        for key in self._order:
            job = self._jobs.get(key)
            if job is not None and key not in self._received and key not in self._collected_here:
                self._collect_here(key, job)

    def close(self, kill: bool = False) -> str | None:
        """Stop the worker (if still running) and reap it; how it had ended, if
        it had ended on its own."""
        if self._to_worker is not None:
            os.close(self._to_worker)
            self._to_worker = None
        if self._from_worker is not None:
            self._from_worker.close()  # a worker still writing gets a broken pipe and exits
            self._from_worker = None
        ended = None
        if self._pid is not None:
            try:
                pid, status = os.waitpid(self._pid, os.WNOHANG if kill else 0)
                if pid:
                    ended = _describe(status)
                else:
                    os.kill(self._pid, signal.SIGKILL)
                    os.waitpid(self._pid, 0)
            except (ChildProcessError, ProcessLookupError):
                pass
            self._pid = None
            self._thaw()
        return ended

    def _thaw(self) -> None:
        if self._unfreeze_at_close:
            gc.unfreeze()


def _describe(status: int) -> str:
    if os.WIFSIGNALED(status):
        return f"killed by signal {os.WTERMSIG(status)}"
    return f"exit status {os.waitstatus_to_exitcode(status)}"


def _widen(fd: int) -> None:
    try:
        import fcntl
        fcntl.fcntl(fd, fcntl.F_SETPIPE_SZ, PIPE_SIZE)  # type: ignore[attr-defined]
    except (ImportError, AttributeError, OSError):
        pass


class _Outgoing:
    """Records for a pipe, written as fast as its reader takes them, never waiting
    for it while fewer than a given number of bytes wait here.

    A pipe holds 1 MB, about 30 explainers: a writer that blocks on it can never
    be further ahead than that, so pages that are slow for the worker (long
    backlink lists…) would make the reader wait even where the worker had time
    to spare before them."""

    def __init__(self, fd: int) -> None:
        self._fd = fd
        os.set_blocking(fd, False)
        self._waiting: deque[memoryview] = deque()  # in order; the first maybe partly written
        self.held = 0  # bytes waiting
        self._poll = select.poll()
        self._poll.register(fd, select.POLLOUT)

    def put(self, data: bytes) -> None:
        """Send ``data`` as the next record (what ``_read`` gives back), now or later."""
        record = memoryview(_HEADER.pack(len(data)) + data)
        self.held += len(record)
        self._waiting.append(record)
        self._write()

    def room(self, limit: int) -> None:
        """Wait for the reader until at most ``limit`` (≥ 0) bytes are waiting."""
        assert limit >= 0
        while self.held > limit:
            self._poll.poll()
            self._write()

    def _write(self) -> None:
        """Write what the pipe takes now, without waiting."""
        waiting = self._waiting
        while waiting:
            view = waiting[0]
            try:
                written = os.write(self._fd, view)
            except BlockingIOError:
                return
            self.held -= written
            if written < len(view):
                waiting[0] = view[written:]
                return
            waiting.popleft()


class _Incoming:
    """The records of a pipe, as ``_read`` gives them, and whether one is waiting
    (a buffered file cannot tell without blocking)."""

    def __init__(self, fd: int) -> None:
        self._fd = fd
        self._buffer = bytearray()
        self._start = 0  # where the next record begins in _buffer
        self._ended = False
        self._poll = select.poll()
        self._poll.register(fd, select.POLLIN)

    def waiting(self) -> bool:
        """Whether ``read`` would return without waiting for the other end."""
        return self._ended or self._whole() is not None or bool(self._poll.poll(0))

    def _whole(self) -> int | None:
        """The end of the next record in the buffer, if it is all there."""
        if len(self._buffer) - self._start < _HEADER.size:
            return None
        (size,) = _HEADER.unpack_from(self._buffer, self._start)
        end = self._start + _HEADER.size + size
        return end if end <= len(self._buffer) else None

    def read(self) -> bytes | None:
        """The next record; None at the end of the pipe."""
        while (end := self._whole()) is None:
            chunk = os.read(self._fd, PIPE_SIZE)
            if not chunk:
                self._ended = True
                return None
            if self._start:  # drop what was read already, once per chunk
                del self._buffer[:self._start]
                self._start = 0
            self._buffer += chunk
        record = bytes(self._buffer[self._start + _HEADER.size:end])
        self._start = end
        return record


def _read(pipe) -> bytes | None:
    """The next record; None at the end of the pipe."""
    header = pipe.read(_HEADER.size)
    if len(header) < _HEADER.size:
        return None
    (size,) = _HEADER.unpack(header)
    data = pipe.read(size)
    return data if len(data) == size else None


def _pickled(record: tuple[bool, Any]) -> bytes:
    return pickle.dumps(record, protocol=pickle.HIGHEST_PROTOCOL)


def _write_record(fd: int, data: bytes) -> None:
    """``data`` as the next record (what ``_read`` gives back), written whole."""
    view = memoryview(_HEADER.pack(len(data)) + data)
    while view:
        written = os.write(fd, view)
        view = view[written:]
