"""Snippets with the query's words marked, cut from the original text.

The index holds segmented, normalised tokens, so a snippet is never taken from it: the
original text is normalised character by character (keeping a map back to the original
positions), the words are found in the normalised copy, and the marks are put around the
original characters.
"""

import unicodedata

import zhconv
from django.utils.html import escape
from django.utils.safestring import mark_safe

MAX_SCAN_CHARS = 20_000


def _normalise_with_map(text: str) -> tuple[str, list[int]]:
    """The normalised text and, for each of its characters, the index in `text`."""
    chars, positions = [], []
    simplified = zhconv.convert(text, "zh-hans")
    source = simplified if len(simplified) == len(text) else text
    for index, char in enumerate(source):
        for normalised in unicodedata.normalize("NFKC", char).lower():
            chars.append(normalised)
            positions.append(index)
    return "".join(chars), positions


def find_spans(text: str, terms) -> list[tuple[int, int]]:
    """Non-overlapping (start, end) spans in `text` where any of `terms` occurs."""
    text = text[:MAX_SCAN_CHARS]
    normalised, positions = _normalise_with_map(text)
    taken = [False] * len(normalised)
    spans = []
    for term in sorted({t for t in terms if t}, key=len, reverse=True):
        start = normalised.find(term)
        while start != -1:
            end = start + len(term)
            if not any(taken[start:end]):
                taken[start:end] = [True] * len(term)
                spans.append((positions[start], positions[end - 1] + 1))
            start = normalised.find(term, end)
    return sorted(spans)


def snippet(text: str, terms, width: int = 120):
    """Safe HTML: the `width`-character window of `text` with most matches, words in <mark>."""
    text = " ".join((text or "").split())
    if not text:
        return ""
    spans = find_spans(text, terms)
    if not spans:
        cut = text[:width]
        return escape(cut) + ("…" if len(text) > width else "")
    # The window that starts a little before the span with the most others after it.
    best_start, best_hits = 0, -1
    for start, _ in spans:
        hits = sum(1 for s, e in spans if s >= start and e <= start + width)
        if hits > best_hits:
            best_start, best_hits = start, hits
    window_start = max(0, best_start - width // 6)
    window_end = min(len(text), window_start + width)
    parts = ["…" if window_start > 0 else ""]
    cursor = window_start
    for start, end in spans:
        if start < window_start or end > window_end:
            continue
        parts.append(escape(text[cursor:start]))
        parts.append(f"<mark>{escape(text[start:end])}</mark>")
        cursor = end
    parts.append(escape(text[cursor:window_end]))
    if window_end < len(text):
        parts.append("…")
    return mark_safe("".join(parts))  # noqa: S308 - every piece of text is escaped above


def highlight_title(title: str, terms):
    """The whole title, words in <mark>."""
    title = title or ""
    parts, cursor = [], 0
    for start, end in find_spans(title, terms):
        parts.append(escape(title[cursor:start]))
        parts.append(f"<mark>{escape(title[start:end])}</mark>")
        cursor = end
    parts.append(escape(title[cursor:]))
    return mark_safe("".join(parts))  # noqa: S308 - every piece of text is escaped above
