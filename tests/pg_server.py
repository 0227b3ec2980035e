"""A throwaway PostgreSQL server for the test session, and databases inside it.

Plain helpers with no pytest in them; ``tests/plugins/postgres.py`` turns them
into fixtures. The server lives in a fresh directory under the system temp dir
(not pytest's ``tmp_path``, which is private to root), listens on a free
127.0.0.1 port, keeps its socket in that directory, and trades durability for
speed (``fsync=off``): it is deleted at the end of the session anyway.

PostgreSQL refuses to run as root. Under root (containers, CI images) the
server commands run as the ``postgres`` user (else ``nobody``) via ``runuser``.

``pg_ctl`` detaches the server, so a test run killed before its teardown
(SIGKILL, a CI timeout) would leave it running. Each server directory records
the pid of the test process that owns it; :func:`reap_orphans` stops servers
whose owner is gone, and :func:`start_server` calls it first.
"""

from __future__ import annotations

import contextlib
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

import psycopg
from psycopg import sql
from psycopg.rows import TupleRow

SUPERUSER = "postgres"
HOST = "127.0.0.1"
START_ATTEMPTS = 3
SERVER_OPTIONS = "-F -c fsync=off -c synchronous_commit=off -c full_page_writes=off"
WORKDIR_PREFIX = "hotwash-pg-"
OWNER_FILE = "owner.pid"


class PostgresUnavailable(Exception):
    """PostgreSQL cannot be run here at all (no binaries, no unprivileged user)."""


@dataclass(frozen=True)
class Binaries:
    initdb: Path
    pg_ctl: Path


@dataclass(frozen=True)
class PgServer:
    host: str
    port: int
    workdir: Path
    binaries: Binaries
    run_as: str | None

    @property
    def datadir(self) -> Path:
        return self.workdir / "data"

    @property
    def logfile(self) -> Path:
        return self.workdir / "server.log"

    def url(self, dbname: str) -> str:
        return f"postgresql://{SUPERUSER}@{self.host}:{self.port}/{dbname}"

    def admin_connection(self) -> psycopg.Connection[TupleRow]:
        """An autocommit superuser connection to the ``postgres`` database."""
        return psycopg.connect(
            host=self.host, port=self.port, user=SUPERUSER, dbname="postgres", autocommit=True
        )


def find_binaries() -> Binaries:
    """``initdb`` and ``pg_ctl`` from PATH, else the newest Debian/Ubuntu install."""
    initdb, pg_ctl = shutil.which("initdb"), shutil.which("pg_ctl")
    if initdb and pg_ctl:
        return Binaries(Path(initdb), Path(pg_ctl))
    installed = Path("/usr/lib/postgresql").glob("*/bin")
    for bindir in sorted(installed, key=_version, reverse=True):
        candidate = Binaries(bindir / "initdb", bindir / "pg_ctl")
        if candidate.initdb.exists() and candidate.pg_ctl.exists():
            return candidate
    raise PostgresUnavailable(
        "PostgreSQL server binaries (initdb, pg_ctl) not found on PATH or in"
        " /usr/lib/postgresql/*/bin; install the postgresql package to run these tests"
    )


def start_server() -> PgServer:
    binaries = find_binaries()
    run_as = _unprivileged_user()
    reap_orphans(binaries)
    workdir = Path(tempfile.mkdtemp(prefix=WORKDIR_PREFIX))
    try:
        (workdir / OWNER_FILE).write_text(str(os.getpid()))
        if run_as is not None:
            user = pwd.getpwnam(run_as)
            os.chown(workdir, user.pw_uid, user.pw_gid)
        return _init_and_start(binaries, workdir, run_as)
    except BaseException:
        shutil.rmtree(workdir, ignore_errors=True)
        raise


def stop_server(server: PgServer) -> None:
    try:
        _run(server, [str(server.binaries.pg_ctl), "-D", str(server.datadir), "-m", "immediate",
                      "-w", "stop"])  # fmt: skip
    finally:
        shutil.rmtree(server.workdir, ignore_errors=True)


def reap_orphans(binaries: Binaries) -> None:
    """Stop and delete servers left behind by test processes that no longer exist."""
    for workdir in Path(tempfile.gettempdir()).glob(f"{WORKDIR_PREFIX}*"):
        try:
            owner = int((workdir / OWNER_FILE).read_text())
        except (OSError, ValueError):
            continue  # not ours, or still being set up
        if _is_running(owner):
            continue
        run_as = pwd.getpwuid(workdir.stat().st_uid).pw_name if os.geteuid() == 0 else None
        # pg_ctl fails if the server is already down; stop_server deletes the directory anyway.
        with contextlib.suppress(RuntimeError):
            stop_server(PgServer(HOST, 0, workdir, binaries, run_as))


def create_database(server: PgServer, name: str) -> None:
    with server.admin_connection() as connection:
        connection.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))


def drop_database(server: PgServer, name: str) -> None:
    # FORCE ends sessions a failed test may have left behind.
    statement = sql.SQL("DROP DATABASE IF EXISTS {} WITH (FORCE)").format(sql.Identifier(name))
    with server.admin_connection() as connection:
        connection.execute(statement)


def _init_and_start(binaries: Binaries, workdir: Path, run_as: str | None) -> PgServer:
    server = PgServer(HOST, 0, workdir, binaries, run_as)
    initdb = [str(binaries.initdb), "-D", str(server.datadir), "-A", "trust", "-U", SUPERUSER,
              "-E", "UTF8", "--no-locale", "--no-sync"]  # fmt: skip
    _run(server, initdb)
    for _ in range(START_ATTEMPTS):
        # The port is free now but may be taken before the server binds it; retry then.
        server = PgServer(HOST, _free_port(), workdir, binaries, run_as)
        if _try_start(server):
            return server
    log = server.logfile.read_text(errors="replace")[-2000:] if server.logfile.exists() else ""
    raise RuntimeError(f"PostgreSQL did not start after {START_ATTEMPTS} attempts:\n{log}")


def _try_start(server: PgServer) -> bool:
    options = f"{SERVER_OPTIONS} -p {server.port} -k {server.workdir} -c listen_addresses={HOST}"
    start = [str(server.binaries.pg_ctl), "-D", str(server.datadir), "-l", str(server.logfile),
             "-w", "-t", "60", "-o", options, "start"]  # fmt: skip
    return _run(server, start, check=False).returncode == 0


def _run(
    server: PgServer, command: list[str], *, check: bool = True
) -> subprocess.CompletedProcess[str]:
    if server.run_as is not None:
        command = ["runuser", "-u", server.run_as, "--", *command]
    result = subprocess.run(
        command, cwd=server.workdir, capture_output=True, text=True, check=False, timeout=120
    )
    if check and result.returncode != 0:
        raise RuntimeError(f"{' '.join(command)} failed:\n{result.stdout}{result.stderr}")
    return result


def _unprivileged_user() -> str | None:
    """Who runs the server: ``None`` for the current user, unless that is root."""
    if os.geteuid() != 0:
        return None
    if shutil.which("runuser") is None:
        raise PostgresUnavailable("running as root, and runuser is missing to drop privileges")
    for name in ("postgres", "nobody"):
        try:
            pwd.getpwnam(name)
        except KeyError:
            continue
        return name
    raise PostgresUnavailable("running as root, and no postgres or nobody user to run the server")


def _is_running(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # exists, owned by someone else
    return True


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind((HOST, 0))
        port: int = probe.getsockname()[1]
        return port


def _version(bindir: Path) -> tuple[int, ...]:
    version = bindir.parent.name
    return tuple(int(part) for part in version.split(".") if part.isdigit())
