// SPDX-License-Identifier: Apache-2.0
#include "io/dataset.h"

#include <filesystem>

#include "io/plant_data.h"
#include "io/policy_rules.h"
#include "io/read_log.h"
#include "io/sha256.h"

namespace urbanmine::io {

namespace {

std::string join_path(const std::string& dir, const std::string& file) {
  return (std::filesystem::path(dir) / file).string();
}

// The path relative to the data folder when it lies inside it, else as given.
std::string relative_name(const std::string& path, const std::string& data_dir) {
  std::error_code ec;
  const auto rel = std::filesystem::relative(path, data_dir, ec);
  if (ec || rel.empty() || rel.native().starts_with("..")) return path;
  return rel.generic_string();
}

}  // namespace

core::Result<CooperationInputs> load_cooperation_inputs(const std::string& data_dir,
                                                        const std::string& rules_path) {
  CooperationInputs data;
  data.data_dir = data_dir;
  data.rules_path = rules_path.empty() ? join_path(data_dir, "policy_rules.csv") : rules_path;
  auto codes = load_country_codes(join_path(data_dir, "country_codes.csv"));
  if (!codes) return codes.error();
  data.codes = std::move(*codes);
  auto supply = load_supply_data(data_dir, data.codes);
  if (!supply) return supply.error();
  data.supply = std::move(*supply);
  auto wgi = load_wgi(join_path(data_dir, "wgi.csv"));
  if (!wgi) return wgi.error();
  data.wgi = std::move(*wgi);
  auto rules = load_policy_rules(data.rules_path);
  if (!rules) return rules.error();
  data.rules = std::move(*rules);
  auto groups = load_element_groups(join_path(data_dir, "element_groups.csv"));
  if (!groups) return groups.error();
  data.element_groups = std::move(*groups);
  auto regions = load_region_members(join_path(data_dir, "regions.csv"));
  if (!regions) return regions.error();
  data.regions = std::move(*regions);
  return data;
}

Dataset load_dataset(const std::string& data_dir, core::Diagnostics& diags,
                     const DatasetOptions& options) {
  Dataset data;
  data.data_dir = data_dir;
  FileReadScope reads;
  data.run = load_run_data(data_dir, diags);
  if (auto plant = load_plant_defaults(data_dir)) {
    data.plant = std::move(*plant);
  } else {
    diags.add_error(plant.error());
  }
  if (auto coop = load_cooperation_inputs(data_dir, options.rules_path)) {
    data.cooperation = std::move(*coop);
  } else {
    diags.add_error(coop.error());
  }
  for (const auto& r : reads.reads()) {
    data.files.push_back(results::DataFile{relative_name(r.path, data_dir), r.sha256, r.bytes});
  }
  return data;
}

std::string run_hash(const std::string& scenario_text,
                     const std::vector<results::DataFile>& files) {
  Sha256 h;
  h.update("urbanmine run hash v2\nscenario ");
  h.update(std::to_string(scenario_text.size()));
  h.update("\n");
  h.update(scenario_text);
  for (const auto& f : files) {
    h.update("\nfile " + f.name + " " + std::to_string(f.bytes) + " " + f.sha256);
  }
  return h.hex_digest();
}

}  // namespace urbanmine::io
