"""台账 import (all or nothing, updates only what the ledger carries) and export (domain §6)."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Callable

from sqlalchemy import select
from sqlalchemy.exc import IntegrityError, SQLAlchemyError
from sqlalchemy.orm.exc import StaleDataError

from app.errors import ValidationError
from app.exports.ledger_xlsx import check_ledger_path, write_ledger
from app.models import Request
from app.services.trust import audit_chain
from app.services.clock import load_calendar
from app.services.dto import Actor
from app.services.ledger.ledger_apply import departments, insert_rows, update_rows
from app.services.ledger.ledger_export import export_columns, export_rows
from app.services.ledger.ledger_plan import ImportPlan, LedgerOptions, RowUpdate, plan_changes, read_rows
from app.services.trust.sessions import ActingService
from app.services.settings_service import load_settings
from app.services.uow import Database
from app.workflow.ledger_diff import Refusal
from app.workflow.ledger_row import LedgerRow, RowError
from app.workflow.vocabulary import Role

Progress = Callable[[int, int], None]


@dataclass(frozen=True)
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    errors: tuple[RowError, ...] = field(default=())
    refusals: tuple[Refusal, ...] = field(default=())
    adds: tuple[LedgerRow, ...] = field(default=())
    changes: tuple[RowUpdate, ...] = field(default=())
    overdue: tuple[tuple[str, str, date], ...] = field(default=())   # (申请编号, 申请人, 应答复日期)
    where: str = ""
    notes: tuple[str, ...] = field(default=())
    dry_run: bool = False

    @property
    def ok(self) -> bool:
        return not self.errors


class LedgerService(ActingService):
    def __init__(self, db: Database, today=date.today):
        self._db = db
        self._today = today

    def read(self, path: str | Path, options: LedgerOptions | None = None,
             progress: Progress | None = None) -> ImportPlan:
        """Parse the ledger and plan it against the database; writes nothing."""
        opts = options or LedgerOptions()
        with self._db.read() as uow:
            nr = load_settings(uow.session).not_responsible_outcome
        plan = read_rows(path, opts, self._today(), nr, progress)
        if plan.errors:
            return plan
        with self._db.read() as uow:
            return plan_changes(uow.session, plan, self._today())

    def import_file(self, actor: Actor, path: str | Path, progress: Progress | None = None,
                    options: LedgerOptions | None = None) -> ImportResult:
        """Check every row first; write in one transaction only if none has a problem."""
        opts = options or LedgerOptions()
        if actor.role not in (Role.CLERK, Role.ADMIN):
            refused = f"导入台账只能由登记员或管理员办理，当前用户角色为“{actor.role}”。"
            return ImportResult(errors=(RowError(0, "", refused),))
        plan = self.read(path, opts, progress)
        where = plan.sheet.where if plan.sheet else ""
        notes = plan.sheet.notes if plan.sheet else ()
        if plan.errors:
            return ImportResult(errors=tuple(plan.errors), where=where, notes=notes, dry_run=opts.dry_run)
        if opts.dry_run:
            today = self._today()
            with self._db.read() as uow:
                s = uow.session
                cal, policy = load_calendar(s), load_settings(s).policy
            from app.services.ledger.ledger_apply import new_clock
            from app.workflow.deadline import compute_deadline
            overdue = []
            for r in plan.adds:
                due = compute_deadline(new_clock(r, cal, policy, today), cal, today, policy, explain=False).reply_due
                if r.status.is_open and due and due < today:
                    overdue.append((r.number, r.applicant_name, due))
            return ImportResult(len(plan.adds), len(plan.updates), plan.unchanged, (), tuple(plan.refusals),
                                tuple(plan.adds), tuple(plan.updates), tuple(overdue), where, notes, True)
        name = f"台账导入“{Path(path).name}”" + (f"（映射“{opts.mapping_name}”）" if opts.mapping_name else "")
        return self._write(actor, plan, name, progress, where, notes)

    def _write(self, actor: Actor, plan: ImportPlan, name: str, progress, where, notes) -> ImportResult:
        today = self._today()
        total = len(plan.adds) + len(plan.updates)
        try:
            with self._db.uow() as uow:
                s = uow.session
                audit_chain.lock(s)             # a concurrent import waits here, then sees our departments
                cal, policy = load_calendar(s), load_settings(s).policy
                names = {r.department for r in plan.adds if r.department}
                names |= {u.row.department for u in plan.updates if u.row.department}
                depts = departments(s, actor, names)
                overdue = insert_rows(s, actor, plan.adds, depts, cal, policy, today, name, progress,
                                      total, total * 2)
                updated, refused, late = update_rows(s, actor, plan.updates, depts, cal, policy, today, name)
                uow.commit()
        except IntegrityError:
            return ImportResult(errors=(RowError(0, "", self._raced(plan)),), where=where)
        except StaleDataError:
            return ImportResult(errors=(RowError(0, "", "导入时有其他用户同时修改了台账中的申请，未写入任何数据；"
                                                       "请稍后重新导入。"),), where=where)
        except SQLAlchemyError as e:
            return ImportResult(errors=(RowError(0, "", f"数据库拒绝了这次导入，未写入任何数据："
                                                       f"{e.__class__.__name__}。请把台账和此提示交给管理员。"),),
                                where=where)
        done = {u.row.number for u in plan.updates} - {r.number for r in refused}
        return ImportResult(len(plan.adds), updated, plan.unchanged, (), tuple(plan.refusals + refused),
                            tuple(plan.adds), tuple(u for u in plan.updates if u.row.number in done),
                            tuple(overdue + late), where, notes)

    def _raced(self, plan: ImportPlan) -> str:
        """Another import (or a registration) added some of this ledger's cases after it was read."""
        numbers = [r.number for r in plan.adds]
        with self._db.read() as uow:
            taken = sorted(uow.session.scalars(select(Request.number).where(Request.number.in_(numbers[:2000]))))
        which = f"（{'、'.join(taken[:5])}{'等' if len(taken) > 5 else ''}{len(taken)}件）" if taken else ""
        return (f"另一次导入刚刚添加了本台账中相同的申请{which}，本次导入未写入任何数据。"
                "请重新导入：已添加的申请此时会算作“无变化”或“更新”，不会重复。")

    def export_file(self, path: str | Path, year: int | None = None,
                    progress: Progress | None = None, with_contacts: bool = False) -> int:
        """Write the ledger (cases received in ``year``, or all); returns the number of rows."""
        try:
            check_ledger_path(path)
        except ValueError as e:
            raise ValidationError(str(e), "file") from e
        with self._db.read() as uow:
            rows = export_rows(uow.session, year, self._today(), progress)
        write_ledger(rows, path, export_columns(rows, with_contacts))
        return len(rows)

    # -- the window's mapping step (see ledger_analysis) -------------------------------------------
    def analyse(self, path: str | Path, options: LedgerOptions | None = None, progress: Progress | None = None):
        from app.services.ledger.ledger_analysis import analyse

        return analyse(self._db, path, options or LedgerOptions(), progress)

    def mapping_names(self) -> list[str]:
        from app.services.ledger.ledger_analysis import mapping_names

        return mapping_names(self._db)

    def load_mapping(self, name: str) -> LedgerOptions:
        from app.services.ledger.ledger_analysis import load_mapping

        return load_mapping(self._db, name)

    def save_mapping(self, actor: Actor, name: str, options: LedgerOptions) -> None:
        from app.services.ledger.ledger_analysis import save_mapping

        save_mapping(self._db, actor, name, options)
