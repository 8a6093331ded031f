"""Chinese text analysis: the one place that turns text into search tokens.

The same functions run when a document is indexed and when a query is parsed, so that both
sides agree on what a word is:

1. ``normalize``: NFKC (full-width letters and digits become half-width), traditional
   characters become simplified, lower case, control characters (NUL …) removed.
2. ``tokenize``: runs of Han characters are segmented with jieba (the Rust port, ``rjieba``)
   plus the domain dictionary in ``data/dictionary.txt``; runs of letters and digits are kept
   whole; everything else (punctuation, emoji, FTS syntax such as ``"`` ``*`` ``NEAR(``) is a
   separator. Stop-words (``data/stopwords.txt``) are dropped.
3. ``index_text``: the precise tokens in order, then the sub-words of long tokens
   (``业主委员会`` also yields ``业主`` and ``委员会``), space-separated: the database backends'
   own tokenizers then see one word per token. Sub-words come after the precise sequence so
   that the precise tokens stay adjacent.

Synonyms are not applied here: they are expanded on the query side (see ``search.query``),
so an editor's change takes effect without re-indexing.
"""

import re
import unicodedata
from functools import lru_cache
from pathlib import Path

import rjieba
import zhconv

DATA_DIR = Path(__file__).resolve().parent / "data"

# Longest text analysed for the index, per field value: far beyond any real notice, and a
# guard against a pasted book making an index entry unbounded.
MAX_INDEX_CHARS = 200_000
# Tokens longer than this are noise (hashes, pasted URLs) and would break lexeme limits.
MAX_TOKEN_CHARS = 40

_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_HAN = r"\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\U00020000-\U0002ebef"
# A word run (letters, digits, Han), split into Han and non-Han parts.
_WORD_RUN = re.compile(r"[^\W_]+")
_SCRIPT_PART = re.compile(rf"[{_HAN}]+|[^{_HAN}]+")
_IS_HAN = re.compile(rf"[{_HAN}]")


def _read_words(name: str) -> list[str]:
    words = []
    for line in (DATA_DIR / name).read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            words.extend(line.split())
    return words


@lru_cache(maxsize=1)
def stop_words() -> frozenset[str]:
    return frozenset(normalize(word) for word in _read_words("stopwords.txt"))


@lru_cache(maxsize=1)
def _load_dictionary() -> None:
    """Teach jieba the domain words (and the seed synonyms, so that each stays one token)."""
    for word in _read_words("dictionary.txt") + _read_words("synonyms.txt"):
        word = normalize(word)
        if _IS_HAN.search(word):
            # A high frequency makes jieba prefer the whole word over its parts.
            rjieba.add_word(word, 100_000, None)


def normalize(text: str) -> str:
    """Full-width → half-width, traditional → simplified, lower case, no control characters."""
    if not text:
        return ""
    text = unicodedata.normalize("NFKC", str(text))
    text = _CONTROL.sub(" ", text)
    if _IS_HAN.search(text):
        text = zhconv.convert(text, "zh-hans")
    return text.lower()


def _segments(text: str):
    """Yield the precise tokens of already normalised text, stop-words included."""
    _load_dictionary()
    for run in _WORD_RUN.findall(text):
        for part in _SCRIPT_PART.findall(run):
            if _IS_HAN.match(part):
                yield from rjieba.cut(part, hmm=True)
            else:
                yield part


def tokenize(text: str) -> list[str]:
    """The precise tokens of `text`: what a query is made of."""
    stops = stop_words()
    return [
        token[:MAX_TOKEN_CHARS]
        for token in _segments(normalize(text))
        if token.strip() and token not in stops
    ]


def sub_words(token: str) -> list[str]:
    """Shorter dictionary words inside a long Han token (``物业管理`` → ``物业``, ``管理``)."""
    if len(token) < 3 or not _IS_HAN.match(token):
        return []
    stops = stop_words()
    return [
        word
        for word in rjieba.cut_for_search(token, hmm=False)
        if word != token and len(word) > 1 and word not in stops
    ]


def index_text(text: str) -> str:
    """What the index stores for `text`: precise tokens in order, then their sub-words."""
    if not text:
        return ""
    tokens = tokenize(str(text)[:MAX_INDEX_CHARS])
    extras = []
    seen = set()
    for token in tokens:
        if token in seen:
            continue
        seen.add(token)
        extras.extend(sub_words(token))
    return " ".join(tokens + extras)


def highlight_terms(text: str) -> list[str]:
    """Distinct query tokens, longest first: the order in which a highlighter should try them."""
    return sorted(set(tokenize(text)), key=len, reverse=True)
