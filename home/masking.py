"""How personal data is shortened wherever staff lists or logs show it without the full value.

One rule for every app, so that a number masked in the appointment queue, the volunteer lists
and the SMS log looks the same everywhere.
"""

# A mainland mobile number: 3 digits shown, 4 hidden, 4 shown (138****5678).
SHOWN_AT_START = 3
SHOWN_AT_END = 4
MOBILE_LENGTH = 11
# Below this, showing the last four would leave too few digits hidden to matter.
SHORTEST_WITH_VISIBLE_END = 8


def mask_phone(value):
    """138****5678: enough for staff to recognise a caller, not enough to call them.

    A number of 11 characters or more keeps its first three and last four, every character
    between them starred (so the length still shows); a shorter one keeps only its last four,
    and one shorter than eight is starred completely. At least four characters are always hidden.
    """
    if not value:
        return ""
    length = len(value)
    if length < SHORTEST_WITH_VISIBLE_END:
        return "*" * length
    if length < MOBILE_LENGTH:
        return "*" * (length - SHOWN_AT_END) + value[-SHOWN_AT_END:]
    hidden = length - SHOWN_AT_START - SHOWN_AT_END
    return value[:SHOWN_AT_START] + "*" * hidden + value[-SHOWN_AT_END:]


def mask_name(value):
    """王** : the first character (the family name) and at least one star."""
    value = (value or "").strip()
    if not value:
        return ""
    return value[0] + "*" * max(len(value) - 1, 1)
