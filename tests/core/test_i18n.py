"""The one translation mechanism: GNU gettext, one catalog (``hyoka/locale/en/LC_MESSAGES/django.po``),
the Japanese text as msgid, read by ``hyoka.core.i18n`` (and by Django for the web)."""

from __future__ import annotations

import ast
import gettext
import importlib
import struct
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from hyoka.core import i18n
from hyoka.core.i18n import gettext_noop

SRC = Path(i18n.__file__).resolve().parents[1]
PO = i18n.LOCALE_DIR / "en" / "LC_MESSAGES" / "django.po"
MO = PO.with_suffix(".mo")
CLI_TABLES = {
    "hyoka.cli.messages": ("_MESSAGES", "cli"),
    "hyoka.cli.cycle": ("_TEXT", "next-cycle"),
    "hyoka.cli.portfolio": ("_TEXT", "portfolio"),
    "hyoka.cli.corpus": ("_MESSAGES", "corpus"),
}


def _unquote(text: str) -> str:
    return str(ast.literal_eval(text))


def parse_po(path: Path) -> dict[tuple[str | None, str], str]:
    """The catalog's live entries: (msgctxt, msgid) → msgstr (plural entries: the singular form)."""
    entries: dict[tuple[str | None, str], str] = {}
    fields: dict[str, str] = {}
    current: str | None = None

    def flush() -> None:
        if fields.get("msgid"):
            key = (fields.get("msgctxt"), fields["msgid"])
            entries[key] = fields.get("msgstr", fields.get("msgstr[0]", ""))
        fields.clear()

    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            if not line:
                flush()
            current = None if line.startswith("#~") else current
            continue
        if line.startswith('"'):
            assert current is not None, raw
            fields[current] += _unquote(line)
            continue
        name, _, value = line.partition(" ")
        if name in {"msgctxt", "msgid"} and (name in fields or (name == "msgid" and "msgstr" in fields)):
            flush()
        current = name
        fields[name] = _unquote(value)
    flush()
    return entries


def _literal(node: ast.expr, path: Path) -> str:
    assert isinstance(node, ast.Constant) and isinstance(node.value, str), (path, node.lineno)
    return node.value


def _marked(path: Path) -> Iterator[tuple[str | None, str, int]]:
    """The texts marked with ``gettext_noop("…")`` or ``pgettext_noop(CONTEXT, "…")`` in a source
    file (joined literals included; the context a literal or a module constant)."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    constants = {
        target.id: node.value.value
        for node in tree.body
        if isinstance(node, ast.Assign | ast.AnnAssign)
        and isinstance(node.value, ast.Constant)
        and isinstance(node.value.value, str)
        for target in (node.targets if isinstance(node, ast.Assign) else [node.target])
        if isinstance(target, ast.Name)
    }
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and getattr(node.func, "id", None) == "gettext_noop":
            (arg,) = node.args
            yield None, _literal(arg, path), node.lineno
        elif isinstance(node, ast.Call) and getattr(node.func, "id", None) == "pgettext_noop":
            context, arg = node.args
            name = context.id if isinstance(context, ast.Name) else None
            yield constants[name] if name else _literal(context, path), _literal(arg, path), node.lineno


def _uses_core_i18n(path: Path) -> bool:
    return "from hyoka.core.i18n import" in path.read_text(encoding="utf-8")


def used_msgids() -> list[tuple[str | None, str, str]]:
    """Every (msgctxt, msgid, where) the Python sources use: outside the web, and the web's modules
    that mark messages for ``hyoka.core.i18n`` (the others use Django's own, found by makemessages)."""
    used: list[tuple[str | None, str, str]] = []
    for path in sorted(SRC.rglob("*.py")):
        if "web" in path.relative_to(SRC).parts and not _uses_core_i18n(path):
            continue
        used += [(ctx, text, f"{path.relative_to(SRC)}:{line}") for ctx, text, line in _marked(path)]
    for module_name, (table, context) in CLI_TABLES.items():
        module = importlib.import_module(module_name)
        for key, text in getattr(module, table).items():
            used.append((f"{context}.{key}", text, f"{module_name}.{table}[{key!r}]"))
    portfolio = importlib.import_module("hyoka.cli.portfolio")
    used += [("portfolio.tier", label, "hyoka.cli.portfolio._TIERS") for label in portfolio._TIERS]
    return used


def test_every_msgid_of_the_catalog_has_its_english() -> None:
    empty = [key for key, msgstr in parse_po(PO).items() if not msgstr.strip()]
    assert empty == []


def test_every_message_the_code_uses_has_its_english_in_the_catalog() -> None:
    catalog = parse_po(PO)
    used = used_msgids()
    assert len(used) > 140
    missing = [(ctx, msgid, where) for ctx, msgid, where in used if not catalog.get((ctx, msgid), "").strip()]
    assert missing == []


def test_the_compiled_catalog_is_the_po_s() -> None:
    """``django.mo`` is compiled from the current ``django.po`` (``msgfmt`` or compilemessages)."""
    with MO.open("rb") as f:
        compiled = gettext.GNUTranslations(f)._catalog  # type: ignore[attr-defined]
    expected = {
        (f"{ctx}\x04{msgid}" if ctx else msgid): msgstr for (ctx, msgid), msgstr in parse_po(PO).items()
    }
    found = {k: v for k, v in compiled.items() if isinstance(k, str) and k}
    found |= {k[0]: v for k, v in compiled.items() if isinstance(k, tuple) and k[1] == 0}  # plurals
    assert found == expected


def test_the_cli_tables_hold_japanese_only() -> None:
    for module_name, (table, _) in CLI_TABLES.items():
        values = getattr(importlib.import_module(module_name), table).values()
        assert all(isinstance(v, str) for v in values), module_name


# --- the English comes from the catalog -----------------------------------------------------------


def write_mo(entries: dict[tuple[str | None, str], str], path: Path) -> None:
    """A GNU .mo file of ``entries`` (what msgfmt writes, without the hash table)."""
    items = sorted(((f"{c}\x04{m}" if c else m).encode(), s.encode()) for (c, m), s in entries.items())
    items.insert(0, (b"", b"Content-Type: text/plain; charset=UTF-8\n"))
    items.sort()
    ids = b"".join(k + b"\0" for k, _ in items)
    strs = b"".join(v + b"\0" for _, v in items)
    count = len(items)
    start = 7 * 4 + count * 16
    offsets, pos_id, pos_str = [], 0, 0
    for k, v in items:
        offsets.append((len(k), start + pos_id, len(v), start + len(ids) + pos_str))
        pos_id += len(k) + 1
        pos_str += len(v) + 1
    header = struct.pack("Iiiiiii", 0x950412DE, 0, count, 7 * 4, 7 * 4 + count * 8, 0, 0)
    table_ids = b"".join(struct.pack("ii", n, o) for n, o, _, _ in offsets)
    table_strs = b"".join(struct.pack("ii", n, o) for _, _, n, o in offsets)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(header + table_ids + table_strs + ids + strs)


@pytest.fixture
def changed_catalog(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> Iterator[dict[tuple[str | None, str], str]]:
    """A copy of the catalog, compiled into a temporary LOCALE_DIR; the test changes entries first."""
    entries = parse_po(PO)
    yield entries
    i18n.catalog.cache_clear()


def _use(entries: dict[tuple[str | None, str], str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_mo(entries, tmp_path / "en" / "LC_MESSAGES" / "django.mo")
    monkeypatch.setattr(i18n, "LOCALE_DIR", tmp_path)
    i18n.catalog.cache_clear()


def test_a_finding_s_english_is_the_catalog_s(
    changed_catalog: dict[tuple[str | None, str], str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hyoka.rules.findings import finding

    template = gettext_noop("測定指標{indicator}に達成状況の記載がありません。")
    before = finding("H306", "/areas/0/indicators/0", template, indicator="1")
    assert (before.message, before.message_en) == (
        "測定指標1に達成状況の記載がありません。",
        "Indicator 1 has no recorded grade.",
    )
    changed_catalog[(None, template)] = "Changed: indicator {indicator} lacks a grade."
    _use(changed_catalog, tmp_path, monkeypatch)
    after = finding("H306", "/areas/0/indicators/0", template, indicator="1")
    assert (after.message, after.message_en) == (before.message, "Changed: indicator 1 lacks a grade.")


def test_a_cli_message_s_english_is_the_catalog_s(
    changed_catalog: dict[tuple[str | None, str], str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from hyoka.cli.messages import Lang, t

    assert t("findings", Lang.EN, count=2) == "2 finding(s)"
    changed_catalog[("cli.findings", "指摘 {count} 件")] = "findings: {count}"
    _use(changed_catalog, tmp_path, monkeypatch)
    assert t("findings", Lang.EN, count=2) == "findings: 2"
    assert t("findings", Lang.JA, count=2) == "指摘 2 件"


def test_japanese_is_the_source_and_an_unknown_text_stays_japanese() -> None:
    assert i18n.translate("指摘 {count} 件", "ja", count=3) == "指摘 3 件"
    assert i18n.translate("カタログにない文", "en") == "カタログにない文"
    assert i18n.gettext_en("主要な測定指標(*)") == "a main indicator (*)"


def test_format_specs_and_conversions_apply_in_both_languages() -> None:
    template = gettext_noop("JSON が大きすぎます（{value:,} バイト、上限 {maximum:,} バイト）")
    assert i18n.bilingual(template, value=12345678, maximum=10485760) == (
        "JSON が大きすぎます（12,345,678 バイト、上限 10,485,760 バイト）",
        "JSON too large (12,345,678 bytes, limit 10,485,760)",
    )
    assert i18n.pgettext_en("files.reason", "OS のエラーです（{detail}）", detail="EIO") == "OS error (EIO)"


def _hand_written(node: ast.expr) -> bool:
    """A string written in the code: a literal, an f-string, or a sum or join with one."""
    if isinstance(node, ast.Constant):
        return isinstance(node.value, str)
    if isinstance(node, ast.JoinedStr):
        return True
    if isinstance(node, ast.BinOp):
        return _hand_written(node.left) or _hand_written(node.right)
    if isinstance(node, ast.IfExp):
        return _hand_written(node.body) or _hand_written(node.orelse)
    return False


def hand_written_english() -> list[str]:
    """Where the sources give ``message_en`` (a keyword argument or a dict's key) a string written
    in the code rather than one from the catalog (migrations aside: they are history)."""
    found: list[str] = []
    for path in sorted(SRC.rglob("*.py")):
        if "migrations" in path.relative_to(SRC).parts:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            values: list[ast.expr] = []
            if isinstance(node, ast.keyword) and node.arg == "message_en":
                values.append(node.value)
            elif isinstance(node, ast.Dict):
                values += [
                    v
                    for k, v in zip(node.keys, node.values, strict=True)
                    if isinstance(k, ast.Constant) and k.value == "message_en"
                ]
            found += [f"{path.relative_to(SRC)}:{v.lineno}" for v in values if _hand_written(v)]
    return found


def test_no_english_message_is_written_by_hand() -> None:
    """``message_en`` comes from the catalog (``finding``, ``bilingual``, ``gettext_en``, …)."""
    assert hand_written_english() == []


def test_the_guard_sees_a_hand_written_english_message(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "m.py").write_text(
        'raise E("日本語", message_en=f"English {x}")\nd = {"message_en": "English"}\n'
        "ok = E(a, message_en=gettext_en(t))\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(sys.modules[__name__], "SRC", tmp_path)
    assert sorted(hand_written_english()) == ["m.py:1", "m.py:2"]
