"""The left pane: the articles, with date, figures and conflicts; those the selected group touches are marked."""

from __future__ import annotations

from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content, Span
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from kzview.safe import one_line
from kzview.store import ClaimStore
from kzview.tui.widgets.conflict_table import short_id


class ArticleList(OptionList):
    BINDINGS = [
        Binding("j", "cursor_down", "Down", show=False, id="articles.down"),
        Binding("k", "cursor_up", "Up", show=False, id="articles.up"),
        Binding(
            "f", "filter", "Filter", id="articles.filter", tooltip="Show only articles whose title or outlet match"
        ),
    ]

    class FilterWanted(Message):
        pass

    class Selected(Message):
        def __init__(self, article_id: str) -> None:
            super().__init__()
            self.article_id = article_id

    def __init__(self, store: ClaimStore, **kwargs) -> None:
        super().__init__(markup=False, **kwargs)
        self.store = store
        self.touched: set[str] = set()
        self.filter_words: list[str] = []
        self.shown: list[str] = []

    def prompt(self, article_id: str) -> Content:
        a = self.store.article_by_id[article_id]
        st = self.store.stats.get(article_id)
        mark = "●" if article_id in self.touched else " "
        title = one_line(a.title, 200)
        date = f"{a.date}{'?' if a.date_inferred else ''}" if a.date else "undated"
        counts = f"{st.claims} fig" if st else ""
        n_verdicts = self.store.verdicts_in_article(article_id)
        verdicts = f" ☑{n_verdicts}" if n_verdicts else ""
        outlet = f" · {one_line(a.outlet, 30)}" if a.outlet else ""
        conflict = f" ✗{st.conflicting}" if st and st.conflicting else ""
        line2 = f"  {short_id(a.id)}{outlet} · {date} · {counts}{verdicts}{conflict}"
        text = f"{mark} {title}\n{line2}"
        spans = [Span(0, 1, "bold")]
        if conflict:
            start = len(f"{mark} {title}\n") + len(line2) - len(conflict)
            spans.append(Span(start, start + len(conflict), "bold $error"))
        spans.append(Span(len(f"{mark} {title}\n"), len(text), "dim"))
        return Content(text, spans=spans)

    def populate(self) -> None:
        from kzview.tui.widgets.filter_bar import matches

        keep = self.highlighted
        self.clear_options()
        self.shown = [a.id for a in self.store.articles if matches(self.filter_words, a.title, a.outlet, a.id)]
        self.add_options([Option(self.prompt(aid), id=aid) for aid in self.shown])
        if self.shown:
            self.highlighted = keep if keep is not None and keep < len(self.shown) else 0

    def refresh_article(self, article_id: str) -> None:
        if article_id in self.shown:
            self.replace_option_prompt(article_id, self.prompt(article_id))

    def action_filter(self) -> None:
        self.post_message(self.FilterWanted())

    MARK_LIMIT = 300  # above this many articles, a group's reach is told as a count, not row by row

    def mark(self, article_ids: set[str]) -> None:
        """Mark the articles a group touches (●), redrawing only the rows that changed."""
        if self.parent is not None:
            self.parent.border_subtitle = f"● {len(article_ids):,} touched" if article_ids else None
        if len(article_ids) > self.MARK_LIMIT:
            article_ids = set()
        changed = self.touched ^ article_ids
        self.touched = set(article_ids)
        for aid in changed:
            if aid in self.shown:
                try:
                    self.replace_option_prompt(aid, self.prompt(aid))
                except Exception:  # noqa: BLE001 - the list may be repopulating
                    pass

    def select_article(self, article_id: str) -> None:
        try:
            index = self.get_option_index(article_id)
        except Exception:  # noqa: BLE001 - unknown id
            return
        if self.highlighted != index:
            self.highlighted = index

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        event.stop()
        if event.option_id:
            self.post_message(self.Selected(event.option_id))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option_id:
            self.post_message(self.Selected(event.option_id))


class ArticlesPane(Vertical):
    """Filter line (on demand) above the article list."""

    def __init__(self, store: ClaimStore, **kwargs) -> None:
        super().__init__(**kwargs)
        self.store = store

    def compose(self):  # noqa: ANN201
        from kzview.tui.widgets.filter_bar import FilterBar

        yield FilterBar("filter by title or outlet", id="articles-filter")
        yield ArticleList(self.store, id="articles")

    def on_article_list_filter_wanted(self, event: ArticleList.FilterWanted) -> None:
        from kzview.tui.widgets.filter_bar import FilterBar

        event.stop()
        self.query_one(FilterBar).open()

    def on_input_changed(self, event) -> None:  # noqa: ANN001
        event.stop()
        lst = self.query_one(ArticleList)
        lst.filter_words = event.value.lower().split()
        lst.populate()

    def on_input_submitted(self, event) -> None:  # noqa: ANN001
        event.stop()
        self.query_one(ArticleList).focus()

    def on_filter_bar_cleared(self, event) -> None:  # noqa: ANN001
        event.stop()
        lst = self.query_one(ArticleList)
        lst.filter_words = []
        lst.populate()
        lst.focus()
