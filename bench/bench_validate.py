"""Benchmark: validating 1,000 tender files against merely parsing them with PyYAML's C loader.

The budget (issue 2): ``load_tenders`` on 1,000 files may take at most 3x the time of
``yaml.load(..., Loader=yaml.CSafeLoader)`` on the same files, both measured here side by
side in one run, each as the best of several rounds (``time.perf_counter``). Both sides read
the files from disk. Exits 1 when the ratio is over budget, so CI or a developer can run it:

    .venv/bin/python bench/bench_validate.py [--files 1000] [--rounds 5]

It is not a test: timings depend on the machine, so the test suite asserts none.
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import yaml

from tenderpack.diagnostics import Severity
from tenderpack.tender.loading import find_tender_files, load_tenders

BUDGET = 3.0

# Real-looking organisations with OINs (prefix 00000001: RSIN) for the generated tenders.
ORGANISATIONS = [
    ("Ministerie van Binnenlandse Zaken en Koninkrijksrelaties", "BZK", "00000001003214345000"),
    ("Ministerie van Buitenlandse Zaken", "BZ", "00000001003227406000"),
    ("Ministerie van Justitie en Veiligheid", "JenV", "00000001003214369000"),
    ("Ministerie van Infrastructuur en Waterstaat", "IenW", "00000001003214102000"),
    ("Ministerie van Volksgezondheid, Welzijn en Sport", "VWS", "00000001003214400000"),
    ("Ministerie van Financiën", "FIN", "00000001003214217000"),
    ("Ministerie van Defensie", "DEF", "00000001003214199000"),
    ("Rijkswaterstaat", "RWS", "00000001003214126000"),
    ("Dienst Justitiële Inrichtingen", "DJI", "00000001003214370000"),
    ("Ministerie van Economische Zaken", "EZ", "00000001003214412000"),
]
TITLES = [
    "Raamovereenkomst ICT-werkplekdiensten",
    "Kantoorartikelen en papier",
    "Inhuur van interim-specialisten",
    "Onderzoek naar de toegankelijkheid van de jeugdzorg",
    "Schoonmaakdiensten rijkskantoren",
    "Hire of interim ICT specialists",
]


def tender_text(number: int, rng: random.Random) -> str:
    """One valid tender file; choices vary with ``rng`` so no two files are alike."""
    authority = rng.choice(ORGANISATIONS)
    departments = rng.sample(ORGANISATIONS, rng.randint(1, 5))
    award = dt.date(2025, 1, 1) + dt.timedelta(days=rng.randint(0, 1200))
    start = award + dt.timedelta(days=rng.randint(150, 400))
    connections = rng.choice(["[leveranciersportaal]", "[leveranciersportaal, digipoort]"])
    lines = [
        f"# Generated tender {number} for the validation benchmark.",
        "schema_version: 1",
        f"reference: 2027-{authority[1]}-{number:05d}",
        f"title: {rng.choice(TITLES)} ({number})",
        f"summary: >-\n  Perceel {number} van een aanbesteding voor {rng.randint(2, 40)} "
        "rijksdienstonderdelen,\n  met levering en beheer gedurende de looptijd.",
        f"language: {rng.choice(['nl', 'nl', 'en'])}",
        f"agreement: {rng.choice(['raamovereenkomst', 'overeenkomst'])}",
        f"supply: {rng.choice(['goods', 'services', 'hire'])}",
        "contracting_authority:",
        f"  name: {authority[0]}",
        f"  abbreviation: {authority[1]}",
        f'  oin: "{authority[2]}"',
        "departments:",
    ]
    for name, abbreviation, oin in departments:
        lines += [f"  - name: {name}", f"    abbreviation: {abbreviation}", f'    oin: "{oin}"']
        if rng.random() < 0.3:
            lines.append("    on_digiinkoop: false")
    lines += [
        "system: digiinkoop",
        f"channel: {rng.choice(['klantorder', 'nacalculatie'])}   # inkoop-/leveringskanaal",
        f"catalogue: {rng.choice(['true', 'false'])}",
        f"connections: {connections}",
        "dates:",
        f"  award: {award.isoformat()}",
        f"  contract_start: {start.isoformat()}",
        f"digipoort_months: {rng.randint(1, 4)}",
        "contact:",
        f"  name: Team Inkoop {number}",
        f"  email: inkoop-{number}@ministerie.example",
        f'  phone: "+31 70 000 {number:04d}"',
    ]
    if rng.random() < 0.5:
        lines.append("privacy_notices: [digiinkoop, digid-machtigen]")
    return "\n".join(lines) + "\n"


def best_of(rounds: int, work: Callable[[], object]) -> float:
    best = float("inf")
    for _ in range(rounds):
        started = time.perf_counter()
        work()
        best = min(best, time.perf_counter() - started)
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time validating tender files against parsing.")
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--rounds", type=int, default=5)
    args = parser.parse_args(argv)
    rng = random.Random(2027)
    with tempfile.TemporaryDirectory(prefix="tenderpack-bench-") as folder:
        root = Path(folder)
        for number in range(args.files):
            (root / f"tender-{number:05d}.yaml").write_text(
                tender_text(number, rng), encoding="utf-8"
            )

        def parse_only() -> None:
            for path in find_tender_files([root]):
                yaml.load(path.read_bytes(), Loader=yaml.CSafeLoader)

        def validate() -> None:
            loaded = load_tenders([root])
            errors = [d for t in loaded for d in t.diagnostics if d.severity is Severity.ERROR]
            if errors:  # the benchmark must measure the path valid files take
                raise SystemExit(f"generated tender has an error: {errors[0].format()}")

        validate()  # warm up: data files, holiday tables, imports
        parse_only()
        parsing = best_of(args.rounds, parse_only)
        validating = best_of(args.rounds, validate)
    ratio = validating / parsing
    print(f"files:                       {args.files}")
    print(f"parse (yaml CSafeLoader):    {parsing * 1000:8.1f} ms")
    print(f"validate (load_tenders):     {validating * 1000:8.1f} ms")
    print(f"ratio:                       {ratio:8.2f}  (budget {BUDGET:.1f})")
    if ratio > BUDGET:
        print("over budget", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
