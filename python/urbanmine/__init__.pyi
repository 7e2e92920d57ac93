# SPDX-License-Identifier: Apache-2.0
# Type stubs of the urbanmine package (docs/python.md).
import os
from typing import Any, Iterable, Iterator, Literal, Mapping, Sequence

import numpy as np
import numpy.typing as npt

from . import market as market
from . import match as match
from . import mfa as mfa
from . import passport as passport
from . import plant as plant
from . import policy as policy
from . import risk as risk

__all__: list[str]

class UrbanmineError(Exception):
    message: str
    location: str
    hint: str
    code: str
    exit_code: int
    def __init__(self, message: str, location: str = ..., hint: str = ..., code: str = ...,
                 exit_code: int = ...) -> None: ...

class InvalidInputError(UrbanmineError, ValueError): ...
class NotFoundError(UrbanmineError, LookupError): ...
class ConflictError(UrbanmineError): ...
class IoError(UrbanmineError, OSError): ...
class InfeasibleError(UrbanmineError): ...
class InternalError(UrbanmineError): ...

def version() -> str: ...

class Tables(Mapping[str, Any]):
    def __getitem__(self, name: str) -> Any: ...
    def __iter__(self) -> Iterator[str]: ...
    def __len__(self) -> int: ...

class Result:
    tables: Tables
    meta: dict[str, Any]
    balance: dict[str, Any]
    findings: list[tuple[str, str]]
    def __getitem__(self, name: str) -> Any: ...
    def __contains__(self, name: str) -> bool: ...
    def raw(self, name: str) -> dict[str, Any]: ...
    def table(self, name: str,
              kind: Literal["auto", "xarray", "pandas", "numpy"] = ...) -> Any: ...
    def to_pandas(self, name: str) -> Any: ...
    @property
    def records(self) -> dict[str, dict[str, Any]]: ...
    def record(self, name: str) -> Any: ...
    def findings_in(self, lang: Literal["en", "ko"] = ...) -> list[tuple[str, str]]: ...
    def report_html(self, lang: Literal["en", "ko"] = ...) -> str: ...
    def to_xlsx(self, path: str | os.PathLike[str], lang: Literal["en", "ko"] = ...) -> None: ...
    def policy_check(self, year: int | None = ..., rules: str | os.PathLike[str] | None = ...,
                     data_dir: str | os.PathLike[str] | None = ...) -> Any: ...
    def market_rank(self, weights: Mapping[str, float] | None = ..., year: int | None = ...,
                    data_dir: str | os.PathLike[str] | None = ...) -> Any: ...
    def plan(self, objective: Literal["max_npv", "min_cost"] = ..., first_year: int = ...,
             last_year: int = ..., sites: Sequence[str] | None = ...,
             discount_rate: float | None = ..., max_builds: int = ...,
             co2_price_usd_per_t: float = ..., co2_cap_t: float | None = ..., pareto: int = ...,
             gap: float = ..., time_limit: float = ...,
             data_dir: str | os.PathLike[str] | None = ...) -> dict[str, Any]: ...
    def source(self, makers: Mapping[str, float] | None = ..., years: Sequence[int] = ...,
               suppliers: Sequence[str] | None = ...,
               objective: Literal["min_cost", "min_co2"] = ...,
               data_dir: str | os.PathLike[str] | None = ...) -> dict[str, Any]: ...

def run(scenario: None | str | os.PathLike[str] | Mapping[str, Any] = ...,
        data_dir: None | str | os.PathLike[str] = ...) -> Result: ...

_Param = float | Sequence[float] | npt.NDArray[np.float64]

class _Lifetime:
    type: str
    params: dict[str, Any]

class Fixed(_Lifetime):
    def __init__(self, mean: _Param) -> None: ...

class Normal(_Lifetime):
    def __init__(self, mean: _Param, std: _Param) -> None: ...

class FoldedNormal(_Lifetime):
    def __init__(self, mean: _Param, std: _Param) -> None: ...

class LogNormal(_Lifetime):
    def __init__(self, mean: _Param, std: _Param,
                 parameterisation: Literal["moments", "odym"] = ...) -> None: ...

class Weibull(_Lifetime):
    def __init__(self, shape: _Param, scale: _Param) -> None: ...

class Logistic(_Lifetime):
    def __init__(self, mean: _Param, std: _Param) -> None: ...

class StockResult:
    time: list[int]
    inflow: npt.NDArray[np.float64]
    outflow: npt.NDArray[np.float64]
    stock: npt.NDArray[np.float64]
    stock_change: npt.NDArray[np.float64]
    stock_by_cohort: npt.NDArray[np.float64]
    outflow_by_cohort: npt.NDArray[np.float64]
    survival: npt.NDArray[np.float64]
    negative_inflow_years: list[int]
    stock_shortfall_years: list[int]
    mass_balance: dict[str, Any]
    def to_xarray(self) -> Any: ...

class StockModel:
    time: list[int]
    lifetime: _Lifetime
    age_offset: float
    def __init__(self, time: Iterable[int], lifetime: _Lifetime, age_offset: float = ...) -> None: ...
    def inflow_driven(self, inflow: _Param) -> StockResult: ...
    def stock_driven(self, stock: _Param, negative_inflow_correction: bool = ...) -> StockResult: ...
