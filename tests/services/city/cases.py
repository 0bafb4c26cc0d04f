"""The cases of the board tests, and their expected figures worked out by hand for 2026-06-30."""

from datetime import date

TODAY = date(2026, 6, 30)           # a Tuesday; 5 working days later is Tuesday 2026-07-07 (no holiday)
SOON_UNTIL = date(2026, 7, 7)
D = date
# (number, status, receipt, due, replied, department)
JIA_CASES = (
    ("甲-2026-001", "办理中", D(2026, 5, 20), D(2026, 6, 20), None, "规划科"),     # overdue 10 days
    ("甲-2026-002", "待签批", D(2026, 5, 25), D(2026, 6, 25), None, "规划科"),     # overdue 5 days
    ("甲-2026-003", "办理中", D(2026, 6, 5), D(2026, 7, 3), None, "法规科"),       # due soon
    ("甲-2026-004", "办理中", D(2026, 6, 22), D(2026, 7, 20), None, None),         # open, not soon
    ("甲-2026-005", "已答复", D(2026, 2, 1), D(2026, 3, 10), D(2026, 3, 1), None),  # on time
    ("甲-2026-006", "已答复", D(2026, 3, 10), D(2026, 4, 10), D(2026, 4, 20), None),  # late
    ("甲-2025-090", "已归档", D(2025, 11, 1), D(2025, 12, 10), D(2025, 12, 1), None),  # last year's reply
    ("甲-2026-007", "已答复", D(2026, 6, 1), D(2026, 7, 5), D(2026, 7, 1), None),    # replied after today
)
YI_CASES = (
    ("乙-2026-001", "已答复", D(2026, 4, 1), D(2026, 5, 10), D(2026, 5, 1), None),   # on time
    ("乙-2026-002", "待审核", D(2026, 6, 29), D(2026, 7, 7), None, None),            # soon (last day counts)
    ("乙-2026-003", "待补正", D(2026, 6, 1), D(2026, 6, 30), None, None),            # due today: soon, not overdue
)
# agency → (open, due soon, overdue, replied this year, of them on time, oldest overdue, its days)
JIA_ROW = (4, 1, 2, 2, 1, "甲-2026-001", 10)
YI_ROW = (2, 2, 0, 1, 1, "", 0)
TOTAL_ROW = (6, 3, 2, 3, 2, "甲-2026-001", 10)
# the drill-down of 甲: open cases by due date (number, due, status, stage, days overdue, department)
JIA_DRILL = [("甲-2026-001", D(2026, 6, 20), "办理中", "办理", 10, "规划科"),
             ("甲-2026-002", D(2026, 6, 25), "待签批", "签批", 5, "规划科"),
             ("甲-2026-003", D(2026, 7, 3), "办理中", "办理", 0, "法规科"),
             ("甲-2026-004", D(2026, 7, 20), "办理中", "办理", 0, "")]
PERSONAL = dict(name="欧阳明哲", id_number="110101199001011234", phone="13912345678", address="某市幸福路8号",
                description="申请公开本人房屋征收补偿协议")
