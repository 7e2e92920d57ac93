// SPDX-License-Identifier: Apache-2.0
// One registration function per command group; main.cpp calls each of them.
#pragma once

#include <CLI/CLI.hpp>

#include "cli/context.h"
#include "engine/cooperation.h"

#include "report/records_text.h"

namespace urbanmine::cli {

// The record-table format of --format (table by default), shared by the commands that print
// record tables (risk, policy, market, plan, source).
report::RecordFormat record_format(const CliContext& ctx);

void register_mfa_commands(CLI::App& app, CliContext& ctx);
void register_serve_commands(CLI::App& app, CliContext& ctx);
void register_validate_commands(CLI::App& app, CliContext& ctx);
void register_plant_commands(CLI::App& app, CliContext& ctx);
void register_run_out_commands(CLI::App& app, CliContext& ctx);
void register_coop_commands(CLI::App& app, CliContext& ctx);
void register_match_commands(CLI::App& app, CliContext& ctx);
void register_passport_commands(CLI::App& app, CliContext& ctx);
void register_plan_commands(CLI::App& app, CliContext& ctx);
void register_source_commands(CLI::App& app, CliContext& ctx);
void register_uncertainty_commands(CLI::App& app, CliContext& ctx);
void register_market_robust_commands(CLI::App& app, CliContext& ctx);
void register_backtest_commands(CLI::App& app, CliContext& ctx);
void register_compare_commands(CLI::App& app, CliContext& ctx);

}  // namespace urbanmine::cli
