"""The completeness check: which information that GDPR Art. 13 or 14 requires is missing.

Which article applies is decided per data subject, by where their data come from: Art. 13
when the person provides them, Art. 14 when they come from elsewhere, both when the notice
names several sources. When a notice does not say where the data come from, the checker
cannot tell which article applies, so it holds the notice to both: that is the only way
not to pass a gap silently (the missing source is itself a gap under Art. 14(2)(f)).

Each missing element is one ``Gap``, citing every article (lid, onder) that requires it for
the people concerned, and pointing at the line of the field, or at the notice's first line
when the field is absent. The check reports; it never fills anything in.

Interpretations a privacy officer should know (documented in docs/privacy):

* Art. 13/14(1)(a) "contact details": the controller's own address, e-mail or phone, a
  responsible party's address in a register entry, or the channel the notice gives for
  requests about one's data (``rights_contact``), since that is how the person reaches
  the controller.
* Art. 13/14(1)(c): a purpose has a legal basis when it names one itself or when the notice
  states one for the whole processing (``legal_basis``).
* Art. 13/14(1)(e), (1)(f) and 13(2)(f)/14(2)(g) apply "where applicable"; a reader cannot
  tell silence from "none", so the notice must say either way (``[]``, ``present: false``).
* Art. 13(2)(b)/14(2)(c): access, rectification, erasure, restriction and objection are
  always expected (the spec's rule); portability only when a purpose rests on consent or
  contract (Art. 20(1)(a)).
* Art. 13(2)(c)/14(2)(d) and 13(1)(d)/14(2)(b) apply only when a purpose rests on consent,
  respectively legitimate interests.
* Art. 13(2)(e): the notice must say whether the person must provide the data, and, when
  they must, the consequences of not doing so.
* Exemptions (Art. 13(4), 14(5)) are not modelled: a privacy officer who relies on one
  accepts the gap explicitly (``tenderpack_privacy_accepted_gaps``).
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from tenderpack.diagnostics import Diagnostic, Severity
from tenderpack.messages import Lang
from tenderpack.privacy.messages import ptext
from tenderpack.privacy.model import RIGHTS, DataSubject, LegalBasisKind, Notice, Right
from tenderpack.reading.yamlsource import KeyPath, SourceMap

Article = Literal[13, 14]
Scope = Literal["notice", "subject"]


@dataclass(frozen=True, slots=True)
class Element:
    """One piece of information the GDPR requires, with where Art. 13 and Art. 14 ask for it."""

    id: str
    art13: str | None  # "13.2.d": artikel 13, lid 2, onder d
    art14: str | None
    scope: Scope

    def keys(self, articles: Iterable[Article]) -> tuple[str, ...]:
        found = {13: self.art13, 14: self.art14}
        return tuple(key for article in sorted(set(articles)) if (key := found[article]))


# In the order a privacy officer reads Art. 13; the completeness table has these columns.
ELEMENTS: tuple[Element, ...] = (
    Element("controller", "13.1.a", "14.1.a", "notice"),
    Element("dpo", "13.1.b", "14.1.b", "notice"),
    Element("purposes", "13.1.c", "14.1.c", "notice"),
    Element("legitimate_interests", "13.1.d", "14.2.b", "notice"),
    Element("categories", None, "14.1.d", "subject"),
    Element("recipients", "13.1.e", "14.1.e", "notice"),
    Element("transfers", "13.1.f", "14.1.f", "notice"),
    Element("retention", "13.2.a", "14.2.a", "subject"),
    Element("rights", "13.2.b", "14.2.c", "notice"),
    Element("consent_withdrawal", "13.2.c", "14.2.d", "notice"),
    Element("complaint", "13.2.d", "14.2.e", "notice"),
    Element("provision", "13.2.e", None, "subject"),
    Element("source", None, "14.2.f", "subject"),
    Element("automated_decisions", "13.2.f", "14.2.g", "notice"),
)
ELEMENT_BY_ID = {element.id: element for element in ELEMENTS}
ARTICLE_KEYS = frozenset(
    key for element in ELEMENTS for key in (element.art13, element.art14) if key is not None
)
ALWAYS_EXPECTED_RIGHTS: tuple[Right, ...] = (
    "access",
    "rectification",
    "erasure",
    "restriction",
    "objection",
)


def citation(keys: Iterable[str]) -> str:
    """``("13.2.d", "14.2.e")`` -> ``AVG art. 13 lid 2 onder d; art. 14 lid 2 onder e``."""
    parts = []
    for key in keys:
        article, paragraph, point = key.split(".")
        parts.append(f"art. {article} lid {paragraph} onder {point}")
    return "AVG " + "; ".join(parts)


@dataclass(frozen=True, slots=True)
class Gap:
    """One missing element: what, which articles ask for it, for whom, and where to look."""

    element: str
    articles: tuple[str, ...]
    code: str
    line: int
    subject: str | None = None
    params: tuple[tuple[str, str], ...] = ()

    def message(self, lang: Lang = "nl") -> str:
        params = dict(self.params)
        if "rights" in params:
            params["rights"] = ", ".join(
                ptext(f"right-{r}", lang) for r in params["rights"].split(",")
            )
        if self.subject is not None:
            params["subject"] = self.subject
        elif "{subject}" in ptext(self.code, "en"):  # a notice without any data subject
            params["subject"] = ptext("label-subject", lang)
        return f"{ptext(self.code, lang, **params)} ({citation(self.articles)})"

    def diagnostic(self, path: Path, lang: Lang = "nl") -> Diagnostic:
        # Column 0: the gap is a field's absence or emptiness, so a line is all we can say.
        return Diagnostic(path, self.line, 0, Severity.WARNING, self.message(lang), self.code)

    def accepted_by(self, keys: Collection[str]) -> bool:
        """Whether an officer accepted this gap: by ``"*"``, an article key or the element id."""
        return "*" in keys or self.element in keys or any(key in keys for key in self.articles)


@dataclass
class Completeness:
    """The result of checking one notice: its gaps, and which articles apply per element."""

    notice: Notice
    gaps: list[Gap]
    applicable: dict[str, tuple[str, ...]] = field(default_factory=dict)

    def gaps_for(self, element: str) -> list[Gap]:
        return [gap for gap in self.gaps if gap.element == element]


def subject_articles(subject: DataSubject | None) -> frozenset[Article]:
    """Art. 13 for data from the person, Art. 14 for data from elsewhere; both when unknown."""
    if subject is None or not subject.source:
        return frozenset((13, 14))
    articles: set[Article] = set()
    if "subject" in subject.source:
        articles.add(13)
    if any(kind != "subject" for kind in subject.source):
        articles.add(14)
    return frozenset(articles)


def legal_bases(notice: Notice) -> set[LegalBasisKind]:
    """The GDPR grounds the processing rests on, as far as the notice names them."""
    general = notice.legal_basis.basis if notice.legal_basis else None
    bases = {purpose.legal_basis or general for purpose in notice.purposes or []}
    if not notice.purposes:
        bases.add(general)
    return {basis for basis in bases if basis is not None}


def expected_rights(notice: Notice) -> tuple[Right, ...]:
    """The rights Art. 13(2)(b)/14(2)(c) asks the notice to mention (portability per Art. 20(1))."""
    portable = bool(legal_bases(notice) & {"consent", "contract"})
    return tuple(
        r for r in RIGHTS if r in ALWAYS_EXPECTED_RIGHTS or (portable and r == "portability")
    )


class _Checker:
    def __init__(self, notice: Notice, source: SourceMap | None) -> None:
        self.notice = notice
        self.source = source or SourceMap()
        self.gaps: list[Gap] = []
        self.applicable: dict[str, set[str]] = {element.id: set() for element in ELEMENTS}

    def line(self, path: KeyPath) -> int:
        """The line of the field at ``path``; of its nearest ancestor when it is absent."""
        return self.source.key(path).line

    def applies(self, element_id: str, articles: Iterable[Article]) -> tuple[str, ...]:
        keys = ELEMENT_BY_ID[element_id].keys(articles)
        self.applicable[element_id].update(keys)
        return keys

    def gap(
        self,
        element_id: str,
        articles: Iterable[Article],
        code: str,
        path: KeyPath,
        subject: str | None = None,
        **params: str,
    ) -> None:
        keys = self.applies(element_id, articles)
        self.gaps.append(
            Gap(element_id, keys, code, self.line(path), subject, tuple(params.items()))
        )

    def run(self) -> Completeness:
        notice = self.notice
        subjects: list[DataSubject | None] = list(notice.data_subjects) or [None]
        articles: frozenset[Article] = frozenset().union(*(subject_articles(s) for s in subjects))
        self.check_controller(articles)
        self.check_notice_fields(articles)
        for index, subject in enumerate(subjects):
            self.check_subject(index, subject)
        order = {element.id: position for position, element in enumerate(ELEMENTS)}
        self.gaps.sort(key=lambda gap: (order[gap.element], gap.line))
        applicable = {
            element.id: tuple(sorted(self.applicable[element.id])) for element in ELEMENTS
        }
        return Completeness(notice, self.gaps, applicable)

    def check_controller(self, articles: frozenset[Article]) -> None:
        controller, requests = self.notice.controller, self.notice.rights_contact
        self.applies("controller", articles)
        if controller is None or not (controller.name or controller.organisations):
            self.gap("controller", articles, "gap-controller", ("controller",))
            return
        own = (
            controller.address
            or controller.visiting_address
            or controller.email
            or controller.phone
        )
        responsible = any(
            p.visiting_address or p.postal_address or p.email or p.phone
            for p in controller.responsible
        )
        via_requests = requests is not None and bool(requests.email or requests.address)
        if not (own or responsible or via_requests):
            self.gap("controller", articles, "gap-controller-contact", ("controller",))

    def check_notice_fields(self, articles: frozenset[Article]) -> None:
        notice = self.notice
        for element in (
            "dpo",
            "purposes",
            "recipients",
            "transfers",
            "rights",
            "complaint",
            "automated_decisions",
        ):
            self.applies(element, articles)

        dpo = notice.dpo
        if dpo is None or not (dpo.email or dpo.address or dpo.phone):
            self.gap("dpo", articles, "gap-dpo", ("dpo",))

        if not notice.purposes:
            self.gap("purposes", articles, "gap-purposes", ("purposes",))
        else:
            general = notice.legal_basis
            has_general = general is not None and bool(
                general.basis or general.reference or general.text
            )
            without = [
                index
                for index, purpose in enumerate(notice.purposes)
                if not (purpose.legal_basis or purpose.legal_basis_reference or has_general)
            ]
            if without:
                self.gap(
                    "purposes",
                    articles,
                    "gap-legal-basis",
                    ("purposes", without[0]),
                    count=str(len(without)),
                    total=str(len(notice.purposes)),
                )

        bases = legal_bases(notice)
        if "legitimate_interest" in bases:
            self.applies("legitimate_interests", articles)
            if not notice.legitimate_interests:
                self.gap(
                    "legitimate_interests",
                    articles,
                    "gap-legitimate-interests",
                    ("legitimate_interests",),
                )
        if "consent" in bases:
            self.applies("consent_withdrawal", articles)
            if not notice.consent_withdrawal:
                self.gap(
                    "consent_withdrawal",
                    articles,
                    "gap-consent-withdrawal",
                    ("consent_withdrawal",),
                )

        if notice.recipients is None:
            self.gap("recipients", articles, "gap-recipients", ("recipients",))

        transfers = notice.transfers_outside_eu
        if transfers is None or transfers.present is None:
            self.gap("transfers", articles, "gap-transfers", ("transfers_outside_eu", "present"))
        elif transfers.present and not transfers.safeguards:
            self.gap(
                "transfers",
                articles,
                "gap-transfer-safeguards",
                ("transfers_outside_eu", "safeguards"),
            )

        missing = [right for right in expected_rights(notice) if right not in (notice.rights or [])]
        if missing:
            self.gap("rights", articles, "gap-rights", ("rights",), rights=",".join(missing))

        if not notice.complaint_authority:
            self.gap("complaint", articles, "gap-complaint", ("complaint_authority",))

        automated = notice.automated_decision_making
        if automated is None or automated.present is None:
            self.gap(
                "automated_decisions",
                articles,
                "gap-automated",
                ("automated_decision_making", "present"),
            )
        elif automated.present and not automated.logic:
            self.gap(
                "automated_decisions",
                articles,
                "gap-automated-logic",
                ("automated_decision_making", "logic"),
            )

    def check_subject(self, index: int, subject: DataSubject | None) -> None:
        articles = subject_articles(subject)
        base: KeyPath = ("data_subjects", index) if subject is not None else ("data_subjects",)
        name = subject.name if subject is not None else None
        self.applies("retention", articles)
        if 14 in articles:
            self.applies("categories", articles)
            self.applies("source", articles)
        if 13 in articles:
            self.applies("provision", articles)

        if 14 in articles and (subject is None or subject.data is None or subject.data.is_empty()):
            self.gap("categories", articles, "gap-categories", (*base, "data"), name)

        if not ((subject is not None and subject.retention) or self.notice.retention):
            self.gap("retention", articles, "gap-retention", (*base, "retention"), name)

        if 13 in articles:
            provision = subject.provision if subject is not None else None
            if provision is None or provision.obligatory is None:
                self.gap("provision", articles, "gap-provision", (*base, "provision"), name)
            elif provision.obligatory and not provision.consequences:
                self.gap(
                    "provision",
                    articles,
                    "gap-provision-consequences",
                    (*base, "provision", "consequences"),
                    name,
                )

        if 14 in articles:
            if subject is None or not subject.source:
                self.gap("source", articles, "gap-source", (*base, "source"), name)
            elif not subject.source_detail:
                self.gap("source", articles, "gap-source-detail", (*base, "source_detail"), name)


def check_notice(notice: Notice, source: SourceMap | None = None) -> Completeness:
    """Every Art. 13/14 element the notice lacks, located in its file when ``source`` is given."""
    return _Checker(notice, source).run()
