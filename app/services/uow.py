"""The database handle and a unit of work that rolls back unless committed."""

from __future__ import annotations

from sqlalchemy import Engine
from sqlalchemy.orm import Session, sessionmaker

from app.services.database import UpgradeNote, make_engine, refuse_newer_sqlite, upgrade


class Database:
    """Engine + session factory for one database; built once by the composition root."""

    def __init__(self, engine: Engine, upgrade_note: UpgradeNote | None = None):
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        # Set when opening migrated existing data: says where the automatic backup went (tell the user).
        self.upgrade_note = upgrade_note

    @classmethod
    def open(cls, db: str, migrate: bool = True) -> "Database":
        if migrate:
            refuse_newer_sqlite(db)
        engine = make_engine(db)
        note = None
        if migrate:
            try:
                note = upgrade(engine)
            except BaseException:
                engine.dispose()
                raise
        return cls(engine, note)

    @property
    def dialect(self) -> str:
        return self.engine.dialect.name

    def uow(self) -> "UnitOfWork":
        return UnitOfWork(self._sessions)

    def dispose(self) -> None:
        self.engine.dispose()


class UnitOfWork:
    """``with db.uow() as uow: ...; uow.commit()`` — anything not committed is rolled back."""

    def __init__(self, factory: sessionmaker):
        self._factory = factory
        self.session: Session

    def __enter__(self) -> "UnitOfWork":
        self.session = self._factory()
        return self

    def __exit__(self, *exc) -> None:
        self.session.rollback()
        self.session.close()

    def commit(self) -> None:
        self.session.commit()

    def flush(self) -> None:
        self.session.flush()
