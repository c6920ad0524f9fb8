"""Benchmark of the annex writers: run ``python bench/bench_annex.py`` from the repository.

Measures what the issue promises:

1. our PDF step (``html_to_pdf``: PDF/UA-1, tags, metadata, no-fetch URL fetcher) against a
   bare ``weasyprint.HTML(string=html).write_pdf()`` on the same HTML: at most 1.2x;
2. the annexes of many tenders, serially and on every core (process pool);
3. a second run over unchanged tenders, which must render nothing.

Timings are medians of interleaved runs, so a slow moment of the machine hits both sides.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from tenderpack.outputs.annex import annex_document_html
from tenderpack.outputs.annex.pdf import html_to_pdf
from tenderpack.outputs.annex.writer import WriteReport, write
from tenderpack.tender.loading import load_tender
from tenderpack.tender.pack import TenderPack, build_pack

REPO = Path(__file__).resolve().parents[1]
EXAMPLE = REPO / "tenders" / "2027-bzk-0042-ict-werkplek.yaml"


def pack_of(path: Path) -> TenderPack:
    loaded = load_tender(path)
    assert loaded.tender is not None, [d.format() for d in loaded.diagnostics]
    return build_pack(loaded.tender, path)


def timed(function: Callable[[], object]) -> float:
    start = time.perf_counter()
    function()
    return time.perf_counter() - start


def bench_pdf_step(repeat: int) -> tuple[float, float]:
    """Median seconds of (bare WeasyPrint, our PDF step) on the example tender's annex HTML."""
    from weasyprint import HTML

    html = annex_document_html(pack_of(EXAMPLE))

    def bare() -> bytes:
        data: bytes = HTML(string=html).write_pdf()
        return data

    def ours() -> bytes:
        return html_to_pdf(html)

    bare(), ours()  # warm up fonts, hyphenation dictionaries, imports
    bare_times, our_times = [], []
    for _ in range(repeat):
        bare_times.append(timed(bare))
        our_times.append(timed(ours))
    return statistics.median(bare_times), statistics.median(our_times)


def make_tenders(folder: Path, count: int) -> list[TenderPack]:
    """``count`` distinct tenders: the example with its own reference and title each."""
    text = EXAMPLE.read_text(encoding="utf-8")
    packs = []
    for index in range(count):
        path = folder / f"tender-{index:03d}.yaml"
        path.write_text(
            text.replace("2027-BZK-0042", f"2027-BENCH-{index:04d}").replace(
                "ICT-werkplekdiensten", f"ICT-werkplekdiensten perceel {index}"
            ),
            encoding="utf-8",
        )
        packs.append(pack_of(path))
    return packs


def bench_many(count: int, formats: list[str]) -> dict[str, float | int]:
    with tempfile.TemporaryDirectory() as scratch:
        root = Path(scratch)
        packs = make_tenders(root, count)
        serial_out, parallel_out = root / "serial", root / "parallel"
        cores = os.cpu_count() or 1
        reports: list[WriteReport] = []
        serial = timed(lambda: reports.append(write(packs, formats, serial_out, jobs=1)))
        parallel = timed(lambda: reports.append(write(packs, formats, parallel_out, jobs=cores)))
        second = timed(lambda: reports.append(write(packs, formats, parallel_out, jobs=cores)))
        shutil.rmtree(serial_out)
    return {
        "files": count * len(formats),
        "cores": cores,
        "serial_s": serial,
        "parallel_s": parallel,
        "speedup": serial / parallel,
        "busy_cores": reports[1].cpu_seconds / parallel,
        "second_run_s": second,
        "second_run_rendered": len(reports[2].rendered),
    }


def _burn(_: int) -> float:
    total = 0
    for number in range(5_000_000):
        total += number
    return float(total)


def burn_speedup() -> float:
    """What this machine gives a pool at best: serial vs parallel on pure CPU work."""
    from concurrent.futures import ProcessPoolExecutor

    cores = os.cpu_count() or 1
    serial = timed(lambda: [_burn(i) for i in range(cores * 2)])
    with ProcessPoolExecutor(cores) as pool:
        list(pool.map(_burn, range(cores)))  # start the workers before timing
        parallel = timed(lambda: list(pool.map(_burn, range(cores * 2))))
    return serial / parallel


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("--repeat", type=int, default=15, help="runs per side for the PDF step")
    parser.add_argument("--tenders", type=int, default=24, help="tenders for the many-tenders run")
    parser.add_argument("--formats", default="html,pdf,docx")
    args = parser.parse_args()

    cores = os.cpu_count()
    print(f"machine: {cores} logical CPU(s); pure-Python burn on all: {burn_speedup():.2f}x")
    bare, ours = bench_pdf_step(args.repeat)
    ratio = ours / bare
    print(f"PDF step, median of {args.repeat} interleaved runs:")
    print(f"  bare WeasyPrint {bare * 1000:.0f} ms, ours {ours * 1000:.0f} ms")
    print(f"  ratio ours/bare = {ratio:.2f} (limit 1.20)")

    many = bench_many(args.tenders, args.formats.split(","))
    print(f"{args.tenders} tenders x {args.formats} = {many['files']} files:")
    print(f"  serial (jobs=1)      {many['serial_s']:.2f} s")
    print(f"  parallel (jobs={many['cores']})    {many['parallel_s']:.2f} s")
    print(f"  speedup              {many['speedup']:.2f}x")
    print(f"  job CPU / wall       {many['busy_cores']:.2f} cores busy on average")
    second_ms = many["second_run_s"] * 1000
    print(f"  second run           {second_ms:.0f} ms, {many['second_run_rendered']} rendered")
    ok = ratio <= 1.2 and many["second_run_rendered"] == 0
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
