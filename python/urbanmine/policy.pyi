# SPDX-License-Identifier: Apache-2.0
import os
from typing import Any

def check(result: Any, year: int | None = ..., rules: str | os.PathLike[str] | None = ...,
          data_dir: str | os.PathLike[str] | None = ...) -> Any: ...
