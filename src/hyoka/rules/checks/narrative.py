"""H4 narrative: the numbers the running text states, checked against each other and the tables.

* H401 — a stated total differs from its stated breakdown. Three shapes, each read only when it is
  unambiguous (see ``docs/findings/H401.md``):

  (a) 「招へい1,220名(米国1,100名、カナダ120名)」: a number and unit followed at once by a parenthesis
      that lists labelled items of the same unit;
  (b) 「首脳会談を4回(うち3回は電話会談)、外相会談を6回…行い、…会談数は10回」: items 「〜をN回」 and one
      total (「数はK回」「計K回」「合計K回」) later in the same sentence;
  (c) 「A3件、B4件の計7件」: a list of labelled items right before 「計N件」.

  Parts introduced by 「うち」 are a subset of what precedes them, never a breakdown: they are skipped.
  Approximate figures (「約」「以上」…) are never added up.

* H402 — a count or percentage stated for a fiscal year (in the analysis or progress text of a
  quantitative indicator) differs from the table's value for that year and series. The stated values
  come from :func:`hyoka.core.stated_values.stated_values`; table values that were themselves inferred
  from the text (``inferred_from``) are not compared.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal

from hyoka.core import (
    Area,
    EvaluationReport,
    Indicator,
    IndicatorKind,
    Issue,
    Paragraph,
    Record,
    SeriesValue,
    Severity,
    format_fiscal_year,
)
from hyoka.core.i18n import gettext_noop
from hyoka.core.stated_values import StatedValue, stated_values
from hyoka.rules.findings import finding
from hyoka.rules.profile import RuleProfile
from hyoka.rules.reasons import year_values
from hyoka.rules.registry import declare

__all__ = ["CODES", "check_narrative", "narrative_texts"]

CODES = declare(
    "H4",
    ("H401", Severity.ERROR, gettext_noop("本文の合計が内訳の和と一致しない")),
    ("H402", Severity.ERROR, gettext_noop("本文の数値が表の値と一致しない")),
)
"""The codes this family emits (``hyoka.rules.codes.CODES`` gathers every family's)."""

_NUM = r"(?<![0-9.,])(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?(?![0-9])"
# Counting units, longest first so that 「万人」 is not read as 「万」+「人」. No 「%」: shares do not add up.
_UNITS = (
    "か国",
    "カ国",
    "ヶ国",
    "か所",
    "箇所",
    "団体",
    "都市",
    "品目",
    "機関",
    "万人",
    "億円",
    "万円",
    "千円",
    "名",
    "人",
    "回",
    "件",
    "社",
    "校",
    "円",
)
_UNIT = "(?:" + "|".join(re.escape(u) for u in _UNITS) + ")"
_AMOUNT = re.compile(rf"(?P<num>{_NUM})(?P<unit>{_UNIT})")
_PART = re.compile(rf"(?P<label>[^0-9()]+?)(?P<num>{_NUM})(?P<unit>{_UNIT})")
_SEPARATOR = re.compile(r"、|,(?![0-9]{3})|及び|並びに")
_BREAKDOWN_PREFIX = re.compile(r"^(?:内訳[:は]?)")
# Words that make a figure approximate, partial or not a count of the same things.
_VAGUE_BEFORE = ("約", "およそ", "概ね", "おおむね", "最大", "最小", "平均", "延べ約")
_VAGUE_AFTER = (
    "以上",
    "以下",
    "未満",
    "超",
    "余り",
    "あまり",
    "弱",
    "強",
    "程度",
    "前後",
    "近く",
    "目",
    "増",
    "減",
)
_VAGUE_LABEL = (
    "約",
    "およそ",
    "概ね",
    "うち",
    "計",
    "など",
    "等",
    "ほか",
    "各",
    "平均",
    "最大",
    "毎",
    "前年",
)
_CLAUSE_LABEL = ("は", "が", "を", "も")
_TOTAL_BEFORE = ("", "、", "の", "(", "で", "は", "を", "に", ",")

_SENTENCE_ITEM = re.compile(rf"を(?P<num>{_NUM})(?P<unit>{_UNIT})")
_SENTENCE_TOTAL = re.compile(rf"(?:数は|合計|計)(?P<num>{_NUM})(?P<unit>{_UNIT})")
_LIST_TOTAL = re.compile(
    rf"(?P<list>(?:[^、。0-9()]+?{_NUM}{_UNIT}、)+[^、。0-9()]+?{_NUM}{_UNIT})"
    rf"(?:の|、|で)?合?計(?P<num>{_NUM})(?P<unit>{_UNIT})"
)


def _json_number(value: Decimal) -> int | float:
    return int(value) if value == value.to_integral_value() else float(value)


def _number(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def _show(value: Decimal) -> str:
    return f"{value:,}"


# ---------------------------------------------------------------------------------------------------
# Where the running text is


def narrative_texts(report: EvaluationReport) -> Iterator[tuple[str, Record, str]]:
    """(JSON pointer, record, text) for every paragraph of running text and every expert opinion."""
    for a, area in enumerate(report.areas):
        base = f"/areas/{a}"
        yield from _paragraphs(f"{base}/outline", area.outline)
        for i, indicator in enumerate(area.indicators):
            for y, year in enumerate(indicator.years):
                pointer = f"{base}/indicators/{i}/years/{y}"
                yield from _paragraphs(f"{pointer}/target_text", year.target_text)
                yield from _paragraphs(f"{pointer}/progress", year.progress)
        for k, analysis in enumerate(area.analysis):
            yield from _paragraphs(f"{base}/analysis/{k}/paragraphs", analysis.paragraphs)
        yield from _paragraphs(f"{base}/next_steps/measure", area.next_steps.measure)
        for k, steps in enumerate(area.next_steps.indicators):
            yield from _paragraphs(f"{base}/next_steps/indicators/{k}/paragraphs", steps.paragraphs)
    for o, opinion in enumerate(report.expert_opinions.opinions):
        yield f"/expert_opinions/opinions/{o}", opinion, opinion.text


def _paragraphs(pointer: str, paragraphs: Sequence[Paragraph]) -> Iterator[tuple[str, Record, str]]:
    for p, paragraph in enumerate(paragraphs):
        yield f"{pointer}/{p}", paragraph, paragraph.text


# ---------------------------------------------------------------------------------------------------
# H401: totals and breakdowns


@dataclass(frozen=True, slots=True)
class _Mismatch:
    kind: str  # "parenthetical" | "sentence" | "list"
    total: Decimal
    parts: tuple[Decimal, ...]
    unit: str
    text: str


def _closing(text: str, start: int) -> int | None:
    """Index of the ``)`` that closes the ``(`` at ``start``, or None."""
    depth = 0
    for index in range(start, len(text)):
        if text[index] == "(":
            depth += 1
        elif text[index] == ")":
            depth -= 1
            if depth == 0:
                return index
    return None


def _without_parentheses(text: str) -> str | None:
    """The text with every parenthetical removed; None when the parentheses do not balance."""
    out: list[str] = []
    depth = 0
    for char in text:
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth < 0:
                return None
        elif depth == 0:
            out.append(char)
    return "".join(out) if depth == 0 else None


def _depths(text: str) -> list[int]:
    """The parenthesis depth of each character (a parenthesis counts as inside)."""
    if "(" not in text:
        return [0] * len(text)
    depths: list[int] = []
    depth = 0
    for char in text:
        if char == "(":
            depth += 1
        depths.append(depth)
        if char == ")":
            depth = max(depth - 1, 0)
    return depths


def _vague_before(text: str, start: int) -> bool:
    return any(text[:start].endswith(word) for word in _VAGUE_BEFORE)


def _vague_after(text: str, end: int) -> bool:
    return any(text.startswith(word, end) for word in _VAGUE_AFTER)


def _split_top_level(text: str) -> list[str] | None:
    """Split at the separators outside nested parentheses; nested parentheticals are dropped."""
    flat = _without_parentheses(text)
    if flat is None:
        return None
    return [part.strip() for part in _SEPARATOR.split(flat)]


def _labelled_part(part: str, unit: str) -> Decimal | None:
    match = _PART.fullmatch(part)
    if match is None or match.group("unit") != unit:
        return None
    label = match.group("label").strip()
    if not label or any(word in label for word in _VAGUE_LABEL):
        return None
    return _number(match.group("num"))


def _parenthetical_breakdowns(text: str) -> Iterator[_Mismatch]:
    """(a) 「1,220名(米国1,100名、カナダ120名)」."""
    for match in _AMOUNT.finditer(text):
        end = match.end()
        if end >= len(text) or text[end] != "(" or _vague_before(text, match.start()):
            continue
        close = _closing(text, end)
        if close is None:
            continue
        content = _BREAKDOWN_PREFIX.sub("", text[end + 1 : close].strip())
        if content.startswith(("うち", "計", "合計")):
            continue  # a subset, or the total of what precedes
        parts = _split_top_level(content)
        if parts is None:
            continue
        parts = [part for part in parts if not part.startswith("うち")]
        unit = match.group("unit")
        values = [_labelled_part(part, unit) for part in parts]
        if len(values) < 2 or any(value is None for value in values):
            continue
        numbers = tuple(value for value in values if value is not None)
        total = _number(match.group("num"))
        if sum(numbers, Decimal(0)) != total:
            yield _Mismatch("parenthetical", total, numbers, unit, text[match.start() : close + 1])


def _sentence_totals(sentence: str) -> Iterator[_Mismatch]:
    """(b) 「首脳会談を4回(うち3回は電話会談)、外相会談を6回…行い、…会談数は10回」."""
    candidates = list(_SENTENCE_TOTAL.finditer(sentence))
    if not candidates:
        return  # no total stated: most sentences (the depths below cost most of a save's checks)
    depths = _depths(sentence)
    totals = [m for m in candidates if depths[m.start()] == 0 and _total_prefix_ok(sentence, m.start())]
    items = [m for m in _SENTENCE_ITEM.finditer(sentence) if depths[m.start()] == 0]
    if len(items) < 2 or len(totals) != 1:
        return
    total = totals[0]
    unit = total.group("unit")
    if any(m.group("unit") != unit for m in items) or total.start() < items[-1].end():
        return
    if any(_vague_after(sentence, m.end()) for m in [*items, total]):
        return
    if "うち" in _flat(sentence[items[-1].end() : total.start()]):
        return  # 「…そのうち電話会談の数は」: the total is of a subset
    # Every other count in the same unit, outside parentheses, makes the structure ambiguous.
    explained = {m.start("num") for m in [*items, total]}
    for other in _AMOUNT.finditer(sentence):
        if other.group("unit") == unit and depths[other.start()] == 0 and other.start() not in explained:
            return
    parts = tuple(_number(m.group("num")) for m in items)
    value = _number(total.group("num"))
    if sum(parts, Decimal(0)) != value:
        yield _Mismatch("sentence", value, parts, unit, sentence)


def _total_prefix_ok(sentence: str, start: int) -> bool:
    """「計」 and 「合計」 count only as a word of their own (not 「累計」「小計」「会計」)."""
    if sentence.startswith("数は", start):
        return True
    before = sentence[start - 1] if start > 0 else ""
    return before in _TOTAL_BEFORE


def _flat(text: str) -> str:
    return _without_parentheses(text) or ""


def _list_totals(sentence: str) -> Iterator[_Mismatch]:
    """(c) 「A3件、B4件の計7件」: labelled items right before 「計N件」 (parentheticals set aside)."""
    if "計" not in sentence:
        return  # the pattern below backtracks; most sentences state no total at all
    flat = _without_parentheses(sentence)
    if flat is None:
        return
    for match in _LIST_TOTAL.finditer(flat):
        if _vague_after(flat, match.end()):
            continue
        unit = match.group("unit")
        labels = match.group("list").split("、")
        if any(any(word in label for word in _CLAUSE_LABEL) for label in labels):
            continue  # 「昨年度は20件、…」: a clause, not an item of a list
        values = [_labelled_part(label, unit) for label in labels]
        if any(value is None for value in values):
            continue
        numbers = tuple(value for value in values if value is not None)
        total = _number(match.group("num"))
        if sum(numbers, Decimal(0)) != total:
            yield _Mismatch("list", total, numbers, unit, match.group(0))


_DIGIT = re.compile(r"[0-9]")


def _mismatches(text: str) -> Iterator[_Mismatch]:
    # every pattern needs a figure written in digits: most paragraphs have none (and are skipped
    # here, where the checks cost most of a save)
    if not _DIGIT.search(text):
        return
    yield from _parenthetical_breakdowns(text)
    for sentence in text.split("。"):
        if _DIGIT.search(sentence):
            yield from _sentence_totals(sentence)
            yield from _list_totals(sentence)


def _h401(pointer: str, record: Record, text: str) -> list[Issue]:
    issues: list[Issue] = []
    seen: set[tuple[str, Decimal, tuple[Decimal, ...]]] = set()
    for m in _mismatches(text):
        key = (m.text, m.total, m.parts)
        if key in seen:
            continue
        seen.add(key)
        summed = sum(m.parts, Decimal(0))
        parts_ja = "+".join(f"{_show(p)}{m.unit}" for p in m.parts)
        issues.append(
            finding(
                "H401",
                pointer,
                gettext_noop("本文の合計{total}{unit}が内訳の和{sum}{unit}({parts})と一致しません。"),
                total=_show(m.total),
                sum=_show(summed),
                unit=m.unit,
                parts=parts_ja,
                parts_en=" + ".join(_show(p) for p in m.parts),
                at=record,
                input=m.text,
                context={
                    "kind": m.kind,
                    "total": _json_number(m.total),
                    "parts": [_json_number(p) for p in m.parts],
                    "sum": _json_number(summed),
                    "unit": m.unit,
                },
            )
        )
    return issues


# ---------------------------------------------------------------------------------------------------
# H402: values stated in the text vs the table


@dataclass(frozen=True, slots=True)
class _Located:
    pointer: str
    paragraph: Paragraph
    value: StatedValue


def _located(
    pointers: Sequence[str], paragraphs: Sequence[Paragraph], indicator: Indicator, lead: Paragraph | None
) -> list[_Located]:
    """Stated values with the paragraph that states each. The paragraphs are read as one text (a
    sentence takes the year of the one before it); the values of paragraph k are those that reading
    the first k+1 paragraphs adds to reading the first k. ``lead`` names the year the text is about."""
    head = [lead] if lead is not None else []
    out: list[_Located] = []
    before = len(stated_values(head, indicator.series)) if head else 0
    for k, paragraph in enumerate(paragraphs):
        values = stated_values([*head, *paragraphs[: k + 1]], indicator.series)
        out.extend(_Located(pointers[k], paragraph, v) for v in values[before:])
        before = len(values)
    return out


def _table_value(
    indicator: Indicator, year_index: int, what: str, series: str
) -> tuple[int, SeriesValue] | None:
    year = indicator.years[year_index]
    values = year.targets if what == "target" else year.actuals
    for index, value in enumerate(values):
        if (value.series or "") == series:
            return index, value
    return None


def _h402_indicator(area: Area, pointer: str, indicator: Indicator, a: int) -> list[Issue]:
    groups: list[list[_Located]] = []
    for k, analysis in enumerate(area.analysis):
        if analysis.indicator_id == indicator.id:
            pointers = [f"/areas/{a}/analysis/{k}/paragraphs/{p}" for p in range(len(analysis.paragraphs))]
            groups.append(_located(pointers, analysis.paragraphs, indicator, None))
    for y, year in enumerate(indicator.years):
        pointers = [f"{pointer}/years/{y}/progress/{p}" for p in range(len(year.progress))]
        lead = Paragraph(text=format_fiscal_year(year.fiscal_year))
        groups.append(_located(pointers, year.progress, indicator, lead))
    issues: list[Issue] = []
    seen: set[tuple[str, int, str, str, Decimal]] = set()
    for located in (item for group in groups for item in group):
        stated = located.value
        year_index = next(
            (y for y, year in enumerate(indicator.years) if year.fiscal_year == stated.year), None
        )
        if year_index is None:
            continue
        table = _table_value(indicator, year_index, stated.what, stated.series)
        if table is None:
            continue
        index, value = table
        cell = value.value
        if value.inferred_from is not None or cell.value is None:
            continue
        if cell.unit is not None and cell.unit != stated.unit:
            continue
        if cell.value == stated.value:
            continue
        key = (located.pointer, stated.year, stated.what, stated.series, stated.value)
        if key in seen:
            continue
        seen.add(key)
        issues.append(_h402_finding(located, indicator, pointer, year_index, index, cell.value))
    return issues


_H402 = {
    True: gettext_noop(
        "測定指標{indicator}の{era}の目標値{series}は、本文では{stated}{unit}ですが、表では{table}{unit}です。"
    ),
    False: gettext_noop(
        "測定指標{indicator}の{era}の実績値{series}は、本文では{stated}{unit}ですが、表では{table}{unit}です。"
    ),
}
"""H402's message, by whether the stated value is a target (else an actual)."""


def _h402_finding(
    located: _Located, indicator: Indicator, pointer: str, year_index: int, index: int, table: Decimal
) -> Issue:
    stated = located.value
    slot = "targets" if stated.what == "target" else "actuals"
    series = stated.series or None
    return finding(
        "H402",
        located.pointer,
        _H402[stated.what == "target"],
        indicator=indicator.id,
        **year_values("era", stated.year),
        series=f"({series})" if series else "",
        series_en=f" ({series})" if series else "",
        stated=_show(stated.value),
        table=_show(table),
        unit=stated.unit,
        at=located.paragraph,
        input=stated.sentence.strip(),
        context={
            "indicator_id": indicator.id,
            "fiscal_year": stated.year,
            "what": stated.what,
            "series": series,
            "stated": _json_number(stated.value),
            "table": _json_number(table),
            "unit": stated.unit,
            "table_location": f"{pointer}/years/{year_index}/{slot}/{index}",
        },
    )


# ---------------------------------------------------------------------------------------------------


def check_narrative(report: EvaluationReport, profile: RuleProfile) -> list[Issue]:
    """H401 on every paragraph and expert opinion; H402 on every quantitative indicator."""
    del profile  # no thresholds: a stated number either agrees or it does not
    issues: list[Issue] = []
    for pointer, record, text in narrative_texts(report):
        issues.extend(_h401(pointer, record, text))
    for a, area in enumerate(report.areas):
        for i, indicator in enumerate(area.indicators):
            if indicator.kind is IndicatorKind.QUANTITATIVE:
                issues.extend(_h402_indicator(area, f"/areas/{a}/indicators/{i}", indicator, a))
    return issues
