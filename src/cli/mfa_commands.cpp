// SPDX-License-Identifier: Apache-2.0
// `urbanmine mfa dsm CASE.json`: solve one dynamic-stock-model case.
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
      "object.\nExample: urbanmine mfa dsm tests/data/dsm/s02_inflow_normal_const_T60.json "
      "--output result.json");
  auto case_path = std::make_shared<std::string>();
  dsm->add_option("CASE", *case_path, "dsm-reference-v1 JSON file")->required();
  dsm->callback([&ctx, case_path] {
    ctx.action = [&ctx, case_path]() -> int {
      auto outcome = engine::solve_dsm_file(*case_path);
      if (!outcome) return report_error(ctx, outcome.error());
      const auto& shortfall = outcome->solution.result.stock_shortfall_years;
      if (!shortfall.empty()) {
        const auto year = outcome->dsm_case.time[shortfall.front()];
        auto warning = core::Error::invalid_input(
            "the prescribed stock is not held in " + std::to_string(shortfall.size()) +
                " year(s), first " + std::to_string(year) +
                ": the new cohort's survival in its first year is 0, so its inflow is 0",
            *case_path + ": $.input.stock[" + std::to_string(shortfall.front()) + "]",
            "give that cohort a lifetime that keeps part of it in the stock at the end of its "
            "first year");
        if (ctx.strict) return report_error(ctx, warning);
        ctx.logger.warn(warning.to_string());
      }
      const auto& mb = outcome->solution.balance;
      ctx.logger.info("solved " + outcome->dsm_case.case_id +
                      ": T=" + std::to_string(outcome->dsm_case.time.size()) +
                      ", mass balance residual " + std::to_string(mb.max_abs_residual));
      return emit(ctx, engine::dsm_result_json(*outcome));
    };
  });
}

}  // namespace urbanmine::cli
