"""
Lookup keys: the same for every spelling a person might type.
"""

from __future__ import annotations

import unicodedata


def normalize_key(text: str) -> str:
    """
    Fold *text* to a lookup key: Unicode NFKC, casefolded, letters and digits only.

    NFKC maps full-width forms to their ordinary ones (``ＭＥＴＩ`` to ``METI``),
    casefolding ignores case, and dropping everything but letters, digits and
    combining marks ignores spacing and punctuation, Japanese ``・`` included.

    Example:
        >>> normalize_key("ＭＥＴＩ"), normalize_key("Ministry of Economy, Trade & Industry")
        ('meti', 'ministryofeconomytradeindustry')
        >>> normalize_key("総合科学技術・イノベーション会議") == normalize_key("総合科学技術イノベーション会議")
        True
    """
    folded = unicodedata.normalize("NFKC", text).casefold()
    if folded.isascii():
        # The common case, without a per-character category lookup.
        return "".join(char for char in folded if char.isalnum())
    return "".join(char for char in folded if unicodedata.category(char)[0] in "LNM")
