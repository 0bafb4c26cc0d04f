"""The legal review's findings (issue 14, domain §3/§4/§7), letter by letter, through the services on SQLite
and PostgreSQL, reading the letter text back (python-docx; pdftotext for the PDF).

Defaults: 机关 某某市自然资源和规划局 (简称 某自然资规), 复议机关 某某市人民政府, 人民法院 某某区人民法院.
Due dates worked out by hand from the published 2025 calendar (清明 Apr 4–6 off).
"""

import subprocess
from dataclasses import replace
from datetime import date

import pytest

from app.errors import ValidationError
from app.exports.letters.kinds import LetterKind
from app.models import Consultation, Correction, Extension
from app.services.cases.case_service import CaseService
from app.services.letters.letter_facts_service import LetterFactsService
from app.services.letters.letter_service import LetterService
from app.services.letters.notice_service import NoticeService
from app.services.cases.request_service import RequestService, load_request
from app.services.settings_service import SettingsService
from app.workflow.deadline import PauseKind
from app.workflow.fees import FeeMethod
from app.workflow.outcomes import Outcome
from tests.conftest import fixed_today
from tests.services.helpers import add_department, request_input
from tests.services.letters.test_letter_service import docx_text

TODAY = date(2025, 6, 30)
REVIEW_FIRST_END = "对行政复议决定不服的，可以自收到行政复议决定书之日起十五日内依法向人民法院提起行政诉讼。"
CHOICE = ("如对本答复不服，可自收到本答复之日起六十日内向某某市人民政府申请行政复议，"
          "或者自收到本答复之日起六个月内向某某区人民法院提起行政诉讼。")


@pytest.fixture
def s(any_db):
    class S:
        requests = RequestService(any_db, fixed_today(TODAY))
        cases = CaseService(any_db, fixed_today(TODAY))
        letters = LetterService(any_db, fixed_today(TODAY))
        facts = LetterFactsService(any_db, fixed_today(TODAY))
        notices = NoticeService(any_db, fixed_today(TODAY))
        settings = SettingsService(any_db, fixed_today(TODAY))
        db = any_db
        dept = add_department(any_db)
    return S


def handling(s, clerk, **inp):
    d = s.requests.register(clerk, request_input(**inp))
    return s.cases.assign(clerk, d.id, d.version, s.dept)


def submit(s, clerk, handler, decision, outcome=None, reasons="", **facts):
    """提交签批; where it refuses for a fact the letter needs (issue 19, tests/services/cases/test_submit_facts.py),
    the decision is recorded as an imported ledger row carries it, so the letter's own refusal is tested."""
    d = handling(s, clerk)
    try:
        return s.cases.submit(handler, d.id, d.version, decision=decision, outcome=outcome, reasons=reasons,
                              **facts)
    except ValidationError:
        pass
    with s.db.uow() as uow:
        req = load_request(uow.session, d.id)
        req.decision, req.decision_reasons = decision, reasons
        req.outcome = outcome.code if outcome else req.outcome
        for name, value in facts.items():
            setattr(req, name, value)
        uow.commit()
    return s.requests.detail(d.id)


def reply_text(s, actor, rid, kind=LetterKind.REPLY):
    return docx_text(s.letters.files(s.letters.issue(actor, rid, kind).id).docx)


def refused(s, actor, rid, field, match, kind=LetterKind.REPLY):
    before = s.letters.letters(rid)
    with pytest.raises(ValidationError, match=match) as e:
        s.letters.issue(actor, rid, kind)
    assert e.value.field == field
    assert s.letters.letters(rid) == before            # nothing stored, no 文号 taken


def pdf_text(s, rid) -> str:
    pdf = s.letters.files(s.letters.letters(rid)[-1].id).pdf
    out = subprocess.run(["pdftotext", "-", "-"], input=pdf, capture_output=True, check=True).stdout.decode()
    return "".join(out.split())


# -- reasons --------------------------------------------------------------------------------------
@pytest.mark.parametrize("code", [f"三.{i}" for i in range(1, 9)])
def test_every_refusal_needs_reasons(s, clerk, handler, code):
    d = submit(s, clerk, handler, "不予公开", Outcome.from_code(code), "",
               query_law="《不动产登记资料查询暂行办法》第二条", access_route="到某某市不动产登记中心查询")
    refused(s, handler, d.id, "decision_reasons", "答复理由")


def test_state_law_reasons_name_the_prohibiting_law(s, clerk, handler):
    d = submit(s, clerk, handler, "不予公开", Outcome.LAW_FORBIDS, "该信息依法禁止公开")
    refused(s, handler, d.id, "decision_reasons", "禁止公开的法律或行政法规名称")
    d = s.facts.set_reply_facts(handler, d.id, d.version,
                                reasons="《中华人民共和国统计法》第三十九条禁止公开统计调查中获得的单个调查对象资料")
    text = reply_text(s, handler, d.id)
    assert "《中华人民共和国统计法》第三十九条" in text
    assert "第十四条、第三十六条第（三）项" in text and REVIEW_FIRST_END in text


# -- 部分公开 ------------------------------------------------------------------------------------
def test_partial_disclosure_cites_the_withheld_grounds_article(s, clerk, handler):
    d = submit(s, clerk, handler, "部分公开", Outcome.PARTIAL, "其中自然人身份证号码属于个人隐私")
    refused(s, handler, d.id, "withheld_ground", "不予公开部分的理由类别")
    d = s.facts.set_reply_facts(handler, d.id, d.version, withheld_ground="三.4")
    text = reply_text(s, handler, d.id)
    # the reasons name 个人隐私 only: the ground says that one, not 商业秘密、个人隐私等 (issue 19)
    assert ("经审查，您申请获取的政府信息中，部分内容涉及个人隐私，公开会对第三方合法权益造成损害，"
            "不应当公开，其余内容能够作区分处理。其中自然人身份证号码属于个人隐私。") in text
    assert ("根据《中华人民共和国政府信息公开条例》第三十七条、第十五条、第三十六条第（二）项、第三十六条第（三）项"
            "的规定，本机关决定对其中可以公开的内容予以公开，对不应当公开的内容不予公开。") in text
    assert "应当先自收到本答复之日起六十日内向某某市人民政府申请行政复议；" + REVIEW_FIRST_END in text
    assert "某某区人民法院" not in text                # after review the court is not fixed in advance
    assert "第三十七条、第十五条、第三十六条第（二）项" in pdf_text(s, d.id)


def test_withheld_ground_must_be_an_article_14_to_16_leaf(s, clerk, handler):
    d = handling(s, clerk)
    with pytest.raises(ValidationError, match="不予公开部分的理由类别应为") as e:
        s.cases.submit(handler, d.id, d.version, decision="部分公开", outcome=Outcome.PARTIAL,
                       reasons="x", withheld_ground="三.8")
    assert e.value.field == "withheld_ground"


# -- 三.8 行政查询事项 ---------------------------------------------------------------------------
def test_query_matter_cites_the_query_law_says_where_and_offers_the_choice(s, clerk, handler):
    d = submit(s, clerk, handler, "不予公开", Outcome.INQUIRY, "您申请的系不动产登记资料查询事项")
    refused(s, handler, d.id, "query_law", "提供查询渠道的法律依据")
    d = s.facts.set_reply_facts(handler, d.id, d.version, query_law="《不动产登记资料查询暂行办法》第二条")
    refused(s, handler, d.id, "access_route", "查询途径")
    d = s.facts.set_reply_facts(handler, d.id, d.version,
                                access_route="携带身份证明到某某市不动产登记中心（某某路8号）查询窗口申请查询")
    text = reply_text(s, handler, d.id)
    assert ("根据《不动产登记资料查询暂行办法》第二条的规定，本机关不作为政府信息公开申请提供，请您通过该查询渠道查询。"
            "查询途径：携带身份证明到某某市不动产登记中心（某某路8号）查询窗口申请查询。") in text
    assert CHOICE in text and "应当先" not in text
    assert "第十四条" not in text and "第三十六条第（三）项" not in text


# -- 五.3 公开出版物 ------------------------------------------------------------------------------
def test_publication_says_where_to_obtain_it(s, clerk, handler):
    d = submit(s, clerk, handler, "不予处理", Outcome.PUBLICATION)
    refused(s, handler, d.id, "access_route", "获取途径")
    d = s.facts.set_reply_facts(handler, d.id, d.version,
                                access_route="该文件已刊登于《某某市人民政府公报》2025年第3期，可在市档案馆、市图书馆查阅")
    text = reply_text(s, handler, d.id)
    assert ("根据《中华人民共和国政府信息公开条例》第三十九条第二款的规定，现告知您获取该出版物的途径："
            "该文件已刊登于《某某市人民政府公报》2025年第3期，可在市档案馆、市图书馆查阅。") in text
    assert "不作为政府信息公开申请处理" not in text and CHOICE in text


# -- 自行领取 -------------------------------------------------------------------------------------
def test_collection_names_place_and_time_from_settings_or_this_letter(s, clerk, handler, admin):
    d = submit(s, clerk, handler, "予以公开", Outcome.DISCLOSED)
    with s.db.uow() as uow:
        load_request(uow.session, d.id).delivery = "自行领取"
        uow.commit()
    text = reply_text(s, handler, d.id)
    assert ("请您在收到本答复书后，于法定工作日上午9:00至12:00、下午14:00至17:00携带本答复书及有效身份证明"
            "到某某市自然资源和规划局政府信息公开受理窗口（某某路1号）领取该政府信息。") in text
    d = s.requests.detail(d.id)
    d = s.facts.set_reply_facts(clerk, d.id, d.version, collection_place="本局档案室（某某路1号三楼）",
                                collection_hours="2025年7月1日至7月15日的工作日9:00至17:00")
    text = reply_text(s, handler, d.id)
    assert "于2025年7月1日至7月15日的工作日9:00至17:00携带本答复书及有效身份证明到本局档案室（某某路1号三楼）领取" in text
    s.settings.save(admin, replace(s.settings.load(), collection_place=""))
    d = s.requests.detail(d.id)
    with s.db.uow() as uow:
        load_request(uow.session, d.id).collection_place = ""
        uow.commit()
    refused(s, handler, d.id, "collection_place", "领取地点")


# -- withdrawal, and an outcome without a decision -----------------------------------------------------
def test_a_withdrawn_case_gets_no_reply_and_an_optional_notice(s, clerk, admin):
    d = handling(s, clerk)
    d = s.cases.withdraw(clerk, d.id, d.version, date(2025, 2, 10), "申请人书面撤回")
    assert (d.outcome, d.decision) == ("六.3", "申请人撤回")
    refused(s, clerk, d.id, "decision", "不出具政府信息公开申请答复书")
    refused(s, clerk, d.id, "withdrawal_notice", "不出具终止办理告知书", LetterKind.WITHDRAWAL)
    s.settings.save(admin, replace(s.settings.load(), withdrawal_notice=True))
    letter = s.letters.issue(clerk, d.id, LetterKind.WITHDRAWAL)
    text = docx_text(s.letters.files(letter.id).docx)
    assert letter.doc_number == "某自然资规依撤〔2025〕1号"
    assert "您于2025年2月10日向本机关申请撤回该政府信息公开申请。本机关确认，对该申请终止办理。" in text
    assert "第三十六条第（七）项" not in text and "工商" not in text


def test_an_outcome_without_a_decision_asks_the_clerk_first(s, clerk):
    d = handling(s, clerk)
    with s.db.uow() as uow:                               # as an imported ledger row leaves it
        req = load_request(uow.session, d.id)
        req.outcome, req.decision = "六.3", ""
        uow.commit()
    refused(s, clerk, d.id, "decision", "没有记录答复决定")
    d = s.facts.set_reply_facts(clerk, d.id, s.requests.detail(d.id).version, decision="特别规定",
                                reasons="不动产登记资料的查询依照《不动产登记暂行条例》第二十七条办理")
    text = reply_text(s, clerk, d.id)
    assert "第三十六条第（七）项" in text


# -- missing facts ----------------------------------------------------------------------------------
def test_notices_without_their_facts_are_refused_naming_the_field(s, clerk, handler, chief):
    d = handling(s, clerk)
    with s.db.uow() as uow:                               # imported without the v2 columns
        req = load_request(uow.session, d.id)
        req.corrections.append(Correction(requested_on=date(2025, 1, 21), content="", period_days=15))
        req.consultations.append(Consultation(kind=PauseKind.THIRD_PARTY.value, party="", sent_on=date(2025, 1, 22)))
        req.consultations.append(Consultation(kind=PauseKind.OTHER_AGENCY.value, party=" ", sent_on=date(2025, 1, 22),
                                              answered_on=date(2025, 1, 23)))
        uow.commit()
    refused(s, clerk, d.id, "correction_content", "补正事项", LetterKind.CORRECTION)
    refused(s, clerk, d.id, "party", "征求意见对象", LetterKind.CONSULTATION)
    refused(s, clerk, d.id, "party", "征求意见对象", LetterKind.AGENCY_CONSULTATION)
    with s.db.uow() as uow:
        req = load_request(uow.session, d.id)
        req.extensions.append(Extension(approved_on=date(2025, 2, 10), days=10, reason=""))
        uow.commit()
    refused(s, clerk, d.id, "extension_reason", "延期理由", LetterKind.EXTENSION)
    refused(s, clerk, d.id, "override_due", "另定期限", LetterKind.REASONABLE_DEADLINE)
    refused(s, clerk, d.id, "disclosure_reasons", "决定公开的理由", LetterKind.DISCLOSURE_DECISION)


# -- the new notices -------------------------------------------------------------------------------------
def test_article_32_notice_to_the_objecting_third_party(s, clerk, handler):
    d = handling(s, clerk, applicant_name="某某置业有限公司", applicant_type="商业企业")
    d = s.cases.start_consultation(handler, d.id, d.version, PauseKind.THIRD_PARTY, "某某建设集团有限公司",
                                   date(2025, 2, 5), date(2025, 2, 6))
    d = s.cases.end_consultation(handler, d.id, d.version, date(2025, 2, 14), "涉及本公司商业秘密，不同意公开")
    with pytest.raises(ValidationError, match="决定公开的理由") as e:
        s.facts.decide_disclosure_over_objection(handler, d.id, d.version, d.consultations[-1].id, " ")
    assert e.value.field == "disclosure_reasons"
    d = s.facts.decide_disclosure_over_objection(
        handler, d.id, d.version, d.consultations[-1].id,
        "该规划许可涉及周边居民重大切身利益，不公开可能对公共利益造成重大影响")
    letter = s.letters.issue(clerk, d.id, LetterKind.DISCLOSURE_DECISION)     # the office issues it
    text = docx_text(s.letters.files(letter.id).docx)
    assert letter.doc_number == "某自然资规依决〔2025〕1号"
    assert "决定公开政府信息告知书" in text and text.count("某某建设集团有限公司：") == 1
    assert "本机关于2025年2月5日书面征求了您（单位）的意见，您（单位）提出不同意公开的意见：涉及本公司商业秘密，不同意公开。" in text
    assert "根据《中华人民共和国政府信息公开条例》第三十二条的规定，本机关决定予以公开。" in text
    assert "决定公开的政府信息内容：“某小区规划许可证及附图”。" in text
    assert "决定公开的理由：该规划许可涉及周边居民重大切身利益，不公开可能对公共利益造成重大影响。" in text
    assert "本机关将在本告知书送达后依法公开上述政府信息。" in text
    assert "自收到本告知书之日起六个月内向某某区人民法院提起行政诉讼。" in text
    assert "某某置业有限公司" not in text                 # the applicant is not named to the third party


def test_article_34_consultation_of_a_co_producing_agency(s, clerk, handler):
    d = handling(s, clerk)
    d = s.cases.start_consultation(handler, d.id, d.version, PauseKind.OTHER_AGENCY, "某某市住房和城乡建设局",
                                   date(2025, 2, 5))
    letter = s.letters.issue(handler, d.id, LetterKind.AGENCY_CONSULTATION)
    text = docx_text(s.letters.files(letter.id).docx)
    assert letter.doc_number == "某自然资规依函〔2025〕1号"
    assert "政府信息公开征求意见函" in text and "某某市住房和城乡建设局：" in text
    assert "该政府信息由本机关与贵单位共同制作。根据《中华人民共和国政府信息公开条例》第三十四条的规定" in text
    assert "请贵单位自收到本函之日起15个工作日内" in text and "逾期未提出意见的，视为同意公开。" in text


def test_article_35_request_for_reasons_and_reasonable_deadline(s, clerk, chief, admin):
    d = handling(s, clerk)
    s.settings.save(admin, replace(s.settings.load(), reasons_period_days=10))
    text = reply_text(s, clerk, d.id, LetterKind.REASONS_REQUEST)
    assert "要求说明理由通知书" in text and "第三十五条的规定，请您自收到本通知书之日起10个工作日内，以书面形式向本机关说明申请理由。" in text
    asked = s.letters.sign(chief, s.letters.letters(d.id)[-1].id)
    d = s.notices.record_served(clerk, d.id, d.version, asked.id, TODAY)
    d = s.notices.record_reasons_answer(clerk, d.id, d.version, "理由合理", TODAY, "系诉讼举证所需，已列明卷宗范围")
    d = s.cases.set_reasonable_deadline(chief, d.id, d.version, date(2025, 5, 30), "申请涉及2010年以来的全部规划许可档案共计1200卷")
    text = reply_text(s, clerk, d.id, LetterKind.REASONABLE_DEADLINE)
    assert "延迟答复告知书" in text
    assert ("本机关于2025年6月30日以《要求说明理由通知书》（某自然资规依理〔2025〕1号）要求您说明申请理由，"
            "您于2025年6月30日说明了理由。经审查，") in text
    assert "理由：申请涉及2010年以来的全部规划许可档案共计1200卷。" in text
    assert "根据《中华人民共和国政府信息公开条例》第三十五条的规定，本机关确定延迟答复的合理期限，将于2025年5月30日前作出答复。" in text
    numbers = {x.kind: x.doc_number for x in s.letters.letters(d.id)}
    assert numbers == {"要求说明理由通知书": "某自然资规依理〔2025〕1号", "延迟答复告知书": "某自然资规依迟〔2025〕1号"}


def test_fee_notice_states_standard_payment_and_the_time_rule(s, clerk, admin):
    d = handling(s, clerk)
    d = s.cases.issue_fee_notice(clerk, d.id, d.version, FeeMethod.BY_VOLUME, 250, date(2025, 2, 17))
    s.settings.save(admin, replace(s.settings.load(), fee_payment="缴入临江市财政局非税收入汇缴结算户（账号：1234），"
                                   "缴款后本机关出具财政部门统一监制的财政票据"))
    text = reply_text(s, clerk, d.id, LetterKind.FEE)
    assert "收费标准：按量计收（《政府信息公开信息处理费管理办法》第五条）：同一申请30页以下（含30页）的，不收费" in text
    assert "201页以上的部分，40元/页。" in text
    assert "缴费方式：缴入临江市财政局非税收入汇缴结算户（账号：1234），缴款后本机关出具财政部门统一监制的财政票据。" in text
    assert "根据《政府信息公开信息处理费管理办法》的规定，自本机关发出本通知书之日至您缴纳费用之日的期间，不计算在答复期限内。" in text


# -- 补正 from service, pauses capped and merged ------------------------------------------------------
def test_correction_due_from_service_with_a_non_default_period(s, clerk):
    d = s.requests.register(clerk, request_input(arrival_date=date(2025, 3, 3)))
    d = s.cases.request_correction(clerk, d.id, d.version, date(2025, 3, 5), "请写明许可证的年份和项目名称", 10)
    c = d.corrections[-1]
    # 未送达: only a hint from sending, Mar 5 + 10: Mar 6,7 (2), 10–14 (7), 17,18,19 (10)
    assert (c.notice_served_on, c.reply_due, c.reply_hint) == (None, None, date(2025, 3, 19))
    assert "补正告知书未送达" in d.deadline.warnings
    text = reply_text(s, clerk, d.id, LetterKind.CORRECTION)
    assert "请您自收到本告知书之日起10个工作日内作出补正" in text
    d = s.facts.record_correction_served(clerk, d.id, d.version, date(2025, 3, 10))
    # served Mon Mar 10: Mar 11–14 (4), 17–21 (9), Mar 24 (10)
    assert d.corrections[-1].reply_due == date(2025, 3, 24)
    assert any("告知书载明的补正期限为10个工作日，应于2025年3月24日前补正" in ln for ln in d.deadline.explanation)


def test_a_late_answer_is_capped_at_the_window(s, clerk, handler):
    d = handling(s, clerk, arrival_date=date(2025, 3, 3))
    d = s.cases.start_consultation(handler, d.id, d.version, PauseKind.THIRD_PARTY, "某某公司", date(2025, 3, 10))
    assert d.consultations[-1].receipt_recorded is False and "第三方收到日期未登记" in d.deadline.warnings
    d = s.facts.record_consultation_receipt(handler, d.id, d.version, d.consultations[-1].id, date(2025, 3, 11))
    d = s.cases.end_consultation(handler, d.id, d.version, date(2025, 4, 15), "同意公开")
    # window: Mar 11 + 15 = Apr 1; paused (Mar 10, Apr 1] = Mar 11–14 (4), 17–21 (9), 24–28 (14), 31, Apr 1 (16)
    # due = 36 working days after Mar 3: Mar 31 (20), Apr 1–3 (23), Apr 7–11 (28), 14–18 (33), 21–23 (36)
    assert (d.deadline.paused_days, d.deadline.reply_due) == (16, date(2025, 4, 23))
    assert d.deadline.warnings == ()


def test_unrecorded_receipt_counts_from_sending(s, clerk, handler):
    d = handling(s, clerk, arrival_date=date(2025, 3, 3))
    d = s.cases.start_consultation(handler, d.id, d.version, PauseKind.THIRD_PARTY, "某某公司", date(2025, 3, 10))
    # still open on 2025-06-30: window Mar 10 + 15 = Mar 31 → paused 15 → 35 working days after Mar 3:
    # Mar 31 (20), Apr 1–3 (23), Apr 7–11 (28), 14–18 (33), Apr 21, 22 (35)
    assert (d.deadline.paused_days, d.deadline.reply_due) == (15, date(2025, 4, 22))
    assert "第三方收到日期未登记" in d.deadline.warnings


def test_overlapping_pauses_are_merged(s, clerk, handler):
    d = handling(s, clerk, arrival_date=date(2025, 3, 3))
    d = s.cases.start_consultation(handler, d.id, d.version, PauseKind.THIRD_PARTY, "某某公司", date(2025, 3, 10),
                                   date(2025, 3, 10))
    d = s.cases.end_consultation(handler, d.id, d.version, date(2025, 3, 20), "同意")
    d = s.cases.start_consultation(handler, d.id, d.version, PauseKind.OTHER_AGENCY, "某某市住房和城乡建设局",
                                   date(2025, 3, 17), date(2025, 3, 17))
    d = s.cases.end_consultation(handler, d.id, d.version, date(2025, 3, 26), "同意")
    # (Mar 10, Mar 20] = 8 and (Mar 17, Mar 26] = 7 overlap on Mar 18, 19, 20: union Mar 11–26 = 12.
    # due = 32 working days after Mar 3: Mar 31 (20), Apr 1–3 (23), Apr 7–11 (28), Apr 14–17 (32)
    assert (d.deadline.paused_days, d.deadline.reply_due) == (12, date(2025, 4, 17))
    assert any("重叠的3个工作日只计一次" in ln for ln in d.deadline.explanation)
    assert any("条例第三十三条第三款" in ln for ln in d.deadline.explanation)
