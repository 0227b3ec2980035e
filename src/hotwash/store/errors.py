"""Database failures as hotwash errors: one line, no traceback, no password.

The CLI prints a :class:`~hotwash.errors.HotwashError` as a single line, so the
driver's multi-line messages are cut to their first line, and the SQLAlchemy
exception is not chained (its text can repeat the SQL and parameters).
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.exc import (
    DBAPIError,
    IntegrityError,
    InterfaceError,
    OperationalError,
    StatementError,
)

from hotwash.errors import ConflictError, StoreError
from hotwash.store.urls import Target


def one_line(error: BaseException, target: Target) -> str:
    """The first meaningful line of a driver error, with any password removed."""
    cause = getattr(error, "orig", None) or error
    lines = [line.strip() for line in str(cause).splitlines() if line.strip()]
    text = lines[0] if lines else type(cause).__name__
    password = target.url.password
    return text.replace(str(password), "***") if password else text


@contextmanager
def opening(target: Target) -> Iterator[None]:
    """Any database error while opening means the store cannot be used at all."""
    try:
        yield
    except DBAPIError as error:
        unreachable = isinstance(error, OperationalError) and not target.is_sqlite
        verb = "connect to" if unreachable else "open"
        raise StoreError(f"cannot {verb} {target.description}: {one_line(error, target)}") from None
    except OSError as error:  # the SQLite migration lock file
        raise StoreError(f"cannot open {target.description}: {error.strerror}") from None


@contextmanager
def translated(target: Target) -> Iterator[None]:
    """Errors while using an open store: lost connections, locks, conflicts."""
    try:
        yield
    except IntegrityError as error:
        raise ConflictError(f"conflicts with stored data: {one_line(error, target)}") from None
    except (OperationalError, InterfaceError) as error:
        raise StoreError(f"{target.description}: {one_line(error, target)}") from None
    except StatementError as error:
        # A value the column type refused (a naive datetime): the caller's bug, not the store's.
        if isinstance(error.orig, ValueError):
            raise error.orig from None
        raise
