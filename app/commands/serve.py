"""``serve`` subcommand: the public web service (网上申请与办理进度查询) under uvicorn."""

from __future__ import annotations

import argparse
import os
import sys


def register(sub) -> None:
    p = sub.add_parser("serve", help="启动网上申请与办理进度查询服务（对外服务，置于反向代理之后）")
    p.add_argument("--db", default=argparse.SUPPRESS,
                   help="数据库文件路径或连接地址（PostgreSQL 上用 dd_web 账户的连接地址）")
    p.add_argument("--host", default="127.0.0.1", help="监听地址（默认 127.0.0.1，只供本机的反向代理访问）")
    p.add_argument("--port", type=int, default=8000, help="监听端口（默认 8000）")
    p.add_argument("--workers", type=int, default=1, help="工作进程数（默认 1；多个进程共用同一数据库）")
    p.add_argument("--trusted-proxy", default=None, metavar="地址",
                   help="可信反向代理的地址或网段，逗号分隔（只信任它们转发的 X-Forwarded-For/Proto；默认不信任任何代理）")
    p.set_defaults(handler=_serve, needs_database=False)


def _serve(args) -> int:
    import uvicorn

    from app.config import default_database
    from app.web.config import DB_ENV, PROXIES_ENV, parse_networks

    os.environ[DB_ENV] = args.db or os.environ.get(DB_ENV) or default_database()
    if args.trusted_proxy is not None:
        try:
            parse_networks(args.trusted_proxy)
        except ValueError:
            print(f"错误：可信代理地址“{args.trusted_proxy}”无法识别，请填写如 127.0.0.1 或 10.0.0.0/8。", file=sys.stderr)
            return 2
        os.environ[PROXIES_ENV] = args.trusted_proxy
    from app.errors import DomainError
    from app.services.online.codes import load_secret

    try:
        load_secret()          # fail here, once, in Chinese, rather than in every worker
    except (DomainError, ValueError) as e:
        print(f"错误：服务密钥无法读取（DD_ONLINE_SECRET 应为至少 64 位十六进制数字）：{e}", file=sys.stderr)
        return 2
    # Our own header handling (app/web/addresses.py) decides whom to trust, so uvicorn's is off;
    # uvicorn's access log is off too (it would log full addresses): app.web.access logs instead.
    uvicorn.run("app.web.app:app_from_env", factory=True, host=args.host, port=args.port,
                workers=args.workers, proxy_headers=False, access_log=False, server_header=False,
                timeout_keep_alive=5, timeout_graceful_shutdown=10, log_level="info")
    return 0
