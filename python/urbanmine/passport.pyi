# SPDX-License-Identifier: Apache-2.0
import os

from ._answer import Answer

def read(path: str | os.PathLike[str], data_dir: str | os.PathLike[str] | None = ...) -> Answer: ...
