// SPDX-License-Identifier: Apache-2.0
// The RUN argument of the commands that read a run (policy check, market rank, risk score and
// disruption, plan, source, market robust): a scenario .toml run now (empty = the shipped
// baseline), the --out folder of an earlier `urbanmine run`, or a run id in the --db store
// (default: the workspace out/urbanmine.db).
#pragma once

#include <string>

#include "cli/context.h"
#include "core/result.h"
#include "engine/run.h"

namespace urbanmine::cli {

core::Result<engine::RunResults> load_run_target(const std::string& target,
                                                 const std::string& data_dir,
                                                 const std::string& db_path, CliContext& ctx);

}  // namespace urbanmine::cli
