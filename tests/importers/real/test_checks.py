"""`hyoka check` on every real document of samples/real (issue 14): the check service (the command's
own, ``hyoka.services.check_file``) with the ministry's profile where hyoka has one (外務省
mofa-2020, 厚生労働省 mhlw, 総務省 soumu), the default profile (mofa-2020) for the others
(文部科学省, 国土交通省, 食品安全委員会, 消費者庁: no published scale of theirs is bundled). Each asserts
the layout read and the exact findings of the rules, code by code with their counts; the import's own findings
are each document's reader test's. A refused document is refused by ``check`` too, in one line."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest

from hyoka.services import NotAReportError, check_file

REAL = Path(__file__).resolve().parents[3] / "samples" / "real"

CHECKED = {
    # name: (profile, layout, rule findings by code); H101 asks of each kind only the blocks it has
    # (a 事前分析表 its 測定指標, a 調書 its budget), H306 only of a 評価書
    "caa-h23-jizen-1.txt": (None, "pre-analysis", {"H101": 1}),
    "caa-h25-jizen-1.txt": (None, "pre-analysis", {"H101": 1}),
    "cao-fsc-h28-chousho-12.txt": (None, "budget-sheet-2016", {}),
    "mext-h20-jisseki-1-1.txt": (None, "mext-jisseki", {"H101": 3, "H105": 2, "H303": 2}),
    "mext-h21-hyoukasho-seisaku3.txt": (None, "mext-jisseki", {"H101": 3, "H105": 1, "H303": 1}),
    "mhlw-r7-jisseki-I-1-1.txt": ("mhlw", "mhlw-jisseki", {"H101": 2, "H301": 3, "H306": 2}),
    "mhlw-r7-jisseki-I-1-2.txt": ("mhlw", "mhlw-jisseki", {"H101": 4}),
    "mhlw-r7-jisseki-I-11-2.txt": ("mhlw", "mhlw-jisseki", {"H101": 3}),
    "mhlw-r7-jizen-I-5-1.txt": ("mhlw", "pre-analysis", {"H504": 2}),
    "mhlw-r7-jizen-I-5-2.txt": ("mhlw", "pre-analysis", {"H101": 1}),
    "mlit-h22-checkup-22-3.txt": (None, "mlit-checkup", {"H101": 3, "H303": 2}),
    "mlit-r1-checkup-barrierfree.txt": (None, "mlit-checkup", {"H101": 3, "H303": 11, "H504": 4}),
    "mofa-h28-chousho-I-2-hokubei.txt": ("mofa-2020", "budget-sheet-2016", {}),
    "mofa-h28-chousho-I-3-chunanbei.txt": ("mofa-2020", "budget-sheet-2016", {}),
    "soumu-h26-hyoukasho-seisaku2.txt": ("soumu", "soumu", {"H101": 2}),
}

REFUSED = [
    "mof-r2-jizen-opening.txt",
    "mofa-h27-hyoukasho-toc.txt",
    "mofa-h27-jizen-toc.txt",
    "moj-h2x-chousho-taikeizu.txt",
]


@pytest.mark.parametrize("name", sorted(CHECKED))
def test_each_real_document_is_checked_with_its_ministry_s_profile(name: str) -> None:
    profile, layout, codes = CHECKED[name]
    outcome = check_file(REAL / name, profile)
    assert outcome.imported.layout == layout
    assert outcome.profile == (profile or "mofa-2020")
    assert dict(Counter(f.code for f in outcome.rule_findings)) == codes


@pytest.mark.parametrize("name", REFUSED)
def test_a_document_holding_no_block_is_refused_by_check_too(name: str) -> None:
    with pytest.raises(NotAReportError) as caught:
        check_file(REAL / name, "mofa-2020")
    assert "\n" not in str(caught.value)
    assert str(caught.value).startswith(f"{REAL / name}: ")


def test_every_real_document_is_checked_or_refused() -> None:
    assert sorted([*CHECKED, *REFUSED]) == sorted(path.name for path in REAL.glob("*.txt"))
