"""Making untrusted article text safe to show in a terminal.

The mapping is one character to one character, so offsets computed on the original text stay valid on the
displayed text: a claim at `text[10:15]` is highlighted at the same place after `display_text(text)`.
"""

from __future__ import annotations

_TABLE: dict[int, str] = {}
for _code in range(0x00, 0x20):
    if _code not in (0x0A, 0x09):  # newline and tab are layout, handled by the caller
        _TABLE[_code] = chr(0x2400 + _code)  # U+2400 block: ␀ ␁ … ␛ …
_TABLE[0x7F] = "\u2421"  # ␡
for _code in range(0x80, 0xA0):  # C1 controls, including the 8-bit CSI (0x9B)
    _TABLE[_code] = "\ufffd"
# Bidirectional overrides and isolates can reorder what a reader sees (Trojan Source).
for _code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A), 0x200E, 0x200F, 0x061C):
    _TABLE[_code] = "\ufffd"
# Line and paragraph separators would break our own line layout.
_TABLE[0x2028] = " "
_TABLE[0x2029] = " "


def display_text(text: str, *, tabs: bool = True) -> str:
    """Return `text` with every terminal control character replaced by a visible stand-in of length one."""
    out = text.translate(_TABLE)
    if tabs:
        out = out.replace("\t", " ")
    return out


def one_line(text: str, limit: int | None = None) -> str:
    """A display-safe single line (newlines become spaces), cut to `limit` characters with an ellipsis."""
    out = display_text(text).replace("\n", " ")
    if limit is not None and len(out) > limit:
        out = out[: max(0, limit - 1)] + "…"
    return out
