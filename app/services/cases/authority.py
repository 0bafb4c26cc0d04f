"""Who may act on this case: the user's relation to a case or task, and the one check every case act calls."""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from app.errors import PermissionDenied
from app.models import DeptTask, Request, User
from app.services.dto import Actor
from app.workflow.authority import Act, Relation, Standing
from app.workflow.vocabulary import Role


def relation_to_case(s: Session, actor: Actor, req: Request) -> Relation:
    """The assigned handler, the handling department, a 协办 department, another one, or none."""
    if actor.user_id is not None and req.handler_id == actor.user_id:
        return Relation.OWN
    if actor.department_id is None:
        return Relation.UNATTACHED
    if actor.department_id == req.department_id:
        return Relation.DEPARTMENT
    assisting = s.scalar(select(DeptTask.id).where(
        DeptTask.request_id == req.id, DeptTask.department_id == actor.department_id).limit(1))
    return Relation.ASSISTING if assisting is not None else Relation.OTHER


def relation_to_task(actor: Actor, task: DeptTask) -> Relation:
    """答复协办 answers for the task's own department: its named handler or a member of it."""
    if actor.user_id is not None and task.handler_id == actor.user_id:
        return Relation.OWN
    if actor.department_id is None:
        return Relation.UNATTACHED
    return Relation.DEPARTMENT if actor.department_id == task.department_id else Relation.OTHER


def legal_reviewer_exists(s: Session) -> bool:
    return s.scalar(select(User.id).where(User.role == Role.LEGAL.value, User.active).limit(1)) is not None


def standing(s: Session, actor: Actor, req: Request) -> Standing:
    return Standing(actor.role, relation_to_case(s, actor, req), legal_reviewer_exists(s))


def require(s: Session, actor: Actor, req: Request, act: Act) -> None:
    """Refuse ``act`` on ``req`` unless the actor's role and relation to the case allow it."""
    why = standing(s, actor, req).why(act)
    if why:
        raise PermissionDenied(why)


def require_on_task(s: Session, actor: Actor, task: DeptTask, act: Act) -> None:
    why = Standing(actor.role, relation_to_task(actor, task), legal_reviewer_exists(s)).why(act)
    if why:
        raise PermissionDenied(why)
