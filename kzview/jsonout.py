"""JSON output that is safe to print to a terminal."""

from __future__ import annotations

import json
import re

_UNSAFE_JSON = re.compile("[\u0080-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\u061c]")


def dump_json(items: object) -> str:
    """JSON with every control character escaped, so printing it to a terminal is always safe."""
    text = json.dumps(items, ensure_ascii=False, indent=2)
    return _UNSAFE_JSON.sub(lambda m: f"\\u{ord(m.group(0)):04x}", text)
