# SPDX-License-Identifier: Apache-2.0
"""Country opportunities for a recycler (docs/market.md), as ``urbanmine market rank``.

    import urbanmine
    from urbanmine import market
    ranking = market.rank(urbanmine.run(), weights={"feedstock": 0.4, "policy": 0.3,
                                                     "risk": 0.2, "growth": 0.1}, year=2040)
"""


def rank(result, weights=None, year=None, data_dir=None):
    """The country ranking of ``result`` (a ``urbanmine.run()`` result) with ``weights`` by
    criterion (feedstock, policy, risk, growth; a criterion left out gets 0; default equal
    weights) in ``year`` (default: the run's last), as a pandas DataFrame with the CLI's
    columns. The same as ``result.market_rank(...)``."""
    return result.market_rank(weights=weights, year=year, data_dir=data_dir)
