"""tools/mutate.py with the PostgreSQL tests kept (they start a throwaway server per mutant: slow).

For the few mutants only a server reaches, e.g. the server branch of app/services/agencies.py:

    python tools/mutate_pg.py app/services/agencies.py --only current_agency:16 \
        --tests tests/services/trust/test_city_indexes.py::test_an_anchor_is_taken_and_checked_on_the_sessions_own_chain

Test ids (file::test) are allowed here. Everything else is tools/mutate.py's (same equivalents file).
"""

import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import mutate  # noqa: E402

mutate.PYTEST_ARGS = [a for a in mutate.PYTEST_ARGS if a not in ("-m", "not pg")]


def main() -> int:
    import argparse
    import os

    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("module_path")
    ap.add_argument("--tests", nargs="+", required=True)
    ap.add_argument("--only")
    args = ap.parse_args()
    os.chdir(mutate.ROOT)
    os.environ["PYTHONPATH"] = os.pathsep.join([str(mutate.ROOT), os.environ.get("PYTHONPATH", "")])
    mutate.preimport()
    res = mutate.run_module(Path(args.module_path).resolve(), args.tests, 1, args.only, False)
    mutate.report(res, True)
    return 0 if not res.survived else 1


if __name__ == "__main__":
    sys.exit(main())
