"""The annex's own error, in a module light enough to import anywhere."""

from __future__ import annotations

from collections.abc import Mapping

from tenderpack.messages import Lang, text


class AnnexTemplateError(Exception):
    """A template could not be rendered; ``str()`` names the template file and line.

    Problems tenderpack itself finds (a forbidden address, a limit) carry a message ``code``
    from the catalogue, so they can be said in the officer's language (``text(lang)``);
    Jinja's own messages (an undefined name, a syntax error) are shown as Jinja words them.
    """

    def __init__(
        self,
        template: str,
        line: int | None,
        message: str = "",
        *,
        code: str | None = None,
        params: Mapping[str, object] | None = None,
        lang: Lang = "nl",
    ) -> None:
        self.template = template
        self.line = line
        self.code = code
        self.params = dict(params or {})
        self.lang: Lang = lang
        self.message = self.text(lang) if code else message
        where = f"{template}:{line}" if line else template
        super().__init__(f"{where}: {self.message}")

    def text(self, lang: Lang | None = None) -> str:
        """The message in ``lang`` (default: the language of the tender being rendered)."""
        if self.code is None:
            return self.message
        return text(self.code, lang or self.lang, **self.params)

    def __reduce__(self) -> tuple[object, ...]:
        """Picklable with its fields (a worker process may raise it)."""
        return (
            _rebuild,
            (self.template, self.line, self.message, self.code, self.params, self.lang),
        )


class TemplateLimit(Exception):
    """Raised inside template code when a template asks for more than an annex may cost.

    It carries a catalogue ``code``; the renderer turns it into an ``AnnexTemplateError`` at
    the innermost template line, where the template asked for it.
    """

    def __init__(self, code: str, **params: object) -> None:
        self.code = code
        self.params = params
        super().__init__(code)


def _rebuild(
    template: str,
    line: int | None,
    message: str,
    code: str | None,
    params: dict[str, object],
    lang: Lang,
) -> AnnexTemplateError:
    return AnnexTemplateError(template, line, message, code=code, params=params, lang=lang)
