"""Japanese full-text search over the narratives (SQLite FTS5 trigram with a LIKE fallback under 3
characters; PostgreSQL ILIKE served by pg_trgm). The same tests run on both databases."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection

from hyoka.core import EvaluationReport
from hyoka.web.reports import storage
from hyoka.web.reports.models import Report, SearchText
from hyoka.web.reports.search import search_reports, search_terms

pytestmark = pytest.mark.django_db


def _found(q: str, queryset: Any = None) -> list[int]:
    return list(
        search_reports(q, Report.objects.all() if queryset is None else queryset).values_list("pk", flat=True)
    )


@pytest.fixture
def europe(people: dict[str, Any], sample_model: EvaluationReport, sample_report: Report) -> Report:
    """A second report whose narratives mention neither 日米 nor 北米: only its title, 欧州地域外交."""
    other = sample_model.model_copy(deep=True)
    other.title = "欧州地域外交"
    other.measure_number = "I-3"
    other.areas = []
    other.objectives = []
    other.judgment.rationale = None
    other.expert_opinions.opinions = []
    return storage.create_report(other, people["editor"], "欧州")


def test_two_characters_use_the_like_fallback(sample_report: Report, europe: Report) -> None:
    assert _found("日米") == [sample_report.pk]


def test_four_characters_match(sample_report: Report, europe: Report) -> None:
    assert _found("日米安保") == [sample_report.pk]
    assert _found("欧州地域") == [europe.pk]


def test_a_word_that_is_nowhere_finds_nothing(sample_report: Report) -> None:
    assert _found("存在しない語") == []


def test_every_term_must_match(sample_report: Report, europe: Report) -> None:
    assert _found("日米安保 北米") == [sample_report.pk]
    assert _found("日米安保　欧州地域") == []  # a full-width space separates terms too
    assert _found("地域外交") == [europe.pk, sample_report.pk]  # newest update first


def test_only_the_given_queryset_is_searched(sample_report: Report, europe: Report) -> None:
    assert _found("地域外交", Report.objects.exclude(pk=sample_report.pk)) == [europe.pk]
    assert _found("日米", Report.objects.none()) == []


def test_an_empty_query_returns_the_queryset(sample_report: Report, europe: Report) -> None:
    assert _found("") == [europe.pk, sample_report.pk]
    assert _found("   ") == [europe.pk, sample_report.pk]


@pytest.mark.parametrize(
    "q",
    [
        '"',
        '"""',
        '日米"安保',
        '"日米安保"',
        "*",
        "日米*",
        "安保*体制",
        "NEAR(日米 安保)",
        "日米 OR 欧州",
        "AND",
        "'; DROP TABLE reports_report; --",
        "%",
        "_",
        "100%",
        "a_b",
        "\\",
        "日米\x00安保",
        '米"',
        "r%",
        "x" * 1000,
    ],
)
def test_special_characters_are_literal_and_never_crash(q: str, sample_report: Report) -> None:
    text = SearchText.objects.get(report=sample_report).text.casefold()
    expected = [sample_report.pk] if all(t.casefold() in text for t in search_terms(q)) else []
    assert _found(q) == expected
    assert Report.objects.filter(pk=sample_report.pk).exists()


def test_terms_are_split_cleaned_and_cut() -> None:
    assert search_terms(" 日米　安保\t日米 ") == ["日米", "安保"]
    assert search_terms("日米\x00安保") == ["日米", "安保"]
    assert search_terms("あ" * 500) == ["あ" * 200]


def test_a_new_revision_is_what_is_searched(
    sample_report: Report, people: dict[str, Any], sample_model: EvaluationReport
) -> None:
    changed = sample_model.model_copy(deep=True)
    changed.title = "太平洋島嶼国外交"
    storage.save_revision(sample_report.pk, 1, changed, people["editor"], "題名の変更")
    assert _found("太平洋島嶼") == [sample_report.pk]
    assert _found("北米地域外交") == []  # the title was the only place it was written


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the FTS5 table exists on SQLite only")
def test_sqlite_uses_the_fts_table_for_three_characters_or_more(sample_report: Report) -> None:
    with connection.cursor() as cursor:
        cursor.execute("DELETE FROM reports_search_fts WHERE rowid = %s", [sample_report.pk])
    assert _found("日米安保") == []  # FTS only: the index no longer has it
    assert _found("日米") == []  # 2 characters: through the index's vocabulary, so neither
    assert _found("米") == [sample_report.pk]  # 1 character: LIKE over SearchText still finds it


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the FTS5 vocabulary exists on SQLite only")
def test_two_characters_are_found_through_the_trigram_vocabulary(
    sample_report: Report, people: dict[str, Any], sample_model: EvaluationReport
) -> None:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT term FROM reports_search_fts_vocab WHERE term >= %s AND term < %s",
            ["日米", "日米\U0010ffff"],
        )
        trigrams = [row[0] for row in cursor.fetchall()]
    text = SearchText.objects.get(report=sample_report).text
    following = {text[i : i + 3] for i in range(len(text) - 2) if text.startswith("日米", i)}
    assert trigrams == sorted(following) and len(trigrams) == 45
    assert _found("日米") == [sample_report.pk]
    assert _found("日米 ２＋２") == []
    assert _found("鰹節") == []
    changed = sample_model.model_copy(deep=True)
    last = changed.areas[-1].next_steps.indicators[-1].paragraphs[-1]
    last.text += "鰹節"
    storage.save_revision(sample_report.pk, 1, changed, people["editor"], "末尾に語を追加")
    assert SearchText.objects.get(report=sample_report).text.endswith("鰹節\n")
    assert _found("鰹節") == [sample_report.pk]  # the last 2 characters of the text, too
