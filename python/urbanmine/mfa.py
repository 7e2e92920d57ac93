# SPDX-License-Identifier: Apache-2.0
"""The cohort stock model (docs/python.md, docs/formats/dsm.md) under one name, as flodym users
look for it: ``urbanmine.mfa.StockModel`` and the lifetime distributions.

    from urbanmine import mfa
    out = mfa.StockModel(range(1960, 2051), mfa.Normal(mean=15, std=4)).inflow_driven(inflow)
"""

from . import (  # noqa: F401  (re-exported)
    Fixed,
    FoldedNormal,
    Logistic,
    LogNormal,
    Normal,
    StockModel,
    StockResult,
    Weibull,
)
