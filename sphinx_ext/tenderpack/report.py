"""A tender's pack as plain text for people: what ``tenderpack show`` prints."""

from __future__ import annotations

from tenderpack.labels import label
from tenderpack.messages import Lang
from tenderpack.pack import PHASES, TenderPack, long_date


def describe_pack(pack: TenderPack, lang: Lang) -> str:
    tender = pack.tender
    lines = [f"{tender.reference}: {tender.title}", "", f"{label('deadlines', lang)}:"]
    for key, deadline in pack.deadlines.items():
        when = f"{long_date(deadline.date, lang)} ({deadline.date.isoformat()})"
        lines.append(f"  {label(key, lang):<34} {when}")
        if (note := deadline.note(lang)) is not None:
            lines.append(f"  {'':<34} {label('note', lang)}: {note}")
    lines.append(f"{label('message_standard', lang)}: {pack.message_standard}")
    lines.append(f"{label('channel', lang)}: {label(tender.channel, lang)}")
    lines += ["", f"{label('departments', lang)}:"]
    for department in pack.departments:
        marker = (
            "" if department.on_system else f"  ({label('not_on_system', lang)} {pack.system.name})"
        )
        lines.append(f"  {department.abbreviation:<8} {department.oin}  {department.name}{marker}")
    lines += ["", f"{label('checklist', lang)}:"]
    for phase in PHASES:
        steps = pack.steps_in(phase)
        if not steps:
            continue
        lines.append(f"  {label('phase-' + phase, lang)}")
        for step in steps:
            due = f" — {long_date(step.due.date, lang)}" if step.due else ""
            lines.append(f"    [{label(step.owner, lang)}] {step.title}{due}")
    return "\n".join(lines)
