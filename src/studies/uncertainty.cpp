// SPDX-License-Identifier: Apache-2.0
// Monte Carlo glue between the uncertainty module and the model (uncertainty.h): binding input
// names to ModelInputs fields, draws on copies of the resolved inputs, oneTBB over draws.
#include "studies/uncertainty.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <limits>
#include <mutex>
#include <optional>
#include <sstream>

#include <tbb/blocked_range.h>
#include <tbb/parallel_for.h>
#include <tbb/task_arena.h>

#include "io/data_dir.h"
#include "io/plant_data.h"
#include "io/run_data.h"
#include "io/scenario_toml.h"
#include "io/uncertainty_input.h"

#include "model/passport_fleet.h"
#include "model/run_model.h"
#include "uncertainty/sensitivity.h"

namespace urbanmine::studies {

namespace {

constexpr const char* kAll = "all";
constexpr const char* kTotalRegion = "total";

std::vector<std::string> split_dots(const std::string& name) {
  std::vector<std::string> parts;
  std::string cur;
  for (const char c : name) {
    if (c == '.') {
      parts.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  parts.push_back(cur);
  return parts;
}

std::string num(double v) {
  std::ostringstream os;
  os.precision(10);
  os << v;
  return os.str();
}

template <typename List>
std::optional<std::size_t> find_index(const List& list, const std::string& item) {
  for (std::size_t i = 0; i < list.size(); ++i) {
    if (std::string(list[i]) == item) return i;
  }
  return std::nullopt;
}

enum class TargetKind {
  kVehicleMeanFactor,
  kBatteryMeanFactor,
  kVehicleMeanYears,
  kBatteryMeanYears,
  kVehicleSdYears,
  kBatterySdYears,
  kSecondLifeShare,
  kSecondLifeMeanYears,
  kCollectionFraction,
  kRecovery,
  kPackSizeFactor,
  kIntensityFactor,
  kCapacityFactor,
  kSalesGrowthShift,
  kChemistryShareFactor,
  kScrapRateFactor,
  kTransportCostFactor,
  kReplacementProbability,
  kReplacementMaxAge,
};

// One input bound to the model: what it changes and where (-1 = every item).
struct Target {
  TargetKind kind = TargetKind::kPackSizeFactor;
  long segment = -1;
  long region = -1;
  long route = -1;
  long element = -1;
  long chemistry = -1;
};

constexpr const char* kNameForms =
    "known forms: lifetime.SEG.{vehicle,battery}.{mean_factor,mean_years,sd_years}, "
    "second_life.share, second_life.SEG.share, second_life.lifetime.mean_years, "
    "collection.fraction, collection.REGION.fraction, recovery.ROUTE.ELEMENT, pack_size.factor, "
    "material_intensity.ELEMENT.factor, capacity.factor, sales.growth_shift_per_year, "
    "chemistry.CHEM.share_factor, production_scrap.rate_factor, trade.transport_cost_factor, "
    "replacement.probability, replacement.SEG.probability, replacement.max_vehicle_age_years, "
    "replacement.SEG.max_vehicle_age_years "
    "(SEG a segment code or all)";

core::Result<Target> bind_input(const std::string& name, const std::string& location,
                                const model::ModelInputs& in) {
  const auto p = split_dots(name);
  auto unknown = [&](const std::string& why) {
    return core::Error::invalid_input("unknown uncertain input '" + name + "'" + why, location,
                                      kNameForms);
  };
  auto segment_of = [&](const std::string& code) -> std::optional<long> {
    if (code == kAll) return -1;
    if (const auto i = find_index(in.segments, code)) return static_cast<long>(*i);
    return std::nullopt;
  };
  Target t;
  if (p.size() == 4 && p[0] == "lifetime" && (p[2] == "vehicle" || p[2] == "battery")) {
    const auto s = segment_of(p[1]);
    if (!s) return unknown(": no segment '" + p[1] + "' in this scenario");
    t.segment = *s;
    const bool vehicle = p[2] == "vehicle";
    if (p[3] == "mean_factor") {
      t.kind = vehicle ? TargetKind::kVehicleMeanFactor : TargetKind::kBatteryMeanFactor;
    } else if (p[3] == "mean_years") {
      t.kind = vehicle ? TargetKind::kVehicleMeanYears : TargetKind::kBatteryMeanYears;
    } else if (p[3] == "sd_years") {
      t.kind = vehicle ? TargetKind::kVehicleSdYears : TargetKind::kBatterySdYears;
    } else {
      return unknown("");
    }
    return t;
  }
  if (p.size() == 2 && p[0] == "second_life" && p[1] == "share") {
    t.kind = TargetKind::kSecondLifeShare;
    return t;
  }
  if (p.size() == 3 && p[0] == "second_life" && p[2] == "share") {
    const auto s = segment_of(p[1]);
    if (!s) return unknown(": no segment '" + p[1] + "' in this scenario");
    t.kind = TargetKind::kSecondLifeShare;
    t.segment = *s;
    return t;
  }
  if ((p.size() == 2 || p.size() == 3) && p[0] == "replacement" &&
      (p.back() == "probability" || p.back() == "max_vehicle_age_years")) {
    if (p.size() == 3) {
      const auto s = segment_of(p[1]);
      if (!s) return unknown(": no segment '" + p[1] + "' in this scenario");
      t.segment = *s;
    }
    t.kind = p.back() == "probability" ? TargetKind::kReplacementProbability
                                       : TargetKind::kReplacementMaxAge;
    return t;
  }
  if (name == "second_life.lifetime.mean_years") {
    t.kind = TargetKind::kSecondLifeMeanYears;
    return t;
  }
  if (name == "collection.fraction") {
    t.kind = TargetKind::kCollectionFraction;
    return t;
  }
  if (p.size() == 3 && p[0] == "collection" && p[2] == "fraction") {
    const auto r = find_index(in.regions, p[1]);
    if (!r) return unknown(": '" + p[1] + "' is not a model region of this scenario");
    t.kind = TargetKind::kCollectionFraction;
    t.region = static_cast<long>(*r);
    return t;
  }
  if (p.size() == 3 && p[0] == "recovery") {
    const auto q = find_index(io::kRouteCodes, p[1]);
    const auto e = find_index(results::kElementCodes, p[2]);
    if (!q || !e) return unknown(": route or element code not known");
    t.kind = TargetKind::kRecovery;
    t.route = static_cast<long>(*q);
    t.element = static_cast<long>(*e);
    return t;
  }
  if (name == "pack_size.factor") {
    t.kind = TargetKind::kPackSizeFactor;
    return t;
  }
  if (p.size() == 3 && p[0] == "material_intensity" && p[2] == "factor") {
    const auto e = find_index(results::kElementCodes, p[1]);
    if (!e) return unknown(": no element '" + p[1] + "'");
    t.kind = TargetKind::kIntensityFactor;
    t.element = static_cast<long>(*e);
    return t;
  }
  if (name == "capacity.factor") {
    t.kind = TargetKind::kCapacityFactor;
    return t;
  }
  if (name == "production_scrap.rate_factor") {
    t.kind = TargetKind::kScrapRateFactor;
    return t;
  }
  if (name == "trade.transport_cost_factor") {
    t.kind = TargetKind::kTransportCostFactor;
    return t;
  }
  if (name == "sales.growth_shift_per_year") {
    t.kind = TargetKind::kSalesGrowthShift;
    return t;
  }
  if (p.size() == 3 && p[0] == "chemistry" && p[2] == "share_factor") {
    const auto k = find_index(in.chemistries, p[1]);
    if (!k) return unknown(": no chemistry '" + p[1] + "' in this scenario");
    t.kind = TargetKind::kChemistryShareFactor;
    t.chemistry = static_cast<long>(*k);
    return t;
  }
  return unknown("");
}

bool matches(long wanted, std::size_t i) {
  return wanted < 0 || static_cast<std::size_t>(wanted) == i;
}

core::Error value_error(const std::string& name, double value, const std::string& why) {
  return core::Error::invalid_input(
      "uncertain input '" + name + "' drew " + num(value) + ", " + why, name,
      "bound the distribution (lower/upper) so that every draw is valid");
}

core::Result<void> apply_one(const Target& t, const std::string& name, double v,
                             model::ModelInputs& in) {
  const std::size_t S = in.segments.size();
  const std::size_t R = in.regions.size();
  const std::size_t T = in.years;
  switch (t.kind) {
    case TargetKind::kVehicleMeanFactor:
    case TargetKind::kBatteryMeanFactor:
    case TargetKind::kVehicleMeanYears:
    case TargetKind::kBatteryMeanYears:
    case TargetKind::kVehicleSdYears:
    case TargetKind::kBatterySdYears: {
      if (!(v > 0.0) || !std::isfinite(v)) return value_error(name, v, "a lifetime needs > 0");
      const bool vehicle = t.kind == TargetKind::kVehicleMeanFactor ||
                           t.kind == TargetKind::kVehicleMeanYears ||
                           t.kind == TargetKind::kVehicleSdYears;
      auto& lt = vehicle ? in.vehicle_lifetime : in.battery_lifetime;
      for (std::size_t s = 0; s < S; ++s) {
        if (!matches(t.segment, s)) continue;
        for (auto& cohort : lt[s]) {
          if (t.kind == TargetKind::kVehicleMeanFactor ||
              t.kind == TargetKind::kBatteryMeanFactor) {
            cohort.mean *= v;
            cohort.scale *= v;  // Weibull scale moves with the mean
          } else if (t.kind == TargetKind::kVehicleMeanYears ||
                     t.kind == TargetKind::kBatteryMeanYears) {
            cohort.mean = v;
          } else {
            cohort.std = v;
          }
        }
      }
      return {};
    }
    case TargetKind::kSecondLifeShare:
      if (v < 0.0 || v > 1.0) return value_error(name, v, "a share must lie in 0-1");
      for (std::size_t s = 0; s < S; ++s) {
        if (matches(t.segment, s)) in.second_life_share[s] = v;
      }
      return {};
    case TargetKind::kReplacementProbability:
    case TargetKind::kReplacementMaxAge: {
      const bool probability = t.kind == TargetKind::kReplacementProbability;
      if (probability && (v < 0.0 || v > 1.0)) {
        return value_error(name, v, "a share must lie in 0-1");
      }
      if (!probability && !(v >= 0.0 && v <= 200.0)) {
        return value_error(name, v, "a vehicle age is 0-200 years");
      }
      // Empty rules replace every failed pack: spell that out before setting one segment.
      if (in.replacement_probability.empty()) in.replacement_probability.assign(S, 1.0);
      if (in.replacement_max_vehicle_age_years.empty()) {
        in.replacement_max_vehicle_age_years.assign(S, std::numeric_limits<double>::infinity());
      }
      auto& rule = probability ? in.replacement_probability : in.replacement_max_vehicle_age_years;
      for (std::size_t s = 0; s < S; ++s) {
        if (matches(t.segment, s)) rule[s] = v;
      }
      return {};
    }
    case TargetKind::kSecondLifeMeanYears:
      if (!(v > 0.0)) return value_error(name, v, "a lifetime needs > 0");
      in.second_life_lifetime.mean = v;
      return {};
    case TargetKind::kCollectionFraction:
      if (v < 0.0 || v > 1.0) return value_error(name, v, "a share must lie in 0-1");
      for (std::size_t r = 0; r < R; ++r) {
        if (matches(t.region, r))
          std::fill(in.collection_fraction[r].begin(), in.collection_fraction[r].end(), v);
      }
      return {};
    case TargetKind::kRecovery:
      if (v < 0.0 || v > 1.0) return value_error(name, v, "a share must lie in 0-1");
      in.recovery_fraction[static_cast<std::size_t>(t.route)][static_cast<std::size_t>(t.element)] =
          v;
      return {};
    case TargetKind::kPackSizeFactor:
      if (!(v >= 0.0)) return value_error(name, v, "a factor needs >= 0");
      for (auto& region : in.pack_kwh)
        for (auto& segment : region)
          for (auto& kwh : segment) kwh *= v;
      return {};
    case TargetKind::kIntensityFactor:
      if (!(v >= 0.0)) return value_error(name, v, "a factor needs >= 0");
      for (auto& chem : in.intensity_kg_per_kwh) chem[static_cast<std::size_t>(t.element)] *= v;
      return {};
    case TargetKind::kCapacityFactor:
      if (!(v >= 0.0)) return value_error(name, v, "a factor needs >= 0");
      for (auto& pool : in.pools)
        for (auto& c : pool.capacity_t) c *= v;
      return {};
    case TargetKind::kScrapRateFactor:
      // The scaled rate stays a share of production (at most 0.9, as in the data files).
      if (!(v >= 0.0)) return value_error(name, v, "a factor needs >= 0");
      for (auto& rate : in.production_scrap.scrap_fraction)
        rate = std::min(io::kMaxScrapFraction, rate * v);
      return {};
    case TargetKind::kTransportCostFactor:
      if (!(v >= 0.0)) return value_error(name, v, "a factor needs >= 0");
      for (auto& c : in.trade.cost_usd_per_t) c *= v;
      return {};
    case TargetKind::kSalesGrowthShift: {
      if (!(v > -1.0)) return value_error(name, v, "a growth shift needs > -1");
      for (std::size_t t_idx = 0; t_idx < T; ++t_idx) {
        const int year = in.first_year + static_cast<int>(t_idx);
        // Sales history (data/ev_sales.csv) stays; the shift compounds from its last year.
        if (year <= in.sales_history_last_year) continue;
        const double f = std::pow(1.0 + v, year - in.sales_history_last_year);
        for (auto& region : in.sales_vehicles)
          for (auto& segment : region) segment[t_idx] *= f;
      }
      return {};
    }
    case TargetKind::kChemistryShareFactor: {
      if (!(v >= 0.0)) return value_error(name, v, "a factor needs >= 0");
      const auto k = static_cast<std::size_t>(t.chemistry);
      for (auto& region : in.chemistry_share) {
        for (auto& segment : region) {
          for (std::size_t t_idx = 0; t_idx < T; ++t_idx) {
            // Chemistry shares are data up to the series' last year; the factor applies after.
            if (in.first_year + static_cast<int>(t_idx) <= in.chemistry_history_last_year) {
              continue;
            }
            auto& shares = segment[t_idx];
            const double old = shares[k];
            const double now = std::min(1.0, old * v);
            const double rest_old = 1.0 - old;
            if (rest_old <= 0.0) continue;  // only this chemistry: nothing to rescale
            const double f = (1.0 - now) / rest_old;
            for (std::size_t j = 0; j < shares.size(); ++j) {
              shares[j] = j == k ? now : shares[j] * f;
            }
          }
        }
      }
      return {};
    }
  }
  return {};
}

// Sums `a` onto the kept dimensions (in `a`'s order), writing into out[offset...].
void sum_onto(const core::DimArray& a, const std::vector<std::string>& keep, double* out,
              std::size_t out_size) {
  const auto& dims = a.dims();
  std::vector<std::size_t> out_stride(dims.size(), 0);
  std::size_t stride = 1;
  for (std::size_t d = dims.size(); d-- > 0;) {
    if (std::find(keep.begin(), keep.end(), dims[d].name()) != keep.end()) {
      out_stride[d] = stride;
      stride *= dims[d].size();
    }
  }
  URBANMINE_ASSERT(stride == out_size, "key output layout matches the table");
  std::vector<std::size_t> idx(dims.size(), 0);
  const auto data = a.data();
  for (std::size_t flat = 0; flat < data.size(); ++flat) {
    std::size_t o = 0;
    for (std::size_t d = 0; d < dims.size(); ++d) o += idx[d] * out_stride[d];
    out[o] += data[flat];
    for (std::size_t d = dims.size(); d-- > 0;) {
      if (++idx[d] < dims[d].size()) break;
      idx[d] = 0;
    }
  }
}

struct KeyOutput {
  const char* table;
  const char* value_column;
  std::vector<std::string> keep;
  const char* description;
};

const std::vector<KeyOutput>& key_outputs() {
  static const std::vector<KeyOutput> k = {
      {"new_batteries_kwh",
       "capacity_kwh",
       {"region", "year"},
       "New batteries (sales and replacements), kWh; summed over segment and chemistry"},
      {"use_to_end_of_life_kwh",
       "capacity_kwh",
       {"region", "year"},
       "Batteries reaching end of life, kWh; summed over segment and chemistry"},
      {"end_of_life_t",
       "mass_tonnes",
       {"region", "element", "year"},
       "Element tonnes in waste batteries (after second life)"},
      {"waste_to_collection_t",
       "mass_tonnes",
       {"element", "year"},
       "Element tonnes collected, all regions"},
      {"collection_to_recycling_t",
       "mass_tonnes",
       {"element", "year"},
       "Element tonnes fed to recycling, all regions and routes"},
      {"recycling_to_secondary_metal_t",
       "mass_tonnes",
       {"element", "year"},
       "Element tonnes recovered, all regions and routes"},
      {"material_demand_t",
       "mass_tonnes",
       {"element", "year"},
       "Element tonnes in new batteries, all regions"},
      {"feedstock_surplus_t",
       "mass_tonnes",
       {"region", "year"},
       "Collected battery tonnes minus recycling capacity"},
  };
  return k;
}

constexpr const char* kRecycledShareTable = "recycled_share_of_demand";

std::vector<std::vector<std::string>> cross(const std::vector<std::vector<std::string>>& items) {
  std::vector<std::vector<std::string>> out = {{}};
  for (const auto& dim : items) {
    std::vector<std::vector<std::string>> next;
    for (const auto& prefix : out) {
      for (const auto& item : dim) {
        auto row = prefix;
        row.push_back(item);
        next.push_back(std::move(row));
      }
    }
    out = std::move(next);
  }
  return out;
}

// Fills one draw's key outputs from its results; tables with a region dimension get a last
// region "total" (the sum of the model regions).
core::Result<void> extract(const RunResults& res, const KeyOutputLayout& layout,
                           const model::ModelInputs& base, double* row) {
  std::fill(row, row + layout.cells, 0.0);
  std::size_t offset = 0;
  const std::size_t R = base.regions.size();
  const std::size_t T = base.years;
  const std::size_t E = results::kElementCount;
  double* recovered = nullptr;
  double* demand = nullptr;
  for (std::size_t i = 0; i < key_outputs().size(); ++i) {
    const auto& k = key_outputs()[i];
    const std::size_t size = layout.tables[i].labels.size();
    const ResultTable* t = res.find(k.table);
    if (t == nullptr) return core::Error::internal(std::string("run has no table ") + k.table);
    const bool by_region = k.keep.front() == "region";
    const std::size_t model_size = by_region ? size / (R + 1) * R : size;
    sum_onto(t->values, k.keep, row + offset, model_size);
    if (by_region) {
      const std::size_t per_region = size / (R + 1);
      for (std::size_t r = 0; r < R; ++r) {
        for (std::size_t c = 0; c < per_region; ++c) {
          row[offset + R * per_region + c] += row[offset + r * per_region + c];
        }
      }
    }
    if (std::string(k.table) == "recycling_to_secondary_metal_t") recovered = row + offset;
    if (std::string(k.table) == "material_demand_t") demand = row + offset;
    offset += size;
  }
  for (std::size_t c = 0; c < E * T; ++c) {
    row[offset + c] = demand[c] > 0.0 ? recovered[c] / demand[c] : 0.0;
  }
  return {};
}

std::string input_values_text(const UncertaintyPlan& plan, const std::vector<double>& values) {
  std::string s;
  for (std::size_t i = 0; i < values.size(); ++i) {
    s += (i == 0 ? "" : ", ") + plan.input_names[i] + " = " + num(values[i]);
  }
  return s;
}

}  // namespace

bool is_share_input(const std::string& name) {
  const auto p = split_dots(name);
  if (p.empty()) return false;
  if (p[0] == "second_life" && p.back() == "share") return true;
  if (p[0] == "collection" && p.back() == "fraction") return true;
  if (p[0] == "replacement" && p.back() == "probability") return true;
  return p[0] == "recovery";
}

core::Result<UncertaintyPlan> prepare_uncertainty(const std::string& scenario_path,
                                                  const std::string& data_dir_in) {
  const std::string path = scenario_path.empty() ? io::default_scenario_path() : scenario_path;
  const std::string data_dir = data_dir_in.empty() ? io::default_data_dir() : data_dir_in;
  core::Diagnostics diags;
  io::ScenarioSpec spec = io::read_scenario_file(path, diags);
  if (diags.has_errors()) return diags.to_error();
  const auto u = io::parse_uncertainty_toml(spec.text, path, &is_share_input, diags);
  core::Diagnostics data_diags;
  io::RunData data = io::load_run_data(data_dir, data_diags);
  diags.merge(data_diags);
  if (diags.has_errors()) return diags.to_error();
  UncertaintyPlan plan;
  plan.scenario_path = path;
  plan.base = model::resolve_scenario(spec, data, diags);
  if (diags.has_errors()) return diags.to_error();
  // Passports laid over the cohorts, as in a run (every draw starts from them).
  model::apply_scenario_passport_fleets(spec, data_dir, true, plan.base, diags);
  if (diags.has_errors()) return diags.to_error();
  auto plant_defaults = io::load_plant_defaults(data_dir);
  if (!plant_defaults) return plant_defaults.error();
  plan.base.plant_defaults =
      std::make_shared<const plant::PlantDefaults>(std::move(*plant_defaults));
  plan.scenario_name = plan.base.scenario_name;

  std::vector<uncertainty::UncertainInput> all;
  if (u.use_defaults) {
    const std::string defaults = data_dir + "/uncertainty_defaults.csv";
    all = io::read_uncertainty_defaults(defaults, &is_share_input, diags);
  }
  for (const auto& in : u.inputs) {
    const auto it =
        std::find_if(all.begin(), all.end(), [&](const auto& a) { return a.name == in.name; });
    if (it != all.end()) {
      *it = in;
    } else {
      all.push_back(in);
    }
  }
  for (const auto& in : all) {
    if (auto t = bind_input(in.name, in.location, plan.base); !t) diags.add_error(t.error());
  }
  if (diags.has_errors()) return diags.to_error();
  plan.inputs = std::move(all);
  for (const auto& in : plan.inputs) plan.input_names.push_back(in.name);
  plan.correlations = u.correlations;
  if (auto s = uncertainty::CopulaSampler::create(plan.input_names, plan.correlations); !s) {
    return s.error();
  }
  return plan;
}

core::Result<void> apply_draw(const UncertaintyPlan& plan, const std::vector<double>& values,
                              model::ModelInputs& inputs) {
  for (std::size_t i = 0; i < plan.inputs.size(); ++i) {
    const auto t = bind_input(plan.inputs[i].name, plan.inputs[i].location, plan.base);
    if (!t) return t.error();
    if (auto ok = apply_one(*t, plan.inputs[i].name, values[i], inputs); !ok) return ok.error();
  }
  return {};
}

std::vector<double> draw_values(const UncertaintyPlan& plan,
                                const uncertainty::CopulaSampler& sampler, std::uint64_t seed,
                                std::uint64_t draw) {
  std::vector<double> u;
  sampler.uniforms(seed, draw, u);
  std::vector<double> v(u.size());
  for (std::size_t i = 0; i < u.size(); ++i) {
    const auto& d = plan.inputs[i].distribution;
    v[i] = d.quantile(u[i]);
    if (d.kind == uncertainty::DistributionKind::kChoice) {
      v[i] = std::strtod(d.options[static_cast<std::size_t>(v[i])].c_str(), nullptr);
    }
  }
  return v;
}

KeyOutputLayout key_output_layout(const model::ModelInputs& base) {
  KeyOutputLayout layout;
  std::vector<std::string> regions = base.regions;
  regions.emplace_back(kTotalRegion);
  std::vector<std::string> elements(results::kElementCodes.begin(), results::kElementCodes.end());
  std::vector<std::string> years;
  for (int y = base.first_year; y <= base.last_year; ++y) years.push_back(std::to_string(y));
  auto items_of = [&](const std::string& dim) {
    if (dim == "region") return regions;
    if (dim == "element") return elements;
    return years;
  };
  for (const auto& k : key_outputs()) {
    uncertainty::BandTable t;
    t.name = k.table;
    t.value_column = k.value_column;
    t.description = k.description;
    t.dims = k.keep;
    std::vector<std::vector<std::string>> items;
    for (const auto& d : k.keep) items.push_back(items_of(d));
    t.labels = cross(items);
    layout.cells += t.labels.size();
    layout.tables.push_back(std::move(t));
  }
  uncertainty::BandTable share;
  share.name = kRecycledShareTable;
  share.value_column = "share_fraction";
  share.description = "Recovered tonnes over tonnes in new batteries, all regions";
  share.dims = {"element", "year"};
  share.labels = cross({elements, years});
  layout.cells += share.labels.size();
  layout.tables.push_back(std::move(share));
  return layout;
}

core::Result<DrawBlock> run_draw_block(const UncertaintyPlan& plan, const UncertaintyPlan* compare,
                                       const KeyOutputLayout& layout, const McOptions& options) {
  DrawBlock block;
  block.first_draw = options.first_draw;
  block.draw_count = options.draw_count == 0 ? options.draws : options.draw_count;
  const auto sampler = uncertainty::CopulaSampler::create(plan.input_names, plan.correlations);
  if (!sampler) return sampler.error();
  std::optional<uncertainty::CopulaSampler> compare_sampler;
  if (compare != nullptr) {
    auto s = uncertainty::CopulaSampler::create(compare->input_names, compare->correlations);
    if (!s) return s.error();
    compare_sampler = std::move(*s);
  }
  block.values.assign(block.draw_count * layout.cells, 0.0);
  block.ok.assign(block.draw_count, 0);
  std::mutex failures_mutex;
  std::atomic<bool> stop{false};
  std::atomic<std::size_t> done{0};

  auto one_scenario = [&](const UncertaintyPlan& p, const uncertainty::CopulaSampler& s,
                          std::uint64_t draw,
                          double* row) -> std::optional<uncertainty::DrawFailure> {
    const auto values = draw_values(p, s, options.seed, draw);
    model::ModelInputs copy = p.base;
    if (auto ok = apply_draw(p, values, copy); !ok) {
      // The input that failed is named in the message; find its value for the record.
      uncertainty::DrawFailure f;
      f.draw = draw;
      f.message = ok.error().message;
      for (std::size_t i = 0; i < p.input_names.size(); ++i) {
        if (ok.error().location == p.input_names[i]) {
          f.input = p.input_names[i];
          f.value = values[i];
        }
      }
      return f;
    }
    auto res = model::compute_run(copy, {});
    if (!res) {
      uncertainty::DrawFailure f;
      f.draw = draw;
      f.message =
          "the model failed (" + res.error().message + ") with " + input_values_text(p, values);
      return f;
    }
    if (auto ok = extract(*res, layout, p.base, row); !ok) {
      uncertainty::DrawFailure f;
      f.draw = draw;
      f.message = ok.error().message;
      return f;
    }
    return std::nullopt;
  };

  auto body = [&](const tbb::blocked_range<std::size_t>& range) {
    std::vector<double> other(compare != nullptr ? layout.cells : 0);
    for (std::size_t i = range.begin(); i != range.end(); ++i) {
      if (stop.load(std::memory_order_relaxed)) return;
      const std::uint64_t draw = block.first_draw + i;
      double* row = block.values.data() + i * layout.cells;
      auto failure = one_scenario(plan, *sampler, draw, row);
      if (!failure && compare != nullptr) {
        failure = one_scenario(*compare, *compare_sampler, draw, other.data());
        if (!failure) {
          for (std::size_t c = 0; c < layout.cells; ++c) row[c] = other[c] - row[c];
        }
      }
      if (failure) {
        std::lock_guard<std::mutex> lock(failures_mutex);
        block.failures.push_back(std::move(*failure));
        if (options.on_error == OnError::kStop) stop = true;
      } else {
        block.ok[i] = 1;
      }
      const std::size_t n = ++done;
      if (options.progress) options.progress(n, block.draw_count);
    }
  };
  constexpr std::size_t kGrain = 4;
  const tbb::blocked_range<std::size_t> range(0, block.draw_count, kGrain);
  if (options.threads > 0) {
    tbb::task_arena arena(static_cast<int>(options.threads));
    arena.execute([&] { tbb::parallel_for(range, body); });
  } else {
    tbb::parallel_for(range, body);
  }
  std::sort(block.failures.begin(), block.failures.end(),
            [](const auto& a, const auto& b) { return a.draw < b.draw; });
  if (options.on_error == OnError::kStop && !block.failures.empty()) {
    return draw_failure_error(block.failures.front(), plan.scenario_path);
  }
  return block;
}

core::Error draw_failure_error(const uncertainty::DrawFailure& f,
                               const std::string& scenario_path) {
  return core::Error::invalid_input(
      "draw " + std::to_string(f.draw) + " failed: " + f.message,
      f.input.empty() ? scenario_path : f.input,
      "rerun with --on-error skip to leave failing draws out, or narrow the distribution");
}

uncertainty::McSummary assemble_summary(const UncertaintyPlan& plan, const UncertaintyPlan* compare,
                                        const KeyOutputLayout& layout, const McOptions& options,
                                        std::vector<uncertainty::Summary> cells,
                                        std::size_t draws_ok,
                                        std::vector<uncertainty::DrawFailure> failures) {
  uncertainty::McSummary out;
  out.scenario_name = plan.scenario_name;
  out.scenario_path = plan.scenario_path;
  if (compare != nullptr) out.compare_name = compare->scenario_name;
  out.seed = options.seed;
  out.draws_requested = options.draws;
  out.draws_ok = draws_ok;
  out.inputs = plan.inputs;
  out.correlations = plan.correlations;
  std::sort(failures.begin(), failures.end(),
            [](const auto& a, const auto& b) { return a.draw < b.draw; });
  out.failures = std::move(failures);
  out.tables = layout.tables;
  std::size_t cell = 0;
  for (auto& table : out.tables) {
    table.cells.assign(cells.begin() + static_cast<std::ptrdiff_t>(cell),
                       cells.begin() + static_cast<std::ptrdiff_t>(cell + table.labels.size()));
    cell += table.labels.size();
  }
  return out;
}

uncertainty::McSummary summarize_blocks(const UncertaintyPlan& plan, const UncertaintyPlan* compare,
                                        const KeyOutputLayout& layout,
                                        std::vector<DrawBlock>& blocks, const McOptions& options) {
  std::sort(blocks.begin(), blocks.end(),
            [](const auto& a, const auto& b) { return a.first_draw < b.first_draw; });
  std::size_t ok = 0;
  std::vector<uncertainty::DrawFailure> failures;
  for (const auto& b : blocks) {
    for (const auto flag : b.ok) ok += flag;
    failures.insert(failures.end(), b.failures.begin(), b.failures.end());
  }
  // Cells are independent: summarised in parallel, each exactly as in a single thread.
  std::vector<uncertainty::Summary> cells(layout.cells);
  auto body = [&](const tbb::blocked_range<std::size_t>& range) {
    std::vector<double> column(ok);
    for (std::size_t cell = range.begin(); cell != range.end(); ++cell) {
      std::size_t n = 0;
      for (const auto& b : blocks) {
        for (std::size_t d = 0; d < b.draw_count; ++d) {
          if (b.ok[d] != 0) column[n++] = b.values[d * layout.cells + cell];
        }
      }
      cells[cell] = uncertainty::summarize(std::span<double>(column.data(), n));
    }
  };
  constexpr std::size_t kCellGrain = 64;
  const tbb::blocked_range<std::size_t> range(0, layout.cells, kCellGrain);
  if (options.threads > 0) {
    tbb::task_arena arena(static_cast<int>(options.threads));
    arena.execute([&] { tbb::parallel_for(range, body); });
  } else {
    tbb::parallel_for(range, body);
  }
  return assemble_summary(plan, compare, layout, options, std::move(cells), ok,
                          std::move(failures));
}

namespace {

struct SelectedOutput {
  std::string label;
  std::size_t cell = 0;
};

std::vector<SelectedOutput> sensitivity_outputs(const KeyOutputLayout& layout,
                                                const model::ModelInputs& base) {
  std::vector<SelectedOutput> out;
  std::size_t offset = 0;
  for (const auto& t : layout.tables) {
    for (std::size_t c = 0; c < t.labels.size(); ++c) {
      const auto& l = t.labels[c];
      const std::string& year = l.back();
      if (year != "2030" && year != "2040" && year != "2050") continue;
      bool keep = false;
      if (t.name == "use_to_end_of_life_kwh") keep = l.front() == kTotalRegion;
      if (t.name == "end_of_life_t") {
        keep = l.front() == kTotalRegion && (l[1] == "Li" || l[1] == "Ni" || l[1] == "Co");
      }
      if (t.name == "recycling_to_secondary_metal_t" || t.name == kRecycledShareTable) {
        keep = l[0] == "Li" || l[0] == "Ni" || l[0] == "Co";
      }
      if (!keep) continue;
      std::string label = t.name;
      for (const auto& item : l) label += " " + item;
      out.push_back({label, offset + c});
    }
    offset += t.labels.size();
  }
  (void)base;
  return out;
}

}  // namespace

// Tornado: each input alone at these quantiles of its distribution, the others at their median.
constexpr double kTornadoLow = 0.05;
constexpr double kTornadoHigh = 0.95;

core::Result<uncertainty::SensitivityReport> run_sensitivity(const UncertaintyPlan& plan,
                                                             const SensitivityOptions& options) {
  const bool sobol = options.method == "sobol";
  const bool tornado = options.method == "tornado";
  if (!sobol && !tornado && options.method != "morris") {
    return core::Error::invalid_input("unknown method '" + options.method + "'", "--method",
                                      "use sobol, morris or tornado");
  }
  if (!sobol && !tornado && (options.morris_levels < 2 || options.morris_levels % 2 != 0)) {
    return core::Error::invalid_input("Morris needs an even number of levels >= 2", "--levels");
  }
  const std::size_t k = plan.inputs.size();
  if (k == 0) return core::Error::invalid_input("no uncertain inputs", plan.scenario_path);
  const auto layout = key_output_layout(plan.base);
  const auto outputs = sensitivity_outputs(layout, plan.base);
  uncertainty::SaltelliDesign sd;
  uncertainty::MorrisDesign md;
  std::size_t rows = 0;
  if (sobol) {
    sd = uncertainty::saltelli_design(options.samples, plan.input_names, options.seed);
    rows = sd.rows();
  } else if (tornado) {
    rows = 2 * k + 1;  // every input at its median, then each alone at its P5 and at its P95
  } else {
    md = uncertainty::morris_design(options.samples, plan.input_names, options.morris_levels,
                                    options.seed);
    rows = md.rows();
  }
  // y[o][row]
  std::vector<std::vector<double>> y(outputs.size(), std::vector<double>(rows, 0.0));
  std::mutex mutex;
  std::optional<uncertainty::DrawFailure> first_failure;
  auto body = [&](const tbb::blocked_range<std::size_t>& range) {
    std::vector<double> cells(layout.cells);
    for (std::size_t r = range.begin(); r != range.end(); ++r) {
      std::vector<double> u(k, 0.5);
      if (sobol) {
        const auto row = sd.row(r);
        u.assign(row.begin(), row.end());
      } else if (tornado) {
        if (r > 0) u[(r - 1) / 2] = (r - 1) % 2 == 0 ? kTornadoLow : kTornadoHigh;
      } else {
        const auto row = md.row(r);
        u.assign(row.begin(), row.end());
      }
      std::vector<double> values(k);
      for (std::size_t i = 0; i < k; ++i) {
        const auto& d = plan.inputs[i].distribution;
        values[i] = d.quantile(u[i]);
        if (d.kind == uncertainty::DistributionKind::kChoice) {
          values[i] = std::strtod(d.options[static_cast<std::size_t>(values[i])].c_str(), nullptr);
        }
      }
      model::ModelInputs copy = plan.base;
      std::optional<uncertainty::DrawFailure> failure;
      if (auto ok = apply_draw(plan, values, copy); !ok) {
        failure = uncertainty::DrawFailure{r, ok.error().location, 0.0, ok.error().message};
      } else if (auto res = model::compute_run(copy, {}); !res) {
        failure = uncertainty::DrawFailure{r, "", 0.0,
                                           "the model failed (" + res.error().message + ") with " +
                                               input_values_text(plan, values)};
      } else if (auto ex = extract(*res, layout, plan.base, cells.data()); !ex) {
        failure = uncertainty::DrawFailure{r, "", 0.0, ex.error().message};
      }
      if (failure) {
        std::lock_guard<std::mutex> lock(mutex);
        if (!first_failure || failure->draw < first_failure->draw) first_failure = failure;
        continue;
      }
      for (std::size_t o = 0; o < outputs.size(); ++o) y[o][r] = cells[outputs[o].cell];
    }
  };
  const tbb::blocked_range<std::size_t> range(0, rows, 2);
  if (options.threads > 0) {
    tbb::task_arena arena(static_cast<int>(options.threads));
    arena.execute([&] { tbb::parallel_for(range, body); });
  } else {
    tbb::parallel_for(range, body);
  }
  if (first_failure) {
    return core::Error::invalid_input(
        "design row " + std::to_string(first_failure->draw) + " failed: " + first_failure->message,
        first_failure->input.empty() ? plan.scenario_path : first_failure->input,
        "bound the distribution so that every value is valid");
  }
  uncertainty::SensitivityReport report;
  report.method = options.method;
  report.scenario_name = plan.scenario_name;
  report.seed = options.seed;
  report.samples = options.samples;
  report.model_runs = rows;
  for (std::size_t o = 0; o < outputs.size(); ++o) {
    if (tornado) {
      // first = {swing, output at P5, output at P95}, second = the central output; inputs by
      // decreasing |swing| (the bars of a tornado chart, widest on top).
      const double central = y[o][0];
      std::vector<uncertainty::SensitivityRow> bars;
      for (std::size_t i = 0; i < k; ++i) {
        const double low = y[o][2 * i + 1];
        const double high = y[o][2 * i + 2];
        bars.push_back({outputs[o].label, plan.input_names[i],
                        uncertainty::Interval{high - low, low, high},
                        uncertainty::Interval{central, central, central}, central});
      }
      std::stable_sort(bars.begin(), bars.end(), [](const auto& a, const auto& b) {
        return std::fabs(a.first.estimate) > std::fabs(b.first.estimate);
      });
      report.rows.insert(report.rows.end(), bars.begin(), bars.end());
    } else if (sobol) {
      const auto idx =
          uncertainty::sobol_indices(sd, y[o], options.resamples, options.confidence, options.seed);
      for (std::size_t i = 0; i < k; ++i) {
        report.rows.push_back(
            {outputs[o].label, plan.input_names[i], idx.first[i], idx.total[i], 0.0});
      }
    } else {
      const auto eff = uncertainty::morris_effects(md, y[o], options.resamples, options.confidence,
                                                   options.seed);
      for (std::size_t i = 0; i < k; ++i) {
        uncertainty::Interval sigma{eff[i].sigma, eff[i].sigma, eff[i].sigma};
        report.rows.push_back(
            {outputs[o].label, plan.input_names[i], eff[i].mu_star, sigma, eff[i].mu});
      }
    }
  }
  return report;
}

core::Result<uncertainty::SweepReport> run_sweep(const uncertainty::SweepSpec& sweep,
                                                 const std::string& data_dir, std::size_t threads) {
  uncertainty::SweepReport report;
  report.draws = sweep.draws;
  report.seed = sweep.seed;
  for (const auto& axis : sweep.axes) report.axis_inputs.push_back(axis.input);
  // Every combination of axis values, the last axis fastest.
  std::vector<std::vector<double>> combos = {{}};
  for (const auto& axis : sweep.axes) {
    std::vector<std::vector<double>> next;
    for (const auto& prefix : combos) {
      for (const double v : axis.values) {
        auto c = prefix;
        c.push_back(v);
        next.push_back(std::move(c));
      }
    }
    combos = std::move(next);
  }
  struct Variant {
    std::size_t plan = 0;
    std::vector<double> values;
  };
  std::vector<UncertaintyPlan> plans;
  std::vector<Variant> variants;
  for (const auto& path : sweep.scenarios) {
    auto plan = prepare_uncertainty(path, data_dir);
    if (!plan) return plan.error();
    for (const auto& axis : sweep.axes) {
      if (auto t = bind_input(axis.input, axis.location, plan->base); !t) return t.error();
      for (const double v : axis.values) {
        if (is_share_input(axis.input) && (v < 0.0 || v > 1.0)) {
          return core::Error::invalid_input(
              "axis '" + axis.input + "' value " + num(v) + " is a share outside 0-1",
              axis.location, "use values in 0-1");
        }
      }
    }
    plans.push_back(std::move(*plan));
    for (const auto& c : combos) variants.push_back({plans.size() - 1, c});
  }
  report.variants = variants.size();
  const auto layout = key_output_layout(plans.front().base);
  const auto outputs = sensitivity_outputs(layout, plans.front().base);
  // Each variant: its base inputs with the axis values applied, and its draws without them.
  auto variant_plan = [&](const Variant& v) -> core::Result<UncertaintyPlan> {
    UncertaintyPlan p = plans[v.plan];
    for (std::size_t a = 0; a < sweep.axes.size(); ++a) {
      const auto t = bind_input(sweep.axes[a].input, sweep.axes[a].location, p.base);
      if (auto ok = apply_one(*t, sweep.axes[a].input, v.values[a], p.base); !ok) {
        return ok.error();
      }
    }
    std::vector<uncertainty::UncertainInput> kept;
    for (const auto& in : p.inputs) {
      const bool fixed = std::any_of(sweep.axes.begin(), sweep.axes.end(),
                                     [&](const auto& axis) { return axis.input == in.name; });
      if (!fixed) kept.push_back(in);
    }
    p.inputs = std::move(kept);
    p.input_names.clear();
    for (const auto& in : p.inputs) p.input_names.push_back(in.name);
    std::vector<uncertainty::RankCorrelation> corr;
    for (const auto& c : p.correlations) {
      const auto has = [&](const std::string& n) {
        return std::find(p.input_names.begin(), p.input_names.end(), n) != p.input_names.end();
      };
      if (has(c.first) && has(c.second)) corr.push_back(c);
    }
    p.correlations = std::move(corr);
    return p;
  };
  std::vector<std::vector<uncertainty::Summary>> results(variants.size());
  if (sweep.draws == 0) {
    std::mutex mutex;
    std::optional<core::Error> first_error;
    auto body = [&](const tbb::blocked_range<std::size_t>& range) {
      std::vector<double> cells(layout.cells);
      for (std::size_t i = range.begin(); i != range.end(); ++i) {
        auto p = variant_plan(variants[i]);
        core::Result<RunResults> res =
            p ? model::compute_run(p->base, {}) : core::Result<RunResults>(p.error());
        core::Result<void> ex =
            res ? extract(*res, layout, p->base, cells.data()) : core::Result<void>(res.error());
        if (!ex) {
          std::lock_guard<std::mutex> lock(mutex);
          if (!first_error) first_error = ex.error();
          continue;
        }
        for (const auto& o : outputs) {
          double v = cells[o.cell];
          results[i].push_back(uncertainty::summarize(std::span<double>(&v, 1)));
        }
      }
    };
    const tbb::blocked_range<std::size_t> range(0, variants.size(), 1);
    if (threads > 0) {
      tbb::task_arena arena(static_cast<int>(threads));
      arena.execute([&] { tbb::parallel_for(range, body); });
    } else {
      tbb::parallel_for(range, body);
    }
    if (first_error) return *first_error;
  } else {
    McOptions options;
    options.draws = sweep.draws;
    options.seed = sweep.seed;
    options.threads = threads;
    for (std::size_t i = 0; i < variants.size(); ++i) {
      auto p = variant_plan(variants[i]);
      if (!p) return p.error();
      auto block = run_draw_block(*p, nullptr, layout, options);
      if (!block) return block.error();
      std::vector<DrawBlock> blocks;
      blocks.push_back(std::move(*block));
      const auto summary = summarize_blocks(*p, nullptr, layout, blocks, options);
      std::vector<uncertainty::Summary> flat;
      for (const auto& t : summary.tables) flat.insert(flat.end(), t.cells.begin(), t.cells.end());
      for (const auto& o : outputs) results[i].push_back(flat[o.cell]);
    }
  }
  for (std::size_t i = 0; i < variants.size(); ++i) {
    for (std::size_t o = 0; o < outputs.size(); ++o) {
      report.rows.push_back({i, plans[variants[i].plan].scenario_name, variants[i].values,
                             outputs[o].label, results[i][o]});
    }
  }
  return report;
}

}  // namespace urbanmine::studies
