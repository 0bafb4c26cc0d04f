"""全市集中申请事项: the same subject at two agencies is the city's; one agency's alone is not."""

from datetime import date

import pytest

from app.services.city.dto import CitySubject
from app.services.city.subject_service import CitySubjectService
from app.services.trust.office_service import OfficeService
from tests.conftest import TEST_PASSWORD, fixed_today
from tests.services.city.cases import TODAY
from tests.services.city.conftest import JIA


@pytest.mark.pg
def test_a_subject_asked_at_both_agencies(filled):
    filled.add_case(JIA, "甲-2026-010", "已答复", date(2026, 3, 1), date(2026, 3, 30), date(2026, 3, 20),
                    description="申请公开某小区建设工程规划许可证及附图")
    db = filled.workstation()
    try:
        city = OfficeService(db).login("shi_gkb", TEST_PASSWORD)
        found = CitySubjectService(db, fixed_today(TODAY)).concentrated(city, date(2026, 1, 1), date(2026, 12, 31))
    finally:
        db.dispose()
    # every case of cases.py asks for a 房屋征收补偿协议 (family 征收补偿): received in 2026, 甲 has 7
    # (all but 甲-2025-090) and 乙 3; the 规划许可 case is 甲's alone, so not the city's.
    assert found == [CitySubject("征收补偿", 10, (("甲区住房和城乡建设局", 7), ("乙区交通运输局", 3)))]
