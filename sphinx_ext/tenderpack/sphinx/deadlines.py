"""The ``tender-deadlines`` directive: a tender's key dates in date order (the timeline).

The dates are the pack's derived deadlines (award, contract start, one per connection option
offered, each with its basis: law or contract), the same that the annex and the calendar
file show.
"""

from __future__ import annotations

from collections.abc import Sequence

from docutils import nodes
from sphinx.application import Sphinx

from tenderpack.messages import Lang
from tenderpack.outputs.labels import deadline_label, due_words, label
from tenderpack.sphinx.base import Context, TenderDirective
from tenderpack.sphinx.doctree import table
from tenderpack.sphinx.words import word
from tenderpack.tender.pack import Deadline, TenderPack


def _what(pack: TenderPack, deadline: Deadline, lang: Lang) -> str:
    note = deadline.note(lang)
    what = deadline_label(pack, deadline.key)
    if deadline.basis in ("law", "contract"):
        what += f" ({label('basis-' + deadline.basis, lang)})"
    return what if note is None else f"{what} ({label('note', lang).lower()}: {note})"


def deadlines_table(context: Context, pack: TenderPack) -> nodes.table:
    lang = context.lang
    ordered = sorted(
        (d for d in pack.deadlines.values() if d.date is not None), key=lambda d: d.date or 0
    )
    caption = f"{label('deadlines', lang)}: {pack.reference}"
    return table(
        caption,
        [word("date", lang), word("what", lang)],
        [[due_words(d, lang), _what(pack, d, lang)] for d in ordered],
        classes=["tp-deadlines"],
    )


class TenderDeadlines(TenderDirective):
    """``tender-deadlines <reference>``: the table of key dates."""

    def build(self, context: Context, pack: TenderPack) -> Sequence[nodes.Node]:
        return [deadlines_table(context, pack)]


def setup_deadlines(app: Sphinx) -> None:
    app.add_directive("tender-deadlines", TenderDeadlines)
