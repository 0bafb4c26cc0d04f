"""More ledgers in real offices' shapes (issue 19), built with openpyxl: an old JSP system's ledger whose
“不于公开” covers several grounds, a list with no content column, and a workbook with several sheets."""

from __future__ import annotations

import openpyxl

JSP_HEADER = ("流水号", "申请日期", "申请人", "申请人类型", "申请内容", "办理结果", "答复日期")
# One value, three leaves: rows 3, 4 and 5 were withheld for a state secret, a firm's trade secret
# and a process document; the ledger says only 不于公开.
JSP_ROWS = [
    ("JSP-2019-01", "2019-03-04", "钱某某", "自然人", "某路段拓宽工程批复", "予以公开", "2019-03-20"),
    ("JSP-2019-02", "2019-03-11", "某某测绘有限公司", "商业企业", "某区域1:500地形图", "不于公开", "2019-03-29"),
    ("JSP-2019-03", "2019-04-01", "某某建材有限公司", "商业企业", "某竞争企业的投标文件", "不于公开", "2019-04-19"),
    ("JSP-2019-04", "2019-04-15", "孙某某", "自然人", "某规划修改专家论证会议纪要", "不于公开", "2019-05-06"),
]
NO_CONTENT_HEADER = ("序号", "申请编号", "收到日期", "申请人", "申请人类型", "承办处室")
NO_CONTENT_ROWS = [(1, "L-001", "2025-03-03", "郑某某", "自然人", "规划科"),
                   (2, "L-002", "2025-03-10", "某某物业有限公司", "商业企业", "用地科")]


def jsp_ledger(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "Sheet1"
    ws.append(list(JSP_HEADER))
    for r in JSP_ROWS:
        ws.append(list(r))
    wb.save(path)
    return path


def no_content_list(path):
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "申请人名单"
    ws.append(list(NO_CONTENT_HEADER))
    for r in NO_CONTENT_ROWS:
        ws.append(list(r))
    wb.save(path)
    return path


def sheets_ledger(path, second=True, hidden=True):
    """Sheet 2025 is read; 2024 also has a ledger header; 旧台账 is a hidden sheet with one."""
    header = ["申请编号", "收到日期", "申请人", "申请人类型", "申请内容"]
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.title = "2025"
    ws.append(header)
    ws.append(["S-2025-1", "2025-02-03", "甲某", "自然人", "某文件"])
    if second:
        ws2 = wb.create_sheet("2024")
        ws2.append(header)
        ws2.append(["S-2024-1", "2024-05-06", "乙某", "自然人", "另一文件"])
    if hidden:
        ws3 = wb.create_sheet("旧台账")
        ws3.sheet_state = "hidden"
        ws3.append(header + ["承办处室"])
        ws3.append(["S-OLD-1", "2024-01-08", "丙某", "自然人", "旧文件", "规划科"])
    wb.create_sheet("说明").append(["本表按收到日期登记"])
    wb.save(path)
    return path
