"""``demo`` subcommand: fill a database with a realistic year of demo cases."""

from __future__ import annotations

from app.services.demo import fill_demo


def register(sub) -> None:
    p = sub.add_parser("demo", help="生成一年的演示数据")
    p.add_argument("--cases", type=int, default=240, help="演示申请件数（默认240）")
    p.set_defaults(handler=_demo, needs_user=True)


def _demo(args, db) -> int:
    summary = fill_demo(db, cases=args.cases)
    print(f"演示数据已生成：{summary}")
    return 0
