"""
The release of the bundled data.
"""

from __future__ import annotations

import datetime as dt

#: The release of the bundled data: year and release number within the year.
DATA_VERSION = "2026.2"

#: The day the bundled data was last compiled and checked against its sources.
DATA_AS_OF = dt.date(2026, 11, 28)
