#!/usr/bin/env python3
"""Set up and run Hemei with nothing but Python 3.11 and git.

    python3.11 dev.py serve     # venv, install, migrate, demo content, serve on :8000
    python3.11 dev.py test      # venv, install, run the whole suite
    python3.11 dev.py bench     # load benchmark: gunicorn + PostgreSQL + Redis + wrk (see README)
    python3.11 dev.py bench --pages   # SQL statements and CPU ms per uncached page type and search
    python3.11 dev.py install   # only the venv: every package at its version in requirements.lock

Every command installs from requirements.lock (the dependencies and the test extras, pinned),
then Hemei itself without dependencies; see the README for regenerating the lock.

Standard library only: this runs before anything is installed.
"""

import os
import subprocess
import sys
import venv
from contextlib import contextmanager
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None

ROOT = Path(__file__).resolve().parent
VENV = ROOT / ".venv"
PYTHON = VENV / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
LOCK = ROOT / "requirements.lock"


def run(*args, env=None):
    print("+", " ".join(str(a) for a in args), flush=True)
    subprocess.run([str(a) for a in args], cwd=ROOT, check=True, env=env)


@contextmanager
def install_lock():
    """One set-up at a time in this checkout.

    CI runs `dev.py test` on SQLite and on PostgreSQL at the same time; two processes creating
    the venv or running pip in it at once break each other. The second waits here, then finds
    everything installed. dev.py itself is the lock file: it is always there.
    """
    if fcntl is None:  # Windows: no flock; runs there are one at a time anyway
        yield
        return
    with open(__file__, "rb") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def ensure_venv():
    # dev.py runs before anything is installed, possibly under an older interpreter.
    if sys.version_info < (3, 11):  # noqa: UP036
        sys.exit("Hemei needs Python 3.11 or newer.")
    with install_lock():
        if not PYTHON.exists():
            venv.EnvBuilder(with_pip=True).create(VENV)
            run(PYTHON, "-m", "pip", "install", "--quiet", "--upgrade", "pip")
        run(PYTHON, "-m", "pip", "install", "--quiet", "-r", LOCK)
        run(PYTHON, "-m", "pip", "install", "--quiet", "--no-deps", "-e", ".")
        # --no-deps trusts the lock: a dependency added to (or re-bounded in) pyproject.toml's
        # `dependencies` but not locked fails here rather than in whatever first imports it.
        run(PYTHON, "-m", "pip", "check")
        run(PYTHON, "manage.py", "compile_translations")


def install(args):
    ensure_venv()


def serve(args):
    ensure_venv()
    env = dict(os.environ, HEMEI_ALLOW_DEMO="1")
    run(PYTHON, "manage.py", "migrate", "--noinput", env=env)
    run(PYTHON, "manage.py", "load_demo", env=env)
    address = args[0] if args else "127.0.0.1:8000"
    run(PYTHON, "manage.py", "runserver", address, env=env)


def test(args):
    ensure_venv()
    run(PYTHON, "-m", "pytest", *args)


def bench(args):
    ensure_venv()
    if args[:1] == ["--pages"]:
        run(PYTHON, "bench/page_bench.py", *args[1:])
    else:
        run(PYTHON, "bench/load_bench.py", *args)


COMMANDS = {"serve": serve, "test": test, "bench": bench, "install": install}

if __name__ == "__main__":
    if len(sys.argv) < 2 or sys.argv[1] not in COMMANDS:
        sys.exit(__doc__)
    try:
        COMMANDS[sys.argv[1]](sys.argv[2:])
    except subprocess.CalledProcessError as exc:
        sys.exit(exc.returncode)
    except KeyboardInterrupt:
        pass
