"""Real servers for the browser, proxy and load tests: uvicorn (``python -m app serve``) and nginx,
each started as a subprocess on a free loopback port and stopped by its own PID."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_for(url: str, proc: subprocess.Popen, seconds: float = 30.0, context=None) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited with {proc.returncode} before answering {url}")
        try:
            with urllib.request.urlopen(url, timeout=2, context=context) as r:
                if r.status == 200:
                    return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"server did not answer {url} within {seconds}s")


class Uvicorn:
    """``python -m app serve`` on a free port; ``log`` collects its stderr (the access log)."""

    def __init__(self, db: str, env: dict[str, str], workers: int = 1, trusted_proxy: str | None = None,
                 log_path: Path | None = None):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        cmd = [sys.executable, "-m", "app", "serve", "--db", db, "--host", "127.0.0.1", "--port", str(self.port),
               "--workers", str(workers)]
        if trusted_proxy:
            cmd += ["--trusted-proxy", trusted_proxy]
        self.log_path = log_path
        self._log = open(log_path, "wb") if log_path else subprocess.DEVNULL
        full_env = {**os.environ, "PYTHONPATH": str(ROOT), **env}
        self.proc = subprocess.Popen(cmd, cwd=ROOT, env=full_env, stdout=self._log, stderr=subprocess.STDOUT,
                                     start_new_session=True)
        try:
            wait_for(self.url + "/healthz", self.proc)
        except Exception:
            self.stop()
            raise

    def log(self) -> str:
        return self.log_path.read_text(encoding="utf-8", errors="replace") if self.log_path else ""

    def stop(self) -> None:
        if self.proc.poll() is None:
            os.kill(self.proc.pid, signal.SIGTERM)     # uvicorn's supervisor stops its own workers
            try:
                self.proc.wait(timeout=15)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)   # its own process group (start_new_session)
                self.proc.wait(timeout=5)
        if self._log is not subprocess.DEVNULL:
            self._log.close()
