// SPDX-License-Identifier: Apache-2.0
#include "cli/run_target.h"

#include <algorithm>
#include <charconv>
#include <cstdint>

#include "report/run_reader.h"

namespace urbanmine::cli {

core::Result<engine::RunResults> load_run_target(const std::string& target,
                                                 const std::string& data_dir,
                                                 const std::string& db_path, CliContext& ctx) {
  const bool is_id = !target.empty() && std::all_of(target.begin(), target.end(),
                                                    [](char c) { return c >= '0' && c <= '9'; });
  if (is_id) {
    auto store = report::store_for_run_id(db_path, target);
    if (!store) return store.error();
    std::int64_t id = 0;
    const auto [ptr, ec] = std::from_chars(target.data(), target.data() + target.size(), id);
    if (ec != std::errc{} || ptr != target.data() + target.size()) {
      return core::Error::invalid_input("run id '" + target + "' is out of range", "RUN");
    }
    return report::load_run_store(*store, id);
  }
  const bool is_toml = target.size() > 5 && target.substr(target.size() - 5) == ".toml";
  if (!target.empty() && !is_toml) return report::load_run_dir(target);
  engine::RunOptions options;
  options.data_dir = data_dir;
  options.logger = &ctx.logger;
  options.strict = ctx.strict;
  return engine::run_scenario_file(target.empty() ? engine::default_scenario_path() : target,
                                   options);
}

}  // namespace urbanmine::cli
