"""The ``tender-checklist`` directive: the connection steps by phase, with owner and due date.

Only the steps for the options the tender offers appear (``pack.checklist`` is already
filtered). Each step gets a stable ``id`` (``<reference>-<step>``) so a page can link to
one step and a script can remember which steps a supplier ticked off.
"""

from __future__ import annotations

from collections.abc import Sequence

from docutils import nodes
from sphinx.application import Sphinx

from tenderpack.outputs.labels import due_words, label, owner_label
from tenderpack.sphinx.base import Context, TenderDirective
from tenderpack.sphinx.doctree import enumerated_list, paragraph, strong, unique_id
from tenderpack.sphinx.words import word
from tenderpack.systems.spec import PHASES
from tenderpack.tender.pack import ChecklistStep, TenderPack


def step_nodes(context: Context, pack: TenderPack, step: ChecklistStep) -> list[nodes.Node]:
    lang = context.lang
    due = due_words(step.due, lang) if step.due else word("no-due", lang)
    meta = paragraph(
        nodes.inline("", word("who-does", lang) + ": ", classes=["tp-key"]),
        owner_label(pack, step.owner),
        " · ",
        nodes.inline("", word("due", lang) + ": ", classes=["tp-key"]),
        due,
        classes=["tp-step-meta"],
    )
    part = word("clause", lang).format(annex=pack.system.data.annex.short(lang))  # its own annex
    clause = paragraph(
        f"{part}: {pack.system.data.clauses[step.clause](lang)}",
        classes=["tp-step-clause"],
    )
    parts: list[nodes.Node] = [paragraph(strong(step.title)), meta]
    note = step.due.note(lang) if step.due else None
    if note is not None:  # the date may still move: say so where the date is read
        parts.append(
            paragraph(
                nodes.inline("", label("note", lang) + ": ", classes=["tp-key"]),
                note,
                classes=["tp-step-note"],
            )
        )
    return [*parts, paragraph(step.explanation), clause]


def checklist_parts(context: Context, pack: TenderPack) -> list[nodes.Node]:
    """One headed part per phase that has steps, in the order of ``PHASES``."""
    document = context.headings.document
    parts: list[nodes.Node] = []
    for phase in PHASES:
        steps = pack.steps_in(phase)
        if not steps:
            continue
        items = enumerated_list(
            [step_nodes(context, pack, step) for step in steps], classes=["tp-checklist"]
        )
        for item, step in zip(items.children, steps, strict=True):
            assert isinstance(item, nodes.Element)
            item["classes"].extend(["tp-step", f"tp-owner-{step.owner}"])
            unique_id(document, item, f"step-{pack.reference}-{step.id}")
        parts.append(
            context.headings.part(
                label(f"phase-{phase}", context.lang), [items], classes=["tp-phase"]
            )
        )
    return parts


class TenderChecklist(TenderDirective):
    """``tender-checklist <reference>``: every step, grouped by phase."""

    def build(self, context: Context, pack: TenderPack) -> Sequence[nodes.Node]:
        return checklist_parts(context, pack)


def setup_checklist(app: Sphinx) -> None:
    app.add_directive("tender-checklist", TenderChecklist)
