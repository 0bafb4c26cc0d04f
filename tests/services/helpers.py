"""Small builders shared by service tests."""

from datetime import date

from app.models import Department
from app.services.dto import RequestInput


def add_department(db, name: str = "规划科") -> int:
    with db.uow() as uow:
        d = Department(name=name)
        uow.session.add(d)
        uow.commit()
        return d.id


def request_input(**overrides) -> RequestInput:
    values = dict(applicant_name="李四", applicant_type="自然人", channel="当面",
                  description="申请公开某小区规划许可证及附图", arrival_date=date(2025, 1, 20))
    values.update(overrides)
    return RequestInput(**values)
