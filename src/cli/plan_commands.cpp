// SPDX-License-Identifier: Apache-2.0
// `urbanmine plan`: plant siting and investment (docs/plan.md).
#include <algorithm>
#include <charconv>
#include <memory>
#include <sstream>

#include "cli/commands.h"
#include "cli/run_target.h"
#include "engine/cooperation.h"
#include "engine/market_robust.h"
#include "engine/plan.h"
#include "engine/run.h"
#include "engine/source.h"

#include "report/records_text.h"

namespace urbanmine::cli {
namespace {

std::vector<std::string> split_commas(const std::string& text) {
  std::vector<std::string> out;
  std::stringstream ss(text);
  std::string item;
  while (std::getline(ss, item, ',')) {
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

}  // namespace

void register_plan_commands(CLI::App& app, CliContext& ctx) {
  auto* cmd = app.add_subcommand(
      "plan",
      "Where and when to build recycling plants: a multi-period facility-location MILP (CBC) "
      "over candidate sites (data/plan_sites.csv), module sizes (plan_modules.csv) and build "
      "years, fed by the run's feedstock surplus, with transport, legal shipping rules, capex, "
      "labour, electricity and CO2; prints builds, flows, utilisation, NPV, cost, CO2 and the "
      "gap to the proven bound (docs/plan.md).\n"
      "Example: urbanmine plan examples/global.toml --objective min_cost --pareto 5");
  struct Flags {
    std::string target, data_dir, db, objective = "max_npv", sites;
    int first_year = 2025, last_year = 2050, max_builds = 1, pareto = 0;
    std::optional<double> discount_rate, co2_cap;
    double co2_price = 0.0, gap = 0.01, time_limit = 10.0;
  };
  auto f = std::make_shared<Flags>();
  cmd->add_option("RUN", f->target,
                  "Scenario .toml, run output folder, or run id in the --db store");
  cmd->add_option("--data-dir", f->data_dir, "Folder with the sourced CSVs (default: data/)");
  cmd->add_option("--db", f->db,
                  "SQLite store holding run RUN when RUN is a run id (default: the workspace "
                  "out/urbanmine.db)");
  cmd->add_option("--objective", f->objective, "max_npv (default) or min_cost")
      ->check(CLI::IsMember({"max_npv", "min_cost"}));
  cmd->add_option("--first-year", f->first_year, "First plan year (default 2025)");
  cmd->add_option("--last-year", f->last_year, "Last plan year (default 2050)");
  cmd->add_option("--sites", f->sites, "Candidate sites, comma-separated (default: all rows)");
  cmd->add_option("--discount-rate", f->discount_rate,
                  "Per year, 0 <= r < 1 (default: plan_parameters.csv, EverBatt's 0.10)");
  cmd->add_option("--max-builds", f->max_builds,
                  "Most modules of one size per site and year (default 1)");
  cmd->add_option("--co2-price-usd-per-t", f->co2_price,
                  "CO2 price in the objective (weighted sum)");
  cmd->add_option("--co2-cap-t", f->co2_cap, "Cap on total CO2, tonnes (epsilon constraint)");
  cmd->add_option("--pareto", f->pareto, "Also compute a cost-CO2 Pareto front of N >= 2 points");
  cmd->add_option("--gap", f->gap, "Stop at this relative gap to the proven bound (default 0.01)");
  cmd->add_option("--time-limit", f->time_limit, "CBC time limit per solve, seconds (default 10)");
  cmd->callback([&ctx, f] {
    ctx.action = [&ctx, f]() -> int {
      engine::PlanRequest req;
      req.data_dir = f->data_dir;
      req.objective = *plan::parse_objective(f->objective);
      req.first_year = f->first_year;
      req.last_year = f->last_year;
      req.discount_rate = f->discount_rate;
      req.sites = split_commas(f->sites);
      req.max_builds_per_site_year = f->max_builds;
      req.co2_price_usd_per_t = f->co2_price;
      req.co2_cap_t = f->co2_cap;
      req.pareto_points = f->pareto;
      req.relative_gap = f->gap;
      req.time_limit_seconds = f->time_limit;
      // Flags first: a bad --pareto is told before the run is loaded (or run from a .toml).
      if (auto checked = engine::check_plan_request(req); !checked) {
        return report_error(ctx, checked.error());
      }
      auto run = load_run_target(f->target, f->data_dir, f->db, ctx);
      if (!run) return report_error(ctx, run.error());
      auto report = engine::run_plan(*run, req);
      if (!report) return report_error(ctx, report.error());
      for (const auto& a : report->assumptions) ctx.logger.log(core::LogLevel::kDebug, a);
      return emit(ctx, report::format_records(report->tables, record_format(ctx)));
    };
  });
}

void register_source_commands(CLI::App& app, CliContext& ctx) {
  auto* cmd = app.add_subcommand(
      "source",
      "Recycled-content sourcing for battery makers in the EU: the cheapest (or lowest-CO2) mix "
      "of recovered Co, Li and Ni from the run's recycling regions that meets the EU Regulation "
      "2023/1542 Art. 8 minimum recycled content (2031 and 2036 levels, "
      "data/eu_battery_regulation_targets.csv), every EU maker sharing the same supply. A target "
      "the supply cannot meet is reported with its shortfall (exit 0), not as an error.\n"
      "Example: urbanmine source examples/global.toml --maker HUN=0.3,DEU=0.1 --years 2031,2036");
  struct Flags {
    std::string target, data_dir, db, makers, suppliers, years = "2031,2036",
                                                         objective = "min_cost";
  };
  auto f = std::make_shared<Flags>();
  cmd->add_option("RUN", f->target,
                  "Scenario .toml, run output folder, or run id in the --db store");
  cmd->add_option("--data-dir", f->data_dir, "Folder with the sourced CSVs (default: data/)");
  cmd->add_option("--db", f->db,
                  "SQLite store holding run RUN when RUN is a run id (default: the workspace "
                  "out/urbanmine.db)");
  cmd->add_option("--maker", f->makers,
                  "REGION=SHARE,... the maker's share of an EU region's battery material demand "
                  "(default: each EU region as a whole)");
  cmd->add_option("--years", f->years, "Years to check, comma-separated (default 2031,2036)");
  cmd->add_option("--suppliers", f->suppliers,
                  "Supplier regions, comma-separated; EU = the EU regions (default: every region)");
  cmd->add_option("--objective", f->objective, "min_cost (default) or min_co2")
      ->check(CLI::IsMember({"min_cost", "min_co2"}));
  cmd->callback([&ctx, f] {
    ctx.action = [&ctx, f]() -> int {
      engine::SourceRequest req;
      req.data_dir = f->data_dir;
      req.objective = f->objective == "min_co2" ? plan::SourcingObjective::kMinCo2
                                                : plan::SourcingObjective::kMinCost;
      req.suppliers = split_commas(f->suppliers);
      req.years.clear();
      for (const auto& y : split_commas(f->years)) {
        int year = 0;
        const auto [ptr, ec] = std::from_chars(y.data(), y.data() + y.size(), year);
        if (ec != std::errc{} || ptr != y.data() + y.size()) {
          return report_error(ctx, core::Error::invalid_input("bad year '" + y + "'", "--years"));
        }
        req.years.push_back(year);
      }
      for (const auto& item : split_commas(f->makers)) {
        const auto eq = item.find('=');
        double share = 0.0;
        const char* begin = eq == std::string::npos ? nullptr : item.data() + eq + 1;
        const auto [ptr, ec] = begin == nullptr
                                   ? std::from_chars_result{nullptr, std::errc::invalid_argument}
                                   : std::from_chars(begin, item.data() + item.size(), share);
        if (eq == std::string::npos || ec != std::errc{} || ptr != item.data() + item.size()) {
          return report_error(
              ctx, core::Error::invalid_input("bad maker '" + item + "' (expected REGION=SHARE)",
                                              "--maker"));
        }
        req.maker_shares.emplace_back(item.substr(0, eq), share);
      }
      auto run = load_run_target(f->target, f->data_dir, f->db, ctx);
      if (!run) return report_error(ctx, run.error());
      auto report = engine::run_source(*run, req);
      if (!report) return report_error(ctx, report.error());
      for (const auto& n : report->notes) ctx.logger.log(core::LogLevel::kInfo, n);
      return emit(ctx, report::format_records(report->tables, record_format(ctx)));
    };
  });
}

void register_market_robust_commands(CLI::App& app, CliContext& ctx) {
  CLI::App* market = nullptr;
  try {
    market = app.get_subcommand("market");
  } catch (const CLI::OptionNotFound&) {
    market = app.add_subcommand("market", "Country opportunities for a recycler");
    market->require_subcommand(1);
  }
  auto* cmd = market->add_subcommand(
      "robust",
      "Rank the countries of a run on sourced criteria with units: value of their own feedstock "
      "(USD), feedstock other regions may legally send (t), cost to process (USD/t), grid CO2 "
      "(kg/kWh), recycled-content obligations (t), governance (WGI) and demand growth; "
      "ratio-to-best normalisation, ties below --resolution, and rank ranges under random "
      "(Dirichlet) weights (docs/market.md).\n"
      "Example: urbanmine market robust examples/global.toml --year 2035 --draws 2000");
  struct Flags {
    std::string target, data_dir, db, weights;
    std::optional<int> year;
    int draws = 1000;
    std::uint64_t seed = 0;
    double resolution = 0.01;
  };
  auto f = std::make_shared<Flags>();
  cmd->add_option("RUN", f->target,
                  "Scenario .toml, run output folder, or run id in the --db store");
  cmd->add_option("--data-dir", f->data_dir, "Folder with the sourced CSVs (default: data/)");
  cmd->add_option("--db", f->db,
                  "SQLite store holding run RUN when RUN is a run id (default: the workspace "
                  "out/urbanmine.db)");
  cmd->add_option("--year", f->year, "Ranking year (default 2035)");
  cmd->add_option("--weights", f->weights,
                  "Seven non-negative weights, comma-separated, in column order (default equal)");
  cmd->add_option("--draws", f->draws, "Dirichlet weight draws for rank ranges (default 1000)");
  cmd->add_option("--seed", f->seed, "Seed of the weight draws (default 0)");
  cmd->add_option("--resolution", f->resolution,
                  "Scores closer than this share a rank (default 0.01)");
  cmd->callback([&ctx, f] {
    ctx.action = [&ctx, f]() -> int {
      engine::RobustMarketRequest req;
      req.data_dir = f->data_dir;
      req.year = f->year;
      req.draws = f->draws;
      req.seed = f->seed;
      req.score_resolution = f->resolution;
      if (!f->weights.empty()) {
        req.weights.clear();
        for (const auto& item : split_commas(f->weights)) {
          double w = 0.0;
          const auto [ptr, ec] = std::from_chars(item.data(), item.data() + item.size(), w);
          if (ec != std::errc{} || ptr != item.data() + item.size()) {
            return report_error(
                ctx, core::Error::invalid_input("bad weight '" + item + "'", "--weights"));
          }
          req.weights.push_back(w);
        }
      }
      auto run = load_run_target(f->target, f->data_dir, f->db, ctx);
      if (!run) return report_error(ctx, run.error());
      auto tables = engine::robust_market_tables(*run, req);
      if (!tables) return report_error(ctx, tables.error());
      return emit(ctx, report::format_records(*tables, record_format(ctx)));
    };
  });
}

}  // namespace urbanmine::cli
