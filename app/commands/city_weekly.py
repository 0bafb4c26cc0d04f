"""``city-weekly``: the city office's weekly supervision summary of every agency as .xlsx."""

from __future__ import annotations

from app.services.city.weekly_service import CityWeeklyService


def register(sub) -> None:
    p = sub.add_parser("city-weekly", help="全市依申请公开办理督办周报：各机关在办、临近到期、逾期、按期答复率和最久逾期案件"
                                           "（市政务公开办账户，须 --user）")
    p.add_argument("--week", required=True, help="统计周（ISO周），例如 2026-W27")
    p.add_argument("--out", required=True, help="输出文件（.xlsx）")
    p.set_defaults(handler=_city_weekly, needs_user=True)


def _city_weekly(args, db) -> int:
    weekly = CityWeeklyService(db).export(args.actor, args.week, args.out)
    print(f"全市督办周报已导出：{args.out}（{weekly.week}，{len(weekly.rows)}个机关，逾期{weekly.total.overdue}件）")
    return 0
