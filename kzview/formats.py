"""The report formats, in one place: the CLI's choices, the app's commands and the file endings all read these."""

from __future__ import annotations

# format -> the ending of a report file written in it
EXPORT_FORMATS: dict[str, str] = {"md": "md", "csv": "csv", "json": "json", "claimreview": "claimreview.json"}
