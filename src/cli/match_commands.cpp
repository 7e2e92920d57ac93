// SPDX-License-Identifier: Apache-2.0
// `urbanmine match ...`: partner scoring, meeting schedules, schedule checks and agendas.
#include <iostream>
#include <memory>
#include <string>

#include "cli/commands.h"
#include "engine/match.h"

namespace urbanmine::cli {

namespace {

void register_schedule(CLI::App& match, CliContext& ctx) {
  struct Args {
    std::string instance;
    engine::ScheduleRequest request;
  };
  auto args = std::make_shared<Args>();
  auto* cmd = match.add_subcommand(
      "schedule",
      "Schedule 1:1 meetings for a match-instance/1 file: prints the schedule JSON with its "
      "objective, a proven upper bound and the gap.\n"
      "Example: urbanmine match schedule tests/data/match/medium-s1.json --time-limit 2 "
      "--output schedule.json");
  cmd->add_option("INSTANCE", args->instance, "match-instance/1 JSON file")->required();
  cmd->add_option("--time-limit", args->request.time_limit_seconds,
                  "Wall-clock limit in seconds (default 10)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--seed", args->request.seed, "Search seed (default 1)");
  cmd->add_option("--threads", args->request.threads, "Threads, 1 or 2 (default 2)")
      ->check(CLI::Range(1, 2));
  cmd->add_option("--rounds", args->request.search_rounds,
                  "Perturbation rounds per search thread (default 400)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_flag("--no-lp{false}", args->request.use_lp,
                "Skip the COIN-OR LP relaxations (search only; the bound is then trivial)");
  cmd->add_flag("--fill-only", args->request.fill_only,
                "Rescheduling: keep every surviving meeting of previous_schedule in place and "
                "only fill free places");
  cmd->callback([&ctx, args] {
    ctx.action = [&ctx, args]() -> int {
      auto out = engine::schedule_match_file(args->instance, args->request);
      if (!out) return report_error(ctx, out.error());
      const auto& r = out->result;
      ctx.logger.info(out->instance.name + ": objective " + std::to_string(r.objective.total()) +
                      ", upper bound " + std::to_string(r.upper_bound) + " (" + r.bound_method +
                      "), gap " + std::to_string(100.0 * r.gap) + "%, " +
                      std::to_string(r.objective.meetings) + " meetings, method " + r.method +
                      ", " + std::to_string(out->wall_seconds) + " s");
      return emit(ctx, out->schedule_json);
    };
  });
}

void register_check(CLI::App& match, CliContext& ctx) {
  auto instance = std::make_shared<std::string>();
  auto schedule = std::make_shared<std::string>();
  auto* cmd = match.add_subcommand(
      "check",
      "List every violated constraint of a schedule and print its objective (exit 1 when the "
      "schedule is infeasible).\n"
      "Example: urbanmine match check tests/data/match/small-s1.json "
      "tests/data/match/small-s1.opt.json");
  cmd->add_option("INSTANCE", *instance, "match-instance/1 JSON file")->required();
  cmd->add_option("SCHEDULE", *schedule, "schedule JSON file")->required();
  cmd->callback([&ctx, instance, schedule] {
    ctx.action = [&ctx, instance, schedule]() -> int {
      auto out = engine::check_match_files(*instance, *schedule);
      if (!out) return report_error(ctx, out.error());
      for (const auto& v : out->report.violations) ctx.logger.error("violation: " + v);
      const int code = emit(ctx, out->report_json);
      if (code != core::kExitOk) return code;
      return out->report.feasible() ? core::kExitOk : core::kExitChecksFailed;
    };
  });
}

}  // namespace

void register_match_commands(CLI::App& app, CliContext& ctx) {
  auto* match = app.add_subcommand(
      "match", "Partnering events: pair scoring, 1:1 meeting schedules, checks and agendas");
  match->require_subcommand(1);
  register_schedule(*match, ctx);
  register_check(*match, ctx);
}

}  // namespace urbanmine::cli
