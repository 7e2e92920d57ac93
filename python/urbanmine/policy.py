# SPDX-License-Identifier: Apache-2.0
"""Policy rules checked against a run (docs/policy.md), as ``urbanmine policy check``.

    import urbanmine
    from urbanmine import policy
    checks = policy.check(urbanmine.run(), year=2030)   # a DataFrame: pass, fail, not evaluable
"""


def check(result, year=None, rules=None, data_dir=None):
    """Every policy rule checked against ``result`` (a ``urbanmine.run()`` result): pass, fail
    with the gap, or not evaluable with the reason, as a pandas DataFrame with the CLI's
    columns. ``year`` checks every rule in that year instead of its effective year; ``rules``
    is another rules CSV. The same as ``result.policy_check(...)``."""
    return result.policy_check(year=year, rules=rules, data_dir=data_dir)
