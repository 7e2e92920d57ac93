// SPDX-License-Identifier: Apache-2.0
// Chemical formulas and molar masses. A formula is a sequence of element symbols with optional
// counts (integers, decimals or fractions such as 1/3), and hydrate parts after a middle dot
// ("NiSO4·6H2O", also "*"). Atomic weights come from data (IUPAC, data/atomic_weights.csv),
// never from code.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "core/result.h"

namespace urbanmine::plant {

// Element symbol -> atoms per formula unit.
using FormulaCounts = std::map<std::string, double>;
// Element symbol -> standard atomic weight, g/mol.
using AtomicWeights = std::map<std::string, double>;

// Parses `formula`; `location` names it in errors (e.g. "cathode_formulas.csv:3:2").
// Example: parse_formula("LiNi0.6Mn0.2Co0.2O2") -> {Li:1, Ni:0.6, Mn:0.2, Co:0.2, O:2}.
core::Result<FormulaCounts> parse_formula(std::string_view formula, const std::string& location);

// Molar mass in g/mol; an error names any symbol missing from `weights`.
core::Result<double> molar_mass(const FormulaCounts& counts, const AtomicWeights& weights,
                                const std::string& location);

}  // namespace urbanmine::plant
