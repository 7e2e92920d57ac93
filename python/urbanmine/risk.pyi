# SPDX-License-Identifier: Apache-2.0
import os
from typing import Any, Literal

def hhi(element: str, year: int, stage: Literal["mine", "refining", "reserves"] = ...,
        convention: Literal["named-share", "residual-as-producer"] = ...,
        data_dir: str | os.PathLike[str] | None = ...) -> tuple[Any, Any]: ...
