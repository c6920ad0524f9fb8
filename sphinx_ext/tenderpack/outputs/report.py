"""A tender's pack as plain text for people: what ``tenderpack show`` prints."""

from __future__ import annotations

from tenderpack.messages import Lang
from tenderpack.outputs.labels import channel_label, deadline_label, due_words, label, owner_label
from tenderpack.systems.spec import PHASES
from tenderpack.tender.pack import TenderPack


def describe_pack(pack: TenderPack, lang: Lang) -> str:
    tender = pack.tender
    annex = pack.system.data.annex
    lines = [
        f"{tender.reference}: {tender.title}",
        f"{label('system', lang)}: {pack.system.name}",
        f"{label('annex', lang)}: {annex.short(lang)} ({tender.reference}-{annex.stem}.*)",
        "",
        f"{label('deadlines', lang)}:",
    ]
    for key, deadline in pack.deadlines.items():
        when = due_words(deadline, lang)
        if deadline.date is not None:
            when += f" ({deadline.date.isoformat()})"
        if deadline.basis in ("law", "contract"):
            when += f" [{label('basis-' + deadline.basis, lang)}]"
        lines.append(f"  {deadline_label(pack, key):<34} {when}")
        if (note := deadline.note(lang)) is not None:
            lines.append(f"  {'':<34} {label('note', lang)}: {note}")
    lines.append(f"{label('message_standard', lang)}: {pack.message_standard}")
    if tender.channel is not None:
        lines.append(f"{label('channel', lang)}: {channel_label(pack)}")
    lines += ["", f"{label('departments', lang)}:"]
    roles = any(d.role != "both" for d in pack.departments)  # an invoice-to unit: say who
    for department in pack.departments:
        marker = (
            "" if department.on_system else f"  ({label('not_on_system', lang)} {pack.system.name})"
        )
        if roles:
            marker += f"  [{label('role-' + department.role, lang)}]"
        lines.append(f"  {department.abbreviation:<8} {department.oin}  {department.name}{marker}")
    lines += ["", f"{label('checklist', lang)}:"]
    for phase in PHASES:
        steps = pack.steps_in(phase)
        if not steps:
            continue
        lines.append(f"  {label('phase-' + phase, lang)}")
        for step in steps:
            due = f" — {due_words(step.due, lang)}" if step.due else ""
            lines.append(f"    [{owner_label(pack, step.owner)}] {step.title}{due}")
    return "\n".join(lines)
