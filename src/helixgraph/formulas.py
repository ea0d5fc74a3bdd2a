"""Cells a spreadsheet will not run as formulas: every CSV helixgraph writes for people goes
through :func:`spreadsheet_safe` (OWASP's advice on CSV injection)."""

from __future__ import annotations


def spreadsheet_safe(value: object) -> object:
    """A cell a spreadsheet will not run as a formula: text that starts with ``=``, ``+``,
    ``-``, ``@``, a tab or a carriage return gets a leading ``'``. Numbers stay numbers.

    >>> spreadsheet_safe("=1+2"), spreadsheet_safe("-3"), spreadsheet_safe(-3)
    ("'=1+2", "'-3", -3)
    """
    if isinstance(value, str) and value[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + value
    return value
