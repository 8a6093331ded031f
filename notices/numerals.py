"""Chinese numerals for article and chapter numbers (第十二条, 第三章).

Regulations number their articles in formal Chinese counting: 十 alone for ten, 十一 for
eleven, but 一百一十 for 110 (the 一 before 十 is kept after a hundred) and 零 for a skipped
place (一百零一). Numbers from 1 to 999 cover any regulation a community writes.
"""

DIGITS = "零一二三四五六七八九"
MAX_NUMERAL = 999


def chinese_numeral(n):
    """Write an integer from 1 to 999 in Chinese numerals: 1 → 一, 10 → 十, 101 → 一百零一."""
    if isinstance(n, bool) or not isinstance(n, int):
        raise TypeError(f"chinese_numeral() needs an int, not {type(n).__name__}")
    if not 1 <= n <= MAX_NUMERAL:
        raise ValueError(f"chinese_numeral() handles 1 to {MAX_NUMERAL}, not {n}")
    hundreds, rest = divmod(n, 100)
    tens, units = divmod(rest, 10)
    parts = []
    if hundreds:
        parts.append(DIGITS[hundreds] + "百")
        if rest == 0:
            return "".join(parts)
        if tens == 0:
            parts.append("零")
    if tens:
        # 十 stands alone only at the start of the number (十二); after 百 it is 一十 (一百一十二).
        parts.append("十" if tens == 1 and not hundreds else DIGITS[tens] + "十")
    if units:
        parts.append(DIGITS[units])
    return "".join(parts)


def parse_chinese_numeral(text):
    """The int written by `text` (一百零一 → 101), or None if this module would not write it.

    Accepts 两 for 二 before 百 and the bare 十 form as readers type them; used to resolve a
    typed article reference such as 第十二条 to an article number.
    """
    if not text or not isinstance(text, str):
        return None
    text = text.strip().replace("两", "二")
    if text.isdigit():
        value = int(text)
        return value if 1 <= value <= MAX_NUMERAL else None
    value = 0
    rest = text
    if "百" in rest:
        head, _, rest = rest.partition("百")
        if len(head) != 1 or head not in DIGITS[1:]:
            return None
        value += DIGITS.index(head) * 100
        if rest.startswith("零"):
            rest = rest[1:]
            if not rest or "十" in rest:
                return None
            if len(rest) != 1 or rest not in DIGITS[1:]:
                return None
            return value + DIGITS.index(rest)
    if "十" in rest:
        head, _, tail = rest.partition("十")
        if head == "":
            tens = 1
        elif len(head) == 1 and head in DIGITS[1:]:
            tens = DIGITS.index(head)
        else:
            return None
        value += tens * 10
        rest = tail
    if rest:
        if len(rest) != 1 or rest not in DIGITS[1:]:
            return None
        value += DIGITS.index(rest)
    if value == 0:
        return None
    # Reject spellings this module never writes (一十二, 一百二) so the mapping stays one to one.
    return value if chinese_numeral(value) == text or _loose_equal(value, text) else None


def _loose_equal(value, text):
    """Readers often write 一十 for ten inside a longer number; accept it and nothing else."""
    return text == "一" + chinese_numeral(value) and 10 <= value <= 19


def parse_article_reference(text):
    """The article number a reader typed: 14, １４, 十四, 第十四条, 第14条 or "Article 14".

    None when `text` names no number from 1 to 999 (the jump box and the article URLs answer
    that with a message or a 404, never an error).
    """
    if not text or not isinstance(text, str) or len(text) > 20:
        return None
    text = "".join(text.split())
    lowered = text.lower()
    for prefix in ("article", "art."):
        if lowered.startswith(prefix):
            text = text[len(prefix) :]
            break
    text = text.removeprefix("第").removesuffix("条")
    if text.isdigit():
        value = int(text)
        return value if 1 <= value <= MAX_NUMERAL else None
    return parse_chinese_numeral(text)
