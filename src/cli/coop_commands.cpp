// SPDX-License-Identifier: Apache-2.0
// `urbanmine risk hhi|score`, `urbanmine policy check`, `urbanmine market rank`: supply
// concentration and risk, policy rules checked against a run, and the country ranking for a
// recycler. Flag values are parsed here (not by CLI11) so that a bad value ends with exit code 3
// naming the flag; data problems name file, row and field.
#include <algorithm>
#include <charconv>
#include <cmath>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/run_target.h"
#include "engine/cooperation.h"
#include "engine/run.h"

#include "report/records_text.h"
#include "results/registry.h"

namespace urbanmine::cli {
namespace {

core::Result<double> parse_double(const std::string& text, const std::string& flag) {
  double v = 0.0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc{} || ptr != text.data() + text.size() || !std::isfinite(v)) {
    return core::Error::invalid_input("'" + text + "' is not a number", flag,
                                      "give a plain number, e.g. " + flag + " 0.5");
  }
  return v;
}

core::Result<double> parse_fraction(const std::string& text, const std::string& flag) {
  auto v = parse_double(text, flag);
  if (!v) return v;
  if (*v < 0.0 || *v > 1.0) {
    return core::Error::invalid_input(text + " is outside 0-1", flag,
                                      "fractions are 0-1 (0.9 = 90 %)");
  }
  return v;
}

core::Result<std::optional<int>> parse_year(const std::string& text, const std::string& flag) {
  if (text.empty()) return std::optional<int>{};
  int v = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  constexpr int kMinYear = 1900;
  constexpr int kMaxYear = 2200;
  if (ec != std::errc{} || ptr != text.data() + text.size() || v < kMinYear || v > kMaxYear) {
    return core::Error::invalid_input("'" + text + "' is not a calendar year", flag,
                                      "e.g. " + flag + " 2022");
  }
  return std::optional<int>(v);
}

// Element code from a code or a mineral name (Co, cobalt).
core::Result<std::string> parse_element(const std::string& text) {
  return engine::parse_element_code(text);
}

core::Result<risk::HhiConvention> parse_convention_flag(const std::string& text) {
  if (auto c = risk::parse_convention(text)) return *c;
  return core::Error::invalid_input("unknown convention '" + text + "'", "--convention",
                                    "use named-share or residual-as-producer");
}

// "feedstock=0.4,policy=0.3,risk=0.2,growth=0.1". The weights given replace the defaults: a
// criterion not named gets weight 0 (issue 17: `--weights feedstock=1` used to keep the others).
core::Result<market::Weights> parse_weights(const std::string& text) {
  market::Weights w;
  w.values.fill(0.0);
  std::size_t pos = 0;
  while (pos <= text.size()) {
    const auto comma = text.find(',', pos);
    const std::string item =
        text.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
    const auto eq = item.find('=');
    if (eq == std::string::npos) {
      return core::Error::invalid_input(
          "'" + item + "' is not NAME=VALUE", "--weights",
          "e.g. --weights feedstock=0.4,policy=0.3,risk=0.2,growth=0.1");
    }
    const auto criterion = market::parse_criterion(item.substr(0, eq));
    if (!criterion) {
      return core::Error::invalid_input("unknown criterion '" + item.substr(0, eq) + "'",
                                        "--weights", "use feedstock, policy, risk, growth");
    }
    auto v = parse_double(item.substr(eq + 1), "--weights " + item.substr(0, eq));
    if (!v) return v.error();
    w[*criterion] = *v;
    if (comma == std::string::npos) break;
    pos = comma + 1;
  }
  URBANMINE_TRY_STATUS(market::validate_weights(w));
  return w;
}

struct CommonFlags {
  std::string data_dir;
  std::string db;
  std::string convention = "named-share";
};

}  // namespace

void register_coop_commands(CLI::App& app, CliContext& ctx) {
  // ---- risk ----
  auto* risk_cmd = app.add_subcommand(
      "risk", "Supply concentration (HHI) and EU supply risk of battery minerals");
  risk_cmd->require_subcommand(1);

  {
    auto* hhi = risk_cmd->add_subcommand(
        "hhi",
        "Herfindahl-Hirschman index (0-10,000) of mine production, refining or reserves by "
        "country, with each producer's share and the convention used.\n"
        "Example: urbanmine risk hhi --element Co --year 2022 --convention residual-as-producer");
    struct Flags : CommonFlags {
      std::string element, year, stage = "mine";
    };
    auto f = std::make_shared<Flags>();
    hhi->add_option("--element", f->element, "Element: Li, Ni, Co, Mn, graphite")->required();
    hhi->add_option("--year", f->year, "Data year (default: the latest with figures)");
    hhi->add_option("--stage", f->stage, "mine (default), refining or reserves");
    hhi->add_option("--convention", f->convention,
                    "named-share (default: named countries as shares of the world total) or "
                    "residual-as-producer (the unnamed remainder counts as one producer)");
    hhi->add_option("--data-dir", f->data_dir, "Folder with the sourced CSVs (default: data/)");
    hhi->callback([&ctx, f] {
      ctx.action = [&ctx, f]() -> int {
        auto element = parse_element(f->element);
        if (!element) return report_error(ctx, element.error());
        auto year = parse_year(f->year, "--year");
        if (!year) return report_error(ctx, year.error());
        const auto stage = risk::parse_stage(f->stage);
        if (!stage) {
          return report_error(
              ctx, core::Error::invalid_input("unknown stage '" + f->stage + "'", "--stage",
                                              "use mine, refining or reserves"));
        }
        auto convention = parse_convention_flag(f->convention);
        if (!convention) return report_error(ctx, convention.error());
        engine::CooperationOptions options;
        options.data_dir = f->data_dir;
        auto data = engine::load_cooperation_data(options);
        if (!data) return report_error(ctx, data.error());
        int y = 0;
        if (*year) {
          y = **year;
        } else {
          const auto years = data->supply.years(*element, *stage);
          if (years.empty()) {
            return report_error(
                ctx,
                core::Error::not_found("no " + f->stage + " figures for " + *element, "--element"));
          }
          y = years.back();
        }
        auto tables = engine::risk_hhi_tables(*data, *element, y, *stage, *convention);
        if (!tables) return report_error(ctx, tables.error());
        return emit(ctx, report::format_records(*tables, record_format(ctx)));
      };
    });
  }

  {
    auto* score = risk_cmd->add_subcommand(
        "score",
        "EU criticality supply risk SR = [HHI_WGI,GS*IR/2 + HHI_WGI,sourcing*(1-IR/2)] * "
        "(1-EoL_RIR) * SI, each input with its source; inputs not in the shipped data are "
        "reported missing unless you give them.\n"
        "Example: urbanmine risk score --element Co --region EU27 --import-reliance 0.86 "
        "--eol-rir 0.22 --substitution-index 0.9 --sourcing-as-global\n"
        "Example (from a run, by year): urbanmine risk score examples/global.toml --element Co "
        "--region EU27 --sourcing-as-global --substitution-index 0.9");
    struct Flags : CommonFlags {
      std::string target, element, region = "EU27", year, ir, rir, si, sourcing;
      bool sourcing_as_global = false;
    };
    auto f = std::make_shared<Flags>();
    score->add_option("RUN", f->target,
                      "Optional scenario .toml or run folder: then IR and EoL-RIR come from the "
                      "run, by year, without and with its recycling");
    score->add_option("--element", f->element, "Element: Li, Ni, Co, Mn, graphite")->required();
    score->add_option("--region", f->region, "Region label (default EU27)");
    score->add_option("--year", f->year, "Supply data year (default: latest)");
    score->add_option("--import-reliance", f->ir, "Import reliance IR, 0-1");
    score->add_option("--eol-rir", f->rir, "End-of-life recycling input rate, 0-1");
    score->add_option("--substitution-index", f->si, "Substitution index SI_SR, 0-1");
    score->add_option("--hhi-wgi-sourcing", f->sourcing, "HHI_WGI of the region's sourcing, 0-10");
    score->add_flag("--sourcing-as-global", f->sourcing_as_global,
                    "Assume the region's sourcing mirrors global supply (an assumption)");
    score->add_option("--convention", f->convention, "HHI convention (see risk hhi)");
    score->add_option("--data-dir", f->data_dir, "Folder with the sourced CSVs (default: data/)");
    score->add_option("--db", f->db,
                      "SQLite store holding run RUN when RUN is a run id (default: the workspace "
                      "out/urbanmine.db)");
    score->callback([&ctx, f] {
      ctx.action = [&ctx, f]() -> int {
        engine::RiskScoreRequest req;
        auto element = parse_element(f->element);
        if (!element) return report_error(ctx, element.error());
        req.element = *element;
        req.region = f->region;
        auto year = parse_year(f->year, "--year");
        if (!year) return report_error(ctx, year.error());
        req.year = *year;
        const auto fraction = [&](const std::string& text, const char* flag,
                                  std::optional<double>& out) -> std::optional<core::Error> {
          if (text.empty()) return std::nullopt;
          auto v = parse_fraction(text, flag);
          if (!v) return v.error();
          out = *v;
          return std::nullopt;
        };
        if (auto e = fraction(f->ir, "--import-reliance", req.import_reliance)) {
          return report_error(ctx, *e);
        }
        if (auto e = fraction(f->rir, "--eol-rir", req.eol_rir)) return report_error(ctx, *e);
        if (auto e = fraction(f->si, "--substitution-index", req.substitution_index)) {
          return report_error(ctx, *e);
        }
        if (!f->sourcing.empty()) {
          auto v = parse_double(f->sourcing, "--hhi-wgi-sourcing");
          if (!v) return report_error(ctx, v.error());
          if (*v < 0.0 || *v > engine::kHhiWgiMax) {
            return report_error(ctx, core::Error::invalid_input(f->sourcing + " is outside 0-10",
                                                                "--hhi-wgi-sourcing"));
          }
          req.hhi_wgi_sourcing = *v;
        }
        auto convention = parse_convention_flag(f->convention);
        if (!convention) return report_error(ctx, convention.error());
        engine::CooperationOptions options;
        options.data_dir = f->data_dir;
        options.hhi_convention = *convention;
        options.sourcing_as_global = f->sourcing_as_global;
        auto data = engine::load_cooperation_data(options);
        if (!data) return report_error(ctx, data.error());
        if (auto bad = engine::unknown_region(req.region, *data)) return report_error(ctx, *bad);
        if (!f->target.empty()) {
          // From a run: the supply_risk rows of the region and element, by year.
          if (req.import_reliance || req.eol_rir) {
            return report_error(ctx, core::Error::invalid_input(
                                         "--import-reliance and --eol-rir come from the run "
                                         "when RUN is given",
                                         req.import_reliance ? "--import-reliance" : "--eol-rir",
                                         "drop the flag, or drop RUN"));
          }
          if (req.substitution_index)
            options.substitution_index[req.element] = *req.substitution_index;
          options.hhi_wgi_sourcing = req.hhi_wgi_sourcing;
          auto run = load_run_target(f->target, f->data_dir, f->db, ctx);
          if (!run) return report_error(ctx, run.error());
          auto status = engine::add_cooperation_results(*run, *data, options);
          if (!status) return report_error(ctx, status.error());
          engine::RecordTable rows = *run->find_records(engine::kRecordsSupplyRisk);
          std::erase_if(rows.rows, [&](const std::vector<engine::Cell>& row) {
            return row[0].text != req.region || row[1].text != req.element;
          });
          if (rows.rows.empty()) {
            return report_error(
                ctx, core::Error::not_found(
                         "the run has no " + req.element + " rows for region " + req.region,
                         "--region", "use a region code of the run, e.g. EU27"));
          }
          return emit(ctx, report::format_records({rows}, record_format(ctx)));
        }
        auto tables = engine::risk_score_tables(*data, req, options);
        if (!tables) return report_error(ctx, tables.error());
        return emit(ctx, report::format_records(*tables, record_format(ctx)));
      };
    });
  }

  {
    auto* dis = risk_cmd->add_subcommand(
        "disruption",
        "Supply disruption test: for each element, stage (mine, refining where shares exist) "
        "and year, the share of demand the remaining suppliers cover when the largest supplier "
        "(or --drop COUNTRY, or the --top K largest) drops out, without and with recycled "
        "supply; and the recycled tonnes that would close the gap (table recycling_buys). "
        "Without RUN, demand is world mine production of the data year and there is no "
        "recycling; with RUN (a scenario .toml, run folder or run id), the run's battery demand "
        "and secondary supply by year.\n"
        "Example: urbanmine risk disruption examples/global.toml --year 2035\n"
        "Example: urbanmine risk disruption --element Co --drop \"Congo (Kinshasa)\"");
    struct Flags : CommonFlags {
      std::string target, element, region = "WORLD", year, top;
      std::vector<std::string> drop;
      bool export_quotas = false;
    };
    auto f = std::make_shared<Flags>();
    dis->add_option("RUN", f->target, "Optional scenario .toml, run folder, or run id (--db)");
    dis->add_option("--element", f->element, "Element: Li, Ni, Co, Mn, graphite (default: all)");
    dis->add_option("--year", f->year, "Year (default: data year, or run years)");
    dis->add_option("--drop", f->drop, "Supplier(s) that drop out (country or ISO3); repeatable");
    dis->add_option("--top", f->top,
                    "Drop the K largest suppliers (default 1; 0 with --export-quotas)");
    dis->add_flag("--export-quotas", f->export_quotas,
                  "Cap each supplier at its annual export quota where "
                  "data/export_restrictions.csv has one for the year (world, without RUN)");
    dis->add_option("--region", f->region,
                    "Run region whose demand and recycling are used (default WORLD: all run "
                    "regions that are not aggregates)");
    dis->add_option("--data-dir", f->data_dir, "Folder with the sourced CSVs (default: data/)");
    dis->add_option("--db", f->db,
                    "SQLite store holding run RUN when RUN is a run id (default: the workspace "
                    "out/urbanmine.db)");
    dis->callback([&ctx, f] {
      ctx.action = [&ctx, f]() -> int {
        engine::DisruptionRequest req;
        req.element = f->element;
        auto year = parse_year(f->year, "--year");
        if (!year) return report_error(ctx, year.error());
        req.year = *year;
        if (!f->top.empty()) {
          int top = 0;
          const auto [ptr, ec] = std::from_chars(f->top.data(), f->top.data() + f->top.size(), top);
          if (ec != std::errc{} || ptr != f->top.data() + f->top.size()) {
            return report_error(ctx, core::Error::invalid_input("'" + f->top + "' is not a number",
                                                                "--top", "e.g. --top 2"));
          }
          req.top = top;
        }
        req.drop = f->drop;
        req.export_quotas = f->export_quotas;
        req.region = f->region;
        engine::CooperationOptions options;
        options.data_dir = f->data_dir;
        auto data = engine::load_cooperation_data(options);
        if (!data) return report_error(ctx, data.error());
        std::optional<engine::RunResults> run;
        if (!f->target.empty()) {
          auto loaded = load_run_target(f->target, f->data_dir, f->db, ctx);
          if (!loaded) return report_error(ctx, loaded.error());
          run = std::move(*loaded);
        }
        auto tables = engine::disruption_for_request(*data, run ? &*run : nullptr, req);
        if (!tables) return report_error(ctx, tables.error());
        return emit(ctx, report::format_records(*tables, record_format(ctx)));
      };
    });
  }

  // ---- policy ----
  auto* policy_cmd = app.add_subcommand("policy", "Policy rules (policy_rules.csv) and checks");
  policy_cmd->require_subcommand(1);
  {
    auto* check = policy_cmd->add_subcommand(
        "check",
        "Check every rule that applies to a region of a run: pass, fail with the gap, or "
        "not_evaluable with the reason. RUN is a scenario .toml (run now; default: the shipped "
        "baseline) or the --out folder of a previous `urbanmine run`.\n"
        "Example: urbanmine policy check examples/global.toml --format csv --output checks.csv");
    struct Flags : CommonFlags {
      std::string target, rules, year;
    };
    auto f = std::make_shared<Flags>();
    check->add_option("RUN", f->target,
                      "Scenario .toml, run output folder, or run id in the --db store");
    check->add_option("--rules", f->rules, "Rules file (default: <data-dir>/policy_rules.csv)");
    check->add_option("--year", f->year, "Check every rule in this year");
    check->add_option("--data-dir", f->data_dir, "Folder with the sourced CSVs (default: data/)");
    check->add_option("--db", f->db,
                      "SQLite store holding run RUN when RUN is a run id (default: the workspace "
                      "out/urbanmine.db)");
    check->callback([&ctx, f] {
      ctx.action = [&ctx, f]() -> int {
        engine::CooperationOptions options;
        options.data_dir = f->data_dir;
        options.rules_path = f->rules;
        auto year = parse_year(f->year, "--year");
        if (!year) return report_error(ctx, year.error());
        options.policy_check_year = *year;
        auto data = engine::load_cooperation_data(options);
        if (!data) return report_error(ctx, data.error());
        auto run = load_run_target(f->target, f->data_dir, f->db, ctx);
        if (!run) return report_error(ctx, run.error());
        const bool flags = !f->rules.empty() || !f->year.empty();
        if (flags || run->find_records(engine::kRecordsPolicyChecks) == nullptr) {
          auto status = engine::add_cooperation_results(*run, *data, options);
          if (!status) return report_error(ctx, status.error());
        }
        const auto* checks = run->find_records(engine::kRecordsPolicyChecks);
        return emit(ctx, report::format_records({*checks}, record_format(ctx)));
      };
    });
  }

  // ---- market ----
  auto* market_cmd = app.add_subcommand("market", "Country opportunities for a recycler");
  market_cmd->require_subcommand(1);
  {
    auto* rank = market_cmd->add_subcommand(
        "rank",
        "Rank the countries of a run for a recycler by feedstock surplus, policy pull, supply-risk "
        "relevance and market growth; every score shows its parts, plus ranks under +/-20% of "
        "each weight. Default weights are equal (an assumption); a scenario's [market] weights and "
        "year apply unless --weights or --year are given (then the flags replace them).\n"
        "Example: urbanmine market rank examples/global.toml --weights "
        "feedstock=0.4,policy=0.3,risk=0.2,growth=0.1 --year 2035");
    struct Flags : CommonFlags {
      std::string target, weights, year;
    };
    auto f = std::make_shared<Flags>();
    rank->add_option("RUN", f->target,
                     "Scenario .toml, run output folder, or run id in the --db store");
    rank->add_option("--weights", f->weights,
                     "feedstock=W,policy=W,risk=W,growth=W (non-negative; scaled to sum 1; "
                     "criteria not named get 0)");
    rank->add_option("--year", f->year, "Ranking year (default: the run's last year)");
    rank->add_option("--data-dir", f->data_dir, "Folder with the sourced CSVs (default: data/)");
    rank->add_option("--db", f->db,
                     "SQLite store holding run RUN when RUN is a run id (default: the workspace "
                     "out/urbanmine.db)");
    rank->callback([&ctx, f] {
      ctx.action = [&ctx, f]() -> int {
        engine::CooperationOptions options;
        options.data_dir = f->data_dir;
        if (!f->weights.empty()) {
          auto w = parse_weights(f->weights);
          if (!w) return report_error(ctx, w.error());
          options.market_weights = *w;
          options.market_weights_are_default = false;
        }
        auto year = parse_year(f->year, "--year");
        if (!year) return report_error(ctx, year.error());
        options.market_year = *year;
        auto data = engine::load_cooperation_data(options);
        if (!data) return report_error(ctx, data.error());
        auto run = load_run_target(f->target, f->data_dir, f->db, ctx);
        if (!run) return report_error(ctx, run.error());
        // A scenario run already holds the ranking with the scenario's [market] settings; the
        // flags, when given, replace them.
        const bool flags = !f->weights.empty() || !f->year.empty();
        if (flags || run->find_records(engine::kRecordsMarketRanking) == nullptr) {
          auto status = engine::add_cooperation_results(*run, *data, options);
          if (!status) return report_error(ctx, status.error());
        }
        std::vector<engine::RecordTable> out;
        for (const auto name : {engine::kRecordsMarketRanking, engine::kRecordsMarketSensitivity}) {
          if (const auto* t = run->find_records(name)) out.push_back(*t);
        }
        if (out.empty()) {
          return report_error(
              ctx, core::Error::not_found("the run has no country regions to rank", f->target));
        }
        return emit(ctx, report::format_records(out, record_format(ctx)));
      };
    });
  }
}

}  // namespace urbanmine::cli
