# SPDX-License-Identifier: Apache-2.0
"""The recycling plant model (docs/plant.md), as ``urbanmine plant balance|infer`` and
``POST /api/plant/balance|infer``: the same fields (the CLI's flags with underscores; prices as
``{"usd_per_t": ..., "price_year": ...}``), the same answer documents, the same checks; errors name
the field as ``plant request: $.recovery.Li``.

    from urbanmine import plant
    b = plant.balance(chemistry="NMC622", mass_tonnes=1000, recovery={"Li": 0.9})
    b.products, b.economics, b.eu_recovery_targets
    plant.infer(output={"Co": 1500, "Ni": 2900, "Li": 1700}, candidates=["NMC622", "LFP"])
"""

import json
import os

from . import _urbanmine
from ._answer import to_json, wrap


def _request(request, fields):
    body = dict(request or {})
    body.update(fields)
    return to_json(body, "plant request")


def balance(request=None, data_dir=None, **fields):
    """Mass balance, products, reagents, CO2e and economics of one feed; ``request`` a dict of
    the fields, or give them as keywords."""
    text = _urbanmine.plant_balance(_request(request, fields),
                                    "" if data_dir is None else os.fspath(data_dir))
    return wrap(json.loads(text))


def infer(request=None, data_dir=None, **fields):
    """The feed that explains (``target=False``) or least-cost reaches (``target=True``) a
    plant's recovered ``output`` (tonnes per element)."""
    text = _urbanmine.plant_infer(_request(request, fields),
                                  "" if data_dir is None else os.fspath(data_dir))
    return wrap(json.loads(text))
