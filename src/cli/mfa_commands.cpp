// SPDX-License-Identifier: Apache-2.0
// `urbanmine mfa dsm CASE.json [--check]`: solve one dynamic-stock-model case, or check it
// against the expected output the case file carries.
#include <memory>
#include <optional>
#include <string>

#include "cli/commands.h"
#include "core/error.h"
#include "engine/dsm.h"

namespace urbanmine::cli {

void register_mfa_commands(CLI::App& app, CliContext& ctx) {
  auto* mfa = app.add_subcommand("mfa", "Material flow analysis: dynamic cohort stock models");
  mfa->require_subcommand(1);

  auto* dsm = mfa->add_subcommand(
      "dsm",
      "Solve one dsm-reference-v1 case (its `output` is ignored) and print a dsm-result-v1 JSON "
      "object. With --check, compare the result with the file's own `output` instead and print "
      "the scaled error of each array (exit code 1 when one exceeds --gate).\n"
      "Example: urbanmine mfa dsm tests/data/dsm/s02_inflow_normal_const_T60.json "
      "--output result.json\n"
      "Example: urbanmine mfa dsm "
      "tests/data/dsm/s07_stock_normal_negative_inflow_corrected_T60.json "
      "--check");
  struct DsmOptions {
    std::string case_path;
    bool check = false;
    double gate = 1e-9;
  };
  auto opts = std::make_shared<DsmOptions>();
  dsm->add_option("CASE", opts->case_path, "dsm-reference-v1 JSON file")->required();
  dsm->add_flag("--check", opts->check,
                "Compare with the case's own output (scaled error per array) instead of printing "
                "the result");
  dsm->add_option("--gate", opts->gate,
                  "Largest scaled error --check accepts: max|a - b| / max(1, max|b|)")
      ->check(CLI::PositiveNumber)
      ->capture_default_str();
  dsm->callback([&ctx, opts] {
    ctx.action = [&ctx, opts]() -> int {
      const std::string& case_path = opts->case_path;
      // With --check the outcome lives inside the check.
      std::optional<engine::DsmCheck> checked;
      std::optional<engine::DsmOutcome> solved;
      if (opts->check) {
        auto c = engine::check_dsm_file(case_path, opts->gate);
        if (!c) return report_error(ctx, c.error());
        checked = std::move(*c);
      } else {
        auto o = engine::solve_dsm_file(case_path);
        if (!o) return report_error(ctx, o.error());
        solved = std::move(*o);
      }
      const engine::DsmOutcome* outcome = checked ? &checked->outcome : &*solved;
      const auto& shortfall = outcome->solution.result.stock_shortfall_years;
      if (!shortfall.empty()) {
        const auto year = outcome->dsm_case.time[shortfall.front()];
        auto warning = core::Error::invalid_input(
            "the prescribed stock is not held in " + std::to_string(shortfall.size()) +
                " year(s), first " + std::to_string(year) +
                ": the new cohort's survival in its first year is 0, so its inflow is 0",
            case_path + ": $.input.stock[" + std::to_string(shortfall.front()) + "]",
            "give that cohort a lifetime that keeps part of it in the stock at the end of its "
            "first year");
        if (ctx.strict) return report_error(ctx, warning);
        ctx.logger.warn(warning.to_string());
      }
      const auto& mb = outcome->solution.balance;
      ctx.logger.info("solved " + outcome->dsm_case.case_id +
                      ": T=" + std::to_string(outcome->dsm_case.time.size()) +
                      ", mass balance residual " + std::to_string(mb.max_abs_residual));
      if (!opts->check) return emit(ctx, engine::dsm_result_json(*outcome));
      for (const auto& a : checked->arrays) {
        if (!a.ok) {
          ctx.logger.error(case_path + ": $.output." + a.name + ": scaled error " +
                           std::to_string(a.scaled_error) + " exceeds the gate");
        }
      }
      const int written = emit(ctx, engine::dsm_check_json(*checked, opts->gate));
      if (written != core::kExitOk) return written;
      return checked->ok ? core::kExitOk : core::kExitChecksFailed;
    };
  });
}

}  // namespace urbanmine::cli
