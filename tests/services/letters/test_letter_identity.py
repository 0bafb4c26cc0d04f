"""No 某某 example reaches an applicant: letters are refused until the office has entered its names."""

import io
from dataclasses import replace
from datetime import date

import pytest
from docx import Document
from sqlalchemy import delete

from app.errors import ValidationError
from app.exports.letters.kinds import LetterKind
from app.models import Setting
from app.services.cases.case_service import CaseService
from app.services.demos.demo import fill_demo
from app.services.demos.demo_story import DEMO_OFFICE
from app.services.letters.letter_service import LetterService
from app.services.cases.request_service import RequestService
from app.services.settings_service import SettingsService, unset_identity
from tests.conftest import fixed_today
from tests.services.helpers import add_department, request_input

TODAY = date(2025, 6, 30)


def _unconfigured(db) -> None:
    """As a database is before its first run: nothing entered, the shipped 某某 examples in force."""
    with db.uow() as uow:
        uow.session.execute(delete(Setting))
        uow.commit()


def test_letters_wait_for_the_offices_names(any_db, clerk, handler, admin):
    _unconfigured(any_db)
    requests, cases = RequestService(any_db, fixed_today(TODAY)), CaseService(any_db, fixed_today(TODAY))
    letters, settings = LetterService(any_db, fixed_today(TODAY)), SettingsService(any_db, fixed_today(TODAY))
    d = requests.register(clerk, request_input())
    d = cases.assign(clerk, d.id, d.version, add_department(any_db))
    for attempt in (lambda: letters.preview(d.id, LetterKind.RECEIPT),
                    lambda: letters.issue(clerk, d.id, LetterKind.RECEIPT)):
        with pytest.raises(ValidationError) as refused:
            attempt()
        assert refused.value.message == ("本机关的机关名称、机关简称、复议机关、人民法院尚未填写，仍是示例文字（“某某……”），"
                                         "不能出具文书。请管理员在“管理 → 机关与期限”中填写后再生成。")
    # three of four entered: the message names the one left
    settings.save(admin, replace(settings.load(), agency_name="临江市自然资源和规划局",
                                 agency_short="临自然资规", review_body="临江市人民政府"))
    with pytest.raises(ValidationError, match="本机关的人民法院尚未填写"):
        letters.issue(clerk, d.id, LetterKind.RECEIPT)
    settings.save(admin, replace(settings.load(), court="临江市江北区人民法院"))
    issued = letters.issue(clerk, d.id, LetterKind.RECEIPT)
    text = "".join(p.text for p in Document(io.BytesIO(letters.files(issued.id).docx)).paragraphs)
    assert "临江市自然资源和规划局" in text


def test_demo_names_its_office_but_keeps_an_offices_own(any_db, admin):
    _unconfigured(any_db)
    settings = SettingsService(any_db, fixed_today(TODAY))
    settings.save(admin, replace(settings.load(), agency_name="临江市自然资源和规划局"))
    fill_demo(any_db, cases=5, today=TODAY)
    with any_db.uow() as uow:
        assert unset_identity(uow.session) == []
    loaded = settings.load()
    assert loaded.agency_name == "临江市自然资源和规划局"          # the office's own stays
    assert (loaded.agency_short, loaded.court) == (DEMO_OFFICE["agency_short"], DEMO_OFFICE["court"])


def test_an_example_only_half_edited_is_refused_when_saved(any_db, admin):
    """A printed setting changed but still holding 某某 (临江市某某区人民法院) would count as the office's
    own and reach an applicant: the save is refused, naming the field, and nothing is stored."""
    _unconfigured(any_db)
    settings = SettingsService(any_db, fixed_today(TODAY))
    for key, value in (("court", "临江市某某区人民法院"), ("fee_payment", "缴入临江市财政局非税收入汇缴结算户（账号：某某）"),
                       ("agency_name", "某某市临江区自然资源局")):
        with pytest.raises(ValidationError, match="中仍有示例文字“某某”") as refused:
            settings.save(admin, replace(settings.load(), **{key: value}))
        assert refused.value.field == key
    with any_db.uow() as uow:
        assert unset_identity(uow.session) == ["机关名称", "机关简称", "复议机关", "人民法院"]    # nothing stored
    settings.save(admin, replace(settings.load(), court="临江市江北区人民法院"))           # a real name is kept
    assert settings.load().court == "临江市江北区人民法院"
