"""Render 数据 → 导入台账's mapping step with an office-shaped ledger (python docs/screenshots/take_ledger_mapping.py).

Writes ledger-mapping.png (columns, values with suggestions, preview) and ledger-imported.png (the
data page after the import: the report with the cases overdue on arrival).
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import date, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parents[1]))

from PySide6.QtCore import QCoreApplication  # noqa: E402

from app.services.container import Services  # noqa: E402
from app.services.dto import Actor  # noqa: E402
from app.services.uow import Database  # noqa: E402
from app.ui.common import prompts  # noqa: E402
from app.ui.data.data_view import DataView  # noqa: E402
from app.ui.startup import make_application  # noqa: E402
from app.ui.common.tasks import wait_all  # noqa: E402
from app.workflow.vocabulary import Role  # noqa: E402
from tests.services.ledger_shapes import office_ledger  # noqa: E402

TODAY = date(2025, 11, 20)
HEADER = ("序号", "受理编号", "申请时间", "申请人姓名", "申请人类别", "申请方式", "联系电话", "所需信息内容描述",
          "承办部门", "处理结果", "回复时间", "备注说明")
ROWS = [
    ("YSQ-2025-101", "2025-09-01 09:35:58", "张三", "公民", "窗口", "13800000001", "某小区规划许可证及附图", "规划科",
     "已主动公开", "2025-09-12 16:02:11", ""),
    ("YSQ-2025-102", 45904, "李四", "公民", "网上申请", "", "某道路改造立项批复", "规划科", "信息不存在", "2025年09月30日",
     "电话告知"),
    ("YSQ-2025-103", "2025/9/8 9:35", "某某置业有限公司", "企业", "EMS", "", "某地块出让合同", "用地科",
     "不予公开（国家秘密）", datetime(2025, 10, 9, 10, 0), ""),
    ("YSQ-2025-104", "2025年09月15日", "某某律师事务所", "单位", "政府网站", "", "某行政处罚决定书", "执法监察支队",
     "非本机关政府信息", "2025-10-10", ""),
    ("YSQ-2025-105", "2025-09-16 14:20", "某某科技有限公司", "企业", "挂号信", "", "某产业园区招商优惠政策", "办公室",
     "已答复", "2025-10-15", ""),
    ("YSQ-2025-106", "2025-09-22 10:00", "王五", "个人", "现场", "", "某征收补偿方案", "用地科", "", "", "办理中"),
    ("YSQ-2025-107", "2025-10-09 11:00", "某某大学城市规划研究院", "单位", "邮件", "", "本市建设用地供应计划", "规划科",
     "", "", ""),
]


def main() -> None:
    app = make_application([])
    tmp = Path(tempfile.mkdtemp())
    db = Database.open(str(tmp / "shot.sqlite3"))
    services = Services.build(db, today=lambda: TODAY)
    clerk = Actor("wangdj", "王登记", Role.CLERK)
    ledger = office_ledger(tmp / "某局依申请公开台账2025.xlsx", ROWS, HEADER,
                           title="某某市自然资源和规划局2025年政府信息公开申请办理台账")
    prompts.set_answer("open_file", lambda title, default: str(ledger))
    view = DataView(services, clerk)
    view.resize(1440, 880)
    view.show()
    view.start_import()
    dlg = view.mapping_dialog
    dlg.resize(1180, 900)
    _settle(app, lambda: dlg.preview is not None)
    dlg.grab().save(str(HERE / "ledger-mapping-problem.png"))     # 已答复 still needs a choice
    row = [v.raw for v in dlg.values.rows()].index("已答复")
    dlg.values.setData(dlg.values.index(row, 4), "予以公开")
    dlg.name.setText("某系统导出台账")
    dlg.save_mapping()
    dlg.preview = None
    dlg.start()
    _settle(app, lambda: dlg.preview is not None)
    dlg.grab().save(str(HERE / "ledger-mapping.png"))
    dlg.accept()
    _settle(app, lambda: view.result_text.toPlainText() != "")
    view.grab().save(str(HERE / "ledger-imported.png"))
    db.dispose()


def _settle(app, done) -> None:
    for _ in range(400):
        QCoreApplication.processEvents()
        wait_all(50)
        if done():
            for _ in range(20):
                QCoreApplication.processEvents()
            return
    raise SystemExit("the mapping step did not finish")


if __name__ == "__main__":
    main()
