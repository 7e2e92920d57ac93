// SPDX-License-Identifier: Apache-2.0
// libFuzzer harness: every data CSV loader (io/run_data, io/plant_data, io/risk_data,
// io/policy_rules) over a copy of data/ in which the file picked by the input's first byte holds
// the rest of the input.
#include "core/error.h"
#include "io/plant_data.h"
#include "io/policy_rules.h"
#include "io/risk_data.h"
#include "io/run_data.h"

#include "fuzz_support.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static urbanmine::fuzz::ScratchDataDir scratch;
  if (size < 1 || scratch.csv_names().empty()) return 0;
  const auto& names = scratch.csv_names();
  const std::string& name = names[data[0] % names.size()];
  scratch.replace(name, urbanmine::fuzz::as_text(data + 1, size - 1));
  namespace io = urbanmine::io;
  urbanmine::core::Diagnostics diags;
  (void)io::load_run_data(scratch.dir(), diags);
  (void)io::load_plant_defaults(scratch.dir());
  if (auto codes = io::load_country_codes(scratch.path("country_codes.csv"))) {
    (void)io::load_supply_data(scratch.dir(), *codes);
  }
  (void)io::load_wgi(scratch.path("wgi.csv"));
  (void)io::load_region_members(scratch.path("regions.csv"));
  (void)io::load_policy_rules(scratch.path("policy_rules.csv"));
  (void)io::load_element_groups(scratch.path("element_groups.csv"));
  scratch.restore();
  return 0;
}
