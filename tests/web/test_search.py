"""Japanese full-text search over the narratives (SQLite FTS5 trigram with a LIKE fallback under 3
characters; PostgreSQL ILIKE served by pg_trgm), folded (NFKC) at index and query time, with fiscal
years, ministry and bureau names, and snippets (docs/search.md). The same tests run on both
databases."""

from __future__ import annotations

from typing import Any

import pytest
from django.db import connection

from hyoka.core import EvaluationReport
from hyoka.web.reports import storage
from hyoka.web.reports.folding import fold, term_year
from hyoka.web.reports.models import PublishedSearchText, Report, SearchText
from hyoka.web.reports.search import parse_query, search_reports, search_terms, snippet, snippets

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
    assert search_terms("ＴＰＰ　ｶﾅﾀﾞ 令和２年度") == ["TPP", "カナダ", "令和2年度"]


def test_a_new_revision_is_what_is_searched(
    sample_report: Report, people: dict[str, Any], sample_model: EvaluationReport
) -> None:
    changed = sample_model.model_copy(deep=True)
    changed.title = "太平洋島嶼国外交"
    storage.save_revision(sample_report.pk, 1, changed, people["editor"], "題名の変更")
    assert _found("太平洋島嶼") == [sample_report.pk]
    # the old title is gone from the text but for the 調書's 事項 「北米地域外交に必要な経費」
    assert _found("北米地域外交 日米") == [sample_report.pk]
    assert SearchText.objects.get(report=sample_report).text.startswith("太平洋島嶼国外交\n")


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
    assert _found("日米 ２＋２") == [sample_report.pk]  # folded: the text's 「2+2」
    assert _found("日米 鰹節") == []
    assert _found("鰹節") == []
    changed = sample_model.model_copy(deep=True)
    assert changed.budget_sheet is not None  # its 事項 are the text's last lines
    last = [item for section in changed.budget_sheet.sections for item in section.items][-1]
    last.sub_item += "鰹節"
    storage.save_revision(sample_report.pk, 1, changed, people["editor"], "末尾に語を追加")
    assert SearchText.objects.get(report=sample_report).text.endswith("鰹節\n")
    assert _found("鰹節") == [sample_report.pk]  # the last 2 characters of the text, too


# --- folding: what people type ---------------------------------------------------------------------


def test_the_stored_text_is_folded(sample_report: Report) -> None:
    text = SearchText.objects.get(report=sample_report).text
    assert text == fold(text)
    assert "TPP" in text and "カナダ" in text


@pytest.mark.parametrize("q", ["ＴＰＰ", "TPP", "tpp", "ｔｐｐ", "ｶﾅﾀﾞ", "カナダ", "TPP11", "ＴＰＰ１１"])
def test_full_width_half_width_and_case_find_the_same_text(
    q: str, sample_report: Report, europe: Report
) -> None:
    assert _found(q) == [sample_report.pk]


def test_a_text_written_in_full_width_is_found_as_typed_either_way(
    sample_report: Report, people: dict[str, Any], sample_model: EvaluationReport
) -> None:
    changed = sample_model.model_copy(deep=True)
    changed.objectives[0].text += "ＡＰＥＣ首脳会議及びﾊﾞﾝｸｰﾊﾞｰ会合"
    storage.save_revision(sample_report.pk, 1, changed, people["editor"], "全角の語を追加")
    text = SearchText.objects.get(report=sample_report).text
    assert "APEC首脳会議及びバンクーバー会合" in text and "ＡＰＥＣ" not in text
    for q in ("APEC首脳", "ＡＰＥＣ首脳", "apec", "バンクーバー", "ﾊﾞﾝｸｰﾊﾞｰ"):
        assert _found(q) == [sample_report.pk], q


def test_hiragana_and_katakana_are_not_folded_onto_each_other(sample_report: Report) -> None:
    assert _found("かなだ") == []


# --- years -----------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("term", "year"),
    [
        ("令和2年度", 2020),
        ("令和2年", 2020),
        ("令和2", 2020),
        ("令2年度", 2020),
        ("R2", 2020),
        ("r2", 2020),
        ("R2年度", 2020),
        ("令和元年度", 2019),
        ("平成30年度", 2018),
        ("H30", 2018),
        ("2020", 2020),
        ("2020年度", 2020),
        ("2020年", 2020),
        ("2年度", None),
        ("第2", None),
        ("R0", None),
        ("R100", None),
        ("12345", None),
        ("0999", None),
        ("2+2", None),
        ("日米", None),
    ],
)
def test_a_term_naming_a_fiscal_year(term: str, year: int | None) -> None:
    assert term_year(term) == year


def test_a_query_separates_years_from_words() -> None:
    query = parse_query("ＴＰＰ 令和２年度 2020 R1")
    assert (query.terms, query.years) == (("TPP",), (2020, 2019))


@pytest.fixture
def earlier(people: dict[str, Any], sample_model: EvaluationReport) -> Report:
    """The sample's measure a year before (令和元年度), its text the sample's."""
    model = sample_model.model_copy(deep=True)
    model.evaluation_year = 2019
    return storage.create_report(model, people["editor"], "前年度")


@pytest.mark.parametrize("q", ["令和2年度", "令和２年度", "R2", "2020", "2020年度"])
def test_every_way_of_writing_a_year_selects_that_evaluation_year(
    q: str, sample_report: Report, earlier: Report
) -> None:
    assert _found(q) == [sample_report.pk]


def test_a_year_and_words_together(sample_report: Report, earlier: Report) -> None:
    assert _found("ＴＰＰ 令和2年度") == [sample_report.pk]
    assert _found("ｶﾅﾀﾞ 令和元年度") == [earlier.pk]
    assert _found("TPP H29") == []
    assert _found("令和元年度 令和2年度") == [earlier.pk, sample_report.pk]  # either year


def test_the_public_searches_the_published_year(sample_report: Report, people: dict[str, Any]) -> None:
    Report.objects.filter(pk=sample_report.pk).update(published_evaluation_year=2019)
    found = search_reports("令和元年度", Report.objects.all(), published=True)
    assert list(found.values_list("pk", flat=True)) == [sample_report.pk]
    assert _found("令和元年度") == []  # the current revision is of 令和2年度


# --- ministry and bureau names ---------------------------------------------------------------------


@pytest.fixture
def other_bureau(people: dict[str, Any], sample_model: EvaluationReport) -> Report:
    """A report of 外務省 欧州局 whose text names neither bureau."""
    other = sample_model.model_copy(deep=True)
    other.title = "欧州地域外交"
    other.measure_number = "I-3"
    other.areas = []
    other.objectives = []
    other.judgment.rationale = None
    other.expert_opinions.opinions = []
    return storage.create_report(other, people["editor_other_bureau"], "欧州", "欧州局")


def test_a_bureau_name_finds_its_reports(sample_report: Report, other_bureau: Report) -> None:
    assert "北米局" not in SearchText.objects.get(report=sample_report).text
    assert _found("北米局") == [sample_report.pk]
    assert _found("欧州局") == [other_bureau.pk]
    assert _found("欧州局 欧州地域") == [other_bureau.pk]
    assert _found("北米局 欧州地域") == []


def test_a_ministry_name_finds_its_reports(sample_report: Report, other_bureau: Report) -> None:
    assert _found("外務省") == [other_bureau.pk, sample_report.pk]
    assert _found("外務省 欧州地域") == [other_bureau.pk]
    assert _found("主計局") == []  # 財務省's bureau (a member's), no report of it
    # one character names no bureau (it would name them all): 局 is in the sample's text only
    assert "局" not in SearchText.objects.get(report=other_bureau).text
    assert _found("局") == [sample_report.pk]


# --- snippets --------------------------------------------------------------------------------------


def test_a_snippet_marks_every_term_and_escapes_the_rest() -> None:
    html = snippet("a<b>TPP & tpp\n日米", ["TPP", "日米"], cut_before=True, cut_after=False)
    assert str(html) == "…a&lt;b&gt;<mark>TPP</mark> &amp; <mark>tpp</mark> <mark>日米</mark>"


def test_a_snippet_never_lets_markup_through() -> None:
    html = snippet('<script>alert("x")</script>', ["<script>"], cut_before=False, cut_after=True)
    assert str(html) == "<mark>&lt;script&gt;</mark>alert(&quot;x&quot;)&lt;/script&gt;…"


def test_snippets_cut_the_text_around_the_first_term_found(sample_report: Report) -> None:
    text = SearchText.objects.get(report=sample_report).text
    at = text.index("TPP")
    found = snippets("存在しない語 ｔｐｐ", [sample_report.pk], [])
    expected = snippet(text[at - 30 : at + 70], ["存在しない語", "tpp"], cut_before=True, cut_after=True)
    assert found == {sample_report.pk: expected}
    assert "<mark>TPP</mark>" in str(found[sample_report.pk])


def test_snippets_read_the_published_text_for_those_outside_the_scope(sample_report: Report) -> None:
    PublishedSearchText.objects.create(report=sample_report, text="公表版のTPPの記述\n")
    assert snippets("TPP", [], [sample_report.pk]) == {sample_report.pk: "公表版の<mark>TPP</mark>の記述 "}
    assert snippets("令和2年度", [sample_report.pk], []) == {}  # a year alone: no passage


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the FTS5 vocabulary exists on SQLite only")
def test_a_pair_in_every_text_is_every_indexed_report(sample_report: Report, europe: Report) -> None:
    from hyoka.web.reports.search import _EVERYWHERE, _sqlite_text

    assert _sqlite_text("地域", "reports_search_fts") == _EVERYWHERE  # both titles: 〜地域外交
    assert _sqlite_text("日米", "reports_search_fts").startswith('("日米')  # the sample's only
    assert _found("地域") == [europe.pk, sample_report.pk]
    assert _found("地域 日米") == [sample_report.pk]
    assert _found("地域", Report.objects.exclude(pk=europe.pk)) == [sample_report.pk]
    with connection.cursor() as cursor:  # a report without an indexed text is not found by it
        cursor.execute("DELETE FROM reports_search_fts WHERE rowid = %s", [europe.pk])
    assert _found("地域") == [sample_report.pk]


# --- rebuilding the stored texts ----------------------------------------------------------------------


def test_the_command_rebuilds_texts_stored_before(sample_report: Report, europe: Report) -> None:
    import io

    from django.core.management import call_command

    expected = SearchText.objects.get(report=sample_report).text
    # as an older version stored it: not folded, without what it now holds
    SearchText.objects.filter(report=sample_report).update(text="北米地域外交\nＴＰＰ\n")
    if connection.vendor == "sqlite":
        with connection.cursor() as cursor:
            cursor.execute("DELETE FROM reports_search_fts WHERE rowid = %s", [sample_report.pk])
            cursor.execute(
                "INSERT INTO reports_search_fts (rowid, text, report_id) VALUES (%s, %s, %s)",
                [sample_report.pk, "北米地域外交\nＴＰＰ\n", sample_report.pk],
            )
    assert _found("ｶﾅﾀﾞ") == []
    out = io.StringIO()
    call_command("hyoka_search_text", stdout=out)
    assert out.getvalue().startswith("1 of 2 search texts rebuilt in ")
    assert SearchText.objects.get(report=sample_report).text == expected
    assert _found("ｶﾅﾀﾞ") == [sample_report.pk]
    again = io.StringIO()
    call_command("hyoka_search_text", str(sample_report.pk), stdout=again)
    assert again.getvalue().startswith("0 of 1 search texts rebuilt in ")


# --- the list page -------------------------------------------------------------------------------------


@pytest.fixture
def published_sample(sample_report: Report, people: dict[str, Any]) -> Report:
    storage.transition(sample_report.pk, "submit", people["editor"])
    storage.transition(sample_report.pk, "approve", people["reviewer"])
    storage.transition(sample_report.pk, "publish", people["reviewer"])
    return Report.objects.get(pk=sample_report.pk)


def test_the_list_shows_the_passage_and_the_year_it_selected(published_sample: Report) -> None:
    from django.test import Client

    html = Client().get("/", {"q": "ＴＰＰ 令和2年度"}).content.decode()
    assert "1件の評価書 — 「ＴＰＰ 令和2年度」を含むもの（評価年度: 令和2年度 (2020年度)）" in html
    row = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    assert f'<a href="/reports/{published_sample.pk}/">北米地域外交</a><p class="snippet muted">…' in row
    assert "米国が<mark>TPP</mark>から離脱した" in row
    assert row.count("<tr>") == 1
    assert '<input type="search" name="q" id="id_q" value="ＴＰＰ 令和2年度" maxlength="200">' in html
    nothing = Client().get("/", {"q": "ＴＰＰ 令和元年度"}).content.decode()
    assert "該当する評価書はありません。" in nothing


def test_the_list_in_english(published_sample: Report) -> None:
    from django.test import Client

    client = Client()
    client.get("/lang/en/")
    html = client.get("/", {"q": "ｶﾅﾀﾞ R2"}).content.decode()
    assert "(evaluation year: FY2020 (Reiwa 2))" in html
    assert "<td>Evaluation report</td>" in html
    assert "<mark>カナダ</mark>" in html


def test_the_filters_follow_a_change_of_the_reports(
    published_sample: Report, people: dict[str, Any], sample_model: EvaluationReport
) -> None:
    from django.test import Client

    client = Client()
    assert "外務省 国際協力局" not in client.get("/", {"q": "日米"}).content.decode()
    other = sample_model.model_copy(deep=True)
    other.measure_number = "VI-1"
    added = storage.create_report(other, people["editor"], "新しい部局", "国際協力局")
    for action, who in (("submit", "editor"), ("approve", "reviewer"), ("publish", "reviewer")):
        storage.transition(added.pk, action, people[who])
    html = client.get("/", {"q": "日米"}).content.decode()  # the same filters, written again
    assert f'<option value="{added.bureau_id}">外務省 国際協力局</option>' in html
    assert (
        f'<option value="{added.bureau_id}" selected>'
        in client.get("/", {"bureau": added.bureau_id}).content.decode()
    )


def test_an_editor_finds_their_draft_with_its_current_passage(
    sample_report: Report, people: dict[str, Any], sample_model: EvaluationReport
) -> None:
    from django.test import Client

    changed = sample_model.model_copy(deep=True)
    changed.objectives[0].text = "ＡＰＥＣの議長国として" + changed.objectives[0].text
    storage.save_revision(sample_report.pk, 1, changed, people["editor"], "草稿")
    editor, public = Client(), Client()
    editor.force_login(people["editor"])
    html = editor.get("/", {"q": "apec"}).content.decode()
    assert f'<a href="/reports/{sample_report.pk}/">北米地域外交</a>' in html
    assert "<mark>APEC</mark>の議長国として" in html
    assert "該当する評価書はありません。" in public.get("/", {"q": "apec"}).content.decode()  # a draft


def test_search_results_have_pages_of_their_own_size(
    sample_report: Report, europe: Report, people: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> None:
    from django.test import Client

    from hyoka.web.reports import listing

    monkeypatch.setattr(listing, "SEARCH_PAGE_SIZE", 1)
    client = Client()
    client.force_login(people["editor"])
    searched = client.get("/", {"q": "地域外交"}).content.decode()
    assert searched.count('<p class="snippet muted">') == 1 and "1 / 2 ページ" in searched
    listed = client.get("/").content.decode()  # no words: the list's own page size (50)
    assert f'href="/reports/{europe.pk}/"' in listed and f'href="/reports/{sample_report.pk}/"' in listed
    assert "1 / 2 ページ" not in listed
