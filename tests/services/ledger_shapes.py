"""Ledgers in the shapes offices really keep (domain §6): an instructions sheet first, a title row,
their own header words, date-time text, Excel serials and decision words."""

from __future__ import annotations

from datetime import datetime

import openpyxl

INSTRUCTIONS = ("填表说明", ["1. 本台账按收到申请的先后登记。", "2. 日期一律写到秒。", "3. 处理结果按答复书填写。"])
TITLE = "某某市自然资源和规划局2025年政府信息公开申请办理台账"
HEADER = ("序号", "受理编号", "申请时间", "申请人姓名", "申请人类别", "联系电话", "所需信息内容描述",
          "承办部门", "处理结果", "回复时间", "备注说明")
# 受理编号, 申请时间, 申请人姓名, 类别, 电话, 内容, 部门, 处理结果, 回复时间, 备注
ROWS = [
    ("YSQ-2025-001", "2025-01-06 09:35:58", "张三", "公民", "13800000001", "某小区规划许可证", "规划科",
     "已主动公开", "2025-01-20 16:02:11", ""),
    ("YSQ-2025-002", 45667, "李四", "公民", "", "某道路改造立项批复", "规划科",           # serial 45667 = 2025-01-10
     "信息不存在", "2025年02月07日", "电话告知"),
    ("YSQ-2025-003", "2025/1/13 9:35", "某某置业有限公司", "企业", "", "某地块出让合同", "用地科",
     "不予公开（国家秘密）", datetime(2025, 2, 10, 10, 0), ""),
    ("YSQ-2025-004", "2025年01月15日", "某某律师事务所", "法律服务机构", "", "某处罚决定书", "执法监察支队",
     "非本机关政府信息", "2025-02-12", ""),
    ("YSQ-2025-005", "2025-01-16 14:20", "王五", "个人", "", "某征收补偿方案", "用地科", "", "", "办理中"),
]


def office_ledger(path, rows=ROWS, header=HEADER, title=TITLE, instructions=True, sheet="依申请公开台账"):
    """Sheet 1 = instructions, sheet 2 = title row, blank row, header on row 3, data from row 4."""
    wb = openpyxl.Workbook()
    first = wb.active
    if instructions:
        first.title = INSTRUCTIONS[0]
        for line in INSTRUCTIONS[1]:
            first.append([line])
        ws = wb.create_sheet(sheet)
    else:
        ws, ws.title = first, sheet
    ws.append([title])
    ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(header))
    ws.append([])
    ws.append(list(header))
    for i, r in enumerate(rows, start=1):
        ws.append([i, *r])
    wb.save(path)
    return path
