"""The command palette (ctrl+p): every kzview action by name."""

from __future__ import annotations

from functools import partial

from textual.command import DiscoveryHit, Hit, Hits, Provider

ACTIONS: list[tuple[str, str, str]] = [
    ("Export Markdown report", "export('md')", "the triage report with verdicts, as Markdown"),
    ("Export CSV", "export('csv')", "every figure of every group, for spreadsheets"),
    ("Export JSON", "export('json')", "groups, figures and verdicts as JSON"),
    ("Export ClaimReview JSON-LD", "export('claimreview')", "schema.org ClaimReview for every verdict"),
    ("Search", "search", "article text and figures"),
    ("Next conflict", "screen.next_group('conflict')", "jump to the next conflict and its figures"),
    ("Entities", "entities", "who the articles name, under which spellings"),
    ("Problems", "toggle_problems", "the files not read as articles, each with its reason"),
    ("Corrections", "corrections", "every correction set on this corpus: who, when, why, where it stands"),
    ("Undo verdict", "undo", "take back the last verdict"),
    ("Go to articles", "screen.pane('articles')", "the article list"),
    ("Go to article text", "screen.pane('article')", "the selected article"),
    ("Go to conflict table", "screen.pane('groups')", "the groups of figures"),
    ("Help", "help", "every key"),
    ("Quit", "quit", "leave kzview"),
]


class KzviewCommands(Provider):
    async def discover(self) -> Hits:
        for name, action, help_text in ACTIONS:
            yield DiscoveryHit(name, partial(self.app.run_action, action), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for name, action, help_text in ACTIONS:
            score = matcher.match(name)
            if score > 0:
                yield Hit(score, matcher.highlight(name), partial(self.app.run_action, action), help=help_text)
