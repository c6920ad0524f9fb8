"""Notices as docutils nodes: the readable notice, the register view, the completeness table
and the summary for suppliers.

Every value from YAML enters the tree as a ``nodes.Text`` (or a reference whose URI was
validated as http(s)), never through a parser, so ``<script>``, a MyST fence or a reST
directive in a notice shows as the literal text it is. Headings and labels are in the
site's language; the notice's own text stays in the language it was published in.

Sections carry a ``names`` entry but no ids: the Sphinx component registers them as targets
in the document, which makes ids unique when a page shows a notice twice. Only docutils is
imported here, so the rendering is tested without a Sphinx build.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence

from docutils import nodes

from tenderpack.messages import Lang, long_date
from tenderpack.privacy.check import ELEMENTS, Completeness, Element, Gap, check_notice, citation
from tenderpack.privacy.messages import ptext
from tenderpack.privacy.model import DataSubject, Notice, PersonalData, Provision
from tenderpack.privacy.summary import NoticeSummary, SubjectData, summarise

# --- small builders -------------------------------------------------------------------------


def _verbatim(node: nodes.Element) -> nodes.Element:
    """Keep Sphinx's smart quotes out: ``alert('x')`` must not become ``alert(‘x’)``."""
    node["support_smartquotes"] = False
    return node


def _paragraph(*parts: str | nodes.Node, classes: Sequence[str] = ()) -> nodes.paragraph:
    paragraph = nodes.paragraph(classes=list(classes))
    for part in parts:
        paragraph += nodes.Text(part) if isinstance(part, str) else part
    return paragraph


def _labelled(label: str, value: str) -> nodes.paragraph:
    """``Label: value`` with the label in bold."""
    return _paragraph(nodes.strong("", "", nodes.Text(f"{label}: ")), value)


def _prose(value: str | None) -> list[nodes.Node]:
    """A YAML text as paragraphs: each line break that folding kept starts a new one."""
    if not value:
        return []
    return [_paragraph(line.strip()) for line in value.split("\n") if line.strip()]


def _bullets(items: Iterable[str | Sequence[nodes.Node]]) -> nodes.bullet_list:
    bullet_list = nodes.bullet_list()
    for item in items:
        list_item = nodes.list_item()
        if isinstance(item, str):
            list_item += _paragraph(item)
        else:
            list_item.extend(item)
        bullet_list += list_item
    return bullet_list


def _link(url: str) -> nodes.Node:
    """A link for an http(s) URL (the model only admits those); anything else as text."""
    if url.startswith(("https://", "http://")):
        return nodes.reference("", "", nodes.Text(url), refuri=url)
    return nodes.Text(url)


def _section(name: str, title: str, children: Iterable[nodes.Node]) -> nodes.section:
    section = nodes.section(names=[name])
    section += nodes.title("", "", nodes.Text(title))
    section.extend(children)
    return section


def _table(
    rows: Sequence[Sequence[Sequence[nodes.Node]]],
    widths: Sequence[int],
    *,
    title: str | None = None,
    header: Sequence[str] | None = None,
    classes: Sequence[str] = (),
    cell_classes: Sequence[Sequence[Sequence[str]]] | None = None,
) -> nodes.table:
    """A table whose first column heads its row (a stub: ``th`` in HTML).

    Every table here has a caption or a header row, and the HTML writer gives each of its
    ``th`` the ``scope`` it heads (``sphinx/privacy.py``): a table with both row and column
    headers needs it (WCAG technique H63), or a screen reader cannot tell which header a
    cell belongs to.
    """
    table = nodes.table(classes=["tenderpack-privacy", *classes])
    if title:
        table += nodes.title("", "", nodes.Text(title))
    group = nodes.tgroup(cols=len(widths))
    table += group
    for index, width in enumerate(widths):
        group += nodes.colspec(colwidth=width, stub=1 if index == 0 else 0)
    if header:
        head = nodes.thead()
        row = nodes.row()
        for text in header:
            row += nodes.entry("", _paragraph(text))
        head += row
        group += head
    body = nodes.tbody()
    for row_index, cells in enumerate(rows):
        row = nodes.row()
        for cell_index, content in enumerate(cells):
            entry = nodes.entry()
            if cell_classes is not None:
                entry["classes"].extend(cell_classes[row_index][cell_index])
            entry.extend(content)
            row += entry
        body += row
    group += body
    return table


# --- pieces shared by both views -------------------------------------------------------------


def _basis_text(legal_basis: str | None, reference: str | None, lang: Lang) -> str:
    parts = []
    if legal_basis:
        parts.append(ptext(f"basis-{legal_basis}", lang))
    if reference:
        parts.append(reference)
    return "; ".join(parts)


def _purpose_items(notice: Notice, lang: Lang) -> list[list[nodes.Node]]:
    items: list[list[nodes.Node]] = []
    for purpose in notice.purposes or []:
        basis = _basis_text(purpose.legal_basis, purpose.legal_basis_reference, lang)
        paragraph = _paragraph(purpose.text)
        if basis:
            paragraph += nodes.Text(" — ")
            paragraph += nodes.emphasis("", "", nodes.Text(basis))
        items.append([paragraph])
    return items


def _data_nodes(data: PersonalData | None, lang: Lang) -> list[nodes.Node]:
    if data is None:
        return [_paragraph(ptext("label-not-stated", lang))]
    found: list[nodes.Node] = []
    if data.description:
        found.append(_paragraph(data.description))
    if data.required:
        found.append(_bullets(data.required))
    for group in data.groups:
        context = group.context + (
            f" {ptext('label-optional-suffix', lang)}" if group.optional else ""
        )
        found.append(_paragraph(f"{context}:"))
        found.append(_bullets(group.items))
    if data.optional:
        found.append(_paragraph(f"{ptext('label-optional', lang)}:"))
        found.append(_bullets(data.optional))
    return found


def _source_text(subject: DataSubject, lang: Lang) -> str | None:
    if not subject.source:
        return None
    kinds = ", ".join(ptext(f"source-{kind}", lang) for kind in subject.source)
    if subject.source_detail and subject.source_detail != kinds:
        return f"{kinds}: {subject.source_detail}"
    return kinds


def _provision_nodes(provision: Provision | None, lang: Lang) -> list[nodes.Node]:
    if provision is None:
        return []
    found: list[nodes.Node] = []
    if provision.text:
        found.append(_paragraph(provision.text))
    elif provision.obligatory is not None:
        found.append(
            _paragraph(
                ptext("label-obligatory" if provision.obligatory else "label-not-obligatory", lang)
            )
        )
    if provision.requirement:
        found.append(_paragraph(ptext(f"requirement-{provision.requirement}", lang)))
    if provision.consequences:
        found.append(_labelled(ptext("label-consequences", lang), provision.consequences))
    return found


def _heading(notice: Notice, lang: Lang) -> str:
    title = notice.title or f"{ptext(f'kind-{notice.kind}', lang)} {notice.service}"
    heading = title if notice.service in title else f"{notice.service}: {title}"
    if notice.register_reference:
        heading += f" ({notice.register_reference})"
    return heading


def _gap_list(gaps: Sequence[Gap], lang: Lang) -> list[nodes.Node]:
    return [_bullets(gap.message(lang) for gap in gaps)] if gaps else []


# --- the readable notice --------------------------------------------------------------------


def notice_nodes(
    notice: Notice, lang: Lang, completeness: Completeness | None = None
) -> list[nodes.Node]:
    """The notice as readable sections, ending with what the source does not state."""
    result = completeness or check_notice(notice)
    prefix = f"privacy-{notice.id}"
    body: list[nodes.Node] = []

    meta: list[str | nodes.Node] = []
    if notice.version:
        meta.append(f"{ptext('label-version', lang)} {notice.version}")
    if notice.published:
        meta.append(f"{ptext('label-published', lang)} {long_date(notice.published, lang)}")
    if meta or notice.source_url:
        paragraph = _paragraph(
            " · ".join(str(m) for m in meta), classes=["tenderpack-privacy-meta"]
        )
        if notice.source_url:
            paragraph += nodes.Text(
                (" · " if meta else "") + f"{ptext('label-source-url', lang)}: "
            )
            paragraph += _link(notice.source_url)
        body.append(paragraph)
    for paragraph_text in notice.introduction:
        body.extend(_prose(paragraph_text))
    if notice.components:
        body.append(_bullets(notice.components))

    sections: list[nodes.section] = []

    def add(key: str, children: list[nodes.Node]) -> None:
        if children:
            sections.append(_section(f"{prefix}-{key}", ptext(f"section-{key}", lang), children))

    controller: list[nodes.Node] = []
    if notice.controller is not None:
        c = notice.controller
        if c.name:
            controller.append(_paragraph(c.name))
        for organisation in c.organisations:
            controller.append(_labelled(ptext("label-organisation", lang), organisation))
        controller.extend(_prose(c.description))
        if c.managed_by:
            controller.append(_labelled(ptext("label-managed-by", lang), c.managed_by))
        for label, value in (
            ("label-visiting-address", c.visiting_address),
            ("label-address", c.address),
            ("label-email", c.email),
            ("label-phone", c.phone),
        ):
            if value:
                controller.append(_labelled(ptext(label, lang), value))
        for party in c.responsible:
            controller.append(
                _party_paragraph(party.name, party.visiting_address, party.postal_address, lang)
            )
    if notice.responsibilities:
        controller.append(_paragraph(f"{ptext('label-responsibilities', lang)}:"))
        controller.append(_bullets(notice.responsibilities))
    add("controller", controller)

    if notice.dpo is not None:
        dpo = notice.dpo
        add(
            "dpo",
            [
                _labelled(ptext(label, lang), value)
                for label, value in (
                    ("label-name", dpo.name),
                    ("label-email", dpo.email),
                    ("label-address", dpo.address),
                    ("label-phone", dpo.phone),
                )
                if value
            ],
        )

    purposes: list[nodes.Node] = []
    if notice.purposes:
        purposes.append(_bullets(_purpose_items(notice, lang)))
    if notice.legal_basis is not None:
        basis = notice.legal_basis
        summary = _basis_text(basis.basis, basis.reference, lang)
        if summary:
            purposes.append(_labelled(ptext("label-legal-basis", lang), summary))
        purposes.extend(_prose(basis.text))
    if notice.legitimate_interests:
        purposes.append(
            _labelled(ptext("label-legitimate-interests", lang), notice.legitimate_interests)
        )
    add("purposes", purposes)

    data: list[nodes.Node] = []
    for index, subject in enumerate(notice.data_subjects):
        data.append(_subject_section(f"{prefix}-subject-{index + 1}", subject, lang))
    if notice.data_notes:
        data.append(_paragraph(f"{ptext('label-notes', lang)}:"))
        data.append(_bullets(notice.data_notes))
    add("data", data)

    cookies: list[nodes.Node] = []
    if notice.cookies:
        items = []
        for cookie in notice.cookies:
            item: list[nodes.Node] = [_paragraph(nodes.strong("", "", nodes.Text(cookie.name)))]
            item.extend(_prose(cookie.description))
            item.extend(_prose(cookie.purpose))
            if cookie.personal_data is not None:
                code = (
                    "label-cookie-personal" if cookie.personal_data else "label-cookie-no-personal"
                )
                item.append(_paragraph(ptext(code, lang)))
            items.append(item)
        cookies.append(_bullets(items))
    for paragraph_text in notice.statistics:
        cookies.extend(_prose(paragraph_text))
    add("cookies", cookies)

    recipients: list[nodes.Node] = []
    if notice.recipients is not None:
        recipients.append(_paragraph(f"{ptext('label-recipients', lang)}:"))
        recipients.append(
            _bullets(notice.recipients)
            if notice.recipients
            else _paragraph(ptext("label-no-recipients", lang))
        )
    if notice.processors:
        recipients.append(_paragraph(f"{ptext('label-processors', lang)}:"))
        recipients.append(_bullets(notice.processors))
    add("recipients", recipients)

    storage = _prose(notice.storage) + _transfer_nodes(notice, lang)
    add("storage", storage)
    add("retention", _prose(notice.retention))
    add("automated", _automated_nodes(notice, lang))

    rights: list[nodes.Node] = []
    if notice.rights:
        labels = ", ".join(ptext(f"right-{right}", lang) for right in notice.rights)
        rights.append(_labelled(ptext("label-rights", lang), labels))
    if notice.rights_text:
        rights.append(_bullets(notice.rights_text))
    rights.extend(_prose(notice.how_to_exercise_rights))
    rights.extend(_prose(notice.response_time))
    if notice.consent_withdrawal:
        rights.append(_labelled(ptext("label-consent-withdrawal", lang), notice.consent_withdrawal))
    add("rights", rights)

    complaint: list[nodes.Node] = []
    if notice.complaint_authority:
        complaint.append(
            _labelled(ptext("label-complaint-authority", lang), notice.complaint_authority)
        )
    complaint.extend(_prose(notice.complaint_detail))
    add("complaint", complaint)
    add("security", _prose(notice.security))
    add("changes", _prose(notice.changes))
    add("related", _prose(notice.related_processing))
    add("gaps", _gap_list(result.gaps, lang))

    return [_verbatim(_section(prefix, _heading(notice, lang), [*body, *sections]))]


def _party_paragraph(
    name: str, visiting: str | None, postal: str | None, lang: Lang
) -> nodes.paragraph:
    paragraph = _paragraph(nodes.strong("", "", nodes.Text(name)))
    for label, value in (("label-visiting-address", visiting), ("label-address", postal)):
        if value:
            paragraph += nodes.Text(f" · {ptext(label, lang)}: {value}")
    return paragraph


def _subject_section(name: str, subject: DataSubject, lang: Lang) -> nodes.section:
    children: list[nodes.Node] = [*_prose(subject.description), *_data_nodes(subject.data, lang)]
    if subject.purpose:
        children.append(_labelled(ptext("label-collection-purpose", lang), subject.purpose))
    source = _source_text(subject, lang)
    if source:
        children.append(_labelled(ptext("label-source", lang), source))
    provision = _provision_nodes(subject.provision, lang)
    if provision:
        children.append(_paragraph(f"{ptext('label-provision', lang)}:"))
        children.extend(provision)
    if subject.retention:
        children.append(_labelled(ptext("label-retention", lang), subject.retention))
    if subject.notes:
        children.append(_bullets(subject.notes))
    return _section(name, subject.name, children)


def _transfer_nodes(notice: Notice, lang: Lang) -> list[nodes.Node]:
    transfers = notice.transfers_outside_eu
    if transfers is None:
        return []
    found: list[nodes.Node] = []
    if transfers.text:
        found.extend(_prose(transfers.text))
    elif transfers.present is not None:
        found.append(
            _paragraph(
                ptext("label-transfers-yes" if transfers.present else "label-no-transfers", lang)
            )
        )
    if transfers.safeguards:
        found.append(_labelled(ptext("label-safeguards", lang), transfers.safeguards))
    return found


def _automated_nodes(notice: Notice, lang: Lang) -> list[nodes.Node]:
    automated = notice.automated_decision_making
    if automated is None:
        return []
    found: list[nodes.Node] = []
    if automated.text:
        found.extend(_prose(automated.text))
    elif automated.present is not None:
        found.append(
            _paragraph(
                ptext("label-automated-yes" if automated.present else "label-no-automated", lang)
            )
        )
    found.extend(_prose(automated.logic))
    return found


# --- the register view ----------------------------------------------------------------------


def register_nodes(notice: Notice, lang: Lang) -> list[nodes.Node]:
    """The notice as the register shows it: a general table, then one table per data subject."""
    prefix = f"privacy-{notice.id}-register"
    rows: list[list[list[nodes.Node]]] = []

    def row(label: str, content: list[nodes.Node]) -> None:
        rows.append(
            [
                [_paragraph(ptext(label, lang))],
                content or [_paragraph(ptext("label-not-stated", lang))],
            ]
        )

    controller = notice.controller
    row("label-service", [_paragraph(notice.service)])
    organisations = (
        (controller.organisations or ([controller.name] if controller.name else []))
        if controller
        else []
    )
    row("label-organisation", [_paragraph(o) for o in organisations])
    if notice.register_reference:
        row("label-register-reference", [_paragraph(notice.register_reference)])
    row("label-purposes", [_bullets(_purpose_items(notice, lang))] if notice.purposes else [])
    row("label-automated", _automated_nodes(notice, lang))
    recipients: list[nodes.Node] = []
    if notice.recipients is not None:
        recipients = (
            [_bullets(notice.recipients)]
            if notice.recipients
            else [_paragraph(ptext("label-no-recipients", lang))]
        )
    row("label-recipients", recipients)
    row("label-transfers", _transfer_nodes(notice, lang))
    responsible: list[nodes.Node] = []
    if controller is not None:
        responsible = [
            _party_paragraph(p.name, p.visiting_address, p.postal_address, lang)
            for p in controller.responsible
        ]
        if not responsible and controller.name:
            responsible = [_paragraph(controller.name)]
    row("label-responsible", responsible)
    if notice.responsibilities:
        row("label-responsibilities", [_paragraph(r) for r in notice.responsibilities])
    if notice.related_processing:
        row("section-related", _prose(notice.related_processing))

    # A caption like the subject tables have: it names the table and its scroll region.
    general = ptext("label-register-general", lang, service=notice.service)
    children: list[nodes.Node] = [
        _table(rows, (30, 70), title=general, classes=["tenderpack-privacy-register"])
    ]
    for subject in notice.data_subjects:
        children.append(_subject_table(notice, subject, lang))
    title = f"{_heading(notice, lang)} — {ptext('label-register-view', lang)}"
    return [_verbatim(_section(prefix, title, children))]


def _subject_table(notice: Notice, subject: DataSubject, lang: Lang) -> nodes.table:
    not_stated = [_paragraph(ptext("label-not-stated", lang))]
    source = _source_text(subject, lang)
    retention = subject.retention or notice.retention
    cells = [
        ("label-data", _data_nodes(subject.data, lang) if subject.data else not_stated),
        ("label-collection-purpose", _prose(subject.purpose) or not_stated),
        ("label-retention", _prose(retention) or not_stated),
        ("label-source", [_paragraph(source)] if source else not_stated),
        ("label-provision", _provision_nodes(subject.provision, lang) or not_stated),
    ]
    rows = [[[_paragraph(ptext(label, lang))], content] for label, content in cells]
    title = f"{ptext('label-subject', lang)}: {subject.name}"
    return _table(rows, (30, 70), title=title, classes=["tenderpack-privacy-register"])


# --- the completeness table -----------------------------------------------------------------


def _articles_short(keys: Iterable[str]) -> str:
    return citation(keys).removeprefix("AVG ")


def completeness_table(
    results: Sequence[Completeness],
    lang: Lang,
    accepted: Mapping[str, Sequence[str]] | None = None,
) -> nodes.table:
    """One row per notice, one column per GDPR element: present, not applicable, or the gap."""
    accepted = accepted or {}
    header = [
        ptext("completeness-notice", lang),
        *(ptext(f"element-{e.id}", lang) for e in ELEMENTS),
    ]
    rows: list[list[list[nodes.Node]]] = []
    classes: list[list[list[str]]] = []
    for result in results:
        notice = result.notice
        row: list[list[nodes.Node]] = [
            [_paragraph(notice.service), _paragraph(notice.id, classes=["tenderpack-id"])]
        ]
        row_classes: list[list[str]] = [[]]
        for element in ELEMENTS:
            content, cell_class = _cell(element, result, accepted.get(notice.id, ()), lang)
            row.append(content)
            row_classes.append([cell_class])
        rows.append(row)
        classes.append(row_classes)
    widths = (14, *([6] * len(ELEMENTS)))
    table = _table(
        rows,
        widths,
        title=ptext("completeness-caption", lang),
        header=header,
        classes=["tenderpack-privacy-completeness"],
        cell_classes=classes,
    )
    _verbatim(table)
    return table


def _cell(
    element: Element, result: Completeness, accepted: Sequence[str], lang: Lang
) -> tuple[list[nodes.Node], str]:
    gaps = result.gaps_for(element.id)
    if not result.applicable.get(element.id):
        return [_paragraph(ptext("cell-not-applicable", lang))], "tenderpack-na"
    if not gaps:
        return [_paragraph(ptext("cell-present", lang))], "tenderpack-present"
    all_accepted = all(gap.accepted_by(accepted) for gap in gaps)
    state = ptext("cell-accepted" if all_accepted else "cell-missing", lang)
    keys = sorted({key for gap in gaps for key in gap.articles})
    content: list[nodes.Node] = [
        _paragraph(nodes.strong("", "", nodes.Text(state))),
        _paragraph(_articles_short(keys)),
    ]
    subjects = [gap.subject for gap in gaps if gap.subject]
    if subjects:
        content.append(_paragraph(f"{ptext('cell-for', lang)}: {'; '.join(subjects)}"))
    return content, "tenderpack-accepted" if all_accepted else "tenderpack-gap"


# --- the summary for suppliers --------------------------------------------------------------


def supplier_summary(notices: Sequence[Notice], lang: Lang) -> list[nodes.Node]:
    """The plain summary a tender's privacy page opens with: per service, which data about
    the supplier's staff, why, for how long, and how to exercise their rights."""
    children: list[nodes.Node] = [_paragraph(ptext("summary-intro", lang))]
    for notice in notices:
        summary = summarise(notice)
        children.append(
            _section(
                f"privacy-summary-{notice.id}", notice.service, [_summary_fields(summary, lang)]
            )
        )
    return [_verbatim(_section("privacy-summary", ptext("summary-title", lang), children))]


def _subject_line(subject: SubjectData, lang: Lang) -> list[nodes.Node]:
    paragraph = _paragraph(nodes.strong("", "", nodes.Text(f"{subject.name}: ")))
    parts = list(subject.items)
    if subject.optional_items:
        parts.append(
            f"{ptext('label-optional', lang).lower()}: {', '.join(subject.optional_items)}"
        )
    if not parts and subject.description:
        parts.append(subject.description)
    paragraph += nodes.Text("; ".join(parts) if parts else ptext("label-not-stated", lang))
    return [paragraph]


def _summary_fields(summary: NoticeSummary, lang: Lang) -> nodes.field_list:
    not_stated = [_paragraph(ptext("label-not-stated", lang))]
    fields: list[tuple[str, list[nodes.Node]]] = []
    fields.append(
        (
            "summary-data",
            [_bullets(_subject_line(s, lang) for s in summary.subjects)]
            if summary.subjects
            else not_stated,
        )
    )
    fields.append(("summary-why", [_bullets(summary.purposes)] if summary.purposes else not_stated))
    retention: list[nodes.Node] = _prose(summary.retention)
    for subject in summary.subjects:
        if subject.retention:
            retention.append(_labelled(subject.name, subject.retention))
    fields.append(("summary-how-long", retention or not_stated))
    fields.append(("summary-rights", _rights_summary(summary, lang)))
    if summary.not_stated:
        labels = ", ".join(
            _not_stated_label(summary, element, lang) for element in summary.not_stated
        )
        fields.append(("summary-not-stated", [_paragraph(labels)]))

    field_list = nodes.field_list(classes=["tenderpack-privacy-summary"])
    for label, body in fields:
        field = nodes.field()
        field += nodes.field_name("", "", nodes.Text(ptext(label, lang)))
        field += nodes.field_body("", *body)
        field_list += field
    return field_list


def _not_stated_label(summary: NoticeSummary, element: str, lang: Lang) -> str:
    """What is missing, as precisely as a reader needs: which rights, or only the legal basis."""
    if element == "rights" and summary.rights:
        missing = ", ".join(ptext(f"right-{right}", lang) for right in summary.missing_rights)
        return f"{ptext('element-rights', lang)} ({missing})"
    if element == "purposes" and summary.purposes:
        return ptext("label-legal-basis", lang)
    return ptext(f"element-{element}", lang)


def _rights_summary(summary: NoticeSummary, lang: Lang) -> list[nodes.Node]:
    found: list[nodes.Node] = []
    if summary.rights:
        found.append(_paragraph(", ".join(ptext(f"right-{r}", lang) for r in summary.rights)))
    channels = []
    if summary.request_email:
        channels.append(ptext("summary-email", lang, email=summary.request_email))
    if summary.request_address:
        channels.append(ptext("summary-letter", lang, address=summary.request_address))
    if channels:
        text = ptext("summary-or", lang).join(channels)
        if summary.request_mention:
            text += f" ({ptext('label-mention', lang)}: {summary.request_mention})"
        found.append(_labelled(ptext("summary-request", lang), text))
    if summary.complaint_authority:
        found.append(_labelled(ptext("summary-complaint", lang), summary.complaint_authority))
    return found or [_paragraph(ptext("label-not-stated", lang))]
