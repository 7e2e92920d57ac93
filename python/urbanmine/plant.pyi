# SPDX-License-Identifier: Apache-2.0
import os
from typing import Any, Mapping

from ._answer import Answer

def balance(request: Mapping[str, Any] | None = ..., data_dir: str | os.PathLike[str] | None = ...,
            **fields: Any) -> Answer: ...
def infer(request: Mapping[str, Any] | None = ..., data_dir: str | os.PathLike[str] | None = ...,
          **fields: Any) -> Answer: ...
