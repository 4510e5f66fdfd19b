"""Step 1: bytes → str. UTF-8 (with or without BOM) first, then CP932/Shift_JIS, then EUC-JP."""

from __future__ import annotations

from hyoka.core import Issue
from hyoka.core.i18n import bilingual, gettext_noop
from hyoka.core.import_codes import import_severity
from hyoka.importers.errors import not_a_report

__all__ = ["decode"]

_BOMS = ((b"\xef\xbb\xbf", "utf-8-sig"), (b"\xff\xfe", "utf-16"), (b"\xfe\xff", "utf-16"))
_FALLBACKS = ("cp932", "euc_jp")


def _looks_binary(text: str) -> bool:
    controls = sum(1 for ch in text[:4096] if ord(ch) < 32 and ch not in "\t\r\n\f")
    return controls > 0


def decode(data: bytes, *, name: str = "<input>") -> tuple[str, str, list[Issue]]:
    """Return the text, the encoding read, and an H903 finding when the encoding was not UTF-8.

    Raises NotAReportError for bytes that no supported encoding reads as text.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise not_a_report(
                    gettext_noop("{encoding} として読めないバイトがあります（{offset} バイト目）"),
                    where=name,
                    encoding=encoding,
                    offset=exc.start,
                ) from None
            if _looks_binary(text):
                raise not_a_report(gettext_noop("テキストではなくバイナリデータです"), where=name)
            return text.lstrip("\ufeff"), encoding, []
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as utf8_error:
        for encoding in _FALLBACKS:
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError:
                continue
            if _looks_binary(text):
                break
            message, message_en = bilingual(
                gettext_noop("文字コードを{encoding}と判定して読み込みました(UTF-8ではありません)。"),
                encoding=encoding.upper(),
            )
            finding = Issue(
                code="H903",
                severity=import_severity("H903"),
                location="",
                message=message,
                message_en=message_en,
                input=None,
                context={"encoding": encoding, "utf8_error_at_byte": utf8_error.start},
            )
            return text, encoding, [finding]
        raise not_a_report(
            gettext_noop(
                "UTF-8・CP932/Shift_JIS・EUC-JP のどれでも読めないテキストです"
                "（{offset} バイト目に読めないバイト）"
            ),
            where=name,
            offset=utf8_error.start,
        ) from None
    if _looks_binary(text):
        raise not_a_report(gettext_noop("テキストではなくバイナリデータです"), where=name)
    return text, "utf-8", []
