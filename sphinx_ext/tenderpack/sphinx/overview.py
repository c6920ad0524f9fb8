"""The ``tender-overview`` directive: every valid tender in one table.

A page that lists every tender depends on every tender file (``note_dependency``) and on
the set of tenders itself: ``tracking`` re-reads it when a tender is added, removed or
changes reference. With ``:toctree:`` (the generated ``tenders/index`` page uses it) it
also places each tender's section in the site's navigation.
"""

from __future__ import annotations

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from tenderpack.messages import long_date
from tenderpack.outputs.labels import label
from tenderpack.sphinx import store, tracking
from tenderpack.sphinx.config import settings
from tenderpack.sphinx.doctree import (
    doc_link,
    in_lang,
    literal,
    paragraph,
    table,
    toctree,
    verbatim,
)
from tenderpack.sphinx.words import word


class TenderOverview(SphinxDirective):
    """``tender-overview``: reference, title, purchasing system, award, contract start and
    departments. A site may mix tenders of several systems, so each row names its own."""

    has_content = False
    option_spec = {"toctree": directives.flag}  # noqa: RUF012 (docutils API)

    def run(self) -> list[nodes.Node]:
        current = settings(self.config)
        lang = current.site_lang
        tenders = store.current(current.tenders_dir)
        tracking.record(self.env, all_tenders=True)
        for item in tenders.files:
            self.env.note_dependency(item.path)
        packs = tenders.packs
        if not packs:
            return [paragraph(word("overview-empty", lang))]
        docname = self.env.docname
        landing = {p.reference: f"{current.site_dir}/{p.reference}/index" for p in packs}
        rows = [
            [
                doc_link(landing[p.reference], literal(p.reference), refdoc=docname),
                in_lang(p.tender.title, p.lang, lang),
                p.system.name,
                long_date(p.tender.dates.award, lang),
                long_date(p.tender.dates.contract_start, lang),
                ", ".join(d.abbreviation for d in p.departments),
            ]
            for p in packs
        ]
        result: list[nodes.Node] = [
            table(
                word("overview-caption", lang),
                [
                    word("reference", lang),
                    word("title", lang),
                    word("system", lang),
                    label("award", lang),
                    word("contract-start", lang),
                    word("departments-short", lang),
                ],
                rows,
                classes=["tp-overview"],
            )
        ]
        if "toctree" in self.options:
            entries = [(None, landing[p.reference]) for p in packs]
            result.append(toctree(docname, entries, hidden=True))
        return verbatim(result)


def setup_overview(app: Sphinx) -> None:
    app.add_directive("tender-overview", TenderOverview)
