"""The 会商记录 table model passes Qt's model checks and shows a record as a clerk reads it."""

from datetime import date

from app.ui.cases.deliberation_table_model import DeliberationTableModel
from tests.services.coordination_support import make_staff
from tests.services.helpers import request_input


def test_deliberation_rows(qtmodeltester, sqlite_db):
    staff = make_staff(sqlite_db)
    s = staff.services
    a = s.requests.register(staff.clerk, request_input())
    b = s.requests.register(staff.clerk, request_input(applicant_name="王五"))
    r = s.deliberations.create(staff.chief, date(2025, 2, 7), "线上", "两件\n疑难申请", "赵科长", "规划科、法规科",
                               a.id, "予以公开")
    s.deliberations.add_case(staff.clerk, r.id, b.id, "信息不存在")
    model = DeliberationTableModel()
    model.set_rows(s.deliberations.search())
    qtmodeltester.check(model)
    assert [model.index(0, c).data() for c in range(model.columnCount())] == [
        "2025-02-07", "某自然资规会商〔2025〕1号", "线上", "两件 疑难申请", "2件", "规划科、法规科"]
