"""``tenderpack check-privacy``: load every notice and report each GDPR Art. 13/14 gap.

Gaps are warnings (exit 0): a notice that transcribes an incomplete source is still a
correct transcription. A file that does not load is an error (exit 1). A PATH that does not
exist, or a folder without notice files, is wrong usage (exit 2): a check that read nothing
must not pass.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from tenderpack import output
from tenderpack.diagnostics import Diagnostic, Severity
from tenderpack.messages import Lang, text
from tenderpack.privacy.check import check_notice
from tenderpack.privacy.loading import find_notice_files, load_notices
from tenderpack.privacy.messages import ptext
from tenderpack.privacy.schema import notice_schema

DEFAULT_NOTICES = Path("docs/privacy")


def check_paths(paths: list[Path], lang: Lang | None) -> list[Diagnostic]:
    """Every load error and every gap of the notices under ``paths``, in file and line order."""
    found: list[Diagnostic] = []
    for item in load_notices(paths, lang):
        diagnostics = list(item.diagnostics)
        if item.ok and item.notice is not None:
            language = lang or item.notice.language
            gaps = check_notice(item.notice, item.source).gaps
            diagnostics.extend(gap.diagnostic(item.path, language) for gap in gaps)
        found.extend(sorted(diagnostics, key=Diagnostic.sort_key))
    return found


def run_check_privacy(args: argparse.Namespace) -> int:
    lang: Lang | None = getattr(args, "lang", None)
    if args.schema:
        output.write_json(notice_schema())
        return 0
    paths: list[Path] = args.paths or [DEFAULT_NOTICES]
    for path in paths:
        if not path.exists():
            print(
                f"tenderpack check-privacy: {text('path-missing', lang or 'nl', path=path)}",
                file=sys.stderr,
            )
            return 2
        if path.is_dir() and not find_notice_files([path]):
            message = ptext("privacy-no-files", lang or "nl", path=path)
            print(f"tenderpack check-privacy: {message}", file=sys.stderr)
            return 2
    diagnostics = check_paths(paths, lang)
    for diagnostic in diagnostics:
        print(diagnostic.format(), file=sys.stderr)
    errors = sum(d.severity is Severity.ERROR for d in diagnostics)
    warnings = sum(d.severity is Severity.WARNING for d in diagnostics)
    files = len(find_notice_files(paths))
    print(
        text("summary", lang or "nl", files=files, errors=errors, warnings=warnings),
        file=sys.stderr,
    )
    return 1 if errors else 0
