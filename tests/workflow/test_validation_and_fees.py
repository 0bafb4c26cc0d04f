"""ID check characters (GB 11643, GB 32100) and fee tiers (国办函〔2020〕109号), by hand."""

import pytest

from app.workflow.fees import fee_by_count, fee_by_volume
from app.workflow.validation import (
    credit_code_check_char, credit_code_problem, resident_id_check_char, resident_id_problem,
)


def test_resident_id_from_the_standard_is_valid():
    # GB 11643 example 11010519491231002X: weighted sum 167, 167 mod 11 = 2 → 'X'
    assert resident_id_problem("11010519491231002X") is None
    assert resident_id_problem("11010519491231002x") is None
    assert resident_id_check_char("11010519491231002") == "X"


@pytest.mark.parametrize("number, message", [
    ("110105194912310021", "校验位不正确"),
    ("1101051949123100", "应为18位"),
    ("11010519491331002X", "出生日期不存在"),
    ("11010518001231002X", "出生日期不合理"),
])
def test_resident_id_problems(number, message):
    assert message in resident_id_problem(number)


def test_credit_code_check_character():
    # 91350100M000100Y4?: weighted sum of the first 17 = 1640 (M=21, Y=30), 1640 mod 31 = 28, 31 − 28 = 3
    assert credit_code_check_char("91350100M000100Y4") == "3"
    assert credit_code_problem("91350100M000100Y43") is None
    assert "校验位不正确" in credit_code_problem("91350100M000100Y44")
    assert "18位" in credit_code_problem("91350100M000100Y4")
    assert "不含I、O、Z、S、V" in credit_code_problem("91350100M000100YO3")


@pytest.mark.parametrize("nth, fee", [
    (1, 0), (10, 0), (11, 100), (30, 100), (31, 200), (40, 200), (41, 300), (50, 300), (51, 400),
])
def test_fee_by_count_tiers(nth, fee):
    assert fee_by_count(nth) == fee


@pytest.mark.parametrize("pages, fee", [
    (0, 0), (30, 0), (31, 10), (100, 700),      # 70 × 10
    (101, 720),                                 # 700 + 20
    (200, 2700),                                # 700 + 100 × 20
    (201, 2740),                                # 2700 + 40
    (250, 4700),                                # domain §5: 700 + 2000 + 50 × 40
])
def test_fee_by_volume_tiers(pages, fee):
    assert fee_by_volume(pages) == fee
