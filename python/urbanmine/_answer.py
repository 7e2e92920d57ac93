# SPDX-License-Identifier: Apache-2.0
"""Answers of the plant and match entry points: JSON documents as dicts with attribute access."""

import json
import os


class Answer(dict):
    """A dict whose keys are also attributes (``a.products`` is ``a["products"]``), nested."""

    def __getattr__(self, name):
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None

    def to_dict(self):
        """A plain dict (for json.dump and the like)."""
        return json.loads(json.dumps(self))


def to_json(value, what):
    """JSON text of a dict; a NaN or infinity is an InvalidInputError naming `what`."""
    from ._errors import InvalidInputError  # noqa: PLC0415

    try:
        return json.dumps(value, allow_nan=False)
    except ValueError as e:
        raise InvalidInputError(f"a value is not a finite number ({e})", location=what,
                                hint="give finite numbers", code="invalid_input",
                                exit_code=3) from None


def wrap(value):
    if isinstance(value, dict):
        return Answer({k: wrap(v) for k, v in value.items()})
    if isinstance(value, list):
        return [wrap(v) for v in value]
    return value


def document(value, what):
    """JSON text from a dict, a path to a JSON file, or JSON text."""
    if isinstance(value, dict):
        return to_json(value, what)
    if isinstance(value, os.PathLike) or (isinstance(value, str) and value.endswith(".json")
                                          and "\n" not in value and not value.lstrip().startswith("{")):
        with open(os.fspath(value), encoding="utf-8") as f:
            return f.read()
    if isinstance(value, str):
        return value
    raise TypeError(f"{what} must be a dict, a path to a JSON file or JSON text")
