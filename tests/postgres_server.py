"""A real PostgreSQL server for the tests: `initdb` and `pg_ctl` from `pg_config --bindir`, run as
the `postgres` system user when the tests run as root (initdb refuses root), on a free port of
127.0.0.1 in a temporary data directory, stopped at the end."""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import psycopg

ADMIN_PASSWORD = "admin-secret"
RAPOR_PASSWORD = "rapor-s3cret"
READER_PASSWORD = "reader-s3cret"


@dataclass(frozen=True)
class Server:
    port: int

    def url(self, user: str, password: str, database: str = "rapor") -> str:
        return f"postgresql://{user}:{password}@127.0.0.1:{self.port}/{database}"

    @property
    def admin_url(self) -> str:
        return self.url("postgres", ADMIN_PASSWORD)

    @property
    def rapor_url(self) -> str:
        return self.url("rapor", RAPOR_PASSWORD)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _as_postgres(command: list[str]) -> list[str]:
    return ["runuser", "-u", "postgres", "--", *command] if os.geteuid() == 0 else command


@contextmanager
def postgres_server() -> Iterator[Server]:
    bindir = Path(subprocess.check_output(["pg_config", "--bindir"], text=True).strip())
    # under /tmp itself: pytest's own temporary folders are closed to other users
    root = Path(tempfile.mkdtemp(prefix="rapor-pg-"))
    data, password_file = root / "data", root / "password"
    password_file.write_text(ADMIN_PASSWORD + "\n")
    if os.geteuid() == 0:
        shutil.chown(root, "postgres")
        shutil.chown(password_file, "postgres")
    port = _free_port()
    initdb = [str(bindir / "initdb"), "-D", str(data), "-U", "postgres", "-A", "scram-sha-256"]
    initdb += ["--pwfile", str(password_file), "--no-sync"]
    subprocess.run(_as_postgres(initdb), check=True, capture_output=True)
    options = f"-p {port} -k {root} -c listen_addresses=127.0.0.1 -c fsync=off"
    pg_ctl = [str(bindir / "pg_ctl"), "-D", str(data), "-l", str(root / "log")]
    subprocess.run(
        _as_postgres([*pg_ctl, "-o", options, "-w", "start"]), check=True, capture_output=True
    )
    server = Server(port)
    try:
        with psycopg.connect(server.url("postgres", ADMIN_PASSWORD, "postgres")) as admin:
            admin.autocommit = True
            admin.execute(f"create role rapor login createrole password '{RAPOR_PASSWORD}'")
            admin.execute("create database rapor owner rapor")
            admin.execute("create database dagster owner rapor")
        yield server
    finally:
        subprocess.run(_as_postgres([*pg_ctl, "-m", "fast", "-w", "stop"]), capture_output=True)
        shutil.rmtree(root, ignore_errors=True)
