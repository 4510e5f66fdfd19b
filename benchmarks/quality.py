"""Checker quality: precision and recall per finding family on a generated corpus with planted errors.

    .venv/bin/python benchmarks/quality.py                    # 500 reports, seed 2026, 10 % per family
    .venv/bin/python benchmarks/quality.py --no-write --reports 100
    .venv/bin/python benchmarks/quality.py --check            # exit 1 when H2 or H3 misses its target

1. **Corpus** — ``hyoka.corpus.write_corpus`` writes the reports (PDF-extracted-style text by
   default) and ``manifest.json`` into a temporary directory: every planted error with its family, its
   exact code and its location (the JSON pointer our findings use).
2. **Import and check** — each file goes through the real import path (``hyoka.services.import_data``,
   i.e. ``hyoka.importers.import_bytes`` on the file's bytes, as ``hyoka import``/``hyoka check`` read
   it) and the rules (``check_imported`` with the default profile).
3. **Matching** — a planted error is *found* when the checker reports a finding of its family at its
   location (a true positive; whether the code is the exact one planted is counted too). A rule finding
   (H1–H5) at a place where nothing of its family was planted is a *false positive*. Recall = found ÷
   planted; precision = findings at planted places ÷ all findings of the family. Import findings (H9)
   are counted apart: nothing of H9 is planted.

Writes ``docs/checker-quality.md`` (``--no-write``: print only). Targets (the issue's acceptance):
precision ≥ 0.95 and recall ≥ 0.90 for H2 and H3.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import sys
import tempfile
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
REPORT = ROOT / "docs" / "checker-quality.md"
DEFAULT_REPORTS = 500
DEFAULT_SEED = 2026
DEFAULT_PLANT = "all=0.1"
TARGETS = {"H2": (0.95, 0.90), "H3": (0.95, 0.90)}
"""family → (precision, recall) required."""
FAMILIES = ("H1", "H2", "H3", "H4", "H5")
EXAMPLES = 15


@dataclass
class Tally:
    """Everything counted on one corpus."""

    planted: Counter[str] = field(default_factory=Counter)  # family
    found: Counter[str] = field(default_factory=Counter)  # family
    findings: Counter[str] = field(default_factory=Counter)  # family: all rule findings
    matched: Counter[str] = field(default_factory=Counter)  # family: findings at a planted place
    code_planted: Counter[str] = field(default_factory=Counter)
    code_found: Counter[str] = field(default_factory=Counter)
    code_exact: Counter[str] = field(default_factory=Counter)
    code_findings: Counter[str] = field(default_factory=Counter)
    code_matched: Counter[str] = field(default_factory=Counter)
    kind_planted: Counter[tuple[str, str]] = field(default_factory=Counter)
    kind_found: Counter[tuple[str, str]] = field(default_factory=Counter)
    import_findings: Counter[str] = field(default_factory=Counter)
    files_with_import_findings: int = 0
    misses: list[dict[str, Any]] = field(default_factory=list)
    false_positives: list[dict[str, Any]] = field(default_factory=list)
    files: int = 0
    failed: list[str] = field(default_factory=list)


def evaluate(directory: Path, manifest: dict[str, Any]) -> Tally:
    """Import and check every file of the corpus and match the findings to the planted errors."""
    from hyoka.services import NotAReportError, check_imported, import_data, resolve_profile

    profile = resolve_profile()
    tally = Tally()
    for entry in manifest["files"]:
        name = entry["file"]
        tally.files += 1
        planted = {(p["family"], p["location"]): p for p in entry["planted"]}
        for p in entry["planted"]:
            tally.planted[p["family"]] += 1
            tally.code_planted[p["code"]] += 1
            tally.kind_planted[(p["code"], p["kind"])] += 1
        try:
            imported = import_data((directory / name).read_bytes(), name=name)
        except NotAReportError as exc:
            tally.failed.append(f"{name}: {exc}")
            continue
        outcome = check_imported(imported, profile, name=name)
        if imported.findings:
            tally.files_with_import_findings += 1
            tally.import_findings.update(f.code for f in imported.findings)
        codes_at: dict[tuple[str, str], set[str]] = defaultdict(set)
        for finding in outcome.rule_findings:
            family = finding.code[:2]
            key = (family, finding.location)
            tally.findings[family] += 1
            tally.code_findings[finding.code] += 1
            if key in planted:
                tally.matched[family] += 1
                tally.code_matched[finding.code] += 1
                codes_at[key].add(finding.code)
            elif len(tally.false_positives) < EXAMPLES:
                tally.false_positives.append(
                    {
                        "file": name,
                        "code": finding.code,
                        "location": finding.location,
                        "message": finding.message,
                        "planted": [f"{p['code']} {p['location']}" for p in entry["planted"]],
                    }
                )
        for key, p in planted.items():
            if key in codes_at:
                tally.found[p["family"]] += 1
                tally.code_found[p["code"]] += 1
                tally.kind_found[(p["code"], p["kind"])] += 1
                if p["code"] in codes_at[key]:
                    tally.code_exact[p["code"]] += 1
            elif len(tally.misses) < EXAMPLES:
                said = [
                    f"{f.code} {f.location}" for f in outcome.findings if f.location.startswith(p["location"])
                ]
                tally.misses.append({"file": name, **p, "checker": said})
    return tally


def _ratio(part: int, whole: int) -> float | None:
    return part / whole if whole else None


def _fmt(value: float | None) -> str:
    return "—" if value is None else f"{value:.3f}"


def family_rows(tally: Tally) -> list[dict[str, Any]]:
    rows = []
    for family in FAMILIES:
        precision = _ratio(tally.matched[family], tally.findings[family])
        recall = _ratio(tally.found[family], tally.planted[family])
        target = TARGETS.get(family)
        if target is None:
            status = "—"
        elif precision is None or recall is None:
            status = "not measured"
        else:
            status = "meets target" if precision >= target[0] and recall >= target[1] else "MISSES target"
        rows.append(
            {
                "family": family,
                "planted": tally.planted[family],
                "found": tally.found[family],
                "recall": recall,
                "findings": tally.findings[family],
                "false_positives": tally.findings[family] - tally.matched[family],
                "precision": precision,
                "target": f"P ≥ {target[0]:.2f}, R ≥ {target[1]:.2f}" if target else "—",
                "status": status,
            }
        )
    return rows


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    return [
        "| " + " | ".join(header) + " |",
        "| " + " | ".join("---" for _ in header) + " |",
        *("| " + " | ".join(row) + " |" for row in rows),
    ]


def _code_rows(tally: Tally) -> list[list[str]]:
    codes = sorted(set(tally.code_planted) | set(tally.code_findings))
    return [
        [
            code,
            str(tally.code_planted[code]),
            str(tally.code_found[code]),
            str(tally.code_exact[code]),
            _fmt(_ratio(tally.code_found[code], tally.code_planted[code])),
            str(tally.code_findings[code]),
            str(tally.code_findings[code] - tally.code_matched[code]),
            _fmt(_ratio(tally.code_matched[code], tally.code_findings[code])),
        ]
        for code in codes
    ]


def _escape(text: str) -> str:
    return text.replace("|", "\\|").replace("\n", " ")


def markdown(tally: Tally, params: dict[str, Any], info: dict[str, str], timings: dict[str, float]) -> str:
    families = family_rows(tally)
    out = [
        "# Checker quality",
        "",
        "Generated by `make bench` (`benchmarks/quality.py`); do not edit by hand, run it again.",
        "How the corpus is made and what is planted: [corpus.md](corpus.md).",
        "",
        f"Measured on {params['date']}.",
        "",
        "## What is measured",
        "",
        f"A corpus of {params['reports']} generated reports (seed {params['seed']},",
        f"`--plant {params['plant']}`, files in the **{params['format']}** format) is written with its",
        "manifest; each file is read through the real import path (`hyoka.importers.import_bytes` on the",
        "file's bytes, via `hyoka.services.import_data`) and checked with the default rule profile. A",
        "planted error is **found** when a finding of its family is reported at its location (the JSON",
        "pointer); a rule finding where nothing of its family was planted is a **false positive**.",
        "Recall = found ÷ planted; precision = findings at planted places ÷ all findings of the family.",
        "The clean reports of the corpus count too: any finding on them is a false positive. Import",
        "findings (H9) are listed apart (nothing of H9 is planted).",
        "",
        "## Corpus",
        "",
        "| | |",
        "| --- | --- |",
        f"| reports | {params['reports']} ({params['ministries']} ministries, "
        f"{params['measures']} measures) |",
        f"| seed | {params['seed']} |",
        f"| planted | `{params['plant']}`: {', '.join(f'{f} {tally.planted[f]}' for f in FAMILIES)} |",
        f"| format | {params['format']} (import path: `import_bytes` on the file's bytes) |",
        f"| profile | {params['profile']} |",
        f"| time | generate {timings['generate']:.1f} s, import and check {timings['check']:.1f} s |",
        "",
        "## Machine",
        "",
        "| | |",
        "| --- | --- |",
        *(f"| {key} | {value} |" for key, value in info.items()),
        "",
        "## Per family",
        "",
        *_table(
            [
                "family",
                "planted",
                "found",
                "recall",
                "findings",
                "false positives",
                "precision",
                "target",
                "status",
            ],
            [
                [
                    r["family"],
                    str(r["planted"]),
                    str(r["found"]),
                    _fmt(r["recall"]),
                    str(r["findings"]),
                    str(r["false_positives"]),
                    _fmt(r["precision"]),
                    r["target"],
                    r["status"],
                ]
                for r in families
            ],
        ),
        "",
        "## Per code",
        "",
        "Planted errors by the code the manifest expects (found: a finding of the family at the place;",
        "exact: with that very code), and findings by the code the checker reported.",
        "",
        *_table(
            ["code", "planted", "found", "exact code", "recall", "findings", "false positives", "precision"],
            _code_rows(tally),
        ),
        "",
        "## Per kind of planted error",
        "",
        *_table(
            ["code", "kind", "planted", "found"],
            [
                [code, kind, str(n), str(tally.kind_found[(code, kind)])]
                for (code, kind), n in sorted(tally.kind_planted.items())
            ],
        ),
        "",
        "## Import findings (H9)",
        "",
        (
            f"{tally.files_with_import_findings} of {tally.files} files had import findings: "
            + ", ".join(f"{code} × {n}" for code, n in sorted(tally.import_findings.items()))
            + "."
            if tally.import_findings
            else f"None on {tally.files} files."
        ),
        "",
    ]
    if tally.failed:
        out += [
            "Files that could not be read as a report:",
            "",
            *(f"* {_escape(f)}" for f in tally.failed),
            "",
        ]
    out += ["## Missed planted errors (first examples)", ""]
    if tally.misses:
        out += _table(
            ["file", "code", "location", "kind", "what the checker said there"],
            [
                [
                    m["file"],
                    m["code"],
                    f"`{m['location']}`",
                    m["kind"],
                    _escape(", ".join(m["checker"]) or "nothing"),
                ]
                for m in tally.misses
            ],
        )
    else:
        out.append("None.")
    out += ["", "## False positives (first examples)", ""]
    if tally.false_positives:
        out += _table(
            ["file", "code", "location", "message", "planted in the file"],
            [
                [
                    f["file"],
                    f["code"],
                    f"`{f['location']}`",
                    _escape(f["message"]),
                    _escape(", ".join(f["planted"])),
                ]
                for f in tally.false_positives
            ],
        )
    else:
        out.append("None.")
    out.append("")
    return "\n".join(out)


def _machine() -> dict[str, str]:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from run import machine  # the same machine description as docs/performance.md

    return machine()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--reports", type=int, default=DEFAULT_REPORTS, help=f"default {DEFAULT_REPORTS}")
    parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help=f"default {DEFAULT_SEED}")
    parser.add_argument("--plant", default=DEFAULT_PLANT, help=f"planting rates (default {DEFAULT_PLANT})")
    parser.add_argument("--format", choices=("text", "json"), default="text", help="the files' format")
    parser.add_argument("--no-write", action="store_true", help=f"do not rewrite {REPORT.relative_to(ROOT)}")
    parser.add_argument("--output", type=Path, default=REPORT, help="where to write the markdown report")
    parser.add_argument("--check", action="store_true", help="exit 1 when a family misses its target")
    args = parser.parse_args(argv)
    if args.reports < 1:
        parser.error("--reports must be at least 1")

    from hyoka.corpus import CorpusError, CorpusFormat, parse_rates, write_corpus

    try:
        rates = parse_rates(args.plant)
    except CorpusError as exc:
        parser.error(exc.text("en"))
    with tempfile.TemporaryDirectory(prefix="hyoka-quality-") as tmp:
        directory = Path(tmp) / "corpus"
        print(
            f"generating {args.reports} reports (seed {args.seed}, --plant {args.plant}) …", file=sys.stderr
        )
        start = time.perf_counter()
        manifest = write_corpus(directory, args.reports, args.seed, rates, fmt=CorpusFormat(args.format))
        generated = time.perf_counter()
        print("importing and checking …", file=sys.stderr)
        tally = evaluate(directory, json.loads((directory / "manifest.json").read_text(encoding="utf-8")))
        checked = time.perf_counter()
    params = {
        "date": dt.date.today().isoformat(),
        "reports": args.reports,
        "seed": args.seed,
        "plant": args.plant,
        "format": args.format,
        "profile": manifest["profile"],
        "ministries": manifest["counts"]["ministries"],
        "measures": manifest["counts"]["measures"],
    }
    timings = {"generate": generated - start, "check": checked - generated}
    rows = family_rows(tally)
    print()
    print(
        f"checker quality on {args.reports} reports (seed {args.seed}, {args.format}, --plant {args.plant})"
    )
    header = ("family", "planted", "found", "recall", "findings", "FP", "precision", "status")
    print("  ".join(f"{h:>9}" for h in header))
    for r in rows:
        cells = [r["family"], r["planted"], r["found"], _fmt(r["recall"]), r["findings"]]
        cells += [r["false_positives"], _fmt(r["precision"]), r["status"]]
        print("  ".join(f"{c!s:>9}" for c in cells))
    if tally.import_findings:
        print("import findings: " + ", ".join(f"{c} × {n}" for c, n in sorted(tally.import_findings.items())))
    if not args.no_write:
        text = markdown(tally, params, _machine(), timings)
        args.output.parent.mkdir(parents=True, exist_ok=True)
        args.output.write_text(text, encoding="utf-8")
        print(f"\nwrote {args.output}", file=sys.stderr)
    missed = [r["family"] for r in rows if r["status"] in ("MISSES target", "not measured")]
    if missed and args.check:
        print(f"missed target: {', '.join(missed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
