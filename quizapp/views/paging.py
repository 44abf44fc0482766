"""Pages of long lists: the page number from the query string, clamped to the pages there are."""

from __future__ import annotations

from dataclasses import dataclass

from flask import request


@dataclass(frozen=True)
class Page:
    """One page of a list of `total` rows, `per_page` at a time (numbers start at 1)."""

    number: int
    per_page: int
    total: int

    @property
    def pages(self) -> int:
        """How many pages there are (at least one, even for an empty list)."""
        return max(1, -(-self.total // self.per_page))

    @property
    def start(self) -> int:
        """Index of the page's first row."""
        return (self.number - 1) * self.per_page

    @property
    def stop(self) -> int:
        """Index after the page's last row."""
        return min(self.total, self.start + self.per_page)


def current_page(total: int, per_page: int) -> Page:
    """The page the request asks for (?page=N); a bad or out-of-range N gives the nearest."""
    number = request.args.get("page", 1, type=int) or 1
    pages = max(1, -(-total // per_page))
    return Page(number=min(max(number, 1), pages), per_page=per_page, total=total)
