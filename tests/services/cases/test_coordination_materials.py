"""协办 and 会商 materials through the service: filed once with their task or 会商 record (not copied into
case attachments), checksummed, size-checked, visible as the tasks are, audited, never cascaded away."""
# ruff: noqa: F811

import hashlib
from datetime import date

import pytest
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from app.errors import InvalidTransition, ValidationError
from app.models import CoordinationMaterial, Deliberation
from tests.services.coordination_support import staff  # noqa: F401
from tests.services.helpers import request_input


def _handling(staff, name="李四"):
    s = staff.services
    d = s.requests.register(staff.clerk, request_input(applicant_name=name))
    return s.cases.assign(staff.clerk, d.id, d.version, staff.depts["规划科"], staff.handler.user_id)


def _file(tmp_path, name: str, data: bytes):
    p = tmp_path / name
    p.write_bytes(data)
    return p


def _rows(db) -> int:
    with db.read() as uow:
        return uow.session.scalar(select(func.count()).select_from(CoordinationMaterial))


def test_task_material_belongs_to_the_task_and_shows_with_its_answer(staff, tmp_path):
    s = staff.services
    d = _handling(staff)
    law = s.tasks.add_task(staff.clerk, d.id, staff.depts["法规科"], "核查是否涉及商业秘密")
    scan = b"%PDF-1.4 law department opinion"
    with pytest.raises(InvalidTransition, match="只能为本处室的协办任务添加材料"):
        s.materials.add_to_task(staff.handler3, law.id, _file(tmp_path, "x.pdf", scan))
    with pytest.raises(InvalidTransition, match="法制审核员不能为协办任务添加材料"):
        s.materials.add_to_task(staff.legal, law.id, _file(tmp_path, "x.pdf", scan))
    with pytest.raises(ValidationError, match="是空文件"):
        s.materials.add_to_task(staff.handler2, law.id, _file(tmp_path, "空.pdf", b""))
    assert _rows(s.db) == 0

    m = s.materials.add_to_task(staff.handler2, law.id, _file(tmp_path, "法规科意见.pdf", scan))
    assert (m.filename, m.size, m.sha256, m.added_by) == ("法规科意见.pdf", len(scan),
                                                          hashlib.sha256(scan).hexdigest(), "handler2")
    assert s.attachments.list(d.id) == []                        # not a case attachment any more
    law_view = next(t for t in s.tasks.tasks(staff.clerk, d.id) if t.department == "法规科")
    assert [x.filename for x in law_view.materials] == ["法规科意见.pdf"]
    # the answer carries it; the lead department sees it, another assisting department does not
    assert [t.materials for t in s.tasks.tasks(staff.handler3, d.id)] == []
    assert s.materials.content(staff.handler, m.id) == scan
    with pytest.raises(InvalidTransition, match="只能查看本处室协办任务的材料"):
        s.materials.content(staff.handler3, m.id)
    (tmp_path / "out").mkdir()
    out = s.materials.save_to(staff.clerk, m.id, tmp_path / "out" / "copy.pdf")
    assert out.read_bytes() == scan
    events = [(e.kind, e.actor, e.field, e.new) for e in s.requests.detail(d.id).events
              if e.kind in ("添加协办材料", "导出协办材料")]
    assert events == [("添加协办材料", "handler2", "法规科协办",
                       f"法规科意见.pdf（材料{m.id}，SHA-256 {hashlib.sha256(scan).hexdigest()}）"),
                      ("导出协办材料", "clerk1", "法规科协办", "法规科意见.pdf")]


def test_deliberation_material_is_stored_once_for_all_its_cases(staff, tmp_path):
    s, dl = staff.services, staff.services.deliberations
    a, b = _handling(staff), _handling(staff, "王五")
    r = dl.create(staff.chief, date(2025, 2, 7), "会议", "两件疑难申请", "赵科长、李承办", "规划科", a.id, "予以公开")
    r = dl.add_case(staff.clerk, r.id, b.id, "信息不存在", "信息不存在")
    sheet = "签到表：赵科长、李承办".encode()
    with pytest.raises(InvalidTransition, match="会商材料由登记员、科室负责人或管理员添加"):
        s.materials.add_to_deliberation(staff.handler, r.id, _file(tmp_path, "签到表.txt", sheet))
    m = s.materials.add_to_deliberation(staff.chief, r.id, _file(tmp_path, "签到表.txt", sheet))
    assert _rows(s.db) == 1                                       # one row, not one per case
    assert s.attachments.list(a.id) == [] and s.attachments.list(b.id) == []
    for case in (a, b):
        (record,) = dl.for_request(case.id)
        assert [(x.id, x.filename, x.sha256) for x in record.materials] == [
            (m.id, "签到表.txt", hashlib.sha256(sheet).hexdigest())]
        kinds = [(e.kind, e.actor, e.field) for e in s.requests.detail(case.id).events if e.kind == "添加会商材料"]
        assert kinds == [("添加会商材料", "chief1", "会议会商（某自然资规会商〔2025〕1号）")]
    assert s.materials.content(staff.handler2, m.id) == sheet
    (tmp_path / "view").mkdir()
    seen = s.materials.open_copy(staff.handler2, m.id, tmp_path / "view")
    assert seen == tmp_path / "view" / "签到表.txt" and seen.read_bytes() == sheet
    assert [(e.kind, e.actor, e.new) for e in s.requests.detail(b.id).events if e.kind == "查看会商材料"] == [
        ("查看会商材料", "handler2", "签到表.txt")]

    # a stored file whose bytes no longer match its checksum is refused, not handed out
    with s.db.uow() as uow:
        uow.session.get(CoordinationMaterial, m.id).content = b"tampered"
        uow.commit()
    with pytest.raises(ValidationError, match="校验值不符"):
        s.materials.save_to(staff.clerk, m.id, tmp_path / "copy.txt")
    assert not (tmp_path / "copy.txt").exists()

    # the record cannot be deleted from under its material: no silent cascade
    with pytest.raises(IntegrityError):
        with s.db.uow() as uow:
            uow.session.delete(uow.session.get(Deliberation, r.id))
            uow.commit()
    assert _rows(s.db) == 1


def test_the_list_of_all_records_filters_by_date_and_text(staff):
    dl = staff.services.deliberations
    a, b = _handling(staff), _handling(staff, "王五")
    first = dl.create(staff.chief, date(2025, 1, 27), "书面", "附图是否公开", "赵科长", "规划科", a.id, "予以公开")
    second = dl.create(staff.chief, date(2025, 2, 7), "线上", "历史档案", "赵科长、周档案", "档案室", b.id, "不存在")
    dl.add_case(staff.clerk, second.id, a.id, "另行答复")
    assert [(r.number, len(r.cases)) for r in dl.search()] == [(second.number, 2), (first.number, 1)]
    assert [r.number for r in dl.search(date(2025, 2, 1), date(2025, 2, 28))] == [second.number]
    assert [r.number for r in dl.search(date_to=date(2025, 1, 31))] == [first.number]
    assert [r.number for r in dl.search(text="档案室")] == [second.number]
    assert [r.number for r in dl.search(text="王五")] == [second.number]          # a discussed case's applicant
    assert [r.number for r in dl.search(text=a.number)] == [second.number, first.number]
    assert dl.search(text="没有这个") == []
