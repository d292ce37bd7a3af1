"""Text from outside program files: abstracts as plain paragraphs, links a browser can open.

HTML, Markdown and entity leftovers are simplified to plain text
(:func:`to_paragraphs`), written back as simple HTML for formats that want it
(:func:`to_html`), and links are kept only where they are web or mail addresses
(:func:`web_url`, :func:`make_links`). No Qt here.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable
from urllib.parse import urljoin

from geodl_app.model import WEB_URL_PATTERN, Link, clean_line

# ----------------------------------------------------------------------- text

_TAG_NAMES = (
    "p|br|div|span|ul|ol|li|dl|dt|dd|a|i|b|em|strong|u|s|strike|del|ins|sup|sub|small|big|mark"
    "|tt|kbd|samp|var|abbr|cite|q|code|pre|blockquote|h[1-6]|hr|img|font|center|table|caption"
    "|thead|tbody|tfoot|tr|td|th|section|article|header|footer|nav|main|aside|figure|figcaption"
    "|details|summary|label|time|address|wbr"
)
# Entities that always stand for something else ("&foo;" is left as text).
_ENTITY = (
    r"&(?:amp|lt|gt|quot|apos|nbsp|ndash|mdash|hellip|[lr]squo|[lrb]dquo|sbquo|laquo|raquo"
    r"|euro|copy|reg|trade|shy|deg|middot|bull|times|[a-zA-Z]uml|[a-zA-Z](?:acute|grave|circ)"
    r"|szlig|#\d{1,7}|#[xX][0-9a-fA-F]{1,6});"
)
_HTML_HINT = re.compile(rf"</?(?:{_TAG_NAMES})\b[^>]*>|<!--|{_ENTITY}", re.IGNORECASE)
_BLOCK_TAG = re.compile(
    r"</?(?:p|div|ul|ol|dl|h[1-6]|pre|blockquote|table|tr|hr|section|article|header|footer"
    r"|figure|details)\b[^>]*>",
    re.IGNORECASE,
)
_BREAK_TAG = re.compile(r"<br\s*/?>", re.IGNORECASE)
_ITEM_TAG = re.compile(r"<(?:li|dt)\b[^>]*>", re.IGNORECASE)
# Cells and definitions stand apart from what follows them.
_APART_TAG = re.compile(r"</(?:td|th|dt|dd)\s*>", re.IGNORECASE)
# Any other tag, and comments; "a < b" in prose has no letter after "<".
_ANY_TAG = re.compile(r"<!--.*?(?:-->|$)|</?[A-Za-z][^>]*>", re.DOTALL)
_MD_LINK = re.compile(r"\[([^\]\n]+)\]\((https?://[^)\s]+)\)")
# "**bold**", "__bold__"; not a row of underscores (a line to fill in).
_MD_EMPHASIS = re.compile(r"(\*\*|__)(?=[^\s*_])(.+?)(?<=[^\s*_])\1")
_MD_HEADING = re.compile(r"^#{1,6}[ \t]+", re.MULTILINE)
_BLANK_LINES = re.compile(r"\n{3,}")
_WEB_URL = re.compile(WEB_URL_PATTERN)  # the rule of model.Link


def to_paragraphs(text: str | None) -> str:
    """Plain text with paragraphs separated by one blank line.

    HTML is reduced to its text (blocks to paragraphs, ``<br>`` to line
    breaks, list items to ``- ``), also where a file escaped it twice
    (``&lt;strike&gt;``); light markdown (links, bold, headings) loses its
    markup. Plain text keeps its line breaks. The result is its own result:
    simplifying it again changes nothing, so a text survives any number of
    exports and imports.
    """
    if not text:
        return ""
    result = _simplified(text.replace("\r\n", "\n").replace("\r", "\n"), source=True)
    # Rarely more than one round: only where removing markup made new markup
    # (a twice-escaped tag, a link inside a link).
    for _ in range(4):
        again = _simplified(result, source=False)
        if again == result:
            break
        result = again
    return result


def _unemphasised(match: re.Match[str]) -> str:
    # "__init__" in a talk about Python is a name, not bold "init".
    if match.group(1) == "__" and match.group(2).isidentifier():
        return match.group(0)
    return match.group(2)


def _simplified(text: str, source: bool) -> str:
    if _HTML_HINT.search(text):
        # Regular expressions rather than html.parser: FOSDEM has 2,300 of
        # these and loading it is a benchmark.
        if source:
            text = text.replace("\n", " ")  # newlines in HTML source are just spaces
        text = _BLOCK_TAG.sub("\n\n", text)
        text = _BREAK_TAG.sub("\n", text)
        text = _ITEM_TAG.sub("\n- ", text)
        text = _APART_TAG.sub(" ", text)
        text = html.unescape(_ANY_TAG.sub("", text))
    if "](" in text:
        text = _MD_LINK.sub(r"\1 (\2)", text)
    if "**" in text or "__" in text:
        text = _MD_EMPHASIS.sub(_unemphasised, text)
    # All white space folds here, non-breaking too: in abstracts it is mostly
    # what a rich-text editor left ("how it has&nbsp;evolved").
    text = "\n".join([" ".join(line.split()) for line in text.split("\n")])
    if "#" in text:
        text = _MD_HEADING.sub("", text)
    if "\n\n\n" in text:
        # Only then: the pattern has no fixed prefix, so a search tries every
        # position; on FOSDEM's 2,300 texts that was a third of this function.
        text = _BLANK_LINES.sub("\n\n", text)
    return text.strip()


def to_html(text: str) -> str:
    """Paragraphs as HTML (the way Pentabarf files carry abstracts)."""
    paragraphs = [p.strip() for p in re.split(r"\n\s*\n", text) if p.strip()]
    return "".join(
        "<p>" + "<br>".join(html.escape(line, quote=False) for line in p.split("\n")) + "</p>"
        for p in paragraphs
    )


def join_text(*parts: str) -> str:
    """Paragraph blocks joined, skipping empty ones and repeats."""
    seen: list[str] = []
    for part in parts:
        if part and part not in seen and not any(part in s for s in seen):
            seen.append(part)
    return "\n\n".join(seen)


_BARE_DOMAIN = re.compile(r"^(?:[A-Za-z0-9-]+\.)+[A-Za-z]{2,}(?::\d+)?(?:[/?#]\S*)?$")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")
# "slides.pdf" looks like a domain but is a file beside the schedule.
_FILE_NAME = re.compile(
    r"^[^/]+\.(?:pdf|html?|php|png|jpe?g|gif|svg|webp|txt|md|zip|gz|tgz|odp|odt|pptx?|docx?"
    r"|xlsx?|mp[34]|webm|ogg|opus|mkv|ics|xml|json)(?:[?#].*)?$",
    re.IGNORECASE,
)
_MAILTO = re.compile(r"^mailto:[^\s@\x00-\x1f\x7f]+@[^\s@\x00-\x1f\x7f]+$", re.IGNORECASE)


def web_url(text: str | None, base: str | None = None) -> str | None:
    """*text* as an address a browser can open, or None.

    Relative paths (``/system/event_attachments/...``) are resolved against
    *base* (the schedule's ``base_url`` or the conference's URL); a bare
    domain (``www.example.org``) is taken as https. Only http(s) and mailto
    addresses are kept: other schemes (``javascript:``, ``file:``) are dropped.
    """
    url = (text or "").strip()
    if not url or any(c.isspace() for c in url):
        return None
    if _WEB_URL.fullmatch(url):
        return url
    if _MAILTO.fullmatch(url):
        return url
    if url.startswith("//"):
        url = "https:" + url
        return url if _WEB_URL.fullmatch(url) else None
    if _SCHEME.match(url) and not _BARE_DOMAIN.match(url):
        return None  # another scheme (ftp:, ipns:, javascript:)
    if _BARE_DOMAIN.match(url) and not _FILE_NAME.match(url):
        url = "https://" + url  # "www.example.org", "github.com/someone"
        return url if _WEB_URL.fullmatch(url) else None
    if base and _WEB_URL.fullmatch(base):
        joined = urljoin(base if base.endswith("/") or url.startswith("/") else base + "/", url)
        return joined if _WEB_URL.fullmatch(joined) else None
    return None


def page_url(text: str | None, base: str | None = None) -> str | None:
    """An item's page as a web address (http or https only), or None."""
    url = web_url(text, base)
    return url if url is not None and _WEB_URL.fullmatch(url) else None


def base_url(*candidates: str | None) -> str | None:
    """The first candidate that is a web address (for resolving relative links)."""
    for candidate in candidates:
        url = page_url(candidate)
        if url:
            return url
    return None


def make_links(
    pairs: Iterable[tuple[str | None, str | None]], base: str | None = None
) -> tuple[Link, ...]:
    """Links a browser can open (see :func:`web_url`), no repeats."""
    links: list[Link] = []
    seen: set[str] = set()
    for title, raw in pairs:
        url = web_url(raw, base)
        if url is None or url in seen:
            continue
        seen.add(url)
        # Checked by web_url with the model's own rule; skipping pydantic here
        # halves the time FOSDEM takes to load.
        links.append(Link(title=clean_line(title or "") or url, url=url))
    return tuple(links)
