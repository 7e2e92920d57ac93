# SPDX-License-Identifier: Apache-2.0
import os
from typing import Any, Mapping, Sequence

from ._answer import Answer

def schedule(instance: Mapping[str, Any] | str | os.PathLike[str], time_limit: float = ...,
             seed: int = ..., threads: int = ...) -> Answer: ...
def check(instance: Mapping[str, Any] | str | os.PathLike[str],
          schedule: Mapping[str, Any] | str | os.PathLike[str]) -> Answer: ...

def dealsheets(instance: Mapping[str, Any] | str | os.PathLike[str],
               schedule: Mapping[str, Any] | str | os.PathLike[str], result: Any,
               years: Sequence[int] | None = ..., language: str = ..., html: str | None = ...,
               data_dir: str = ...) -> Answer | str: ...
