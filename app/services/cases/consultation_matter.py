"""征求意见事项 of a consultation as the case view shows it: the text, and the flag when it holds the
applicant's stored personal data (the letter to the party is then refused)."""

from __future__ import annotations

from app.models import Consultation, Request
from app.workflow.consultation_matter import applicant_data_in, matter_problem


def matter_of(req: Request, c: Consultation) -> str:
    """The 征求意见事项 (a consultation recorded before it existed names the request's description)."""
    return (c.matter or "").strip() or req.description


def consultation_matter(req: Request, c: Consultation) -> tuple[str, str]:
    """(征求意见事项, flag message or '') for the consultation's view."""
    matter = matter_of(req, c)
    return matter, matter_problem(applicant_data_in(matter, req.applicant_name, req.address, req.id_number,
                                                    req.phone))
