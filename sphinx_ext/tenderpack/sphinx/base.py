"""What every tenderpack directive shares: finding its tender, and saying what it used.

A directive names its tender by reference. It finds the pack in ``store`` (never on the
environment), tells Sphinx the page depends on the tender file, records the use for
``tracking``, and builds nodes from the pack. An unknown reference or a tender with
errors is a located warning (``tenderpack.unknown-reference``) and the directive shows
nothing: the tender file's own problems are reported at the file, once per build.
"""

from __future__ import annotations

import difflib
from collections.abc import Sequence
from dataclasses import dataclass

from docutils import nodes
from docutils.parsers.rst import directives
from docutils.statemachine import StringList
from sphinx.environment import BuildEnvironment
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from tenderpack.messages import Lang
from tenderpack.sphinx import store, tracking
from tenderpack.sphinx.config import Settings, settings
from tenderpack.sphinx.doctree import Headings, at_section_level, lang_classes, verbatim
from tenderpack.sphinx.words import word
from tenderpack.tender.pack import TenderPack

logger = logging.getLogger(__name__)

WARNING_TYPE = "tenderpack"


@dataclass
class Context:
    """What a component needs to build its nodes for one page."""

    env: BuildEnvironment
    directive: SphinxDirective  # the directive building the page: runs nested directives
    docname: str
    settings: Settings
    headings: Headings
    lang: Lang  # the language the component writes in: its tender's

    def run_directive(self, name: str, arguments: list[str]) -> list[nodes.Node]:
        """Run another component's directive here, with ``arguments`` passed as data.

        Used for directives of other components (the privacy summary), so their output,
        warnings and dependencies are exactly theirs. Nothing when ``name`` is not known.
        """
        caller = self.directive
        state = caller.state
        found, _messages = directives.directive(name, state.memo.language, state.document)
        if found is None:
            return []
        nested = found(
            name,
            arguments,
            {},
            StringList(),
            caller.lineno,
            caller.content_offset,
            caller.block_text,
            state,
            caller.state_machine,
        )
        return list(nested.run())

    def page(self, kind: str, reference: str) -> str:
        """The docname of a generated tender page (``tenders/<reference>/<kind>``)."""
        return f"{self.settings.site_dir}/{reference}/{kind}"


class TenderDirective(SphinxDirective):
    """Base of the directives that show part of one tender: ``{name} <reference>``."""

    required_arguments = 1
    optional_arguments = 0
    final_argument_whitespace = False
    has_content = False

    def run(self) -> list[nodes.Node]:
        pack = self.find_pack(self.arguments[0].strip())
        if pack is None:
            return []
        context = self.context(pack.lang)
        result = list(self.build(context, pack))
        if pack.lang != context.settings.site_lang:
            # Mark the tender's own language on each part (a section or table keeps its
            # place in the page's structure; a wrapper would hide it from the toc).
            for node in result:
                if isinstance(node, nodes.Element):
                    node["classes"].extend(lang_classes(pack.lang))
        return verbatim(result)

    def build(self, context: Context, pack: TenderPack) -> Sequence[nodes.Node]:
        raise NotImplementedError

    # --- shared by every directive -------------------------------------------------------

    @property
    def tp_settings(self) -> Settings:
        return settings(self.config)

    def context(self, lang: Lang) -> Context:
        return Context(
            env=self.env,
            directive=self,
            docname=self.env.docname,
            settings=self.tp_settings,
            headings=Headings(self.state.document, at_section_level(_parent(self.state))),
            lang=lang,
        )

    def find_pack(self, reference: str) -> TenderPack | None:
        tenders = store.current(self.tp_settings.tenders_dir)
        tracking.record(self.env, reference=reference)
        pack = tenders.by_reference.get(reference)
        if pack is not None:
            self.env.note_dependency(pack.source_path)
            return pack
        lang = self.tp_settings.site_lang
        message = word("msg-unknown-reference", lang).format(
            directive=self.name, reference=reference
        )
        close = difflib.get_close_matches(reference, list(tenders.by_reference), n=1)
        if close:
            message += word("msg-did-you-mean", lang).format(suggestion=close[0])
        broken = sum(not item.ok for item in tenders.files)
        if broken:
            message += word("msg-broken-files", lang).format(count=broken, folder=tenders.folder)
        logger.warning(
            message, type=WARNING_TYPE, subtype="unknown-reference", location=self.get_location()
        )
        return None


def _parent(state: object) -> nodes.Element | None:
    """The node a directive's output is added to, in reST and in MyST.

    docutils' ``RSTState`` has it as ``parent``; MyST's ``MockState`` has no ``parent``
    (and raises a non-AttributeError for unknown names), but its inliner is made for this
    directive with the renderer's current node.
    """
    parent = vars(state).get("parent")
    if parent is None and type(state).__name__ == "MockState":
        parent = vars(vars(state).get("inliner", object())).get("parent")
    return parent if isinstance(parent, nodes.Element) else None
