"""Writing the annex files of many tenders: in parallel, and only what changed.

The parent process renders each tender's HTML (cheap, and where template errors are
found with their line); the costly conversions to PDF and DOCX run in a process pool on
every core. Each job carries only plain, picklable data: the HTML and a few strings.
"""

from __future__ import annotations

import multiprocessing
import os
import resource
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from tenderpack.outputs.annex import ANNEX_FOLDER, FORMATS, annex_file_name, annex_template_files
from tenderpack.outputs.annex.cache import Manifest, input_key, templates_digest
from tenderpack.outputs.annex.context import document_timestamp
from tenderpack.outputs.annex.docx import DocxMeta, html_to_docx
from tenderpack.outputs.annex.files import sha256_bytes, write_atomic
from tenderpack.outputs.annex.html import annex_document_html
from tenderpack.outputs.annex.pdf import html_to_pdf
from tenderpack.outputs.annex.templating import recording, resolve_file, sources_digest
from tenderpack.tender.pack import TenderPack

REFERENCE_DOCX = f"{ANNEX_FOLDER}/reference-v2.docx"


@dataclass(frozen=True, slots=True)
class Job:
    """One file to make: what to convert, how, and where it goes."""

    fmt: str
    target: Path
    html: str
    reference_docx: Path
    meta: DocxMeta


@dataclass(frozen=True, slots=True)
class Outcome:
    target: Path
    output: str  # sha256 of the bytes written
    rendered: bool  # False when the file already held these bytes
    cpu_seconds: float  # CPU this job used, pandoc included (for the benchmark)


def run_job(job: Job) -> Outcome:
    """Convert and write one file (runs in a worker process, or inline for a single job)."""
    started = _cpu_seconds()
    if job.fmt == "html":
        data = job.html.encode("utf-8")
    elif job.fmt == "pdf":
        data = html_to_pdf(job.html)
    else:
        data = html_to_docx(job.html, job.reference_docx, job.meta)
    changed = write_atomic(job.target, data)
    return Outcome(job.target, sha256_bytes(data), changed, _cpu_seconds() - started)


def _cpu_seconds() -> float:
    """CPU time of this process and its finished children (pandoc runs as one)."""
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return time.process_time() + children.ru_utime + children.ru_stime


def check_formats(formats: Sequence[str]) -> tuple[str, ...]:
    """The formats asked for, in a fixed order; an unknown one is a ValueError."""
    unknown = [fmt for fmt in formats if fmt not in FORMATS]
    if unknown:
        raise ValueError(f"unknown annex format {unknown[0]!r}; choose from {', '.join(FORMATS)}")
    return tuple(fmt for fmt in FORMATS if fmt in formats)


@dataclass
class WriteReport:
    """What ``write`` did: every path, and which of them were rendered this time."""

    paths: list[Path]
    rendered: list[Path]
    cpu_seconds: float = 0.0  # summed over the jobs, wherever they ran


def write(
    packs: Sequence[TenderPack],
    formats: Sequence[str],
    out_dir: Path,
    templates_dir: Path | None = None,
    jobs: int | None = None,
    *,
    complete: bool = False,
) -> WriteReport:
    """Write every pack's annex in every format, skipping those whose inputs are unchanged.

    ``complete`` says that ``packs`` are all the tenders the folder is for (the site's annex
    folder): annexes this writer made for any other tender are then deleted.
    """
    chosen = check_formats(formats)
    out_dir.mkdir(parents=True, exist_ok=True)
    manifest = Manifest(out_dir)
    templates = templates_digest(annex_template_files(templates_dir))
    reference_docx = resolve_file(REFERENCE_DOCX, templates_dir)
    digests: dict[tuple[str, ...], str] = {}

    def loaded(names: Sequence[str]) -> str:
        """The digest of the templates ``names`` (computed once per set in this run)."""
        chosen_names = tuple(sorted(set(names)))
        if chosen_names not in digests:
            digests[chosen_names] = sources_digest(chosen_names, templates_dir)
        return digests[chosen_names]

    paths: list[Path] = []
    todo: list[tuple[Job, str, tuple[str, ...]]] = []
    for pack in packs:
        html: str | None = None
        asked: tuple[str, ...] = ()
        for fmt in chosen:
            target = out_dir / annex_file_name(pack, fmt)
            paths.append(target)
            # The templates the last rendering loaded: if none of them (nor anything else)
            # changed, the same templates would be loaded again and give the same file.
            previous = manifest.templates(target)
            if manifest.is_current(target, input_key(pack, fmt, templates, loaded(previous))):
                continue
            if html is None:
                with recording() as names:
                    html = annex_document_html(pack, templates_dir)
                asked = tuple(names)
            key = input_key(pack, fmt, templates, loaded(asked))
            todo.append((Job(fmt, target, html, reference_docx, _docx_meta(pack)), key, asked))
    report = WriteReport(paths, [])
    try:
        outcomes = _run_all([job for job, _, _ in todo], jobs)
        for (job, key, asked), outcome in zip(todo, outcomes, strict=True):
            manifest.record(job.target, key, outcome.output, asked)
            report.rendered.append(job.target)
            report.cpu_seconds += outcome.cpu_seconds
    finally:
        gone = manifest.forget_all_but(path.name for path in paths) if complete else []
        if todo or gone:
            manifest.save()
    return report


def _docx_meta(pack: TenderPack) -> DocxMeta:
    tender = pack.tender
    return DocxMeta(
        lang=pack.lang,
        reference=pack.reference,
        title=tender.title,
        author=tender.contracting_authority.name,
        timestamp=document_timestamp(pack),
    )


def _run_all(todo: Sequence[Job], jobs: int | None) -> Iterator[Outcome]:
    """Run the jobs, on a process pool when there is more than one job and more than one core.

    Yields outcomes in the order of ``todo`` as they finish, so that when one job fails the
    ones before it are still recorded in the manifest.
    """
    workers = min(jobs or os.cpu_count() or 1, sum(job.fmt != "html" for job in todo))
    if workers <= 1:
        yield from (run_job(job) for job in todo)
        return
    # forkserver: workers start from a clean process, never a fork of a threaded parent (Sphinx).
    method = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"
    context = multiprocessing.get_context(method)
    if method == "forkserver":  # import WeasyPrint once in the server, not once per worker
        heavy = ["weasyprint"] if any(job.fmt == "pdf" for job in todo) else []
        context.set_forkserver_preload(["tenderpack.outputs.annex.writer", *heavy])
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        # Slow conversions first, so one late PDF does not keep the other cores idle.
        order = sorted(range(len(todo)), key=lambda i: todo[i].fmt != "pdf")
        futures: dict[int, Future[Outcome]] = {}
        for index in order:
            job = todo[index]
            futures[index] = pool.submit(run_job, job) if job.fmt != "html" else _done(run_job(job))
        for index in range(len(todo)):
            yield futures[index].result()


def _done(outcome: Outcome) -> Future[Outcome]:
    future: Future[Outcome] = Future()
    future.set_result(outcome)
    return future
