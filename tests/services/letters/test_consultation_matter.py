"""征求意见事项 (issue 18.13): the letters to a third party or another agency name the information, never the
applicant; while the matter holds the applicant's stored name, address, ID or phone the case flags it and
the letter is refused, naming 征求意见事项 (个人信息保护法 第六条). SQLite and PostgreSQL."""

from datetime import date

import pytest
from sqlalchemy import select

from app.errors import ValidationError
from app.exports.letters.kinds import LetterKind
from app.models import Event
from app.workflow.deadline import PauseKind
from tests.services.letters.test_letter_legal_review import handling, refused, s  # noqa: F401
from tests.services.letters.test_letter_service import docx_text

NAME, ADDRESS, ID_NUMBER, PHONE = "张建国", "某某市某某区文一路100号", "110105198001011238", "13812345678"
# What applicants really write: their own name and home, a neighbour's permit.
DESCRIPTION = f"本人{NAME}，住{ADDRESS}，申请公开邻居文一路102号加建车库的建设工程规划许可证及附图"
MATTER = "文一路102号加建车库的建设工程规划许可证及附图"


def _case(s, clerk, description=DESCRIPTION):  # noqa: F811
    return handling(s, clerk, applicant_name=NAME, address=ADDRESS, id_type="居民身份证", id_number=ID_NUMBER,
                    phone=PHONE, description=description)


def _letter(s, actor, rid, kind):  # noqa: F811
    return docx_text(s.letters.files(s.letters.issue(actor, rid, kind).id).docx)


@pytest.mark.parametrize("kind, letter", [(PauseKind.THIRD_PARTY, LetterKind.CONSULTATION),
                                          (PauseKind.OTHER_AGENCY, LetterKind.AGENCY_CONSULTATION)])
def test_the_description_by_default_is_flagged_and_its_letter_refused(s, clerk, handler, kind, letter):  # noqa: F811
    d = _case(s, clerk)
    d = s.cases.start_consultation(handler, d.id, d.version, kind, "某某置业有限公司", date(2025, 1, 22))
    c = d.consultations[-1]
    assert c.matter == DESCRIPTION                                 # the default: the description
    assert c.matter_flag.startswith("征求意见事项含有申请人的姓名（名称）、住址。")
    refused(s, clerk, d.id, "matter", "征求意见事项含有申请人的姓名（名称）、住址.*请在“征求意见事项”中删去后再出具", letter)


def test_a_clean_matter_given_at_the_start_is_what_the_letter_prints(s, clerk, handler):  # noqa: F811
    d = _case(s, clerk)
    d = s.cases.start_consultation(handler, d.id, d.version, PauseKind.THIRD_PARTY, "某某置业有限公司",
                                   date(2025, 1, 22), matter=f"  {MATTER} ")
    assert (d.consultations[-1].matter, d.consultations[-1].matter_flag) == (MATTER, "")
    text = _letter(s, handler, d.id, LetterKind.CONSULTATION)
    assert f"申请人申请获取“{MATTER}”。" in text
    for personal in (NAME, ADDRESS, "文一路100号", ID_NUMBER, PHONE):
        assert personal not in text


def test_correcting_the_matter_is_audited_and_then_the_letter_goes(s, clerk, handler):  # noqa: F811
    d = _case(s, clerk)
    d = s.cases.start_consultation(handler, d.id, d.version, PauseKind.OTHER_AGENCY, "某某市住房和城乡建设局",
                                   date(2025, 1, 22))
    cid = d.consultations[-1].id
    with pytest.raises(ValidationError, match="请填写征求意见事项") as e:
        s.facts.set_consultation_matter(handler, d.id, d.version, cid, "  ")
    assert e.value.field == "matter"
    d = s.facts.set_consultation_matter(handler, d.id, d.version, cid, MATTER)
    assert d.consultations[-1].matter_flag == ""
    assert f"申请人申请获取“{MATTER}”。" in _letter(s, handler, d.id, LetterKind.AGENCY_CONSULTATION)
    with s.db.uow() as uow:
        [(who, field, old, new)] = uow.session.execute(
            select(Event.actor, Event.field, Event.old, Event.new).where(Event.kind == "征求意见事项")).all()
    assert (who, field, old, new) == (handler.username, "征求其他机关意见（某某市住房和城乡建设局）", DESCRIPTION, MATTER)


@pytest.mark.parametrize("slip, found", [
    (f"{MATTER}（申请人{NAME}）", "姓名（名称）"),
    (f"{MATTER}，申请人住文一路100号", "住址"),                        # the street part of the stored address
    (f"{MATTER}，身份证号{ID_NUMBER}", "证件号码"),
    (f"{MATTER}，联系电话138-1234-5678", "联系电话"),                  # written with dashes
])
def test_each_kind_of_stored_applicant_data_is_flagged(s, clerk, handler, slip, found):  # noqa: F811
    d = _case(s, clerk, description=MATTER)
    d = s.cases.start_consultation(handler, d.id, d.version, PauseKind.THIRD_PARTY, "某某置业有限公司",
                                   date(2025, 1, 22), matter=slip)
    assert d.consultations[-1].matter_flag.startswith(f"征求意见事项含有申请人的{found}。")
    refused(s, clerk, d.id, "matter", "征求意见事项", LetterKind.CONSULTATION)


def test_the_article_32_notice_to_the_party_names_the_matter_too(s, clerk, handler):  # noqa: F811
    d = _case(s, clerk)
    d = s.cases.start_consultation(handler, d.id, d.version, PauseKind.THIRD_PARTY, "某某置业有限公司",
                                   date(2025, 1, 22), date(2025, 1, 23), matter=MATTER)
    d = s.cases.end_consultation(handler, d.id, d.version, date(2025, 2, 5), "不同意公开", "不同意")
    d = s.facts.decide_disclosure_over_objection(handler, d.id, d.version, d.consultations[-1].id,
                                                 "该加建影响相邻采光，公开涉及公共利益")
    text = _letter(s, clerk, d.id, LetterKind.DISCLOSURE_DECISION)          # the office issues it
    assert f"决定公开的政府信息内容：“{MATTER}”。" in text and NAME not in text and ADDRESS not in text
