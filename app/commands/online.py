"""``online-notices``: e-mail the online applicants whose documents became available (cron, every few minutes)."""

from __future__ import annotations

import sys

from app.services.online.desk_service import OnlineDeskService


def register(sub) -> None:
    p = sub.add_parser("online-notices", help="网上申请邮件提醒：向文书已可在线获取的申请人发送邮件提醒（每份文书一次）")
    p.set_defaults(handler=_notices, needs_user=True)     # on a server: the user's agency's cases


def _notices(args, db) -> int:
    try:
        sent = OnlineDeskService(db).send_notices()
    except OSError as e:
        print(f"错误：无法连接邮件服务器（{e}），未发送的提醒将在下次运行时发送。", file=sys.stderr)
        return 1
    print(f"已发送邮件提醒{sent}封。" if sent else "没有需要发送的邮件提醒。")
    return 0
