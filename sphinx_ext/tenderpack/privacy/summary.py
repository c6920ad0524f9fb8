"""What a supplier needs to know from a notice, as plain data: which data, why, how long, rights.

A summary only selects from the transcription, it never rewords it: a sentence that the
source did not write would be a fact that the notice does not state. What the source
leaves out is listed as such (``not_stated``), so the summary cannot look more complete
than the notice it summarises.
"""

from __future__ import annotations

from dataclasses import dataclass

from tenderpack.privacy.check import ELEMENTS, check_notice, expected_rights
from tenderpack.privacy.model import DataSubject, Notice, Right


@dataclass(frozen=True, slots=True)
class SubjectData:
    """The data kept about one kind of person, flattened from the notice's lists and groups."""

    name: str
    items: tuple[str, ...]
    optional_items: tuple[str, ...]
    description: str | None  # when the source refers to a law instead of listing the data
    retention: str | None


@dataclass(frozen=True, slots=True)
class NoticeSummary:
    id: str
    service: str
    subjects: tuple[SubjectData, ...]
    purposes: tuple[str, ...]
    retention: str | None
    rights: tuple[Right, ...]
    request_email: str | None
    request_address: str | None
    request_mention: str | None
    complaint_authority: str | None
    not_stated: tuple[str, ...]  # element ids, in the order of ELEMENTS
    missing_rights: tuple[Right, ...]  # the rights the notice should mention but does not


def supplier_subjects(notice: Notice) -> tuple[DataSubject, ...]:
    """The people a supplier's staff can be: those marked so, or everyone when none is marked."""
    marked = tuple(s for s in notice.data_subjects if s.concerns_suppliers)
    return marked or tuple(notice.data_subjects)


def _subject_data(subject: DataSubject) -> SubjectData:
    items: list[str] = []
    optional: list[str] = []
    description = None
    if subject.data is not None:
        items.extend(subject.data.required)
        for group in subject.data.groups:
            (optional if group.optional else items).extend(group.items)
        optional.extend(subject.data.optional)
        description = subject.data.description
    unique = tuple(dict.fromkeys(items))
    return SubjectData(
        subject.name,
        unique,
        tuple(item for item in dict.fromkeys(optional) if item not in unique),
        description,
        subject.retention,
    )


def summarise(notice: Notice) -> NoticeSummary:
    """The supplier's view of one notice, with the elements it does not state."""
    gaps = check_notice(notice).gaps
    missing = {gap.element for gap in gaps}
    contact = notice.rights_contact
    return NoticeSummary(
        id=notice.id,
        service=notice.service,
        subjects=tuple(_subject_data(s) for s in supplier_subjects(notice)),
        purposes=tuple(p.text for p in notice.purposes or []),
        retention=notice.retention,
        rights=tuple(notice.rights or ()),
        request_email=contact.email if contact else None,
        request_address=contact.address if contact else None,
        request_mention=contact.mention if contact else None,
        complaint_authority=notice.complaint_authority,
        not_stated=tuple(e.id for e in ELEMENTS if e.id in missing),
        missing_rights=tuple(r for r in expected_rights(notice) if r not in (notice.rights or ())),
    )
