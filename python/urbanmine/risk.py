# SPDX-License-Identifier: Apache-2.0
"""Supply concentration from the shipped supply data (docs/risk.md), as ``urbanmine risk hhi``.

    from urbanmine import risk
    hhi, shares = risk.hhi("Co", 2022, stage="mine")   # two DataFrames: the index, each producer
"""

import os

from . import _urbanmine


def hhi(element, year, stage="mine", convention="named-share", data_dir=None):
    """The Herfindahl-Hirschman index (0-10,000) of ``element`` in ``year`` at ``stage`` (mine,
    refining or reserves) and each producer's share, as two pandas DataFrames."""
    from . import _frame  # noqa: PLC0415

    tables = _urbanmine.risk_hhi(str(element), int(year), str(stage), str(convention),
                                 "" if data_dir is None else os.fspath(data_dir))
    by_name = {t["name"]: t for t in tables}
    return _frame(by_name["hhi"]), _frame(by_name["hhi_contributions"])
