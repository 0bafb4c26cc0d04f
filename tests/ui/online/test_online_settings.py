"""管理 → 网上申请 through the settings page: the SMTP relay and 申请须知, refused in Chinese, saved and audited."""

import json
import os

from PySide6.QtCore import Qt
from sqlalchemy import select

from app.models import Event, Setting
from app.services.container import Services
from app.ui.common import prompts
from app.ui.settings.settings_view import SettingsView
from app.services.online.online_service import OnlineService
from tests.services.online.support import SECRET


def test_admin_sets_the_relay_and_the_notice(qtbot, sqlite_db, admin):
    seen = []
    for kind in ("info", "warn", "error"):
        prompts.set_answer(kind, lambda title, text, k=kind: seen.append((k, title, text)))
    try:
        view = SettingsView(Services.build(sqlite_db), admin)
        qtbot.addWidget(view)
        view.tabs.setCurrentWidget(view.online_form)
        form = view.online_form
        form.notice.setPlainText("请如实填写申请人信息。")
        form.host.setText("smtp.example.gov.cn")
        form.port.setValue(587)
        assert view.unsaved_changes() == "网上申请设置"
        qtbot.mouseClick(form.save_button, Qt.LeftButton)
        assert seen[-1][0] == "error" and "发件人地址" in seen[-1][2]           # no sender: nothing saved
        with sqlite_db.read() as uow:
            assert uow.session.get(Setting, "smtp_host") is None
        form.sender.setText("gongkai@example.gov.cn")
        qtbot.mouseClick(form.save_button, Qt.LeftButton)
        assert form.status.text() == "已保存网上申请设置。邮件提醒已开启。"
        with sqlite_db.read() as uow:
            stored = {k: json.loads(uow.session.get(Setting, k).value)
                      for k in ("smtp_host", "smtp_port", "smtp_from", "online_notice")}
            audited = [e.field for e in uow.session.scalars(select(Event).where(Event.kind == "修改设置"))]
        assert stored == {"smtp_host": "smtp.example.gov.cn", "smtp_port": 587, "smtp_from": "gongkai@example.gov.cn",
                          "online_notice": "请如实填写申请人信息。"}
        assert {"邮件服务器", "邮件服务器端口", "发件人地址", "网上申请须知"} <= set(audited)
        assert OnlineService(sqlite_db, SECRET).agencies()[0].notice == "请如实填写申请人信息。"
        os.makedirs("/work/shots/online-core", exist_ok=True)
        view.resize(900, 600)
        view.grab().save("/work/shots/online-core/settings-online.png")
    finally:
        for kind in ("info", "warn", "error"):
            prompts.set_answer(kind, None)
