"""The four excerpts of samples/real that hold no block of any form (a cover and a table of contents,
a preface, a policy map): each is refused in one line, in Japanese by default and in English when
chosen, exit 2 on the command line (issue 14: "Refuse only what holds no block at all"). And: every
file under samples/real has a test of its own."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from hyoka.importers import NotAReportError, import_bytes

ROOT = Path(__file__).resolve().parents[3]
REAL = ROOT / "samples" / "real"

MOFA_NO_BLOCK = (
    "政策評価書として読める部分がありません（評価シート・個別分野・調書がありません）",
    "no 政策評価書 found (no evaluation sheet, 個別分野 or 調書)",
)
NO_LAYOUT = (
    "評価書・政策評価調書・事前分析表として読める部分がありません（どのレイアウトの見出しも見つかりません）",
    "no 評価書, 政策評価調書 or 事前分析表 found (no heading of any layout)",
)
NO_BUDGET_SHEET = (
    "政策評価調書として読める部分がありません（政策名・予算額の行がありません）",
    "no 政策評価調書 found (no 政策名 or 予算額 rows)",
)

REFUSED = {
    # 外務省 平成27年度 事前分析表: cover and 目次 only; 「施策Ⅰ-1 …… 3」 are entries of the contents
    "mofa-h27-jizen-toc.txt": MOFA_NO_BLOCK,
    # 外務省 平成27年度 政策評価書: cover and 目次 only (ids and titles in separate runs)
    "mofa-h27-hyoukasho-toc.txt": MOFA_NO_BLOCK,
    # 財務省 令和2年度 実施計画及び事前分析表（案）: cover and the 実施計画's preface, no sheet reached
    "mof-r2-jizen-opening.txt": NO_LAYOUT,
    # 法務省 政策評価調書（政策評価体系図）: the map of policies and their 調書番号, no 個別票
    "moj-h2x-chousho-taikeizu.txt": NO_BUDGET_SHEET,
}


@pytest.mark.parametrize("name", sorted(REFUSED))
def test_a_document_holding_no_block_is_refused_in_one_line(name: str) -> None:
    with pytest.raises(NotAReportError) as caught:
        import_bytes((REAL / name).read_bytes(), name=name)
    japanese, english = REFUSED[name]
    assert (str(caught.value), caught.value.text("en")) == (f"{name}: {japanese}", f"{name}: {english}")


def test_the_command_line_refuses_it_with_exit_2_and_one_japanese_line() -> None:
    path = REAL / "mof-r2-jizen-opening.txt"
    environment = {k: v for k, v in os.environ.items() if k not in {"HYOKA_LANG", "HYOKA_DEBUG"}}
    done = subprocess.run(
        [sys.executable, "-m", "hyoka.cli", "import", str(path)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        env=environment,
        timeout=120,
        check=False,
    )
    assert (done.returncode, done.stdout, done.stderr) == (2, "", f"hyoka: error: {path}: {NO_LAYOUT[0]}\n")


def test_every_real_document_has_a_test_of_its_own() -> None:
    tests = "".join(path.read_text(encoding="utf-8") for path in Path(__file__).parent.glob("test_*.py"))
    documents = sorted(path.name for path in REAL.glob("*.txt"))
    assert len(documents) == 19
    assert [name for name in documents if name not in tests] == []
