# SPDX-License-Identifier: Apache-2.0
"""urbanmine for Python: the engine's run and cohort stock model as named-dimension arrays.

    import urbanmine
    res = urbanmine.run()                                   # the shipped baseline
    res = urbanmine.run("examples/eu_circular.toml")        # a scenario file
    res = urbanmine.run({"collection": [{"region": "EU27", "year": 2030, "fraction": 0.7}]})
    eol = res["end_of_life_t"]                              # xarray.DataArray (region, element, year)
    eol.sel(element="Li", year=2040).sum()
    res.to_pandas("end_of_life_t")                          # tidy DataFrame, one value column

    model = urbanmine.StockModel(time=range(2000, 2051), lifetime=urbanmine.Normal(15, 4))
    out = model.inflow_driven(inflow)                       # numpy arrays by year (and cohort)

    urbanmine.plant.balance(chemistry="NMC622", mass_tonnes=1000)   # the plant model
    urbanmine.match.schedule("instance.json", time_limit=2)         # partnering events

Tables are xarray DataArrays with named dimensions, coordinates (years as integers) and their
unit and description in ``attrs`` when xarray is installed (Debian: python3-xarray), pandas
DataFrames otherwise. The arrays are read-only views on the engine's own buffers (no copy).
Errors are ``urbanmine.UrbanmineError`` subclasses with the engine's message, location (file
and row, key or JSON path), hint and the CLI's exit code. See docs/python.md.
"""

import collections.abc as _abc
import json as _json
import math as _math
import os as _os

import numpy as _np

from . import _urbanmine, match, plant, risk  # noqa: F401  (submodules)
from ._errors import (  # noqa: F401  (re-exported)
    ConflictError,
    InfeasibleError,
    InternalError,
    InvalidInputError,
    IoError,
    NotFoundError,
    UrbanmineError,
)

__all__ = [
    "run", "Result", "StockModel", "StockResult", "Fixed", "Normal", "FoldedNormal", "LogNormal",
    "Weibull", "Logistic", "UrbanmineError", "InvalidInputError", "NotFoundError", "IoError",
    "InternalError", "InfeasibleError", "ConflictError", "version", "plant", "match", "risk",
]

_YEAR_DIMS = ("year", "cohort_year", "sales_year")


def version():
    """The engine's version (as ``urbanmine --version``)."""
    return _urbanmine.version()


def _xarray():
    try:
        import xarray  # noqa: PLC0415

        return xarray
    except ImportError:
        return None


class Tables(_abc.Mapping):
    """The tables of a run by name: ``res.tables["end_of_life_t"]`` is ``res["end_of_life_t"]``
    (xarray when installed, else tidy pandas); iterating gives the names in output order."""

    def __init__(self, result, names):
        self._result = result
        self._names = list(names)

    def __getitem__(self, name):
        if name not in self._names:
            raise KeyError(name)
        return self._result.table(name)

    def __iter__(self):
        return iter(self._names)

    def __len__(self):
        return len(self._names)

    def __contains__(self, name):
        return name in self._names

    def __repr__(self):
        return f"<urbanmine.Tables: {', '.join(self._names)}>"


class Result:
    """One finished run: its tables, record tables, findings, balance and metadata."""

    def __init__(self, engine_run):
        self._run = engine_run
        self.tables = Tables(self, engine_run.table_names())
        self.meta = dict(engine_run.meta())
        self.balance = dict(engine_run.balance())
        self.findings = list(engine_run.findings())

    def __repr__(self):
        return (f"<urbanmine.Result {self.meta['scenario_name']!r} "
                f"{self.meta['first_year']}-{self.meta['last_year']}: {len(self.tables)} tables, "
                f"balance {'ok' if self.balance['ok'] else 'FAILED'}>")

    def __getitem__(self, name):
        return self.table(name)

    def __contains__(self, name):
        return name in self.tables

    def raw(self, name):
        """The table as a dict: name, unit, description, dims, coords and a numpy array."""
        return self._run.table(name)

    def table(self, name, kind="auto"):
        """A table as an xarray DataArray ("xarray"), a tidy DataFrame ("pandas"), a numpy
        array ("numpy") or, with "auto", xarray when it is installed, else pandas."""
        raw = self._run.table(name)
        if kind == "numpy":
            return raw["values"]
        xr = _xarray() if kind in ("auto", "xarray") else None
        if kind == "xarray" and xr is None:
            raise ImportError("xarray is not installed (Debian: apt install python3-xarray)")
        if xr is None:
            return self.to_pandas(name)
        coords = {d: _coords(d, c) for d, c in zip(raw["dims"], raw["coords"])}
        return xr.DataArray(raw["values"], dims=raw["dims"], coords=coords, name=raw["name"],
                            attrs={"unit": raw["unit"], "description": raw["description"]})

    def to_pandas(self, name):
        """A table as a tidy DataFrame: one column per dimension and one value column named by
        its unit (e.g. ``mass_tonnes``); unit and description in ``attrs``."""
        import pandas as pd  # noqa: PLC0415

        raw = self._run.table(name)
        index = pd.MultiIndex.from_product([_coords(d, c) for d, c in
                                            zip(raw["dims"], raw["coords"])], names=raw["dims"])
        frame = pd.DataFrame({raw["unit"]: _np.asarray(raw["values"]).ravel()}, index=index)
        frame = frame.reset_index()
        frame.attrs = {"name": raw["name"], "unit": raw["unit"],
                       "description": raw["description"]}
        return frame

    @property
    def records(self):
        """Record tables (supply risk, policy checks, market ranking, ...) by name, as dicts
        with columns and rows; ``record(name)`` gives one as a DataFrame."""
        return {r["name"]: r for r in self._run.records()}

    def record(self, name):
        """One record table as a pandas DataFrame."""
        records = self.records
        if name not in records:
            raise NotFoundError(f"no record table '{name}' in this run", location="name",
                                hint="see Result.records", code="not_found", exit_code=3)
        return _frame(records[name])

    def findings_in(self, lang="en"):
        """The findings as (section, text) pairs in "en" or "ko" (Korean findings are built
        again from the tables, with the same numbers, as the Korean report has them)."""
        return list(self._run.findings_in(str(lang)))

    def report_html(self, lang="en"):
        """The run's self-contained report.html as text, in "en" or "ko"."""
        return self._run.report_html(str(lang))

    def to_xlsx(self, path, lang="en"):
        """Writes the run's Excel workbook (as ``urbanmine run --xlsx``) to ``path``, in "en" or
        "ko" (Korean: cover labels, table descriptions, findings, column headers and the
        checker's sentences; sheet names, codes and numbers as in English)."""
        self._run.write_xlsx(_os.fspath(path), str(lang))

    def _cooperation(self, name, data_dir=None, rules=None, weights=None, market_year=None,
                     policy_year=None):
        tables = self._run.cooperation("" if data_dir is None else _os.fspath(data_dir),
                                       "" if rules is None else _os.fspath(rules), weights,
                                       market_year, policy_year)
        return _frame(next(t for t in tables if t["name"] == name))

    def policy_check(self, year=None, rules=None, data_dir=None):
        """Every policy rule checked against this run (``urbanmine policy check``): pass, fail
        with the gap, or not evaluable with the reason; ``year`` checks every rule in that year
        instead of its effective year, ``rules`` another rules CSV."""
        return self._cooperation("policy_checks", data_dir=data_dir, rules=rules,
                                 policy_year=year)

    def market_rank(self, weights=None, year=None, data_dir=None):
        """The country ranking (``urbanmine market rank``) with ``weights`` such as
        ``{"feedstock": 0.4, "policy": 0.3, "risk": 0.2, "growth": 0.1}`` (a criterion left out
        gets 0) in ``year`` (default: the run's last)."""
        return self._cooperation("market_ranking", data_dir=data_dir,
                                 weights=None if weights is None else
                                 {str(k): float(v) for k, v in weights.items()},
                                 market_year=year)

    def plan(self, objective="max_npv", first_year=2025, last_year=2050, sites=None,
             discount_rate=None, max_builds=1, co2_price_usd_per_t=0.0, co2_cap_t=None,
             pareto=0, gap=0.01, time_limit=10.0, data_dir=None):
        """Where and when to build recycling plants on this run's stranded feedstock, as
        ``urbanmine plan`` (docs/plan.md): a dict of DataFrames by table name (plan_summary,
        plan_builds, plan_flows, plan_utilisation, and plan_pareto with ``pareto`` >= 2)
        plus ``notes`` (the assumptions used). Arguments are the CLI's flags; errors name them."""
        report = self._run.plan(str(objective), int(first_year), int(last_year),
                                [str(x) for x in (sites or [])],
                                None if discount_rate is None else float(discount_rate),
                                int(max_builds), float(co2_price_usd_per_t),
                                None if co2_cap_t is None else float(co2_cap_t), int(pareto),
                                float(gap), float(time_limit),
                                "" if data_dir is None else _os.fspath(data_dir))
        return _report(report)

    def source(self, makers=None, years=(2031, 2036), suppliers=None, objective="min_cost",
               data_dir=None):
        """Recycled-content sourcing for EU battery makers on this run, as ``urbanmine source``
        (docs/plan.md): ``makers`` such as ``{"HUN": 0.3}`` (the maker's share of a region's
        battery material demand; default each EU region as a whole), the checked ``years``,
        supplier regions (``"EU"`` for the EU members; default every region) and ``min_cost``
        or ``min_co2``. Returns a dict of DataFrames by table name plus ``notes``."""
        report = self._run.source([(str(k), float(v)) for k, v in (makers or {}).items()],
                                  [int(y) for y in years], [str(x) for x in (suppliers or [])],
                                  str(objective), "" if data_dir is None else _os.fspath(data_dir))
        return _report(report)


def _report(report):
    out = {t["name"]: _frame(t) for t in report["tables"]}
    out["notes"] = list(report["notes"])
    return out


def _frame(record):
    import pandas as pd  # noqa: PLC0415

    frame = pd.DataFrame(record["rows"], columns=record["columns"])
    frame.attrs = {"name": record["name"], "title": record["title"],
                   "description": record["description"]}
    return frame


def _coords(dim, items):
    if dim in _YEAR_DIMS:
        return [int(i) for i in items]
    return list(items)


def run(scenario=None, data_dir=None):
    """Runs a scenario through the whole model and returns a :class:`Result`.

    ``scenario``: None (the shipped baseline), a path to a scenario TOML file, TOML text, or a
    dict of the same shape as the file (tables as dicts, arrays of tables as lists of dicts).
    ``data_dir``: a folder of data CSVs (default: the shipped data, or $URBANMINE_DATA_DIR).
    Raises InvalidInputError naming the file and key (or the dict's path) on bad input.
    """
    data = "" if data_dir is None else _os.fspath(data_dir)
    if scenario is None:
        return Result(_urbanmine.run(None, None, "", data))
    if isinstance(scenario, dict):
        from ._answer import to_json  # noqa: PLC0415

        text = _urbanmine.scenario_toml_from_json(to_json(scenario, "scenario dict"),
                                                  "scenario dict")
        return Result(_urbanmine.run(None, text, "scenario dict", data))
    if isinstance(scenario, _os.PathLike) or (
            isinstance(scenario, str) and "\n" not in scenario
            and (scenario.endswith(".toml") or _os.path.isfile(scenario))):
        return Result(_urbanmine.run(_os.fspath(scenario), None, "", data))
    if isinstance(scenario, str):
        return Result(_urbanmine.run(None, scenario, "scenario text", data))
    raise TypeError("scenario must be None, a path, TOML text or a dict")


# --- The cohort stock model (flodym-like) ------------------------------------------------------


class _Lifetime:
    type = ""

    def __init__(self, **params):
        self.params = params

    def fields(self, n):
        out = {"type": self.type}
        for key, value in self.params.items():
            if key == "lognormal_parameterisation":
                out[key] = value
                continue
            arr = _np.broadcast_to(_np.asarray(value, dtype=float), (n,))
            out[key] = [float(v) for v in arr]
        return out

    def __repr__(self):
        return f"{type(self).__name__}({self.params})"


class Fixed(_Lifetime):
    """Every unit leaves at exactly ``mean`` years (scalar or one value per cohort)."""

    type = "Fixed"

    def __init__(self, mean):
        super().__init__(mean=mean)


class Normal(_Lifetime):
    """Normal lifetime (mean, std in years; scalars or per cohort)."""

    type = "Normal"

    def __init__(self, mean, std):
        super().__init__(mean=mean, std=std)


class FoldedNormal(_Lifetime):
    """Folded normal lifetime (mean, std of the underlying normal)."""

    type = "FoldedNormal"

    def __init__(self, mean, std):
        super().__init__(mean=mean, std=std)


class LogNormal(_Lifetime):
    """Log-normal lifetime; ``parameterisation`` "moments" (mean and std of the lifetime, as
    flodym) or "odym" (ODYM's form)."""

    type = "LogNormal"

    def __init__(self, mean, std, parameterisation="moments"):
        super().__init__(mean=mean, std=std, lognormal_parameterisation=parameterisation)


class Weibull(_Lifetime):
    """Weibull lifetime (shape, scale in years)."""

    type = "Weibull"

    def __init__(self, shape, scale):
        super().__init__(shape=shape, scale=scale)


class Logistic(_Lifetime):
    """Logistic lifetime (mean, std; scale = std * sqrt(3) / pi)."""

    type = "Logistic"

    def __init__(self, mean, std):
        super().__init__(mean=mean, std=std)


class StockResult:
    """The solved model: arrays over ``time`` (and cohorts: ``[year, cohort]``)."""

    def __init__(self, time, output, negative_inflow_years, shortfall_years, mass_balance):
        self.time = time
        self.inflow = _np.asarray(output["inflow"], dtype=float)
        self.outflow = _np.asarray(output["outflow"], dtype=float)
        self.stock = _np.asarray(output["stock"], dtype=float)
        self.stock_change = _np.asarray(output["stock_change"], dtype=float)
        self.stock_by_cohort = _np.asarray(output["stock_by_cohort"], dtype=float)
        self.outflow_by_cohort = _np.asarray(output["outflow_by_cohort"], dtype=float)
        self.survival = _np.asarray(output["survival"], dtype=float)
        self.negative_inflow_years = [time[i] for i in negative_inflow_years]
        self.stock_shortfall_years = [time[i] for i in shortfall_years]
        self.mass_balance = mass_balance

    def to_xarray(self):
        """The arrays as an xarray Dataset with dimensions ``time`` and ``cohort``."""
        xr = _xarray()
        if xr is None:
            raise ImportError("xarray is not installed (Debian: apt install python3-xarray)")
        t = list(self.time)
        return xr.Dataset(
            {name: (("time",), getattr(self, name))
             for name in ("inflow", "outflow", "stock", "stock_change")}
            | {name: (("time", "cohort"), getattr(self, name))
               for name in ("stock_by_cohort", "outflow_by_cohort", "survival")},
            coords={"time": t, "cohort": t})


class StockModel:
    """A dynamic stock model over consecutive years with one lifetime per cohort, as ODYM and
    flodym define it (docs/formats/dsm.md): ``inflow_driven`` or ``stock_driven``.

    ``age_offset``: 0 counts a cohort's first year as age 0 (ODYM), 0.5 as half a year (flodym's
    default).
    """

    def __init__(self, time, lifetime, age_offset=0.5):
        self.time = [int(t) for t in time]
        if not self.time:
            raise InvalidInputError("time is empty", location="time", hint="give years",
                                    code="invalid_input", exit_code=3)
        self.lifetime = lifetime
        self.age_offset = float(age_offset)

    def _solve(self, mode, key, values, correction=False):
        arr = _np.asarray(values, dtype=float)
        if arr.shape != (len(self.time),):
            raise InvalidInputError(f"{key} has shape {arr.shape}, not ({len(self.time)},)",
                                    location=key, hint="give one value per year of time",
                                    code="invalid_input", exit_code=3)
        if not all(_math.isfinite(v) for v in arr):
            raise InvalidInputError(f"{key} holds a value that is not finite", location=key,
                                    hint="give finite numbers", code="invalid_input",
                                    exit_code=3)
        case = {
            "format": "dsm-reference-v1",
            "mode": mode,
            "negative_inflow_correction": bool(correction),
            "age_offset": self.age_offset,
            "time": self.time,
            "lifetime": self.lifetime.fields(len(self.time)),
            "input": {key: [float(v) for v in arr]},
        }
        result = _urbanmine.solve_dsm_arrays(_json.dumps(case), "StockModel")
        return StockResult(self.time, result, result["negative_inflow_years_index"],
                           result["stock_shortfall_years_index"], result["mass_balance"])

    def inflow_driven(self, inflow):
        """Stock and outflow (by cohort too) from the inflow of each year."""
        return self._solve("inflow_driven", "inflow", inflow)

    def stock_driven(self, stock, negative_inflow_correction=False):
        """Inflow and outflow that hold the given stock; with the correction, a stock falling
        faster than it retires takes units out early instead of a negative inflow (ODYM)."""
        return self._solve("stock_driven", "stock", stock, negative_inflow_correction)


# Submodules that use the classes above (``from urbanmine import policy, market, mfa``).
from . import market, mfa, passport, policy  # noqa: E402, F401
