"""The ``tender-departments`` directive: who orders under the agreement, with their OINs.

Messages to a department must carry its OIN, so the OIN is shown as a literal (never
reflowed) next to the name; departments not on the purchasing system are marked, because
the annex obliges the supplier to exchange messages with them too. Where not every unit
both orders and receives the invoices (a tender names an invoice-to unit), a column says
which does what: an invoice goes to the OIN of the unit that receives it.
"""

from __future__ import annotations

from collections.abc import Sequence

from docutils import nodes
from sphinx.application import Sphinx

from tenderpack.messages import Lang
from tenderpack.outputs.labels import label
from tenderpack.sphinx.base import Context, TenderDirective
from tenderpack.sphinx.doctree import literal, paragraph, sentence, table
from tenderpack.sphinx.words import word
from tenderpack.tender.pack import TenderPack


def roles_differ(pack: TenderPack) -> bool:
    """True when some unit only orders or only receives the invoices."""
    return any(d.role != "both" for d in pack.departments)


def role_words(role: str, lang: Lang) -> str:
    return label(f"role-{role}", lang)


def departments_table(context: Context, pack: TenderPack) -> nodes.table:
    lang = context.lang
    system = pack.system.name
    roles = roles_differ(pack)
    rows = [
        [
            d.abbreviation,
            d.name,
            literal(d.oin),
            *([role_words(d.role, lang)] if roles else []),
            word("yes" if d.on_system else "no", lang),
        ]
        for d in pack.departments
    ]
    return table(
        sentence(word("departments-caption", lang), reference=pack.reference),
        [
            word("abbreviation", lang),
            word("name", lang),
            word("oin", lang),
            *([label("role", lang)] if roles else []),
            word("on-system", lang).format(system=system),
        ],
        rows,
        classes=["tp-departments"],
    )


def departments_nodes(context: Context, pack: TenderPack) -> list[nodes.Node]:
    lang = context.lang
    authority = pack.tender.contracting_authority
    result: list[nodes.Node] = [
        paragraph(word("departments-intro", lang)),
        departments_table(context, pack),
        paragraph(
            *sentence(
                word("authority-oin", lang),
                name=authority.name,
                abbreviation=authority.abbreviation,
                oin=literal(authority.oin),
            )
        ),
    ]
    if pack.options.get("departments_not_on_system"):
        result.append(
            paragraph(*sentence(word("departments-off-system", lang), system=pack.system.name))
        )
    return result


class TenderDepartments(TenderDirective):
    """``tender-departments <reference>``: the departments and OINs."""

    def build(self, context: Context, pack: TenderPack) -> Sequence[nodes.Node]:
        return departments_nodes(context, pack)


def setup_departments(app: Sphinx) -> None:
    app.add_directive("tender-departments", TenderDepartments)
