# SPDX-License-Identifier: Apache-2.0
"""Partnering-event scheduling (docs/match.md), as ``urbanmine match schedule|check``: an
instance (``match-instance/1``: a dict, a path to its JSON file or JSON text) in, the schedule
file (docs/formats/match-schedule.md) or the check report out.

    from urbanmine import match
    s = match.schedule("tests/data/match/small-s1.json", time_limit=2, seed=1)
    s.objective, s.meetings[0]
    match.check("tests/data/match/small-s1.json", s).ok
    sheets = match.dealsheets(instance, s, urbanmine.run())   # deal sheets from a run
"""

import json

from . import _urbanmine
from ._answer import document, wrap


def schedule(instance, time_limit=2.0, seed=1, threads=1):
    """The schedule of an instance within ``time_limit`` seconds (same seed, same schedule while
    the limit does not stop the search)."""
    text = _urbanmine.match_schedule(document(instance, "instance"), float(time_limit),
                                     int(seed), int(threads))
    return wrap(json.loads(text))


def check(instance, schedule):  # noqa: F811  (the argument shadows the function by design)
    """Every hard constraint of the instance checked on a schedule (a dict, path or text)."""
    text = _urbanmine.match_check(document(instance, "instance"), document(schedule, "schedule"))
    return wrap(json.loads(text))


def dealsheets(instance, schedule, result, years=None, language="en", html=None, data_dir=""):
    """Deal sheets of a schedule's meetings from a run (``urbanmine match dealsheet``): why each
    pair meets and each party's country in the run (waste batteries and metal, capacity, surplus,
    policy checks, legal shipping both ways). ``result`` is an ``urbanmine.run()`` result. Returns
    the ``urbanmine-dealsheets/2`` document (attribute access), or with ``html="K01"`` that
    participant's printable page (``html="all"``: every meeting) as a string, in ``language``
    "en" or "ko"."""
    text = result._run.dealsheets(document(instance, "instance"), document(schedule, "schedule"),
                                  [int(y) for y in (years or [])], str(language), str(data_dir),
                                  "" if html is None else str(html))
    if html is not None:
        return text
    return wrap(json.loads(text))
