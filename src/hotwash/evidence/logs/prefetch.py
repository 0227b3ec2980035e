"""Work ahead in background threads: produce the next items, process several at once.

Reading, decompressing and splitting the next block overlaps with parsing the
current ones, and two blocks are parsed at a time: polars and numpy release the
GIL, and most of their string functions use one core each, so this is how every
core works. Queues are short, which bounds memory. Errors raised in a thread are
raised again in the consumer; leaving the loop early stops the threads.
"""

from __future__ import annotations

import queue
import threading
from collections import deque
from collections.abc import Callable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass
from typing import Generic, TypeVar

T = TypeVar("T")
R = TypeVar("R")
_POLL_SECONDS = 0.1


@dataclass(frozen=True)
class _Done:
    error: BaseException | None = None


@dataclass(frozen=True)
class _Item(Generic[T]):
    value: T


def prefetched(items: Iterator[T], depth: int = 1) -> Iterator[T]:
    """The values of ``items``, produced in a background thread up to ``depth`` ahead."""
    slots: Slots[T] = queue.Queue(maxsize=depth)
    stop = threading.Event()
    worker = threading.Thread(target=_produce, args=(items, slots, stop), daemon=True)
    worker.start()
    try:
        while True:
            got = slots.get()
            if isinstance(got, _Done):
                if got.error is not None:
                    raise got.error
                return
            yield got.value
    finally:
        stop.set()
        worker.join()


Slots = queue.Queue[_Item[T] | _Done]


def _produce(items: Iterator[T], slots: Slots[T], stop: threading.Event) -> None:
    try:
        for value in items:
            if not _offer(slots, _Item(value), stop):
                return
    except BaseException as error:  # handed to the consumer, which raises it
        _offer(slots, _Done(error), stop)
        return
    finally:
        _close(items)
    _offer(slots, _Done(), stop)


def _close(items: Iterator[T]) -> None:
    """Close an abandoned generator in this thread, so that its file is closed now."""
    close = getattr(items, "close", None)
    if callable(close):
        close()


def _offer(slots: Slots[T], entry: _Item[T] | _Done, stop: threading.Event) -> bool:
    """Put ``entry`` once there is room; False if the consumer has gone."""
    while not stop.is_set():
        try:
            slots.put(entry, timeout=_POLL_SECONDS)
        except queue.Full:
            continue
        return True
    return False


def map_ahead(items: Iterator[T], work: Callable[[T], R], workers: int) -> Iterator[tuple[T, R]]:
    """``(item, work(item))`` in order; ``workers`` items are worked on at once in
    threads, ahead of the one the consumer is handling."""
    pool = ThreadPoolExecutor(max_workers=workers)
    pending: deque[tuple[T, Future[R]]] = deque()
    try:
        for item in items:
            pending.append((item, pool.submit(work, item)))
            if len(pending) > workers:
                done, future = pending.popleft()
                yield done, future.result()
        while pending:
            done, future = pending.popleft()
            yield done, future.result()
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
