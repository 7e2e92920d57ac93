# SPDX-License-Identifier: Apache-2.0
import os
from typing import Any, Mapping

from ._answer import Answer

def schedule(instance: Mapping[str, Any] | str | os.PathLike[str], time_limit: float = ...,
             seed: int = ..., threads: int = ...) -> Answer: ...
def check(instance: Mapping[str, Any] | str | os.PathLike[str],
          schedule: Mapping[str, Any] | str | os.PathLike[str]) -> Answer: ...
