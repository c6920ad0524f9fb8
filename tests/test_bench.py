"""The benchmarks still run: each one at its smallest sizes, as a developer starts it.

Nothing else runs ``bench/``, so without this a rename in the package breaks a benchmark
unnoticed (``bench_site.py`` once died on a ``KeyError`` in ``plain_pages``). These tests
check that each script finishes and prints every figure it reports; they assert no
timing and accept the exit code 1 that means "over budget", since that depends on the
machine. The figures of a full run belong in the change that needs them, not here.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

BENCH = Path(__file__).parent.parent / "bench"
NUMBER = r"\d+(\.\d+)?"


def run_bench(script: str, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, str(BENCH / script), *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=600,
        check=False,
        cwd=BENCH.parent,
    )
    output = result.stdout + result.stderr
    assert "Traceback" not in output, output
    assert result.returncode in (0, 1), output  # 1: over budget on this machine, not a failure
    return result.stdout


def test_bench_validate_prints_its_figures():
    out = run_bench("bench_validate.py", "--files", "3", "--rounds", "1")
    assert re.search(r"^files:\s+3$", out, re.M), out
    assert re.search(rf"^parse \(yaml CSafeLoader\):\s+{NUMBER} ms$", out, re.M), out
    assert re.search(rf"^validate \(load_tenders\):\s+{NUMBER} ms$", out, re.M), out
    assert re.search(rf"^ratio:\s+{NUMBER}\s+\(budget 3\.0\)$", out, re.M), out


@pytest.mark.slow
def test_bench_annex_prints_its_figures():
    out = run_bench("bench_annex.py", "--repeat", "1", "--tenders", "2", "--formats", "html")
    assert re.search(rf"bare WeasyPrint {NUMBER} ms, ours {NUMBER} ms", out), out
    assert re.search(rf"ratio ours/bare = {NUMBER} \(limit 1\.20\)", out), out
    assert "2 tenders x html = 2 files:" in out, out
    for figure in ("serial (jobs=1)", "parallel (jobs=", "speedup", "second run"):
        assert figure in out, (figure, out)
    assert re.search(r"second run\s+\d+ ms, 0 rendered", out), out


@pytest.mark.slow
def test_bench_site_prints_its_figures():
    out = run_bench("bench_site.py", "--tenders", "2", "--rounds", "1")
    assert re.search(r"tenders: 2\s+theme: tenderpack\s+HTML pages: \d+", out), out
    for name in ("full build", "rebuild, no change", "rebuild, one touch"):
        line = next((line for line in out.splitlines() if line.startswith(name)), None)
        assert line is not None, (name, out)
        assert len(re.findall(NUMBER, line)) >= 6, line  # wall and CPU, both sides, ratios
