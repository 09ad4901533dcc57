"""kzview: line up the figures several news sources give for one event."""

__version__ = "0.1.0"
