# SPDX-License-Identifier: Apache-2.0
from . import Fixed as Fixed
from . import FoldedNormal as FoldedNormal
from . import Logistic as Logistic
from . import LogNormal as LogNormal
from . import Normal as Normal
from . import StockModel as StockModel
from . import StockResult as StockResult
from . import Weibull as Weibull
