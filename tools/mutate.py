"""Mutation testing for the rule modules: which small changes to a module do its tests not notice?

    python tools/mutate.py app/workflow/deadline.py --tests tests/workflow/test_deadline.py
    python tools/mutate.py --module deadline          # module and tests from tools/mutation_targets.toml
    python tools/mutate.py --all                      # every module of the map, one after the other

Each mutant is written to a temporary file and imported in place of the module by an import hook in a
separate (forked) process; the tracked file is never touched. See tools/README-mutation.md.
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import sys
import tempfile
import time
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tools"))
sys.path.insert(0, str(ROOT))

from mutant_import import install_mutant  # noqa: E402
from mutants import Mutant, generate  # noqa: E402

TARGETS = ROOT / "tools" / "mutation_targets.toml"
EQUIVALENT = ROOT / "tools" / "equivalent-mutants.md"
PYTEST_ARGS = ["-x", "-q", "-p", "no:cacheprovider", "-p", "no:randomly", "--no-header", "-m", "not pg",
               "--benchmark-disable"]


@dataclass
class Result:
    """Per-module tally."""

    module: str
    total: int = 0
    killed: int = 0
    timed_out: int = 0
    equivalent: int = 0
    survived: list[Mutant] = field(default_factory=list)
    stale_equivalents: list[str] = field(default_factory=list)

    @property
    def score(self) -> float:
        """Non-equivalent mutants noticed (killed or timed out) over all non-equivalent mutants."""
        live = self.total - self.equivalent
        return 100.0 if live == 0 else 100.0 * (self.killed + self.timed_out) / live


def load_equivalents() -> dict[tuple, str]:
    """Keys of mutants recorded as equivalent, with their reasons."""
    found: dict[tuple, str] = {}
    if not EQUIVALENT.exists():
        return found
    pat = re.compile(r"`(\S+) ([^:`]+):(\d+):(\d+):(\w+):(.*?)→(.*?)#([0-9a-f]{8})(?:~(\d+))?`"
                     r"\s*(?:[—-]+\s*)?(.*)")
    for line in EQUIVALENT.read_text(encoding="utf-8").splitlines():
        m = pat.search(line)
        if m:
            mod, scope, _line, col, op, orig, repl, h, dup, reason = m.groups()
            found[(mod, scope, int(col), op, orig, repl, h, int(dup or 0))] = reason.strip()
    return found


_ID = re.compile(r"([^\s`]+) ([^:`\s]+):(\d+):(\d+):(\w+):(.*?)→(.*?)#([0-9a-f]{8})(?:~(\d+))?")


def survivors_in(output: Path) -> set[tuple]:
    """Keys of the mutants a saved run printed as SURVIVED (to re-check them after new tests)."""
    keys = set()
    for line in output.read_text(encoding="utf-8").splitlines():
        m = _ID.search(line) if line.startswith("SURVIVED") else None
        if m:
            mod, scope, _line, col, op, orig, repl, h, dup = m.groups()
            keys.add((mod, scope, int(col), op, orig, repl, h, int(dup or 0)))
    return keys


def module_name(path: Path) -> str:
    """Dotted import name of a module file under the repository root."""
    rel = path.resolve().relative_to(ROOT).with_suffix("")
    return ".".join(rel.parts)


def preimport() -> None:
    """Import the heavy third-party libraries once in the parent, never the app itself."""
    import pytest  # noqa: F401

    for name in ("sqlalchemy", "sqlalchemy.orm", "chinese_calendar", "openpyxl", "docx", "hypothesis",
                 "hypothesis.strategies", "PySide6.QtCore", "PySide6.QtGui", "PySide6.QtWidgets",
                 "pytestqt.plugin", "_pytest.pytester", "alembic", "unittest.mock"):
        try:
            __import__(name)
        except Exception:  # noqa: BLE001 - optional speed-up only
            pass


def run_child(modname: str, mutant_file: str | None, tests: list[str]) -> int:
    """In a forked child: hook the import, run pytest quietly, exit with its code."""
    os.setpgid(0, 0)
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, 1)
    os.dup2(devnull, 2)
    try:
        if mutant_file:
            install_mutant(modname, mutant_file)
        import pytest

        rc = int(pytest.main([*PYTEST_ARGS, *tests]))
    except BaseException:  # noqa: BLE001 - any crash means the tests noticed
        rc = 99
    os._exit(rc)


def run_once(modname: str, mutant_file: str | None, tests: list[str], timeout: float) -> str:
    """'killed', 'survived' or 'timeout' for one run in a forked process."""
    pid = os.fork()
    if pid == 0:
        run_child(modname, mutant_file, tests)
    deadline = time.monotonic() + timeout
    while True:
        done, status = os.waitpid(pid, os.WNOHANG)
        if done:
            return "survived" if os.waitstatus_to_exitcode(status) == 0 else "killed"
        if time.monotonic() > deadline:
            try:
                os.killpg(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            os.waitpid(pid, 0)
            return "timeout"
        time.sleep(0.01)


def run_module(path: Path, tests: list[str], jobs: int, only: str | None, quiet: bool,
               rerun: set[tuple] | None = None) -> Result:
    """Generate, run and tally every mutant of one module."""
    modname = module_name(path)
    source = path.read_text(encoding="utf-8")
    mutants = generate(source, path.name)
    if only:
        mutants = [m for m in mutants if only in m.mid]
    if rerun:
        mutants = [m for m in mutants if m.key in rerun]
    equivalents = load_equivalents()
    res = Result(path.name, total=len(mutants))
    start = time.monotonic()
    if run_once(modname, None, tests, 600) != "survived":
        sys.exit(f"{path}: the tests fail without any mutant; fix them first ({' '.join(tests)})")
    timeout = max(10.0, 4 * (time.monotonic() - start) + 5)
    with tempfile.TemporaryDirectory(prefix="mutant.") as tmp:
        canary = Path(tmp) / "canary.py"
        canary.write_text("raise ImportError('mutation canary')\n", encoding="utf-8")
        if run_once(modname, str(canary), tests, timeout) != "killed":
            sys.exit(f"{path}: the tests do not import {modname}; the import hook cannot reach it")
        pending = list(enumerate(mutants))
        running: dict[int, tuple[int, Mutant, float]] = {}
        outcome: dict[int, str] = {}
        while pending or running:
            while pending and len(running) < jobs:
                i, m = pending.pop(0)
                if m.key in equivalents:
                    outcome[i] = "equivalent"
                    continue
                f = Path(tmp) / f"m{i}.py"
                f.write_text(m.source, encoding="utf-8")
                pid = os.fork()
                if pid == 0:
                    run_child(modname, str(f), tests)
                running[pid] = (i, m, time.monotonic() + timeout)
            reaped = _reap(running)
            outcome.update(reaped)
            time.sleep(0.01)
            if reaped and not quiet:
                print(f"\r{path.name}: {len(outcome)}/{len(mutants)}", end="", file=sys.stderr, flush=True)
    if not quiet:
        print(file=sys.stderr)
    for i, m in enumerate(mutants):
        kind = outcome[i]
        if kind == "killed":
            res.killed += 1
        elif kind == "timeout":
            res.timed_out += 1
        elif kind == "equivalent":
            res.equivalent += 1
        else:
            res.survived.append(m)
    keys = {m.key for m in generate(source, path.name)}
    res.stale_equivalents = [" ".join(map(str, k)) for k in equivalents
                             if k[0] == path.name and k not in keys]
    return res


def _reap(running: dict[int, tuple[int, Mutant, float]]) -> dict[int, str]:
    done: dict[int, str] = {}
    for pid, (i, _m, deadline) in list(running.items()):
        got, status = os.waitpid(pid, os.WNOHANG)
        if got:
            done[i] = "survived" if os.waitstatus_to_exitcode(status) == 0 else "killed"
        elif time.monotonic() > deadline:
            try:
                os.killpg(pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            os.waitpid(pid, 0)
            done[i] = "timeout"
        else:
            continue
        del running[pid]
    return done


def report(res: Result, show_survivors: bool) -> None:
    """Print survivors with their diff, then the tally."""
    if show_survivors:
        for m in res.survived:
            print(f"\nSURVIVED `{m.mid}`")
            print("\n".join("- " + ln for ln in m.before.splitlines()))
            print("\n".join("+ " + ln for ln in m.after.splitlines()))
    for k in res.stale_equivalents:
        print(f"note: equivalent entry no longer matches a mutant: {k}")
    print(f"{res.module}: total {res.total}, killed {res.killed}, survived {len(res.survived)}, "
          f"timed out {res.timed_out}, equivalent {res.equivalent}; "
          f"non-equivalent noticed {res.score:.1f}%")


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("module_path", nargs="?", help="a module file, e.g. app/workflow/deadline.py")
    ap.add_argument("--tests", nargs="+", help="test files to run against each mutant")
    ap.add_argument("--module", action="append", help="a name from tools/mutation_targets.toml")
    ap.add_argument("--all", action="store_true", help="every module of tools/mutation_targets.toml")
    ap.add_argument("--jobs", type=int, default=1, help="mutants run at once (default 1: 2 shared cores)")
    ap.add_argument("--only", help="run only mutants whose id contains this text")
    ap.add_argument("--list", action="store_true", help="list the mutants and exit")
    ap.add_argument("--rerun", type=Path, help="run only the mutants a previous run's output lists as SURVIVED")
    ap.add_argument("--quiet", action="store_true", help="no progress line, no survivor diffs")
    args = ap.parse_args(argv)
    targets = tomllib.loads(TARGETS.read_text(encoding="utf-8"))
    plan: list[tuple[Path, list[str]]] = []
    if args.all or args.module:
        for name in (targets if args.all else args.module):
            if name not in targets:
                ap.error(f"unknown module {name!r}; known: {', '.join(targets)}")
            plan.append((ROOT / targets[name]["path"], targets[name]["tests"]))
    elif args.module_path:
        path = Path(args.module_path).resolve()
        rel = str(path.relative_to(ROOT))
        mapped = next((t["tests"] for t in targets.values() if t["path"] == rel), None)
        plan.append((path, args.tests or mapped or ap.error("--tests is required for an unmapped module")))
    else:
        ap.error("name a module path, --module NAME or --all")
    if args.list:
        for path, _tests in plan:
            for m in generate(path.read_text(encoding="utf-8"), path.name):
                print(m.mid)
        return 0
    os.chdir(ROOT)
    os.environ["PYTHONPATH"] = os.pathsep.join([str(ROOT), os.environ.get("PYTHONPATH", "")])
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    preimport()
    results = []
    for path, tests in plan:
        present = [t for t in tests if (ROOT / t).exists()]
        for t in sorted(set(tests) - set(present)):
            print(f"note: {t} does not exist; skipped", file=sys.stderr)
        if not present:
            print(f"{path.name}: none of its test files exist; nothing run", file=sys.stderr)
            continue
        rerun = survivors_in(args.rerun) if args.rerun else None
        res = run_module(path, present, max(1, args.jobs), args.only, args.quiet, rerun)
        report(res, not args.quiet)
        results.append(res)
    if len(results) > 1:
        print("\n| module | logic mutants | killed | timed out | equivalent | survived | noticed |")
        print("|---|---:|---:|---:|---:|---:|---:|")
        for r in results:
            print(f"| {r.module} | {r.total} | {r.killed} | {r.timed_out} | {r.equivalent} | "
                  f"{len(r.survived)} | {r.score:.1f}% |")
    return 0 if all(not r.survived for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())
