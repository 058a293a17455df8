"""The one CSV writer every export uses: cells that a spreadsheet would run as a formula
are neutralized, whatever their source (import, application form, kiosk, API).

A cell beginning with =, +, -, @, a tab or a carriage return gets a leading apostrophe
(OWASP's advice), so Excel, LibreOffice and Google Sheets show it as text. Plain numbers
(an E.164 phone such as +13145550111, a negative amount) cannot call anything and stay as
they are, so phones survive a round trip.
"""

import csv
import re

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
PLAIN_NUMBER = re.compile(r"[+-]?\d+(\.\d+)?")


def safe_cell(value):
    """The value as a spreadsheet will show it without evaluating it."""
    if not isinstance(value, str) or not value.startswith(FORMULA_START):
        return value
    if PLAIN_NUMBER.fullmatch(value):
        return value
    return "'" + value


class SafeWriter:
    """csv.writer's writerow/writerows, every cell through safe_cell."""

    def __init__(self, out, **kwargs):
        self._writer = csv.writer(out, **kwargs)

    def writerow(self, row):
        return self._writer.writerow([safe_cell(v) for v in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)


def csv_writer(out, **kwargs) -> SafeWriter:
    return SafeWriter(out, **kwargs)
