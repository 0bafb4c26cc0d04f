"""Departments, users and office settings."""

from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from app.models.agency import AgencyKeyed, AgencyOwned
from app.models.base import Base


class Department(AgencyOwned, Base):
    """A 承办处室 that handles requests."""

    __tablename__ = "departments"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100))       # unique per agency
    active: Mapped[bool] = mapped_column(default=True)
    __table_args__ = (UniqueConstraint("agency_id", "name"),)


class User(Base):
    __tablename__ = "users"
    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(50), unique=True)    # one log-in name server-wide
    # The user's agency; NULL for the city office (市政务公开办). SQLite: always 1.
    agency_id: Mapped[int | None] = mapped_column(ForeignKey("agencies.id"), server_default=text("1"))
    display_name: Mapped[str] = mapped_column(String(50))
    role: Mapped[str] = mapped_column(String(20))
    password_hash: Mapped[str] = mapped_column(String(200), default="")
    department_id: Mapped[int | None] = mapped_column(ForeignKey("departments.id"))
    active: Mapped[bool] = mapped_column(default=True)
    failed_logins: Mapped[int] = mapped_column(default=0)         # consecutive, reset by a log-in
    locked_until: Mapped[datetime | None]


class LoginFailure(Base):
    """Consecutive failed log-ins of one typed name at one workstation (known or unknown alike).

    Keyed by name *and* workstation: the answer never tells whether an account exists, and one
    workstation cannot lock a colleague out of theirs.
    """

    __tablename__ = "login_failures"
    name: Mapped[str] = mapped_column(String(50), primary_key=True)
    origin: Mapped[str] = mapped_column(String(200), primary_key=True)
    failures: Mapped[int] = mapped_column(default=0)
    locked_until: Mapped[datetime | None]


class Setting(AgencyKeyed, Base):
    """One office setting (key → JSON text); business settings live here, not in QSettings."""

    __tablename__ = "settings"
    key: Mapped[str] = mapped_column(String(50), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
    __mapper_args__ = {"primary_key": ["key"]}
