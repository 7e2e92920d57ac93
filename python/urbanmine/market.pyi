# SPDX-License-Identifier: Apache-2.0
import os
from typing import Any, Mapping

def rank(result: Any, weights: Mapping[str, float] | None = ..., year: int | None = ...,
         data_dir: str | os.PathLike[str] | None = ...) -> Any: ...
