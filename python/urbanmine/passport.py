# SPDX-License-Identifier: Apache-2.0
"""EU battery passports (docs/passport.md), as ``urbanmine passport read``: every file validated
against the Battery Pass data model 1.2.0 with its problems, and the aggregate of the valid ones
(battery count, mass and element content by chemistry, status and state of health).

    from urbanmine import passport
    r = passport.read("tests/data/passport")
    r.aggregate.valid_files, r.aggregate.total.element_kg.Li
    [f.file for f in r.files if not f.valid]          # each bad file, with its problems
"""

import json
import os

from . import _urbanmine
from ._answer import wrap


def read(path, data_dir=None):
    """Reads a passport JSON file or a folder of them (UTF-8 or UTF-16). Returns the CLI's JSON
    report (``--format json``) as an Answer: ``files`` (each with ``valid``, ``errors``,
    ``warnings`` and ``problems``) and ``aggregate``. Bad passports are reported in it, not
    raised: one bad file does not hide the others. A missing path or an empty folder raises."""
    text = _urbanmine.passport_read(os.fspath(path), "" if data_dir is None else os.fspath(data_dir))
    return wrap(json.loads(text))
