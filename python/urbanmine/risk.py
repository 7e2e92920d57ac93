# SPDX-License-Identifier: Apache-2.0
"""Supply concentration from the shipped supply data (docs/risk.md), as ``urbanmine risk hhi``.

    from urbanmine import risk
    hhi, shares = risk.hhi("Co", 2022, stage="mine")   # two DataFrames: the index, each producer
    gap, buys = risk.disruption(element="Co", drop=["Congo (Kinshasa)"])   # risk disruption
    gap, buys = risk.disruption(urbanmine.run(), year=2035)                # ... on a run
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


def disruption(result=None, element=None, year=None, drop=None, top=None, export_quotas=False,
               region="WORLD", data_dir=None):
    """The supply disruption test, as ``urbanmine risk disruption [RUN]``: for each element,
    stage and year, the share of demand the remaining suppliers cover when the largest supplier
    (or the ``top`` K largest, or the ``drop`` list of countries) drops out, without and with
    the recycled supply of ``result`` (a ``urbanmine.run()`` result; without one, demand is
    world mine production of the data year and there is no recycling). ``export_quotas`` caps
    suppliers at their export quotas (data/export_restrictions.csv; without a run). Returns two
    pandas DataFrames: ``supply_disruption`` and ``recycling_buys``. Errors name the CLI's flags
    (``--top``, ``--drop``, ...)."""
    from . import _frame  # noqa: PLC0415

    run = None if result is None else result._run  # noqa: SLF001  (the engine run it wraps)
    tables = _urbanmine.risk_disruption(
        run, "" if element is None else str(element), None if year is None else int(year),
        [str(d) for d in (drop or [])], None if top is None else int(top), bool(export_quotas),
        str(region), "" if data_dir is None else os.fspath(data_dir))
    by_name = {t["name"]: t for t in tables}
    return _frame(by_name["supply_disruption"]), _frame(by_name["recycling_buys"])
