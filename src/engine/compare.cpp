// SPDX-License-Identifier: Apache-2.0
// What the user names as a run, loaded for a comparison (see compare.h).
#include "engine/compare.h"

#include <algorithm>
#include <cctype>
#include <filesystem>

#include "engine/run.h"

#include "report/run_reader.h"

namespace urbanmine::engine {

core::Result<CompareInput> load_compare_input(const std::string& what,
                                              const CompareLoadOptions& options) {
  namespace fs = std::filesystem;
  std::error_code ec;
  CompareInput in;
  in.source = what;
  const bool digits =
      !what.empty() && what.size() <= 18 &&
      std::all_of(what.begin(), what.end(), [](unsigned char c) { return std::isdigit(c) != 0; });
  if (fs::is_directory(what, ec)) {
    auto run = report::load_run_folder(what);
    if (!run) return run.error();
    in.run = std::move(*run);
    return in;
  }
  if (fs::is_regular_file(what, ec)) {
    if (fs::path(what).extension() != ".toml") {
      return core::Error::invalid_input("'" + what + "' is not a scenario (.toml) file", what,
                                        "give a scenario .toml, a run folder or a run id");
    }
    RunOptions run_options;
    run_options.data_dir = options.data_dir;
    run_options.logger = options.logger;
    run_options.strict = options.strict;
    auto run = run_scenario_file(what, run_options);
    if (!run) return run.error();
    in.run = std::move(*run);
    return in;
  }
  if (digits) {
    auto store = report::store_for_run_id(options.db_path, what);
    if (!store) return store.error();
    const std::string& db = *store;
    auto run = report::load_run_store_whole(db, std::stoll(what));
    if (!run) return run.error();
    in.run = std::move(*run);
    in.source = "run " + what + " in " + db;
    return in;
  }
  return core::Error::not_found("no scenario file, run folder or run id '" + what + "'", what,
                                "give a scenario .toml, the --out folder of `urbanmine run`, or "
                                "a run id stored in --db");
}

}  // namespace urbanmine::engine
