// SPDX-License-Identifier: Apache-2.0
// The plant commands' flag languages, parsed once into the engine's typed requests
// (engine/plant.h): KEY=VALUE lists ("--recovery Li=0.9,Ni=0.95", repeatable), prices with their
// dollar year ("--price Ni=16814@2024", "--opex-usd-per-t 500@2019"), and black-mass candidates
// ("--candidate scrap:Li=0.07,Ni=0.36"). Every value keeps the flag it came from
// ("--recovery Li") for the engine's errors.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"
#include "engine/plant.h"

namespace urbanmine::cli {

// "A=1,B=2" (each item of a repeated flag) -> keyed numbers located at "FLAG KEY".
core::Result<std::vector<engine::KeyedValue>> parse_key_values(
    const std::vector<std::string>& items, const std::string& flag);
// "16814@2024" -> USD per tonne and its price year, located at `location`.
core::Result<engine::GivenPrice> parse_price_text(const std::string& text,
                                                  const std::string& location);
// "Ni=16814@2024,Co=33000@2024" items -> keyed prices located at "FLAG KEY".
core::Result<std::vector<engine::KeyedPrice>> parse_key_prices(
    const std::vector<std::string>& items, const std::string& flag);
// "scrap:Li=0.07,Ni=0.36" -> a black-mass candidate located at "--candidate scrap".
core::Result<engine::InferCandidate> parse_candidate(const std::string& text);
// "NMC622, LFP" -> {"NMC622", "LFP"}.
std::vector<std::string> split_list(const std::string& text);
// A request field as the flag that sets it: "mass_tonnes" -> "--mass-tonnes",
// "black_mass_composition.Li" -> "--black-mass-composition Li", "elements.Li" -> "--elements Li".
std::string flag_location(const std::string& field);

}  // namespace urbanmine::cli
