"""An imported extension without 延期理由 stores no reason (issue 18 item 2): its notice is refused naming
延期理由 until the clerk enters one, never printed "因台账导入". SQLite and PostgreSQL."""

from datetime import date

import pytest

from app.errors import ValidationError
from app.exports.letters.kinds import LetterKind
from app.services.ledger.ledger_service import LedgerService
from app.services.letters.letter_facts_service import LetterFactsService
from app.services.letters.letter_service import LetterService
from app.services.cases.request_service import RequestService
from tests.conftest import fixed_today
from tests.services.ledger.test_ledger import write
from tests.services.letters.test_letter_service import docx_text

TODAY = date(2025, 2, 20)
HEADER = ("申请编号", "收到日期", "申请方式", "申请人", "申请人类型", "申请内容", "承办处室", "延期", "延期理由")


def imported(db, clerk, tmp_path, reason):
    rows = [("Y-1", date(2025, 1, 24), "当面", "赵一", "自然人", "申请公开规划许可证", "规划科", "是", reason)]
    assert LedgerService(db, fixed_today(TODAY)).import_file(clerk, write(tmp_path / "y.xlsx", rows, HEADER)).created == 1
    requests = RequestService(db, fixed_today(TODAY))
    return requests, requests.detail(LetterService(db).find_request("Y-1"))


def test_blank_reason_is_stored_blank_and_the_notice_refused_until_entered(any_db, clerk, tmp_path):
    requests, d = imported(any_db, clerk, tmp_path, None)
    assert [(e.days, e.reason) for e in d.extensions] == [(20, "")]
    letters = LetterService(any_db, fixed_today(TODAY))
    with pytest.raises(ValidationError, match="延长答复期限告知书缺少“延期理由”") as e:
        letters.issue(clerk, d.id, LetterKind.EXTENSION)
    assert e.value.field == "extension_reason"
    facts = LetterFactsService(any_db, fixed_today(TODAY))
    with pytest.raises(ValidationError, match="请填写延期理由") as e:
        facts.set_extension_reason(clerk, d.id, d.version, "  ")
    assert e.value.field == "extension_reason"
    d = facts.set_extension_reason(clerk, d.id, d.version, "需调取2019年档案并会同规划科核查")
    assert [(x.kind, x.field, x.old, x.new) for x in d.events if x.field == "延期理由"] == [
        ("补录延期理由", "延期理由", "", "需调取2019年档案并会同规划科核查")]
    text = docx_text(letters.files(letters.issue(clerk, d.id, LetterKind.EXTENSION).id).docx)
    assert "因需调取2019年档案并会同规划科核查，本机关不能在规定期限内作出答复" in text
    assert "台账导入，本机关" not in text


def test_a_ledger_reason_is_kept(any_db, clerk, tmp_path):
    _, d = imported(any_db, clerk, tmp_path, "涉及历史档案")
    assert [e.reason for e in d.extensions] == ["涉及历史档案"]
