"""Over-long registration values are refused in the service, in Chinese, alike on both databases
(issue 21 item 7: SQLite kept a 250-character applicant that the office's own export could not re-import,
PostgreSQL raised DataError). The limits come from app/workflow/field_limits.py, as the ledger's do."""

import pytest

from app.errors import ValidationError
from app.services.cases.query_service import QueryService, RequestQuery
from app.services.cases.request_service import RequestService
from tests.services.helpers import request_input


@pytest.mark.parametrize("field, value, message", [
    ("applicant_name", "张" * 250, "申请人有250个字，超过了200个字的上限：请删减。"),
    ("address", "路" * 400, "通信地址有400个字，超过了300个字的上限：请删减。"),
    ("email", "a" * 300 + "@x.cn", "电子邮箱有305个字，超过了120个字的上限：请删减。"),
    ("number", "N" * 100, "申请编号有100个字，超过了60个字的上限：请删减。"),
    ("phone", "1" * 41, "联系电话有41个字，超过了40个字的上限：请删减。"),
])
def test_an_over_long_value_is_refused_naming_the_field_and_nothing_is_saved(any_db, clerk, field, value, message):
    with pytest.raises(ValidationError) as e:
        RequestService(any_db).register(clerk, request_input(**{field: value}))
    assert (e.value.field, str(e.value)) == (field, message)
    assert QueryService(any_db).count(RequestQuery()) == 0


def test_a_value_at_its_limit_is_stored(any_db, clerk):
    d = RequestService(any_db).register(clerk, request_input(applicant_name="张" * 200, address="路" * 300))
    assert (len(d.applicant_name), len(d.address)) == (200, 300)
