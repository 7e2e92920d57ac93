# SPDX-License-Identifier: Apache-2.0
import os
from typing import Any, Literal, Sequence

def hhi(element: str, year: int, stage: Literal["mine", "refining", "reserves"] = ...,
        convention: Literal["named-share", "residual-as-producer"] = ...,
        data_dir: str | os.PathLike[str] | None = ...) -> tuple[Any, Any]: ...
def disruption(result: Any | None = ..., element: str | None = ..., year: int | None = ...,
               drop: Sequence[str] | None = ..., top: int | None = ...,
               export_quotas: bool = ..., region: str = ...,
               data_dir: str | os.PathLike[str] | None = ...) -> tuple[Any, Any]: ...
