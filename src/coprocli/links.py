"""An entry's web link, and opening it: what `copro open` and `copro browse` do."""

from __future__ import annotations

from .errors import CoproError
from .model import Entry

#: The schemes copro hands to a web browser; anything else in `url` gives way to the DOI.
_WEB_SCHEMES = ("http://", "https://", "ftp://", "ftps://")


def entry_link(entry: Entry) -> str:
    """The entry's URL, or where it has none (or one copro will not open, such as
    `javascript:`), its DOI as `https://doi.org/...`; a `CoproError` when it has neither."""
    from .backends._base import safe_url
    from .item import doi_url

    url = safe_url(entry.fields.get("url") or "") or ""
    if not url.startswith(_WEB_SCHEMES):
        doi = entry.fields.get("doi")
        url = doi_url(doi) if doi else ""
    if not url:
        raise CoproError(f"{entry.key} has no URL or DOI to open; 'copro show {entry.key}'.")
    return url


def open_link(url: str) -> None:
    """Open `url` in the system's web browser (or `BROWSER`); a `CoproError` that still
    gives the link when no browser could be started."""
    import webbrowser

    if not webbrowser.open(url):
        raise CoproError(f"No web browser could be started; the link is {url}")
