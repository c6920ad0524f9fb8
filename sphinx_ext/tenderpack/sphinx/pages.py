"""The ``tender-page`` directive: one whole page of a tender's section.

The generated source of every tender page is a single call, e.g. ``{tender-page} checklist``
in ``tenders/<reference>/checklist.md``: no value from the tender file is written into a
source file, so nothing from it is ever parsed as markup. The directive takes the
reference from the page's folder (or ``:reference:``) and builds the page: a section
whose title is the page's heading, marked with the tender's language, holding the
components (checklist, deadlines, departments, annex, ...).

Page titles: the landing page is titled with the tender's title, so the overview's
navigation lists tenders by name; the other pages carry the reference in their heading,
so search results and browser tabs tell one tender's checklist from another's. In the
section's own navigation they appear under their short names.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from docutils import nodes
from docutils.parsers.rst import directives
from sphinx.application import Sphinx
from sphinx.util import logging

from tenderpack.outputs.labels import channel_label, due_words, label
from tenderpack.sphinx.annex_page import annex_nodes, annex_title
from tenderpack.sphinx.base import WARNING_TYPE, Context, TenderDirective
from tenderpack.sphinx.calendar import calendar_link
from tenderpack.sphinx.checklist import checklist_parts
from tenderpack.sphinx.deadlines import deadlines_table
from tenderpack.sphinx.departments import departments_nodes, role_words, roles_differ
from tenderpack.sphinx.doctree import (
    Headings,
    bullet_list,
    definition_list,
    doc_link,
    enumerated_list,
    lang_classes,
    link,
    literal,
    mail_link,
    paragraph,
    phone_link,
    sentence,
    strong,
    toctree,
    verbatim,
)
from tenderpack.sphinx.links import make_label_link
from tenderpack.sphinx.words import word
from tenderpack.systems.spec import PHASES, Section
from tenderpack.tender.conditions import all_hold
from tenderpack.tender.pack import TenderPack, fill_values

logger = logging.getLogger(__name__)

# The pages of a tender's section, by kind, in navigation order; "index" is the landing page.
# Five pages, following the list: what the tender is; the checklist; departments
# with ordering and invoicing; the annex; contacts with the privacy notices. Each page is a
# document Sphinx reads again when its tender changes, so the count is also a cost.
PAGES = ("index", "checklist", "ordering", "annex", "contact")
LANGUAGE_KEY = "tenderpack-language"  # page metadata: the language the page is written in
# Page metadata: the section's pages as [name, short title] (None: the page's own title),
# for the theme's section navigation.
SECTION_KEY = "tenderpack-section"


def page_name(kind: str, pack: TenderPack) -> str:
    """The page's name in its section: its kind, but the annex page is named as the profile
    names the annex (``bijlage-h``, ``verzendspecificatie``), as its downloads are."""
    return pack.system.data.annex.stem if kind == "annex" else kind


def page_names(pack: TenderPack) -> list[str]:
    """The names of the pages of the tender's section, in navigation order."""
    return [page_name(kind, pack) for kind in PAGES]


def page_kind(name: str, pack: TenderPack) -> str | None:
    """The kind of the page a section names ``name``; None for a name it has no page for."""
    return next((kind for kind in PAGES if page_name(kind, pack) == name), None)


def page_docname(context: Context, kind: str, pack: TenderPack) -> str:
    return context.page(page_name(kind, pack), pack.reference)


def page_title(kind: str, pack: TenderPack) -> str:
    if kind == "index":
        return pack.tender.title
    return f"{short_title(kind, pack)} – {pack.reference}"


def short_title(kind: str, pack: TenderPack) -> str:
    if kind == "index":
        return pack.tender.title
    if kind == "annex":
        return annex_title(pack, pack.lang)
    return word(f"page-{kind}", pack.lang)


def offered_connections(pack: TenderPack) -> list[str]:
    """``<name> (verplicht)``: each connection option the tender offers, named by its profile."""
    lang = pack.lang
    result = []
    for name in pack.tender.offered:
        connection = pack.system.data.connections[name]
        kind = word("mandatory" if connection.mandatory else "optional", lang)
        result.append(f"{connection.name(lang)} ({kind})")
    return result


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]


# --- the landing page -----------------------------------------------------------------------


def _about(context: Context, pack: TenderPack) -> nodes.Node:
    lang = context.lang
    tender = pack.tender
    authority = tender.contracting_authority
    system = pack.system
    facts: list[tuple[str, str | nodes.Node | list[nodes.Node]]] = [
        (word("reference", lang), literal(pack.reference)),
        (word("agreement", lang), word(tender.agreement, lang)),
        (word("supply", lang), capitalised(label(tender.supply, lang))),
        (label("contracting_authority", lang), f"{authority.name} ({authority.abbreviation})"),
        (
            word("system", lang),
            word("system-value", lang).format(
                system=system.name, managed_by=system.data.operator.name
            ),
        ),
        (word("connections", lang), ", ".join(offered_connections(pack))),
        *([(label("channel", lang), channel_label(pack))] if tender.channel else []),
        (label("message_standard", lang), pack.message_standard),
    ]
    return context.headings.part(word("about", lang), [definition_list(facts)])


def _who(context: Context, pack: TenderPack) -> nodes.Node:
    lang = context.lang
    authority = pack.tender.contracting_authority.name
    roles = roles_differ(pack)
    who = "who-text-roles" if roles else "who-text"
    items = [
        [
            paragraph(
                f"{d.name} ({d.abbreviation})" + (f" – {role_words(d.role, lang)}" if roles else "")
            )
        ]
        for d in pack.departments
    ]
    more = doc_link(
        page_docname(context, "ordering", pack),
        word("departments-heading", lang),
        refdoc=context.docname,
    )
    return context.headings.part(
        word("who", lang),
        [
            paragraph(*sentence(word(who, lang), authority=authority)),
            bullet_list(items),
            paragraph(more),
        ],
    )


def _timeline(context: Context, pack: TenderPack) -> nodes.Node:
    lang = context.lang
    return context.headings.part(
        word("timeline", lang),
        [
            deadlines_table(context, pack),
            paragraph(*sentence(word("calendar", lang), link=calendar_link(pack))),
        ],
    )


def first_steps(pack: TenderPack) -> list[tuple[str, str | None]]:
    """The supplier's own steps of the first phase(s) that have any: what to do first."""
    for count in range(1, len(PHASES) + 1):
        phases = PHASES[:count]
        steps = [s for s in pack.checklist if s.owner == "supplier" and s.phase in phases]
        if len(steps) >= 3 or count == len(PHASES):
            break
    return [(s.title, due_words(s.due, pack.lang) if s.due else None) for s in steps]


def _first(context: Context, pack: TenderPack) -> nodes.Node:
    lang = context.lang
    items = []
    for title, due in first_steps(pack):
        parts: list[str | nodes.Node] = [strong(title)]
        if due:
            parts.append(f" – {word('due', lang).lower()} {due}")
        items.append([paragraph(*parts)])
    checklist = doc_link(
        page_docname(context, "checklist", pack),
        word("checklist-link", lang),
        refdoc=context.docname,
    )
    return context.headings.part(
        word("first", lang),
        [
            enumerated_list(items),
            paragraph(*sentence(word("first-text", lang), checklist=checklist)),
        ],
    )


def _section_toctree(context: Context, pack: TenderPack) -> nodes.Node:
    """The section's pages as a visible toctree: navigation, and the pages' place in the site."""
    entries = [(short_title(kind, pack), page_docname(context, kind, pack)) for kind in PAGES[1:]]
    return context.headings.part(
        word("in-section", context.lang), [toctree(context.docname, entries, hidden=False)]
    )


def landing_page(context: Context, pack: TenderPack) -> list[nodes.Node]:
    result: list[nodes.Node] = []
    if pack.tender.summary:
        result.append(paragraph(pack.tender.summary, classes=["tp-summary"]))
    result += [
        _about(context, pack),
        _who(context, pack),
        _timeline(context, pack),
        _first(context, pack),
        _section_toctree(context, pack),
    ]
    return result


# --- the other pages ----------------------------------------------------------------------


def checklist_page(context: Context, pack: TenderPack) -> list[nodes.Node]:
    lang = context.lang
    return [
        paragraph(*sentence(word("checklist-intro", lang), system=pack.system.name)),
        paragraph(*sentence(word("calendar", lang), link=calendar_link(pack))),
        *checklist_parts(context, pack),
    ]


def _profile_section(
    context: Context, pack: TenderPack, section: Section, fill: dict[str, object]
) -> nodes.Node:
    """One of the profile's own parts of the ordering page: its paragraphs that apply, with
    consecutive items as one bullet list."""
    lang = context.lang
    body: list[nodes.Node] = []
    items: list[list[nodes.Node]] = []
    for part in section.paragraphs:
        if not all_hold(part.when, pack.tender):
            continue
        shown = paragraph(part.text(lang).format(**fill))
        if part.item:
            items.append([shown])
            continue
        if items:
            body.append(bullet_list(items))
            items = []
        body.append(shown)
    if items:
        body.append(bullet_list(items))
    return context.headings.part(section.title(lang), body)


def ordering_page(context: Context, pack: TenderPack) -> list[nodes.Node]:
    lang = context.lang
    part = context.headings.part
    connections = [[paragraph(offered)] for offered in offered_connections(pack)]
    result = [
        part(word("departments-heading", lang), departments_nodes(context, pack)),
        part(
            word("connections", lang),
            [paragraph(word("connections-text", lang)), bullet_list(connections)],
        ),
    ]
    fill = fill_values(pack.tender, pack.system, pack.message_standard)  # once per page
    for section in pack.system.data.site.sections:
        if all_hold(section.when, pack.tender):
            result.append(_profile_section(context, pack, section, fill))
    return result


def privacy_nodes(context: Context, pack: TenderPack) -> list[nodes.Node]:
    """The privacy component's summary of the tender's notices, and links to them in full.

    The summary is the ``privacy-summary`` directive's own output (it also reports unknown
    notices and notes the notice files as dependencies); the notice ids go to it as
    arguments, never through a parser. Each link goes to the label ``privacy-<id>`` (the
    full notice on the site's privacy page) and is plain text where no page has it.
    """
    lang = context.lang
    if not pack.privacy_notices:
        return [paragraph(word("privacy-none", lang))]
    links = [
        [paragraph(make_label_link(f"privacy-{notice}", notice))] for notice in pack.privacy_notices
    ]
    summary = context.run_directive("privacy-summary", [" ".join(pack.privacy_notices)])
    site_lang = context.settings.site_lang
    if site_lang != lang:  # the summary speaks the site's language (as the notices do)
        for node in summary:
            if isinstance(node, nodes.Element):
                node["classes"].extend(lang_classes(site_lang))
    return [
        paragraph(*sentence(word("privacy-intro", lang), system=pack.system.name)),
        *summary,
        paragraph(word("privacy-full", lang)),
        bullet_list(links, classes=["tp-notices"]),
    ]


def contact_page(context: Context, pack: TenderPack) -> list[nodes.Node]:
    lang = context.lang
    contact = pack.tender.contact
    centre = pack.system.data.service_centre
    tender_facts: list[tuple[str, str | nodes.Node | list[nodes.Node]]] = [
        (word("name", lang), contact.name),
        (word("email", lang), mail_link(contact.email)),
    ]
    if contact.phone:
        tender_facts.append((word("phone", lang), phone_link(contact.phone)))
    centre_facts: list[tuple[str, str | nodes.Node | list[nodes.Node]]] = [
        (word("name", lang), centre.name)
    ]
    if centre.phone:
        phone: list[nodes.Node] = [phone_link(centre.phone)]
        if centre.phone_note:
            phone.append(nodes.Text(f" ({centre.phone_note(lang)})"))
        centre_facts.append((word("phone", lang), phone))
    if centre.email:
        centre_facts.append((word("email", lang), mail_link(centre.email)))
    if centre.website:
        centre_facts.append((word("website", lang), link(centre.website, centre.website)))
    if centre.verify:
        centre_facts.append((label("note", lang), centre.verify(lang)))
    return [
        context.headings.part(word("contact-tender", lang), [definition_list(tender_facts)]),
        context.headings.part(
            word("contact-system", lang).format(system=pack.system.name),
            [definition_list(centre_facts)],
        ),
        context.headings.part(word("privacy-heading", lang), privacy_nodes(context, pack)),
    ]


def annex_page(context: Context, pack: TenderPack) -> list[nodes.Node]:
    return annex_nodes(context, pack)


_BUILDERS: dict[str, Callable[[Context, TenderPack], list[nodes.Node]]] = {
    "index": landing_page,
    "checklist": checklist_page,
    "ordering": ordering_page,
    "annex": annex_page,
    "contact": contact_page,
}


class TenderPage(TenderDirective):
    """``tender-page <kind>``: a whole page of the tender named by the page's folder."""

    option_spec = {"reference": directives.unchanged_required}  # noqa: RUF012 (docutils API)

    def run(self) -> list[nodes.Node]:
        kind = self.arguments[0].strip()
        if kind not in _BUILDERS:
            logger.warning(
                word("msg-unknown-page", self.tp_settings.site_lang).format(
                    kind=kind, pages=", ".join(PAGES)
                ),
                type=WARNING_TYPE,
                subtype="unknown-page",
                location=self.get_location(),
            )
            return []
        reference = self.options.get("reference") or self._reference_from_docname()
        pack = self.find_pack(reference)
        if pack is None:
            return []
        context = self.context(pack.lang)
        # The page's parts are sections below the page's own section.
        context.headings = Headings(self.state.document, allow_sections=True)
        metadata = self.env.metadata[self.env.docname]
        metadata[LANGUAGE_KEY] = pack.lang
        metadata[SECTION_KEY] = [
            [page_name(kind, pack), None if kind == "index" else short_title(kind, pack)]
            for kind in PAGES
        ]
        page = context.headings.part(
            page_title(kind, pack),
            _BUILDERS[kind](context, pack),
            classes=["tp-page", f"tp-page-{kind}"],
            lang=pack.lang if pack.lang != context.settings.site_lang else None,
        )
        return verbatim([page])

    def build(self, context: Context, pack: TenderPack) -> Sequence[nodes.Node]:
        raise AssertionError("TenderPage.run builds the page itself")

    def _reference_from_docname(self) -> str:
        parts = self.env.docname.split("/")
        return parts[-2] if len(parts) >= 2 else ""


def setup_pages(app: Sphinx) -> None:
    app.add_directive("tender-page", TenderPage)
