"""Who runs a data-changing command: a user with a password, or the installer on a database without users."""

from __future__ import annotations

import getpass
import os
import sys

from app.errors import PermissionDenied
from app.services.dto import Actor
from app.services.trust.office_service import OfficeService

PASSWORD_VARIABLE = "DISCLOSURE_DESK_PASSWORD"
NEEDS_USER = ("数据库中已有用户：修改数据的命令须以用户身份办理，请加上 --user 用户名，密码在提示时输入，"
              f"或由环境变量 {PASSWORD_VARIABLE} 提供。未写入任何数据。")


def command_line_session(db, username: str | None) -> Actor:
    """Log in ``username`` (password from the variable or a prompt); the installer on an empty database."""
    office = OfficeService(db)
    if not username:
        if office.has_users():
            raise PermissionDenied(NEEDS_USER)
        return office.installer_session()
    password = os.environ.get(PASSWORD_VARIABLE)
    if password is None:
        if not sys.stdin or not sys.stdin.isatty():
            raise PermissionDenied(f"没有提供密码：请在终端中运行以输入密码，或设置环境变量 {PASSWORD_VARIABLE}。"
                                   "未写入任何数据。")
        password = getpass.getpass(f"用户 {username} 的密码：")
    return office.login(username, password)
