// SPDX-License-Identifier: Apache-2.0
// `urbanmine plant balance` (mass balance, products, CO2, economics, EU targets of one plant) and
// `urbanmine plant infer` (the feed mix that explains a stated output, or reaches a target at
// least cost). Bad flags and plant files end with exit 3 and a message naming the field.
#include <cmath>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/plant_args.h"
#include "core/units.h"
#include "engine/passport.h"
#include "engine/plant.h"
#include "io/csv.h"
#include "io/files.h"

#include "report/plant_text.h"

namespace urbanmine::cli {
namespace {

// Numbers are taken as text so that "-5" or "abc" become invalid-input errors naming the flag
// (exit 3), not usage errors.
core::Result<std::optional<double>> number_flag(const std::string& text, const std::string& flag) {
  if (text.empty()) return std::optional<double>();
  const auto parsed = io::parse_decimal(text);
  if (!parsed) {
    return core::Error::invalid_input("'" + text + "' is not a plain decimal number", flag,
                                      "write a plain number, e.g. 1000");
  }
  const double v = *parsed;
  if (v < 0.0) {
    return core::Error::invalid_input(text + " is negative", flag, "give zero or more");
  }
  return std::optional<double>(v);
}

struct BalanceFlags {
  std::string plant_file, chemistry, elements, black_mass_composition, route, opex, gate_fee;
  std::vector<std::string> recovery, pretreatment_yield, prices, co2_factors;
  std::string mass_tonnes, capacity_kwh, black_mass_tonnes, price_year, data_dir;
  std::string feed_passports, passport_fragment, feed_origin = "post-consumer", functional_unit_kwh;
};

struct InferFlags {
  std::string route, candidates, opex, gate_fee;
  std::vector<std::string> extra_candidates, recovery;
  std::string output, target, max_feed_tonnes, data_dir;
};

// The balance flags as the engine's typed request (each KEY=VALUE list parsed once, here).
core::Result<engine::PlantRequest> balance_request(const BalanceFlags& b) {
  engine::PlantRequest r;
  r.where = flag_location;
  r.plant_file = b.plant_file;
  r.chemistry = b.chemistry;
  r.route = b.route;
  auto recovery = parse_key_values(b.recovery, "--recovery");
  if (!recovery) return recovery.error();
  r.recovery = std::move(*recovery);
  auto yields = parse_key_values(b.pretreatment_yield, "--pretreatment-yield");
  if (!yields) return yields.error();
  r.pretreatment_yield = std::move(*yields);
  if (!b.elements.empty()) {
    auto elements = parse_key_values({b.elements}, "--elements");
    if (!elements) return elements.error();
    r.element_tonnes = std::move(*elements);
  }
  if (!b.black_mass_composition.empty()) {
    auto composition = parse_key_values({b.black_mass_composition}, "--black-mass-composition");
    if (!composition) return composition.error();
    r.black_mass_composition = std::move(*composition);
  }
  auto prices = parse_key_prices(b.prices, "--price");
  if (!prices) return prices.error();
  r.prices = std::move(*prices);
  auto factors = parse_key_values(b.co2_factors, "--co2-factor");
  if (!factors) return factors.error();
  r.co2_factors = std::move(*factors);
  if (!b.opex.empty()) {
    auto p = parse_price_text(b.opex, "--opex-usd-per-t");
    if (!p) return p.error();
    r.opex = *p;
  }
  if (!b.gate_fee.empty()) {
    auto p = parse_price_text(b.gate_fee, "--gate-fee-usd-per-t");
    if (!p) return p.error();
    r.gate_fee = *p;
  }
  return r;
}

core::Result<engine::PlantInferRequest> infer_request(const InferFlags& f) {
  engine::PlantInferRequest r;
  r.where = flag_location;
  r.target = !f.target.empty();
  const std::string flag = r.target ? "--target" : "--output";
  auto outputs = parse_key_values({r.target ? f.target : f.output}, flag);
  if (!outputs) return outputs.error();
  r.output_tonnes = std::move(*outputs);
  r.route = f.route;
  r.candidates = split_list(f.candidates);
  for (const auto& text : f.extra_candidates) {
    auto c = parse_candidate(text);
    if (!c) return c.error();
    r.extra_candidates.push_back(std::move(*c));
  }
  auto recovery = parse_key_values(f.recovery, "--recovery");
  if (!recovery) return recovery.error();
  r.recovery = std::move(*recovery);
  if (!f.opex.empty()) {
    auto p = parse_price_text(f.opex, "--opex-usd-per-t");
    if (!p) return p.error();
    r.opex = *p;
  }
  if (!f.gate_fee.empty()) {
    auto p = parse_price_text(f.gate_fee, "--gate-fee-usd-per-t");
    if (!p) return p.error();
    r.gate_fee = *p;
  }
  return r;
}

}  // namespace

void register_plant_commands(CLI::App& app, CliContext& ctx) {
  auto* plant = app.add_subcommand(
      "plant",
      "Recycling plant model: mass balance by route, economics, CO2, and inverse feed.\n"
      "Example: urbanmine plant balance --chemistry NMC622 --mass-tonnes 1000 --route "
      "hydrometallurgy");
  plant->require_subcommand(1);

  // plant balance
  auto* balance = plant->add_subcommand(
      "balance",
      "Mass balance, products, reagents, CO2e, economics and EU recovery targets of a plant.\n"
      "Example: urbanmine plant balance --chemistry NMC622 --mass-tonnes 1000 --route "
      "hydrometallurgy --format table\n"
      "Example: urbanmine plant balance --plant examples/plant/hydro_nmc622.toml --format json");
  auto b = std::make_shared<BalanceFlags>();
  balance->add_option("--plant", b->plant_file, "Plant TOML file (docs/plant.md)");
  balance->add_option("--chemistry", b->chemistry,
                      "Cell or pack chemistry, e.g. NMC622, NMC811, NCA, LFP, LMO, LCO");
  balance->add_option("--mass-tonnes", b->mass_tonnes, "Tonnes of cells of --chemistry");
  balance->add_option("--capacity-kwh", b->capacity_kwh, "kWh of packs of --chemistry");
  balance->add_option("--elements", b->elements,
                      "Feed as tonnes per material, e.g. Li=23.2,Ni=117.7,Co=39.4");
  balance->add_option("--black-mass-tonnes", b->black_mass_tonnes, "Tonnes of black mass");
  balance->add_option("--black-mass-composition", b->black_mass_composition,
                      "Black-mass mass fractions, e.g. Li=0.04,Ni=0.2,Co=0.06,graphite=0.4");
  balance->add_option("--route", b->route, "pyrometallurgy, hydrometallurgy (default) or direct");
  balance->add_option("--recovery", b->recovery,
                      "Recovery overrides, e.g. Li=0.9 or cathode_active_material=0.85");
  balance->add_option("--pretreatment-yield", b->pretreatment_yield,
                      "Pretreatment yield overrides, e.g. Li=0.95 (default 1: assumption)");
  balance->add_option("--price", b->prices,
                      "Price overrides in USD per t with price year, e.g. Ni=16814@2024");
  balance->add_option("--price-year", b->price_year,
                      "Use data prices of this year (default 2019, EverBatt Table 14)");
  balance->add_option("--opex-usd-per-t", b->opex,
                      "Operating cost per t of feed with price year, e.g. 500@2019");
  balance->add_option("--gate-fee-usd-per-t", b->gate_fee,
                      "Battery fee paid by the recycler per t of feed (negative: paid to it), "
                      "e.g. -1000@2019");
  balance->add_option("--co2-factor", b->co2_factors,
                      "kg CO2e per unit of a process input, e.g. Electricity=0.12");
  balance->add_option("--data-dir", b->data_dir, "Folder with the data CSVs (default: data/)");
  balance->add_option("--feed-passports", b->feed_passports,
                      "Feed the batteries of a folder (or file) of passports (docs/passport.md)");
  balance->add_option("--passport-fragment", b->passport_fragment,
                      "Write the product's recycled content and Recycling carbon footprint as a "
                      "passport fragment (JSON) to FILE");
  balance->add_option("--feed-origin", b->feed_origin,
                      "Origin of the feed given by flags for --passport-fragment: post-consumer "
                      "(default) or pre-consumer; passports are post-consumer");
  balance->add_option("--functional-unit-kwh", b->functional_unit_kwh,
                      "kWh over the service life for the Recycling footprint (default: kWh fed)");
  balance->callback([&ctx, b] {
    ctx.action = [&ctx, b]() -> int {
      auto mass = number_flag(b->mass_tonnes, "--mass-tonnes");
      if (!mass) return report_error(ctx, mass.error());
      auto kwh = number_flag(b->capacity_kwh, "--capacity-kwh");
      if (!kwh) return report_error(ctx, kwh.error());
      auto bm = number_flag(b->black_mass_tonnes, "--black-mass-tonnes");
      if (!bm) return report_error(ctx, bm.error());
      auto year = number_flag(b->price_year, "--price-year");
      if (!year) return report_error(ctx, year.error());
      auto s = balance_request(*b);
      if (!s) return report_error(ctx, s.error());
      s->mass_tonnes = *mass;
      s->capacity_kwh = *kwh;
      s->black_mass_tonnes = *bm;
      if (*year) {
        auto price_year = core::calendar_year(**year, "--price-year");
        if (!price_year) return report_error(ctx, price_year.error());
        s->price_year = *price_year;
      }
      auto unit_kwh = number_flag(b->functional_unit_kwh, "--functional-unit-kwh");
      if (!unit_kwh) return report_error(ctx, unit_kwh.error());
      auto origin = engine::parse_feed_origin(b->feed_origin);
      if (!origin) return report_error(ctx, origin.error());
      if (!b->feed_passports.empty()) {
        auto read = engine::read_passports(b->feed_passports, b->data_dir);
        if (!read) return report_error(ctx, read.error());
        auto feed = engine::passport_feed(*read);
        if (!feed) return report_error(ctx, feed.error());
        s->extra_feed.push_back(std::move(*feed));
      }
      auto defaults = engine::load_plant_defaults(engine::plant_data_dir(b->data_dir));
      if (!defaults) return report_error(ctx, defaults.error());
      auto outcome = engine::run_plant_balance(*s, *defaults);
      if (!outcome) return report_error(ctx, outcome.error());
      if (!b->passport_fragment.empty()) {
        auto fragment = engine::passport_fragment(*outcome, {*origin, *unit_kwh});
        if (!fragment) return report_error(ctx, fragment.error());
        auto written = io::write_file_atomic(b->passport_fragment, *fragment);
        if (!written) return report_error(ctx, written.error());
      }
      for (const auto& note : outcome->balance.notes) ctx.logger.debug(note);
      switch (ctx.output_format(OutputFormat::kTable)) {
        case OutputFormat::kJson:
          return emit(ctx, report::plant_balance_json(outcome->spec.name, outcome->balance));
        case OutputFormat::kCsv:
          return emit(ctx, report::plant_balance_csv(outcome->spec.name, outcome->balance));
        case OutputFormat::kTable:
          break;
      }
      return emit(ctx, report::plant_balance_table(outcome->spec.name, outcome->balance));
    };
  });

  // plant infer
  auto* infer = plant->add_subcommand(
      "infer",
      "The feed mix that best explains a stated output (--output), or the least-cost feed that "
      "reaches a target (--target), solved as an LP with COIN-OR CLP.\n"
      "Example: urbanmine plant infer --output Co=1500,Ni=2900,Li=1700 --route hydrometallurgy\n"
      "Example: urbanmine plant infer --target Co=1500,Ni=2900 --candidates NMC622,NMC811,LFP "
      "--max-feed-tonnes 80000");
  auto f = std::make_shared<InferFlags>();
  infer->add_option("--output", f->output,
                    "Stated recovered tonnes per element, e.g. Co=1500,Ni=2900,Li=1700");
  infer->add_option("--target", f->target,
                    "Minimum recovered tonnes per element (least-cost mode), e.g. Co=1500");
  infer->add_option("--route", f->route, "pyrometallurgy, hydrometallurgy or direct");
  infer->add_option("--candidates", f->candidates,
                    "Cell chemistries to mix (default: every chemistry with a cell BOM)");
  infer->add_option("--candidate", f->extra_candidates,
                    "Extra feed as black mass LABEL:mass fractions, e.g. "
                    "scrap:Li=0.07,Ni=0.36,Co=0.12,Mn=0.11");
  infer->add_option("--recovery", f->recovery, "Recovery overrides, e.g. Li=0.9");
  infer->add_option("--max-feed-tonnes", f->max_feed_tonnes,
                    "Feed cap for --target (default 50000 t/yr, EverBatt's plant limit)");
  infer->add_option("--opex-usd-per-t", f->opex,
                    "Operating cost per t of feed for --target, e.g. 500@2019");
  infer->add_option("--gate-fee-usd-per-t", f->gate_fee,
                    "Fee per t for every candidate for --target, e.g. 0@2019");
  infer->add_option("--data-dir", f->data_dir, "Folder with the data CSVs (default: data/)");
  infer->callback([&ctx, f] {
    ctx.action = [&ctx, f]() -> int {
      if (f->output.empty() == f->target.empty()) {
        return report_error(
            ctx, core::Error::invalid_input("give exactly one of --output and --target", "--output",
                                            "e.g. --output Co=1500,Ni=2900,Li=1700"));
      }
      auto cap = number_flag(f->max_feed_tonnes, "--max-feed-tonnes");
      if (!cap) return report_error(ctx, cap.error());
      auto s = infer_request(*f);
      if (!s) return report_error(ctx, s.error());
      s->max_feed_tonnes = *cap;
      auto defaults = engine::load_plant_defaults(engine::plant_data_dir(f->data_dir));
      if (!defaults) return report_error(ctx, defaults.error());
      auto result = engine::run_plant_infer(*s, *defaults);
      if (!result) return report_error(ctx, result.error());
      switch (ctx.output_format(OutputFormat::kTable)) {
        case OutputFormat::kJson:
          return emit(ctx, report::plant_infer_json(*result));
        case OutputFormat::kCsv:
          return emit(ctx, report::plant_infer_csv(*result));
        case OutputFormat::kTable:
          break;
      }
      return emit(ctx, report::plant_infer_table(*result));
    };
  });
}

}  // namespace urbanmine::cli
