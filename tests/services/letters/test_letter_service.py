"""Issuing letters against a real database (SQLite and PostgreSQL): 文号 per type and year, drafts,
sign-off freezing, new revisions after sign-off, audit, and two issuers at once.

Expected numbers, dates and citations are worked out by hand from domain.md (§3 deadlines, §4/§7 letters)
and the default office settings (机关简称 某自然资规, 复议机关 某某市人民政府, 人民法院 某某区人民法院).
"""

import hashlib
import io
import shutil
import threading
from dataclasses import replace
from datetime import date

import pytest
from docx import Document

from app.errors import PermissionDenied, ValidationError
from app.exports.letters.kinds import LetterKind
from app.exports.letters.templates import template_for
from app.models import DocCounter
from app.services.cases.case_service import CaseService
from app.services.letters.letter_service import PENDING_NUMBER, LetterService
from app.services.letters.notice_service import NoticeService
from app.services.cases.request_service import RequestService
from app.services.settings_service import SettingsService
from app.workflow.outcomes import Outcome
from tests.conftest import fixed_today
from tests.services.helpers import add_department, request_input

TODAY = date(2025, 6, 30)
SECRET_REASON = "该附图已由保密行政管理部门确定为秘密级国家秘密"


@pytest.fixture
def svc(any_db):
    return (RequestService(any_db, fixed_today(TODAY)), CaseService(any_db, fixed_today(TODAY)),
            LetterService(any_db, fixed_today(TODAY)))


@pytest.fixture
def dept(any_db):
    return add_department(any_db)


def submitted(svc, dept, clerk, handler, outcome=Outcome.STATE_SECRET, decision="不予公开",
              reasons=SECRET_REASON, withheld_ground="", query_law="", access_route="", **inp):
    requests, cases, _ = svc
    d = requests.register(clerk, request_input(**inp))
    d = cases.assign(clerk, d.id, d.version, dept)
    return cases.submit(handler, d.id, d.version, decision=decision, outcome=outcome, reasons=reasons,
                        withheld_ground=withheld_ground, query_law=query_law, access_route=access_route)


def docx_text(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    return "".join(p.text for p in doc.paragraphs) + "".join(
        c.text for t in doc.tables for row in t.rows for c in row.cells)


def events(svc, rid, kind):
    return [e for e in svc[0].events(rid) if e.kind == kind]


def test_reply_is_numbered_worded_and_stored(svc, dept, clerk, handler):
    d = submitted(svc, dept, clerk, handler)
    letters = svc[2]
    letter = letters.issue(handler, d.id)
    assert (letter.kind, letter.variant, letter.doc_number, letter.revision, letter.state) == \
        ("政府信息公开申请答复书", "不予公开", "某自然资规依复〔2025〕1号", 1, "草稿")
    files = letters.files(letter.id)
    text = docx_text(files.docx)
    assert "某自然资规依复〔2025〕1号" in text and "李四：" in text
    assert "本机关于2025年1月20日收到您提出的政府信息公开申请（申请编号：某自然资规依申〔2025〕1号）" in text
    assert "根据《中华人民共和国政府信息公开条例》第十四条、第三十六条第（三）项的规定，本机关决定不予公开。" in text
    assert SECRET_REASON + "。" in text
    assert ("如对本答复不服，应当先自收到本答复之日起六十日内向某某市人民政府申请行政复议；对行政复议决定不服的，"
            "可以自收到行政复议决定书之日起十五日内依法向人民法院提起行政诉讼。") in text
    assert text.endswith("某某市自然资源和规划局2025年6月30日")
    assert files.pdf.startswith(b"%PDF") and letter.sha256 == hashlib.sha256(files.pdf).hexdigest()
    [e] = events(svc, d.id, "生成文书")
    assert (e.actor, e.field, e.new) == ("handler1", "答复（不予公开）", "某自然资规依复〔2025〕1号")


def test_disclosure_reply_cites_36_2_and_says_how_information_is_provided(svc, dept, clerk, handler):
    d = submitted(svc, dept, clerk, handler, Outcome.DISCLOSED, "予以公开", "", requested_form="纸质",
                  delivery="邮寄")
    text = docx_text(svc[2].files(svc[2].issue(handler, d.id).id).docx)
    assert "第三十六条第（二）项的规定，本机关决定予以公开。现将该政府信息以纸质形式邮寄给您，请注意查收。" in text
    assert ("如对本答复不服，可自收到本答复之日起六十日内向某某市人民政府申请行政复议，"
            "或者自收到本答复之日起六个月内向某某区人民法院提起行政诉讼。") in text


def test_numbers_count_per_document_type_and_year(any_db, svc, dept, clerk, handler, chief):
    requests, cases, letters = svc
    a = requests.register(clerk, request_input())
    a = cases.request_correction(clerk, a.id, a.version, date(2025, 1, 22), "请写明小区名称")
    b = submitted(svc, dept, clerk, handler)
    c = submitted(svc, dept, clerk, handler, applicant_name="王五")
    assert letters.issue(clerk, a.id, LetterKind.CORRECTION).doc_number == "某自然资规依补〔2025〕1号"
    b_reply = letters.issue(clerk, b.id)
    assert b_reply.doc_number == "某自然资规依复〔2025〕1号"
    assert letters.issue(clerk, c.id).doc_number == "某自然资规依复〔2025〕2号"
    assert letters.issue(clerk, b.id, LetterKind.RECEIPT).doc_number == "某自然资规依受〔2025〕1号"
    letters.sign(chief, b_reply.id)                                  # a 送达回证 only for a signed letter
    assert letters.issue(clerk, b.id, LetterKind.SERVICE).doc_number == ""          # a form, no 文号
    next_year = LetterService(any_db, fixed_today(date(2026, 1, 5)))
    e = submitted(svc, dept, clerk, handler, applicant_name="赵六")
    assert next_year.issue(clerk, e.id).doc_number == "某自然资规依复〔2026〕1号"


def test_issuing_again_changes_nothing_and_takes_no_number(any_db, svc, dept, clerk, handler):
    d = submitted(svc, dept, clerk, handler)
    first = svc[2].issue(handler, d.id)
    again = svc[2].issue(clerk, d.id)
    assert again == first
    assert len(events(svc, d.id, "生成文书")) == 1 and not events(svc, d.id, "更新文书草稿")
    with any_db.uow() as uow:
        counter = uow.session.get(DocCounter, (2025, "政府信息公开申请答复书"))
        assert counter.last_value == 1


def test_a_changed_draft_keeps_its_number(svc, dept, clerk, handler, chief):
    _, cases, letters = svc
    d = submitted(svc, dept, clerk, handler)
    first = letters.issue(handler, d.id)
    d = cases.return_for_revision(chief, d.id, d.version, "理由不充分")
    d = cases.submit(handler, d.id, d.version, reasons="该附图经定密属于机密级国家秘密")
    second = letters.issue(handler, d.id)
    assert (second.id, second.doc_number, second.revision, second.state) == (first.id, first.doc_number, 1, "草稿")
    assert "该附图经定密属于机密级国家秘密。" in docx_text(letters.files(second.id).docx)
    assert [e.new for e in events(svc, d.id, "更新文书草稿")] == ["某自然资规依复〔2025〕1号"]


def test_sign_off_leaves_the_draft_and_the_chiefs_signing_freezes_it_with_its_checksum(svc, dept, clerk,
                                                                                      handler, chief):
    _, cases, letters = svc
    d = submitted(svc, dept, clerk, handler)
    draft = letters.issue(handler, d.id)
    pdf_before = letters.files(draft.id).pdf
    cases.sign_off(chief, d.id, d.version, "同意")          # 签批同意 approves the case, signs no letter
    assert letters.get(draft.id).state == "草稿" and events(svc, d.id, "签发文书") == []
    letters.sign(chief, draft.id)                             # only 签发 signs (issue 19)
    signed = letters.get(draft.id)
    assert (signed.state, signed.signed_by, signed.doc_number) == ("已签发", "chief1", draft.doc_number)
    assert letters.files(draft.id).pdf == pdf_before         # unchanged case: signed exactly as drafted
    assert signed.sha256 == hashlib.sha256(pdf_before).hexdigest() and letters.verify(draft.id)
    [e] = events(svc, d.id, "签发文书")
    assert (e.actor, e.old, e.new) == ("chief1", "草稿", "某自然资规依复〔2025〕1号 第1版")


def test_a_change_after_sign_off_issues_a_new_revision_and_keeps_the_old(any_db, svc, dept, clerk, handler, chief,
                                                                        admin):
    _, cases, letters = svc
    d = submitted(svc, dept, clerk, handler)
    old = letters.issue(handler, d.id)
    cases.sign_off(chief, d.id, d.version)
    letters.sign(chief, old.id)
    old_pdf = letters.files(old.id).pdf
    settings = SettingsService(any_db)
    settings.save(admin, replace(settings.load(), review_body="临江省自然资源厅"))
    new = letters.issue(clerk, d.id)
    assert (new.revision, new.doc_number, new.state) == (2, "某自然资规依复〔2025〕2号", "草稿")
    assert "向临江省自然资源厅申请行政复议" in docx_text(letters.files(new.id).docx)
    kept = letters.get(old.id)
    assert (kept.state, kept.superseded_by) == ("已签发", new.id)
    assert letters.files(old.id).pdf == old_pdf and letters.verify(old.id)
    assert [x.id for x in letters.letters(d.id)] == [old.id, new.id]
    [e] = events(svc, d.id, "重新出具文书")
    assert (e.old, e.new) == ("某自然资规依复〔2025〕1号", "某自然资规依复〔2025〕2号")


def test_notices_sent_during_the_case_are_frozen_as_they_were(any_db, svc, dept, clerk, handler, chief):
    requests, cases, letters = svc
    d = requests.register(clerk, request_input())                              # received 2025-01-20
    receipt = LetterService(any_db, fixed_today(date(2025, 1, 21))).issue(clerk, d.id, LetterKind.RECEIPT)
    LetterService(any_db, fixed_today(date(2025, 1, 21))).sign(chief, receipt.id)     # signed as it is sent
    assert "（即于2025年2月21日前）" in docx_text(letters.files(receipt.id).docx)    # domain §3 example
    d = cases.assign(clerk, d.id, d.version, dept)
    d = cases.approve_extension(chief, d.id, d.version, date(2025, 2, 20), 20, "需调取历史档案")
    # 20 more working days after Fri 2025-02-21: Feb 24–28 (5), Mar 3–7 (10), 10–14 (15), 17–21 (20)
    on_the_day = LetterService(any_db, fixed_today(date(2025, 2, 20)))
    ext = on_the_day.issue(clerk, d.id, LetterKind.EXTENSION)        # the notice drafted at approval, dated today
    assert [x.id for x in letters.letters(d.id)] == [receipt.id, ext.id]
    on_the_day.sign(chief, ext.id)
    d = NoticeService(any_db, fixed_today(TODAY)).record_served(clerk, d.id, d.version, ext.id, date(2025, 2, 21))
    assert ("因需调取历史档案，本机关不能在规定期限内作出答复。" in docx_text(letters.files(ext.id).docx))
    assert "答复期限延长20个工作日，本机关将于2025年3月21日前作出答复。" in docx_text(letters.files(ext.id).docx)
    d = cases.submit(handler, d.id, d.version, decision="不予公开", outcome=Outcome.STATE_SECRET,
                     reasons=SECRET_REASON)
    reply = letters.issue(handler, d.id)
    cases.sign_off(chief, d.id, d.version)
    assert {x.id: x.state for x in letters.letters(d.id)} == {receipt.id: "已签发", ext.id: "已签发",
                                                              reply.id: "草稿"}
    letters.sign(chief, reply.id)
    frozen = docx_text(letters.files(receipt.id).docx)
    assert "（即于2025年2月21日前）" in frozen and frozen.endswith("2025年1月21日")
    reply_text = docx_text(letters.files(reply.id).docx)
    assert ("经本机关政府信息公开工作机构负责人同意，本机关于2025年2月20日以《延长答复期限告知书》"
            "（某自然资规依延〔2025〕1号）告知您延长答复期限20个工作日。") in reply_text


def test_only_a_chief_signs_and_only_once(svc, dept, clerk, handler, chief):
    letters = svc[2]
    d = submitted(svc, dept, clerk, handler)
    letter = letters.issue(handler, d.id)
    with pytest.raises(PermissionDenied, match="科室负责人"):
        letters.sign(clerk, letter.id)
    assert letters.sign(chief, letter.id).state == "已签发"
    with pytest.raises(ValidationError, match="已签发"):
        letters.sign(chief, letter.id)


def test_missing_facts_are_explained(any_db, svc, dept, clerk, handler):
    requests, cases, letters = svc
    d = requests.register(clerk, request_input())
    d = cases.assign(clerk, d.id, d.version, dept)
    cases_and_messages = [
        (LetterKind.REPLY, "尚未确定答复决定"), (LetterKind.CORRECTION, "没有补正告知记录"),
        (LetterKind.EXTENSION, "没有批准延期的记录"), (LetterKind.CONSULTATION, "没有征求第三方意见的记录"),
        (LetterKind.FEE, "没有缴费通知记录")]
    for kind, message in cases_and_messages:
        issuer = handler if kind in (LetterKind.REPLY, LetterKind.CONSULTATION) else clerk
        with pytest.raises(ValidationError, match=message):
            letters.issue(issuer, d.id, kind)
    with pytest.raises(ValidationError, match="第三十七条") as refused:   # asked at 提交签批 (issue 19)
        submitted(svc, dept, clerk, handler, Outcome.PARTIAL, "部分公开", "", withheld_ground="三.4")
    assert refused.value.field == "reasons"
    online = requests.register(clerk, request_input(channel="网络", arrival_date=date(2025, 1, 20)))
    with pytest.raises(ValidationError, match="尚未确认收到"):
        letters.issue(clerk, online.id, LetterKind.RECEIPT)
    assert letters.letters(d.id) == []
    with any_db.uow() as uow:
        used = uow.session.query(DocCounter).filter(DocCounter.last_value > 0,
                                                   DocCounter.doc_type != "申请编号").count()
        assert used == 0                                     # a refused letter takes no 文号


def test_fee_and_consultation_letters(svc, dept, clerk, handler):
    from app.workflow.deadline import PauseKind
    from app.workflow.fees import FeeMethod

    requests, cases, letters = svc
    e = requests.register(clerk, request_input(applicant_name="某某置业有限公司", applicant_type="商业企业"))
    e = cases.assign(clerk, e.id, e.version, dept)
    e = cases.start_consultation(handler, e.id, e.version, PauseKind.THIRD_PARTY, "某某建设集团有限公司",
                                 date(2025, 2, 3))
    consult = docx_text(letters.files(letters.issue(handler, e.id, LetterKind.CONSULTATION).id).docx)
    assert consult.count("某某建设集团有限公司：") == 1 and "第三十二条" in consult
    assert "某某置业有限公司" not in consult                      # the applicant is not named to the third party
    e = cases.end_consultation(handler, e.id, e.version, date(2025, 2, 14), "不同意公开")
    e = cases.issue_fee_notice(clerk, e.id, e.version, FeeMethod.BY_VOLUME, 250, date(2025, 2, 17))
    fee = docx_text(letters.files(letters.issue(clerk, e.id, LetterKind.FEE).id).docx)
    # 250 pages: 70 × 10 + 100 × 20 + 50 × 40 = 4700 元 (domain §5)
    assert "计收方式：按量计收；计费数量：250页；应缴金额：人民币4700元（大写：肆仟柒佰元整）。" in fee
    assert letters.letters(e.id)[-1].doc_number == "某自然资规依费〔2025〕1号"


def test_archived_case_keeps_its_letters_and_takes_no_new_one(svc, dept, clerk, handler, chief):
    from app.workflow.vocabulary import ServiceMethod

    _, cases, letters = svc
    d = submitted(svc, dept, clerk, handler)
    draft = letters.issue(handler, d.id)                        # the draft reply
    d = cases.sign_off(chief, d.id, d.version)
    letters.sign(chief, draft.id)                               # signed by the chief's 签发
    # replied the day the 答复书 is dated (TODAY), never before it (issue 18 item 5)
    d = cases.record_reply(clerk, d.id, d.version, Outcome.STATE_SECRET, TODAY, ServiceMethod.POST)
    served = letters.issue(clerk, d.id, LetterKind.SERVICE)
    text = docx_text(letters.files(served.id).docx)
    assert "邮寄送达" in text and "政府信息公开申请答复书" in text
    reply = letters.issue(clerk, d.id)
    d = cases.archive(clerk, d.id, d.version)
    assert letters.issue(clerk, d.id) == reply                   # stored letters stay readable and printable
    assert not letters.preview(d.id).pending
    with pytest.raises(ValidationError, match="已归档锁定"):
        letters.issue(clerk, d.id, LetterKind.RECEIPT)          # but nothing new is issued


def test_office_templates_come_from_the_settings_folder(any_db, svc, dept, clerk, handler, admin, tmp_path):
    office = tmp_path / "本局模板"
    office.mkdir()
    custom = office / "答复书-不予公开.docx"
    shutil.copy(template_for(LetterKind.REPLY, "不予公开"), custom)
    doc = Document(custom)
    doc.paragraphs[-3].text = "联系人：王某，联系电话：0000-12345678。"
    doc.save(custom)
    settings = SettingsService(any_db)
    settings.save(admin, replace(settings.load(), template_dir=str(office)))
    d = submitted(svc, dept, clerk, handler)
    assert "联系人：王某，联系电话：0000-12345678。" in docx_text(svc[2].files(svc[2].issue(handler, d.id).id).docx)
    custom.write_bytes(b"not a word file")
    e = submitted(svc, dept, clerk, handler, applicant_name="王五")
    with pytest.raises(ValidationError, match="无法读取模板"):
        svc[2].issue(handler, e.id)


def test_preview_shows_what_issuing_would_produce(svc, dept, clerk, handler):
    letters = svc[2]
    d = submitted(svc, dept, clerk, handler)
    before = letters.preview(d.id)
    assert before.pending and before.letter is None
    assert PENDING_NUMBER in [t.text for t in before.pages[0].texts]
    assert letters.letters(d.id) == []                       # a preview writes nothing
    letter = letters.issue(handler, d.id)
    after = letters.preview(d.id)
    assert not after.pending and after.letter == letter
    texts = [t.text for p in after.pages for t in p.texts]
    assert "某自然资规依复〔2025〕1号" in texts and after.pages == letters.pages(letter.id)


def test_two_issuers_at_once_never_share_or_skip_a_number(any_db, svc, dept, clerk, handler):
    ids = [submitted(svc, dept, clerk, handler, applicant_name=f"申请人{i}").id for i in range(6)]
    letters = svc[2]
    barrier = threading.Barrier(3)
    numbers, errors = [], []

    def issue_all(chunk):
        barrier.wait()
        for rid in chunk:
            try:
                numbers.append(letters.issue(handler, rid).doc_number)
            except Exception as e:  # noqa: BLE001 - collected and asserted below
                errors.append(e)

    threads = [threading.Thread(target=issue_all, args=(ids[i::3],)) for i in range(3)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(60)
    assert errors == []
    assert sorted(numbers, key=len) == sorted([f"某自然资规依复〔2025〕{n}号" for n in range(1, 7)], key=len)
    assert len(set(numbers)) == 6


STANDARD_REMEDY = ("可自收到本答复之日起六十日内向某某市人民政府申请行政复议，"
                   "或者自收到本答复之日起六个月内向某某区人民法院提起行政诉讼。")
REVIEW_FIRST = "应当先自收到本答复之日起六十日内向某某市人民政府申请行政复议；"


@pytest.mark.parametrize("outcome, decision, reasons, variant, cited, remedy", [
    (Outcome.DISCLOSED, "已主动公开", "该信息已于2025年1月5日在本局门户网站公开", "予以公开",
     "第三十六条第（一）项", STANDARD_REMEDY),
    (Outcome.THIRD_PARTY, "不予公开", "该信息含有某某公司的商业秘密，该公司不同意公开", "不予公开",
     "第十五条、第三十六条第（三）项", REVIEW_FIRST),
    (Outcome.PROCESS_INFO, "不予公开", "该会议纪要为讨论过程中形成的过程性信息", "不予公开",
     "第十六条第二款、第三十六条第（三）项", REVIEW_FIRST),
    (Outcome.NOT_HELD, "信息不存在", "", "信息不存在", "第三十六条第（四）项", STANDARD_REMEDY),
    (Outcome.NOT_HELD, "非本机关负责", "该信息由某某区人民政府负责公开", "非本机关负责",
     "第三十六条第（五）项", STANDARD_REMEDY),
    (Outcome.NEEDS_CREATION, "需要另行制作", "", "信息不存在", "第三十八条", STANDARD_REMEDY),
    (Outcome.REPEATED, "重复申请", "", "重复申请", "第三十六条第（六）项", STANDARD_REMEDY),
    (Outcome.PETITION, "不予处理", "", "不予处理", "第三十九条第一款", STANDARD_REMEDY),
    (Outcome.OTHER, "特别规定", "不动产登记资料请向不动产登记机构查询", "特别规定",
     "第三十六条第（七）项", STANDARD_REMEDY),
])
def test_each_outcome_gets_its_variant_article_and_remedy(svc, dept, clerk, handler, outcome, decision, reasons,
                                                          variant, cited, remedy):
    d = submitted(svc, dept, clerk, handler, outcome, decision, reasons)
    letter = svc[2].issue(handler, d.id)
    text = docx_text(svc[2].files(letter.id).docx)
    assert letter.variant == variant
    assert f"根据《中华人民共和国政府信息公开条例》{cited}的规定" in text
    assert remedy in text
    if reasons:
        assert reasons + "。" in text
