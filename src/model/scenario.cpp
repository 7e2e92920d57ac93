// SPDX-License-Identifier: Apache-2.0
// Scenario resolution: scenario entries + data defaults -> ModelInputs (see scenario.h for the
// merge rules). Every check that needs the data lives here and reports file and key.
#include "model/scenario.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <sstream>
#include <tuple>

#include "model/feedstock.h"
#include "model/path.h"

namespace urbanmine::model {

namespace {

constexpr double kShareSumTolerance = 1e-6;
// Data series whose shares are off by more than this are an error rather than rounding.
constexpr double kDataShareSumTolerance = 0.01;
constexpr const char* kAll = "all";
constexpr const char* kWorldDataRegion = "World";

std::string fmt(double v) {
  std::ostringstream os;
  os.precision(6);
  os << v;
  return os.str();
}

class Resolver {
 public:
  Resolver(const io::ScenarioSpec& spec, const io::RunData& data, core::Diagnostics& diags,
           ModelInputs& in)
      : spec_(spec), data_(data), diags_(diags), in_(in) {}

  void run() {
    in_.scenario_name = spec_.name.empty() ? spec_.source : spec_.name;
    in_.first_year = spec_.first_year;
    in_.last_year = spec_.last_year;
    if (in_.last_year < in_.first_year) return;  // reported by the parser
    in_.years = static_cast<std::size_t>(in_.last_year - in_.first_year + 1);
    resolve_regions();
    if (in_.regions.empty()) return;
    resolve_segments();
    resolve_chemistries();
    resolve_projection_members();
    resolve_sales();
    resolve_pack_sizes();
    resolve_chemistry_shares();
    resolve_intensities();
    resolve_lifetimes();
    resolve_second_life();
    resolve_replacement();
    resolve_used_exports();
    resolve_collection();
    resolve_capacity();
    resolve_feedstock(spec_, data_, in_, diags_);
    resolve_recovery();
    resolve_demand_checks();
    add_data_assumptions();
  }

 private:
  // Data files whose rows are defaults a scenario can replace: their notes are the run's
  // assumptions only where a row was used (a scenario's own collection fractions, growth rates
  // or capacity make the data's notes about them untrue for this run).
  static bool replaceable_default(const std::string& file) {
    return file == "collection_rate_assumptions.csv" || file == "sales_growth_assumptions.csv" ||
           file == "recycling_capacity_assumptions.csv";
  }

  // The data files' assumption notes, first in the list, each once; then the scenario's own
  // growth rates where they set sales (after the projection targets).
  void add_data_assumptions() {
    std::string growth;
    for (const auto& g : spec_.growth) {
      if (used_spec_growth_.count(g.location) == 0) continue;
      growth += std::string(growth.empty() ? "" : "; ") + g.region + "/" + g.segment + " " +
                std::to_string(g.from_year) + "-" + std::to_string(g.to_year) + " " +
                fmt(g.growth_rate_per_year * 100.0) + " %/yr";
    }
    if (!growth.empty()) {
      in_.assumptions.insert(in_.assumptions.begin(),
                             "sales after the projection targets grow at the scenario's "
                             "[[sales.growth]] rates (region/segment, years, rate): " +
                                 growth);
    }
    std::vector<std::string> notes;
    for (const auto& a : data_.assumptions) {
      if (replaceable_default(a.file) && used_data_rows_.count(a.location) == 0) continue;
      notes.push_back(a.file + " (" + a.subject + "): " + a.text +
                      (a.source.empty() ? "" : " [source: " + a.source + "]"));
    }
    in_.assumptions.insert(in_.assumptions.begin(), notes.begin(), notes.end());
  }

  void error(const std::string& location, std::string message, std::string hint) {
    diags_.add_error(core::Error::invalid_input(std::move(message), location, std::move(hint)));
  }
  void warning(const std::string& location, std::string message, std::string hint) {
    diags_.add_warning(core::Error::invalid_input(std::move(message), location, std::move(hint)));
  }
  int year_at(std::size_t t) const { return in_.first_year + static_cast<int>(t); }

  const io::RegionRecord* region(const std::string& code) const {
    for (const auto& r : data_.regions) {
      if (r.code == code) return &r;
    }
    return nullptr;
  }

  static bool contains(const io::RegionRecord& aggregate, const io::RegionRecord& leaf) {
    const auto& am = aggregate.members;
    if (am.size() == 1 && am[0] == "*") return true;
    if (leaf.members.size() == 1 && leaf.members[0] == "*") return false;
    return std::all_of(leaf.members.begin(), leaf.members.end(), [&](const std::string& m) {
      return std::find(am.begin(), am.end(), m) != am.end();
    });
  }

  // The model regions (indices into in_.regions) a region code covers, and how specific the code
  // is (2 = one model region, 1 = an aggregate, 0 = "all"). Unknown codes are reported.
  std::optional<std::vector<std::size_t>> scope(const std::string& code,
                                                const std::string& location, int* rank,
                                                const char* what) {
    std::vector<std::size_t> out;
    if (code == kAll) {
      if (rank != nullptr) *rank = 0;
      for (std::size_t i = 0; i < in_.regions.size(); ++i) out.push_back(i);
      return out;
    }
    const io::RegionRecord* rec = region(code);
    if (rec == nullptr) {
      error(location, std::string("unknown region '") + code + "' in " + what,
            "use \"all\", a model region code (e.g. KOR, CHN, EU27_OTHER) or an aggregate "
            "(EU27, EUROPE, NORTH_AMERICA, WORLD) from data/regions.csv");
      return std::nullopt;
    }
    if (rec->kind != "aggregate") {
      if (rank != nullptr) *rank = 2;
      for (std::size_t i = 0; i < in_.regions.size(); ++i) {
        if (in_.regions[i] == code) out.push_back(i);
      }
      return out;
    }
    if (rank != nullptr) *rank = 1;
    for (std::size_t i = 0; i < in_.regions.size(); ++i) {
      if (contains(*rec, *leaf_records_[i])) out.push_back(i);
    }
    return out;
  }

  std::optional<std::size_t> segment_index(const std::string& code, const std::string& location) {
    for (std::size_t s = 0; s < in_.segments.size(); ++s) {
      if (in_.segments[s] == code) return s;
    }
    std::string list;
    for (const auto& s : in_.segments) list += (list.empty() ? "" : ", ") + s;
    error(location, "unknown segment '" + code + "'", "use one of: " + list);
    return std::nullopt;
  }

  void resolve_regions() {
    std::vector<const io::RegionRecord*> leaves;
    for (const auto& r : data_.regions) {
      if (r.kind != "aggregate") leaves.push_back(&r);
    }
    std::set<std::string> chosen;
    for (const auto& code : spec_.regions) {
      if (code == kAll) {
        for (const auto* l : leaves) chosen.insert(l->code);
        continue;
      }
      const io::RegionRecord* rec = region(code);
      if (rec == nullptr) {
        error(spec_.regions_location.empty() ? spec_.source : spec_.regions_location,
              "unknown region '" + code + "' in scenario.regions",
              "use \"all\", a code of data/regions.csv (ISO3 such as KOR, or EU27, EUROPE, "
              "WORLD)");
        continue;
      }
      if (rec->kind != "aggregate") {
        chosen.insert(code);
      } else {
        for (const auto* l : leaves) {
          if (contains(*rec, *l)) chosen.insert(l->code);
        }
      }
    }
    if (chosen.empty() && !diags_.has_errors()) {
      error(spec_.regions_location.empty() ? spec_.source : spec_.regions_location,
            "the scenario selects no model region", "list region codes or \"all\"");
    }
    for (const auto* l : leaves) {
      if (chosen.count(l->code) == 0) continue;
      in_.regions.push_back(l->code);
      in_.region_names.push_back(l->name);
      leaf_records_.push_back(l);
      std::vector<std::string> aggs;
      for (const auto& a : data_.regions) {
        if (a.kind == "aggregate" && contains(a, *l)) aggs.push_back(a.code);
      }
      in_.region_aggregates.push_back(std::move(aggs));
    }
    for (const auto& a : data_.regions) {
      if (a.kind != "aggregate") continue;
      const bool complete = std::all_of(leaves.begin(), leaves.end(), [&](const auto* l) {
        return !contains(a, *l) || chosen.count(l->code) != 0;
      });
      if (complete) in_.complete_aggregates.push_back(a.code);
    }
  }

  void resolve_segments() {
    for (const auto& s : data_.segments) in_.segments.push_back(s.segment);
  }

  void resolve_chemistries() {
    std::set<std::string> known;
    for (const auto& r : data_.intensities) known.insert(r.chemistry);
    std::set<std::string> used;
    for (const auto& r : data_.chemistry_shares) used.insert(r.chemistry);
    for (const auto& c : spec_.chemistry_shares) {
      for (const auto& [chem, share] : c.shares) {
        if (known.count(chem) == 0) {
          error(c.location, "unknown chemistry '" + chem + "'",
                "use a chemistry of data/material_intensity.csv (e.g. NMC811, LFP, NCA, SIB) or "
                "add its intensity with [material_intensity_kg_per_kwh." +
                    chem + "]");
          continue;
        }
        used.insert(chem);
      }
    }
    // Keep material_intensity.csv order for stable output.
    for (const auto& r : data_.intensities) {
      if (used.count(r.chemistry) != 0 && std::find(in_.chemistries.begin(), in_.chemistries.end(),
                                                    r.chemistry) == in_.chemistries.end()) {
        in_.chemistries.push_back(r.chemistry);
      }
    }
  }

  // --- sales -------------------------------------------------------------------------------

  // Growth rate for (region, segment, year) from scenario entries, else from data defaults.
  std::optional<double> growth_rate(std::size_t r, std::size_t s, int year) {
    auto pick = [&](const auto& entries, bool from_spec) -> std::optional<double> {
      int best_rank = -1;
      std::optional<double> best;
      const std::string* best_location = nullptr;
      for (const auto& g : entries) {
        if (year < g.from_year || year > g.to_year) continue;
        if (g.segment != kAll && g.segment != in_.segments[s]) continue;
        int rank = 0;
        auto sc = scope_cached(g.region, g.location, &rank, from_spec);
        if (!sc || std::find(sc->begin(), sc->end(), r) == sc->end()) continue;
        const int total = rank * 2 + (g.segment == kAll ? 0 : 1);
        if (total >= best_rank) {
          best_rank = total;
          best = g.growth_rate_per_year;
          best_location = &g.location;
        }
      }
      if (best_location != nullptr) {
        (from_spec ? used_spec_growth_ : used_data_rows_).insert(*best_location);
      }
      return best;
    };
    if (auto v = pick(spec_.growth, true)) return v;
    return pick(data_.growth, false);
  }

  // scope() without repeating the same error for every (region, segment, year).
  std::optional<std::vector<std::size_t>> scope_cached(const std::string& code,
                                                       const std::string& location, int* rank,
                                                       bool /*from_spec*/) {
    const std::string key = code + "\n" + location;
    auto it = scope_cache_.find(key);
    if (it == scope_cache_.end()) {
      int rk = 0;
      auto sc = scope(code, location, &rk, "a region entry");
      it = scope_cache_.emplace(key, std::make_pair(sc, rk)).first;
    }
    if (rank != nullptr) *rank = it->second.second;
    return it->second.first;
  }

  // The model regions of data/regions.csv (countries and residuals, every one, not only the
  // run's) in each projection region of projection_regions.csv; "*" takes the rest. Computed
  // once (resolve_projection_members); a model region in two projection regions is an error.
  void resolve_projection_members() {
    std::map<std::string, std::string> taken;  // model region -> projection region
    std::string star;
    for (const auto& p : data_.projection_regions) {
      auto& list = projection_members_[p.name];
      for (const auto& m : p.members) {
        if (m == "*") {
          star = p.name;
          continue;
        }
        const io::RegionRecord* agg = region(m);
        if (agg == nullptr) continue;  // reported by the loader
        for (const auto& rec : data_.regions) {
          if (rec.kind == "aggregate") continue;
          if (rec.code != m && !(agg->kind == "aggregate" && contains(*agg, rec))) continue;
          if (auto [it, fresh] = taken.emplace(rec.code, p.name); !fresh) {
            error(p.location,
                  "model region " + rec.code + " is in projection regions " + it->second + " and " +
                      p.name,
                  "list each model region in one row of projection_regions.csv");
            continue;
          }
          list.push_back(&rec);
        }
      }
    }
    if (!star.empty()) {
      for (const auto& rec : data_.regions) {
        if (rec.kind != "aggregate" && taken.count(rec.code) == 0) {
          projection_members_[star].push_back(&rec);
        }
      }
    }
  }

  // Sales targets from IEA's projection (ev_sales_steps.csv) for every run region and segment: a
  // projection region's figure split among its model regions by their share of its last history
  // year's sales of the segment (of all its EV sales where the segment sold nothing then).
  //
  // Every model region's share (run or not) is kept in steps_sales_ for the pack-size path; the
  // targets, assumption and warnings only matter when the scenario projects with IEA STEPS.
  template <typename SalesOf>
  std::map<std::pair<std::size_t, std::size_t>, Path> projection_targets(const SalesOf& sales_of,
                                                                         int h_last, bool use) {
    std::map<std::pair<std::size_t, std::size_t>, Path> out;
    const std::size_t S = in_.segments.size();
    // Totals by projection region, segment and year.
    std::map<std::tuple<std::string, std::size_t, int>, double> total;
    for (const auto& row : data_.sales_projection) {
      for (std::size_t s = 0; s < S; ++s) {
        const auto& seg = data_.segments[s];
        if (seg.vehicle_mode != row.vehicle_mode) continue;
        if (std::find(seg.powertrains.begin(), seg.powertrains.end(), row.powertrain) ==
            seg.powertrains.end()) {
          continue;
        }
        total[{row.region, s, row.year}] += row.sales_vehicles;
      }
    }
    if (total.empty()) return out;
    auto last_sales = [&](const io::RegionRecord& rec, std::size_t s) {
      double v = sales_of(rec.sales_source, data_.segments[s], h_last);
      for (const auto& minus : rec.sales_minus) v -= sales_of(minus, data_.segments[s], h_last);
      return std::max(0.0, v);
    };
    const auto& members = projection_members_;
    int last_year = 0;
    std::set<std::string> split_groups;
    for (const auto& [key, vehicles] : total) {
      const auto& [group, s, year] = key;
      auto mit = members.find(group);
      if (mit == members.end() || mit->second.empty()) continue;
      const auto& list = mit->second;
      std::vector<double> weight(list.size(), 0.0);
      double sum = 0.0;
      for (std::size_t i = 0; i < list.size(); ++i) sum += weight[i] = last_sales(*list[i], s);
      if (sum <= 0.0) {  // the segment sold nothing in the group: all EV sales
        for (std::size_t i = 0; i < list.size(); ++i) {
          weight[i] = 0.0;
          for (std::size_t j = 0; j < S; ++j) weight[i] += last_sales(*list[i], j);
          sum += weight[i];
        }
      }
      if (list.size() > 1) split_groups.insert(group);
      for (std::size_t i = 0; i < list.size(); ++i) {
        const double share = sum > 0.0 ? weight[i] / sum : 1.0 / static_cast<double>(list.size());
        steps_sales_[{list[i]->code, s, year}] = vehicles * share;
        for (std::size_t r = 0; r < in_.regions.size(); ++r) {
          if (in_.regions[r] == list[i]->code) out[{r, s}].set(year, vehicles * share);
        }
      }
      last_year = std::max(last_year, year);
    }
    if (!use) return {};
    std::string groups;
    for (const auto& g : split_groups) groups += (groups.empty() ? "" : ", ") + g;
    in_.assumptions.push_back(
        "ev_sales_steps.csv: sales follow IEA's Stated Policies Scenario (Global EV Outlook 2025) "
        "to " +
        std::to_string(last_year) + ", linear from the " + std::to_string(h_last) + " data; " +
        groups + " are split among their model regions by each one's " + std::to_string(h_last) +
        " share of the segment's sales (projection_regions.csv); after " +
        std::to_string(last_year) +
        " the growth rates apply ([sales] projection = \"growth\" "
        "projects with growth rates only)");
    for (const auto& g : spec_.growth) {
      if (g.from_year <= last_year) {
        warning(g.location,
                "this growth entry starts in " + std::to_string(g.from_year) +
                    ", inside the IEA STEPS path (to " + std::to_string(last_year) +
                    "); it applies only after " + std::to_string(last_year) +
                    " where no sales target is set",
                "start it in " + std::to_string(last_year + 1) +
                    " or later, or set [sales] projection = \"growth\" to project with growth "
                    "rates from " +
                    std::to_string(h_last + 1));
      }
    }
    return out;
  }

  void resolve_sales() {
    const std::size_t T = in_.years;
    const std::size_t R = in_.regions.size();
    const std::size_t S = in_.segments.size();
    for (const auto& g : spec_.growth) {
      if (g.segment != kAll) segment_index(g.segment, g.location);
      scope_cached(g.region, g.location, nullptr, true);
    }
    for (const auto& g : data_.growth) {
      if (g.segment != kAll) segment_index(g.segment, g.location);
      scope_cached(g.region, g.location, nullptr, false);
    }
    in_.sales_vehicles.assign(R, std::vector<std::vector<double>>(S, std::vector<double>(T, 0.0)));
    const int h_first = data_.sales_first_year;
    const int h_last = data_.sales_last_year;
    in_.sales_history_last_year = h_last;
    if (data_.sales.empty()) return;
    if (in_.first_year > h_first) {
      warning(spec_.years_location.empty() ? spec_.source : spec_.years_location,
              "first_year " + std::to_string(in_.first_year) + " drops sales history from " +
                  std::to_string(h_first) + "; batteries sold before " +
                  std::to_string(in_.first_year) + " are not in the stock",
              "start the scenario in " + std::to_string(h_first) + " or earlier");
    }
    // History by IEA name, mode, powertrain, year.
    std::map<std::tuple<std::string, std::string, std::string, int>, double> hist;
    for (const auto& row : data_.sales) {
      hist[{row.region, row.vehicle_mode, row.powertrain, row.year}] += row.sales_vehicles;
    }
    auto sales_of = [&](const std::string& name, const io::SegmentRecord& seg, int year) {
      double v = 0.0;
      for (const auto& pt : seg.powertrains) {
        auto it = hist.find({name, seg.vehicle_mode, pt, year});
        if (it != hist.end()) v += it->second;
      }
      return v;
    };
    int clamped = 0;
    std::vector<std::vector<std::vector<double>>> history(
        R, std::vector<std::vector<double>>(
               S, std::vector<double>(static_cast<std::size_t>(h_last - h_first + 1), 0.0)));
    for (std::size_t r = 0; r < R; ++r) {
      const auto* rec = leaf_records_[r];
      for (std::size_t s = 0; s < S; ++s) {
        const auto& seg = data_.segments[s];
        for (int y = h_first; y <= h_last; ++y) {
          double v = sales_of(rec->sales_source, seg, y);
          for (const auto& minus : rec->sales_minus) v -= sales_of(minus, seg, y);
          if (v < 0.0) {
            ++clamped;
            v = 0.0;
          }
          history[r][s][static_cast<std::size_t>(y - h_first)] = v;
        }
      }
    }
    if (clamped > 0) {
      in_.assumptions.push_back(
          "ev_sales.csv: " + std::to_string(clamped) +
          " residual region-segment-year sales came out negative (IEA rounds large markets) "
          "and were set to zero");
    }
    // Targets by (region, segment).
    std::map<std::pair<std::size_t, std::size_t>, Path> targets;
    for (const auto& tg : spec_.targets) {
      const io::RegionRecord* rec = region(tg.region);
      auto seg = segment_index(tg.segment, tg.location);
      if (rec == nullptr) {
        error(tg.location, "unknown region '" + tg.region + "' in sales.target",
              "use a model region code of data/regions.csv (e.g. CHN, KOR)");
        continue;
      }
      if (rec->kind == "aggregate") {
        error(tg.location,
              "sales targets need a model region, not the aggregate '" + tg.region + "'",
              "give one target per member region (e.g. DEU, FRA, EU27_OTHER)");
        continue;
      }
      if (tg.year <= h_last) {
        error(tg.location,
              "target year " + std::to_string(tg.year) + " is inside the sales history (to " +
                  std::to_string(h_last) + ")",
              "targets are for projection years after " + std::to_string(h_last));
        continue;
      }
      if (!seg) continue;
      for (std::size_t r = 0; r < R; ++r) {
        if (in_.regions[r] == tg.region) targets[{r, *seg}].set(tg.year, tg.sales_vehicles);
      }
    }
    // IEA STEPS targets from data, for every (region, segment) without a scenario target.
    const std::map<std::pair<std::size_t, std::size_t>, Path> data_targets =
        projection_targets(sales_of, h_last, spec_.sales_projection == "iea_steps");
    bool warned_flat = false;
    for (std::size_t r = 0; r < R; ++r) {
      for (std::size_t s = 0; s < S; ++s) {
        auto& out = in_.sales_vehicles[r][s];
        const auto& h = history[r][s];
        // History years.
        for (std::size_t t = 0; t < T; ++t) {
          const int y = year_at(t);
          if (y >= h_first && y <= h_last) out[t] = h[static_cast<std::size_t>(y - h_first)];
        }
        // Backcast.
        if (spec_.backcast_growth) {
          double v = h.front();
          for (int y = h_first - 1; y >= in_.first_year; --y) {
            v /= (1.0 + *spec_.backcast_growth);
            if (y <= in_.last_year) out[static_cast<std::size_t>(y - in_.first_year)] = v;
          }
        }
        // Projection.
        // A scenario target replaces the data's for its region and segment.
        const Path* found = nullptr;
        if (auto it = targets.find({r, s}); it != targets.end()) {
          found = &it->second;
        } else if (auto dit = data_targets.find({r, s}); dit != data_targets.end()) {
          found = &dit->second;
        }
        Path path;
        int last_target = h_last;
        if (found != nullptr) {
          path = *found;
          path.set(h_last, h.back());
          last_target = path.points().rbegin()->first;
        }
        double v = h.back();
        for (int y = h_last + 1; y <= in_.last_year; ++y) {
          if (y <= last_target) {
            v = path.at(y);
          } else {
            auto g = growth_rate(r, s, y);
            if (!g) {
              if (!warned_flat) {
                warning(
                    spec_.source,
                    "no sales growth rate covers " + std::to_string(y) +
                        "; sales are held flat from there",
                    "add a [[sales.growth]] entry for the years after " + std::to_string(y - 1));
                warned_flat = true;
              }
              g = 0.0;
            }
            v *= (1.0 + *g);
          }
          if (y >= in_.first_year) out[static_cast<std::size_t>(y - in_.first_year)] = v;
        }
      }
    }
  }

  // --- pack sizes ----------------------------------------------------------------------------

  void resolve_pack_sizes() {
    const std::size_t T = in_.years;
    const std::size_t R = in_.regions.size();
    const std::size_t S = in_.segments.size();
    in_.pack_kwh.assign(R, std::vector<std::vector<double>>(S, std::vector<double>(T, 0.0)));
    // Scenario entries, checked once.
    struct Entry {
      std::vector<std::size_t> regions;
      int rank = 0;
      std::size_t segment = 0;
      int year = 0;
      double kwh = 0.0;
    };
    std::vector<Entry> entries;
    for (const auto& p : spec_.pack_sizes) {
      int rank = 0;
      auto sc = scope(p.region, p.location, &rank, "pack_size");
      auto seg = segment_index(p.segment, p.location + ".segment");
      if (!sc || !seg) continue;
      entries.push_back(Entry{*sc, rank, *seg, p.year, p.kwh_per_vehicle});
    }
    std::stable_sort(entries.begin(), entries.end(),
                     [](const Entry& a, const Entry& b) { return a.rank < b.rank; });
    std::map<std::string, std::set<std::string>> fallbacks;  // region -> segments using World
    const auto factors = pack_size_factors();
    std::map<std::string, std::string> group_of;  // model region -> projection region
    for (const auto& [group, list] : projection_members_) {
      for (const auto* rec : list) group_of[rec->code] = group;
    }
    for (std::size_t r = 0; r < R; ++r) {
      const std::string& data_region = leaf_records_[r]->pack_size_region;
      for (std::size_t s = 0; s < S; ++s) {
        const auto& seg = data_.segments[s];
        bool fallback = false;
        Path path = data_pack_path(*leaf_records_[r], s, &fallback);
        if (fallback) fallbacks[in_.regions[r]].insert(seg.segment);
        if (path.empty()) {
          error(data_.data_dir + "/segments.csv",
                "no pack size in pack_size.csv for segment '" + seg.segment + "' (region '" +
                    data_region + "' or World)",
                "add rows to pack_size.csv or change pack_size_segments in segments.csv");
          continue;
        }
        // IEA STEPS: the last data year's size, held to the sales history's end, times the
        // group's factor in each projection year.
        const auto last = *path.points().rbegin();
        const int anchor = std::max(last.first, data_.sales_last_year);
        if (auto g = group_of.find(in_.regions[r]); g != group_of.end()) {
          for (const auto& [key, f] : factors) {
            const auto& [group, mode, year] = key;
            if (group == g->second && mode == seg.vehicle_mode && year > anchor) {
              path.set(anchor, last.second);
              path.set(year, last.second * f);
            }
          }
        }
        for (const auto& e : entries) {
          if (e.segment == s &&
              std::find(e.regions.begin(), e.regions.end(), r) != e.regions.end()) {
            path.set(e.year, e.kwh);
          }
        }
        for (std::size_t t = 0; t < T; ++t) in_.pack_kwh[r][s][t] = path.at(year_at(t));
      }
    }
    for (const auto& [code, segs] : fallbacks) {
      std::string list;
      for (const auto& s : segs) list += (list.empty() ? "" : ", ") + s;
      in_.assumptions.push_back("pack_size.csv: " + code + " has no own pack-size series for " +
                                list +
                                "; the World series is used (data/regions.csv, segments.csv)");
    }
    if (factors.empty()) {
      in_.assumptions.push_back(
          "pack_size.csv: pack sizes are interpolated linearly between data years and held at "
          "the first and last data year outside them (2024 values from 2025 on) unless the "
          "scenario sets [[pack_size]] points");
    } else {
      std::string list;
      for (const auto& [key, f] : factors) {
        const auto& [group, mode, year] = key;
        list += (list.empty() ? "" : ", ") + group + " " + mode + " " + std::to_string(year) +
                " x" + fmt(f);
      }
      in_.assumptions.push_back(
          "pack_size.csv, battery_demand_steps.csv: pack sizes follow the data to its last year, "
          "then move linearly to the last data year's size times a factor per IEA region and "
          "vehicle mode that makes new-vehicle battery demand at IEA's STEPS sales equal IEA's "
          "STEPS battery demand, and hold after ([pack_size_path] projection = \"hold\" keeps "
          "the last data year's sizes; [[pack_size]] points override): " +
          list);
    }
  }

  // A model region's pack-size path of pack_size.csv for segment s: its own series (by the
  // region's pack_size_region and the segment's labels in order), else the World series
  // (`fallback` set). Empty when neither has rows.
  Path data_pack_path(const io::RegionRecord& rec, std::size_t s, bool* fallback) const {
    const auto& seg = data_.segments[s];
    Path path;
    for (const std::string& where : {rec.pack_size_region, std::string(kWorldDataRegion)}) {
      for (const auto& label : seg.pack_size_segments) {
        for (const auto& row : data_.pack_sizes) {
          if (row.region == where && row.segment == label &&
              row.powertrain == seg.pack_size_powertrain) {
            path.set(row.year, row.kwh_per_vehicle);
          }
        }
        if (!path.empty()) break;
      }
      if (!path.empty()) {
        *fallback = where != rec.pack_size_region;
        break;
      }
    }
    return path;
  }

  // Pack-size factors by (IEA projection region, vehicle mode, year): IEA's STEPS battery demand
  // over the new-vehicle demand of IEA's STEPS sales (split among model regions, steps_sales_) at
  // each model region's last data-year pack size. Empty under [pack_size_path] projection =
  // "hold" or without the data.
  std::map<std::tuple<std::string, std::string, int>, double> pack_size_factors() const {
    std::map<std::tuple<std::string, std::string, int>, double> out;
    if (spec_.pack_size_projection != "iea_steps") return out;
    const auto& members = projection_members_;
    for (const auto& row : data_.demand_projection) {
      auto mit = members.find(row.region);
      if (mit == members.end()) continue;
      double kwh = 0.0;
      for (const auto* rec : mit->second) {
        for (std::size_t s = 0; s < data_.segments.size(); ++s) {
          if (data_.segments[s].vehicle_mode != row.vehicle_mode) continue;
          auto sit = steps_sales_.find({rec->code, s, row.year});
          if (sit == steps_sales_.end()) continue;
          bool fallback = false;
          const Path path = data_pack_path(*rec, s, &fallback);
          if (!path.empty()) kwh += sit->second * path.points().rbegin()->second;
        }
      }
      if (kwh > 0.0) {
        out[{row.region, row.vehicle_mode, row.year}] = row.battery_demand_gwh * 1e6 / kwh;
      }
    }
    return out;
  }

  // --- chemistry shares ----------------------------------------------------------------------

  // A segment rule of chemistry_segment_share.csv at one year: groups of chemistries and the
  // share of new kWh each group takes; the chemistries in no group share the rest.
  struct ChemistryGroup {
    std::vector<std::size_t> members;
    double share = 0.0;
  };
  using ChemistryRule = std::vector<ChemistryGroup>;

  // The rule at `year`: linear between rule years whose groups hold the same chemistries, else
  // the rule of the latest year before (the earliest when none is before).
  static ChemistryRule rule_at(const std::map<int, ChemistryRule>& points, int year) {
    auto hi = points.lower_bound(year);
    if (hi == points.end()) return std::prev(hi)->second;
    if (hi->first == year || hi == points.begin()) return hi->second;
    auto lo = std::prev(hi);
    if (lo->second.size() != hi->second.size()) return lo->second;
    ChemistryRule out = lo->second;
    const double w =
        static_cast<double>(year - lo->first) / static_cast<double>(hi->first - lo->first);
    for (std::size_t g = 0; g < out.size(); ++g) {
      if (out[g].members != hi->second[g].members) return lo->second;
      out[g].share = lo->second[g].share + w * (hi->second[g].share - lo->second[g].share);
    }
    return out;
  }

  // Applies `rule` to the light-duty mix `mix`: each group (and the rest) keeps the mix's ratios
  // inside it; a group the mix does not contain at all is split equally (`equal_split` set).
  static std::vector<double> apply_rule(const ChemistryRule& rule, const std::vector<double>& mix,
                                        bool* equal_split) {
    const std::size_t K = mix.size();
    std::vector<double> out(K, 0.0);
    std::vector<bool> in_group(K, false);
    double taken = 0.0;
    std::vector<ChemistryGroup> parts = rule;
    for (const auto& g : rule) {
      taken += g.share;
      for (std::size_t k : g.members) in_group[k] = true;
    }
    ChemistryGroup rest;
    rest.share = std::max(0.0, 1.0 - taken);
    for (std::size_t k = 0; k < K; ++k) {
      if (!in_group[k]) rest.members.push_back(k);
    }
    parts.push_back(rest);
    for (const auto& g : parts) {
      if (g.share <= 0.0 || g.members.empty()) continue;
      double mass = 0.0;
      for (std::size_t k : g.members) mass += mix[k];
      for (std::size_t k : g.members) {
        if (mass > 0.0) {
          out[k] += g.share * mix[k] / mass;
        } else {
          out[k] += g.share / static_cast<double>(g.members.size());
          *equal_split = true;
        }
      }
    }
    double sum = 0.0;
    for (double x : out) sum += x;
    if (sum > 0.0) {
      for (double& x : out) x /= sum;  // a rule whose groups cover every chemistry but sum < 1
    }
    return out;
  }

  void resolve_chemistry_shares() {
    const std::size_t T = in_.years;
    const std::size_t R = in_.regions.size();
    const std::size_t S = in_.segments.size();
    const std::size_t K = in_.chemistries.size();
    in_.chemistry_share.assign(
        R, std::vector<std::vector<std::vector<double>>>(
               S, std::vector<std::vector<double>>(T, std::vector<double>(K, 0.0))));
    auto chem_index = [&](const std::string& c) -> std::optional<std::size_t> {
      for (std::size_t k = 0; k < K; ++k) {
        if (in_.chemistries[k] == c) return k;
      }
      return std::nullopt;
    };
    // Data series by data region and year.
    std::map<std::string, std::map<int, std::vector<double>>> series;
    std::map<std::string, std::map<int, std::string>> series_location;
    for (const auto& row : data_.chemistry_shares) {
      in_.chemistry_history_last_year = std::max(in_.chemistry_history_last_year, row.year);
      auto k = chem_index(row.chemistry);
      if (!k) continue;
      auto& v = series[row.region][row.year];
      if (v.empty()) v.assign(K, 0.0);
      v[*k] += row.share_fraction;
      series_location[row.region][row.year] = row.location;
    }
    for (auto& [reg, years] : series) {
      for (auto& [year, v] : years) {
        double sum = 0.0;
        for (double x : v) sum += x;
        if (std::fabs(sum - 1.0) > kDataShareSumTolerance || sum <= 0.0) {
          error(series_location[reg][year],
                "chemistry shares of " + reg + " " + std::to_string(year) + " sum to " + fmt(sum) +
                    ", not 1",
                "fix chemistry_share.csv so that each region and year sums to 1");
          continue;
        }
        for (double& x : v) x /= sum;
      }
    }
    // Segment rules by (model region or "*", segment), then year.
    std::map<std::pair<std::string, std::string>, std::map<int, ChemistryRule>> rules;
    for (const auto& row : data_.chemistry_segment_shares) {
      ChemistryGroup g;
      g.share = row.share_fraction;
      for (const auto& c : row.chemistries) {
        if (auto k = chem_index(c)) g.members.push_back(*k);
      }
      std::sort(g.members.begin(), g.members.end());
      auto& rule = rules[{row.region, row.segment}][row.year];
      rule.push_back(std::move(g));
    }
    for (auto& [key, years] : rules) {
      for (auto& [year, rule] : years) {
        std::sort(rule.begin(), rule.end(), [](const ChemistryGroup& a, const ChemistryGroup& b) {
          return a.members < b.members;
        });
      }
    }
    std::string ruled;
    for (const auto& [key, years] : rules) {
      ruled += (ruled.empty() ? "" : ", ") + key.first + " " + key.second;
    }
    in_.assumptions.push_back(
        "chemistry_share.csv: the EV Volumes series (Busch et al.; battery-electric light-duty "
        "vehicles) is applied to every segment" +
        (ruled.empty() ? std::string()
                       : " except where chemistry_segment_share.csv sets a segment rule (" + ruled +
                             "; * = every region without its own row), whose groups "
                             "keep the light-duty ratios inside them") +
        "; renormalised to sum to 1 each year (rounding leaves up to 2e-4), interpolated "
        "between years and held at 2015 before and at 2024 after the data unless the scenario "
        "sets [[chemistry_share]] points. IEA rows of chemistry_share.csv (other scope, bounds) "
        "are not used");
    // Scenario points: a segment's own points come after points for every segment, and within
    // each, a region's after an aggregate's after "all".
    struct Entry {
      std::vector<std::size_t> regions;
      std::optional<std::size_t> segment;  // none: every segment
      int rank = 0;
      int year = 0;
      std::vector<double> shares;
    };
    std::vector<Entry> entries;
    for (const auto& c : spec_.chemistry_shares) {
      int rank = 0;
      auto sc = scope(c.region, c.location, &rank, "chemistry_share");
      std::optional<std::size_t> seg;
      bool ok = sc.has_value();
      if (c.segment != kAll) {
        seg = segment_index(c.segment, c.location);
        ok = ok && seg.has_value();
      }
      std::vector<double> v(K, 0.0);
      double sum = 0.0;
      for (const auto& [chem, share] : c.shares) {
        auto k = chem_index(chem);
        if (!k) {
          ok = false;  // reported in resolve_chemistries
          continue;
        }
        v[*k] += share;
        sum += share;
      }
      if (std::fabs(sum - 1.0) > kShareSumTolerance) {
        error(c.location, "chemistry shares sum to " + fmt(sum) + ", not 1",
              "make the shares of the year add up to 1 (they are fractions of new kWh)");
        ok = false;
      }
      if (ok) entries.push_back(Entry{*sc, seg, rank + (seg ? 3 : 0), c.year, v});
    }
    std::stable_sort(entries.begin(), entries.end(),
                     [](const Entry& a, const Entry& b) { return a.rank < b.rank; });
    for (std::size_t r = 0; r < R; ++r) {
      const std::string& data_region = leaf_records_[r]->chemistry_region;
      auto it = series.find(data_region);
      if (it == series.end()) {
        error(leaf_records_[r]->location,
              "no chemistry shares for chemistry_region '" + data_region + "'",
              "use a region of chemistry_share.csv's EV Volumes series (World, China, USA, "
              "Europe)");
        continue;
      }
      for (std::size_t s = 0; s < S; ++s) {
        std::map<int, std::vector<double>> points = it->second;
        auto rule = rules.find({in_.regions[r], in_.segments[s]});
        if (rule == rules.end()) rule = rules.find({"*", in_.segments[s]});
        if (rule != rules.end()) {
          bool equal_split = false;
          for (auto& [year, mix] : points)
            mix = apply_rule(rule_at(rule->second, year), mix, &equal_split);
          if (equal_split) {
            in_.assumptions.push_back(
                "chemistry_segment_share.csv: " + in_.regions[r] + " " + in_.segments[s] +
                ": a group has none of its chemistries in the light-duty mix of some year and "
                "is split equally among them");
          }
        }
        for (const auto& e : entries) {
          if (e.segment && *e.segment != s) continue;
          if (std::find(e.regions.begin(), e.regions.end(), r) != e.regions.end()) {
            points[e.year] = e.shares;
          }
        }
        for (std::size_t t = 0; t < T; ++t) {
          const int y = year_at(t);
          auto hi = points.lower_bound(y);
          std::vector<double>& out = in_.chemistry_share[r][s][t];
          if (hi == points.end()) {
            out = std::prev(hi)->second;
          } else if (hi->first == y || hi == points.begin()) {
            out = hi->second;
          } else {
            auto lo = std::prev(hi);
            const double w =
                static_cast<double>(y - lo->first) / static_cast<double>(hi->first - lo->first);
            for (std::size_t k = 0; k < K; ++k) {
              out[k] = lo->second[k] + w * (hi->second[k] - lo->second[k]);
            }
          }
        }
      }
    }
  }

  // --- material intensity, battery mass ------------------------------------------------------

  void resolve_intensities() {
    const std::size_t K = in_.chemistries.size();
    in_.intensity_kg_per_kwh.assign(K, {});
    in_.battery_t_per_kwh.assign(K, 0.0);
    for (std::size_t k = 0; k < K; ++k) {
      for (std::size_t e = 0; e < kElementCount; ++e) {
        bool found = false;
        for (const auto& row : data_.intensities) {
          if (row.chemistry == in_.chemistries[k] && row.material == kElementCodes[e]) {
            in_.intensity_kg_per_kwh[k][e] = row.kg_per_kwh;
            found = true;
          }
        }
        if (!found) {
          error(data_.data_dir + "/material_intensity.csv",
                "no intensity for " + in_.chemistries[k] + " " + kElementCodes[e],
                "add the row (kg per kWh of pack)");
        }
      }
      bool mass_found = false;
      for (const auto& m : data_.battery_mass) {
        if (m.chemistry == in_.chemistries[k]) {
          in_.battery_t_per_kwh[k] = m.cell_kg_per_kwh / 1000.0;
          mass_found = true;
        }
      }
      if (!mass_found) {
        error(data_.data_dir + "/battery_mass_assumptions.csv",
              "no battery mass for chemistry " + in_.chemistries[k],
              "add a row naming the EverBatt cell to use");
      }
    }
    std::set<std::string> known;
    for (const auto& r : data_.intensities) known.insert(r.chemistry);
    for (const auto& s : spec_.intensities) {
      if (known.count(s.chemistry) == 0) {
        error(s.location, "unknown chemistry '" + s.chemistry + "'",
              "use a chemistry code of data/material_intensity.csv");
        continue;
      }
      const auto* e = std::find(kElementCodes.begin(), kElementCodes.end(), s.element);
      if (e == kElementCodes.end()) {
        error(s.location, "unknown element '" + s.element + "'",
              "use Li, Ni, Co, Mn, graphite, Cu or Al");
        continue;
      }
      for (std::size_t k = 0; k < K; ++k) {
        if (in_.chemistries[k] == s.chemistry) {
          in_.intensity_kg_per_kwh[k][static_cast<std::size_t>(e - kElementCodes.begin())] =
              s.kg_per_kwh;
        }
      }
    }
  }

  // --- lifetimes -----------------------------------------------------------------------------

  bool apply_lifetime(const io::LifetimeSpec& spec, mfa::LifetimeParams& p) {
    bool ok = true;
    if (spec.distribution) {
      if (!mfa::parse_lifetime_type(*spec.distribution, p.type)) {
        error(spec.location + ".distribution", "unknown distribution '" + *spec.distribution + "'",
              "use Fixed, Normal, FoldedNormal, LogNormal, Weibull or Logistic");
        ok = false;
      }
    }
    if (spec.mean_years) p.mean = *spec.mean_years;
    if (spec.sd_years) p.std = *spec.sd_years;
    if (spec.weibull_shape) p.shape = *spec.weibull_shape;
    if (spec.weibull_scale_years) p.scale = *spec.weibull_scale_years;
    if (ok) {
      auto st = mfa::validate(p, 0, spec.location);
      if (!st) {
        error(spec.location, st.error().message, st.error().hint);
        ok = false;
      }
    }
    return ok;
  }

  void resolve_lifetimes() {
    const std::size_t T = in_.years;
    const std::size_t S = in_.segments.size();
    in_.vehicle_lifetime.assign(S, {});
    in_.battery_lifetime.assign(S, {});
    bool scenario_known = false;
    for (const auto& l : data_.lifetimes) {
      if (l.scenario == spec_.lifetime_data_scenario) scenario_known = true;
    }
    if (!scenario_known) {
      std::set<std::string> names;
      for (const auto& l : data_.lifetimes) names.insert(l.scenario);
      std::string list;
      for (const auto& n : names) list += (list.empty() ? "" : ", ") + n;
      error(spec_.lifetime_data_scenario_location.empty() ? spec_.source
                                                          : spec_.lifetime_data_scenario_location,
            "unknown lifetime_data_scenario '" + spec_.lifetime_data_scenario + "'",
            "use one of the scenarios of data/lifetime_params.csv: " + list);
    }
    for (const auto& ls : spec_.lifetimes) segment_index(ls.segment, ls.location);
    for (std::size_t s = 0; s < S; ++s) {
      const auto& seg = data_.segments[s];
      mfa::LifetimeParams vehicle;
      mfa::LifetimeParams battery;
      bool have_v = false;
      bool have_b = false;
      for (const auto& l : data_.lifetimes) {
        if (l.scenario != spec_.lifetime_data_scenario || l.vehicle != seg.lifetime_vehicle) {
          continue;
        }
        mfa::LifetimeParams p;
        p.type = mfa::LifetimeType::kNormal;
        p.mean = l.mean_years;
        p.std = l.sd_years;
        if (l.item == "vehicle") {
          vehicle = p;
          have_v = true;
        } else {
          battery = p;
          have_b = true;
        }
      }
      if (scenario_known && (!have_v || !have_b)) {
        error(data_.data_dir + "/lifetime_params.csv",
              "no vehicle or battery lifetime for '" + seg.lifetime_vehicle + "' in scenario '" +
                  spec_.lifetime_data_scenario + "'",
              "add the rows or fix lifetime_vehicle in segments.csv");
      }
      std::vector<std::pair<int, mfa::LifetimeParams>> cohort_battery;
      for (const auto& ls : spec_.lifetimes) {
        if (ls.segment != seg.segment) continue;
        if (ls.vehicle.present) apply_lifetime(ls.vehicle, vehicle);
        if (ls.battery.present) apply_lifetime(ls.battery, battery);
        for (const auto& c : ls.battery_by_cohort) {
          mfa::LifetimeParams p = battery;
          if (apply_lifetime(c.lifetime, p)) cohort_battery.emplace_back(c.from_year, p);
        }
      }
      std::sort(cohort_battery.begin(), cohort_battery.end(),
                [](const auto& a, const auto& b) { return a.first < b.first; });
      in_.vehicle_lifetime[s].assign(T, vehicle);
      in_.battery_lifetime[s].assign(T, battery);
      for (std::size_t t = 0; t < T; ++t) {
        for (const auto& [from, p] : cohort_battery) {
          if (year_at(t) >= from) in_.battery_lifetime[s][t] = p;
        }
      }
    }
  }

  void resolve_replacement() {
    const std::size_t S = in_.segments.size();
    in_.replacement_probability.assign(S, spec_.replacement_probability.value_or(1.0));
    in_.replacement_max_vehicle_age_years.assign(
        S,
        spec_.replacement_max_vehicle_age_years.value_or(std::numeric_limits<double>::infinity()));
    for (const auto& [seg, v] : spec_.replacement_probability_by_segment) {
      auto s = segment_index(seg, spec_.replacement_location + ".probability_by_segment." + seg);
      if (s) in_.replacement_probability[*s] = v;
    }
    for (const auto& [seg, v] : spec_.replacement_max_vehicle_age_years_by_segment) {
      auto s = segment_index(
          seg, spec_.replacement_location + ".max_vehicle_age_years_by_segment." + seg);
      if (s) in_.replacement_max_vehicle_age_years[*s] = v;
    }
    const bool set = spec_.replacement_probability || spec_.replacement_max_vehicle_age_years ||
                     !spec_.replacement_probability_by_segment.empty() ||
                     !spec_.replacement_max_vehicle_age_years_by_segment.empty();
    if (set) {
      std::string text =
          "scenario [replacement]: a pack that fails in a running vehicle is "
          "replaced by a new pack with probability";
      for (std::size_t s = 0; s < S; ++s) {
        text += std::string(s == 0 ? " " : ", ") + in_.segments[s] + " " +
                fmt(in_.replacement_probability[s]);
        if (std::isfinite(in_.replacement_max_vehicle_age_years[s])) {
          text += " up to age " + fmt(in_.replacement_max_vehicle_age_years[s]);
        }
      }
      in_.assumptions.push_back(text + "; otherwise the vehicle is retired with its failed pack");
    }
  }

  // One model region of the run for a used-export end; errors name the key.
  std::optional<std::size_t> one_model_region(const std::string& code, const std::string& at) {
    for (std::size_t i = 0; i < in_.regions.size(); ++i) {
      if (in_.regions[i] == code) return i;
    }
    error(at, "'" + code + "' is not a model region of this run",
          "used vehicles move between model regions: use a code of scenario.regions' model "
          "regions (e.g. JPN, KOR, USA, ROW-style residual groups of data/regions.csv)");
    return std::nullopt;
  }

  void resolve_used_exports() {
    const std::size_t S = in_.segments.size();
    // (from, segment) -> age and share sum, to check the entries together.
    std::map<std::pair<std::size_t, std::size_t>, std::pair<int, double>> groups;
    for (const auto& e : spec_.used_exports) {
      auto from = one_model_region(e.from, e.location + ".from");
      auto to = one_model_region(e.to, e.location + ".to");
      std::vector<std::size_t> segments;
      if (e.segment.empty()) {
        for (std::size_t s = 0; s < S; ++s) segments.push_back(s);
      } else if (auto s = segment_index(e.segment, e.location + ".segment")) {
        segments.push_back(*s);
      }
      if (!from || !to || segments.empty()) continue;
      if (*from == *to) {
        error(e.location + ".to", "a used-vehicle export to its own origin '" + e.from + "'",
              "give another model region as destination");
        continue;
      }
      for (const std::size_t s : segments) {
        auto [it, fresh] = groups.try_emplace({*from, s}, e.age_years, 0.0);
        if (!fresh && it->second.first != e.age_years) {
          error(e.location + ".age_years",
                "exports of " + e.from + " " + in_.segments[s] + " vehicles at ages " +
                    std::to_string(it->second.first) + " and " + std::to_string(e.age_years),
                "give one export age per origin and segment");
          continue;
        }
        it->second.second += e.share;
        if (it->second.second > 1.0 + 1e-9) {
          error(e.location + ".share",
                "exports of " + e.from + " " + in_.segments[s] + " vehicles sum to " +
                    fmt(it->second.second) + " of the vehicles, above 1",
                "lower the shares of this origin and segment so that they sum to 1 at most");
          continue;
        }
        in_.used_exports.push_back({*from, *to, s, e.share, e.age_years});
      }
    }
    if (!in_.used_exports.empty()) {
      in_.assumptions.push_back(
          "scenario [[used_vehicle_export]]: " + std::to_string(spec_.used_exports.size()) +
          " used-vehicle export entries move the exported share of a cohort's vehicles still "
          "running at the export age, with their packs, to the destination's use phase; their "
          "replacements, scrapping and end of life then happen there (same lifetimes)");
    }
  }

  void resolve_second_life() {
    const std::size_t S = in_.segments.size();
    in_.second_life_share.assign(S, spec_.second_life_share.value_or(data_.second_life_share));
    for (const auto& [seg, share] : spec_.second_life_share_by_segment) {
      auto s = segment_index(seg, spec_.second_life_location + ".share_by_segment." + seg);
      if (s) in_.second_life_share[*s] = share;
    }
    if (!spec_.second_life_share && spec_.second_life_share_by_segment.empty()) {
      in_.assumptions.push_back(
          "lifetime_params.csv: second-life share " + fmt(data_.second_life_share) +
          " of packs leaving with a scrapped vehicle (Busch et al. 2024 baseline, given for "
          "cars) applies to every segment (assumption: no segment-specific value in data)");
    }
    if (spec_.second_life_cap_gwh_per_year) {
      in_.second_life_cap_kwh_per_year = *spec_.second_life_cap_gwh_per_year * 1e6;
      in_.assumptions.push_back(
          "scenario [second_life] cap_gwh_per_year: at most " +
          fmt(*spec_.second_life_cap_gwh_per_year) +
          " GWh of packs enter second life per year over all model regions (each region's "
          "eligible packs scaled by the same factor); packs beyond the cap go to waste");
    }
    in_.second_life_max_vehicle_age_years.assign(
        S,
        spec_.second_life_max_vehicle_age_years.value_or(std::numeric_limits<double>::infinity()));
    for (const auto& [seg, v] : spec_.second_life_max_vehicle_age_years_by_segment) {
      auto s = segment_index(
          seg, spec_.second_life_location + ".max_vehicle_age_years_by_segment." + seg);
      if (s) in_.second_life_max_vehicle_age_years[*s] = v;
    }
    if (spec_.second_life_max_vehicle_age_years ||
        !spec_.second_life_max_vehicle_age_years_by_segment.empty()) {
      std::string text =
          "scenario [second_life]: only packs of vehicles scrapped at most this many years after "
          "their sales year may be repurposed (vehicle age stands for pack age; a replacement "
          "pack is younger, so the rule is conservative), older ones go to waste:";
      for (std::size_t s = 0; s < S; ++s) {
        const double a = in_.second_life_max_vehicle_age_years[s];
        text += std::string(s == 0 ? " " : ", ") + in_.segments[s] + " " +
                (std::isfinite(a) ? fmt(a) : std::string("no limit"));
      }
      in_.assumptions.push_back(text);
    }
    in_.second_life_lifetime.type = mfa::LifetimeType::kNormal;
    in_.second_life_lifetime.mean = data_.second_life_mean_years;
    in_.second_life_lifetime.std = data_.second_life_sd_years;
    if (spec_.second_life_lifetime.present) {
      apply_lifetime(spec_.second_life_lifetime, in_.second_life_lifetime);
    }
  }

  // --- collection, capacity, recovery --------------------------------------------------------

  template <typename Points>
  void fill_region_paths(const Points& scenario_points, const Points& data_points,
                         std::vector<std::vector<double>>& out, const char* what) {
    const std::size_t T = in_.years;
    const std::size_t R = in_.regions.size();
    out.assign(R, std::vector<double>(T, 0.0));
    auto build = [&](const Points& pts, std::size_t r, bool from_data) {
      // Most specific entry wins on the same year.
      std::map<int, std::tuple<int, double, const std::string*>> best;
      for (const auto& p : pts) {
        int rank = 0;
        auto sc = scope_cached(p.region, p.location, &rank, true);
        if (!sc || std::find(sc->begin(), sc->end(), r) == sc->end()) continue;
        auto it = best.find(p.year);
        if (it == best.end() || rank >= std::get<0>(it->second)) {
          best[p.year] = {rank, value_of(p), &p.location};
        }
      }
      Path path;
      for (const auto& [y, rv] : best) {
        path.set(y, std::get<1>(rv));
        if (from_data) used_data_rows_.insert(*std::get<2>(rv));
      }
      return path;
    };
    for (const auto& p : scenario_points) scope_cached(p.region, p.location, nullptr, true);
    for (std::size_t r = 0; r < R; ++r) {
      Path path = build(scenario_points, r, false);
      if (path.empty()) path = build(data_points, r, true);
      if (path.empty()) {
        error(spec_.source, std::string("no ") + what + " for region " + in_.regions[r],
              std::string("add a [[") + what + "]] entry for it or for \"all\"");
        continue;
      }
      for (std::size_t t = 0; t < T; ++t) out[r][t] = path.at(year_at(t));
    }
  }

  static double value_of(const io::CollectionSpec& c) { return c.collection_fraction; }
  static double value_of(const io::CollectionPoint& c) { return c.collection_fraction; }

  void resolve_collection() {
    std::vector<io::CollectionPoint> scenario_points;
    for (const auto& c : spec_.collection) {
      scenario_points.push_back(
          io::CollectionPoint{c.region, c.year, c.collection_fraction, c.location});
    }
    fill_region_paths(scenario_points, data_.collection, in_.collection_fraction, "collection");
  }

  bool parse_routes(const std::vector<std::pair<std::string, double>>& routes,
                    const std::string& location, std::array<double, kRouteCount>& out) {
    std::array<double, kRouteCount> v{};
    double sum = 0.0;
    bool ok = true;
    for (const auto& [name, share] : routes) {
      const auto* it = std::find(io::kRouteCodes.begin(), io::kRouteCodes.end(), name);
      if (it == io::kRouteCodes.end()) {
        error(location + ".routes." + name, "unknown route '" + name + "'",
              "use pyrometallurgy, hydrometallurgy or direct");
        ok = false;
        continue;
      }
      v[static_cast<std::size_t>(it - io::kRouteCodes.begin())] += share;
      sum += share;
    }
    if (ok && std::fabs(sum - 1.0) > kShareSumTolerance) {
      error(location + ".routes", "route shares sum to " + fmt(sum) + ", not 1",
            "make the route mix add up to 1");
      ok = false;
    }
    if (ok) out = v;
    return ok;
  }

  // Model regions that no capacity figure covers get a pool of their own from the plant list
  // (data/recycling_plants.csv): the sum of their operating and under-construction plants from
  // each plant's commissioning year (a step path), black-mass capacity converted to battery.
  void add_plant_pools() {
    const double bm = data_.trade.black_mass_t_per_t_battery;
    std::string used;
    for (std::size_t r = 0; r < in_.regions.size(); ++r) {
      if (in_.pool_of_region[r] >= 0) continue;
      std::map<int, double> added;  // commissioning year -> tonnes of battery
      for (const auto& p : data_.plants) {
        if (p.region != in_.regions[r]) continue;
        if (!p.counted && !(p.announced && spec_.include_announced_plants)) continue;
        added[p.commissioning_year] +=
            p.black_mass_basis && bm > 0.0 ? p.capacity_t_per_year / bm : p.capacity_t_per_year;
      }
      if (added.empty()) continue;
      std::vector<double> capacity(in_.years, 0.0);
      for (std::size_t t = 0; t < in_.years; ++t) {
        for (const auto& [year, tonnes] : added) {
          if (year <= year_at(t)) capacity[t] += tonnes;
        }
      }
      add_region_pool(in_, r, std::move(capacity));
      used += (used.empty() ? "" : ", ") + in_.regions[r];
    }
    if (!used.empty()) {
      in_.assumptions.push_back(
          "recycling capacity of " + used +
          ": the sum of the region's operating and under-construction plants in "
          "recycling_plants.csv from each plant's commissioning year (announced plants " +
          std::string(spec_.include_announced_plants
                          ? "counted too: [recycling_plants] include_announced = true"
                          : "not counted") +
          "); black-mass capacity is converted to tonnes of battery with "
          "black_mass_t_per_t_battery of plan_parameters.csv; route: hydrometallurgy");
    }
  }

  void resolve_capacity() {
    const std::size_t T = in_.years;
    const std::size_t R = in_.regions.size();
    struct PoolDef {
      std::string code;
      Path capacity;
      std::array<double, kRouteCount> routes{0.0, 1.0, 0.0};
      int routes_year = -1;
      std::vector<std::size_t> leaves;
      std::size_t size_all = 0;  // model regions it covers, selected or not
    };
    std::vector<PoolDef> defs;
    auto def_for = [&](const std::string& code) -> PoolDef& {
      for (auto& d : defs) {
        if (d.code == code) return d;
      }
      defs.push_back(PoolDef{});
      defs.back().code = code;
      return defs.back();
    };
    std::set<std::string> scenario_codes;
    bool ok_all = true;
    for (const auto& c : spec_.capacity) {
      if (c.region == kAll || region(c.region) == nullptr) {
        error(c.location + ".region", "unknown region '" + c.region + "' in recycling_capacity",
              "use a model region (e.g. KOR) or an aggregate (EU27, EUROPE, NORTH_AMERICA, "
              "WORLD) of data/regions.csv");
        ok_all = false;
        continue;
      }
      scenario_codes.insert(c.region);
    }
    for (const auto& c : spec_.capacity) {
      if (scenario_codes.count(c.region) == 0) continue;
      PoolDef& d = def_for(c.region);
      d.capacity.set(c.year, c.capacity_t_per_year);
      if (!c.routes.empty()) {
        std::array<double, kRouteCount> r{};
        if (parse_routes(c.routes, c.location, r) && c.year >= d.routes_year) {
          d.routes = r;
          d.routes_year = c.year;
        }
      }
    }
    for (const auto& p : data_.capacity) {
      if (scenario_codes.count(p.region) != 0) continue;  // the scenario replaces the default
      if (region(p.region) == nullptr) {
        error(p.location, "unknown region '" + p.region + "'", "use a code of data/regions.csv");
        continue;
      }
      used_data_rows_.insert(p.location);
      PoolDef& d = def_for(p.region);
      d.capacity.set(p.year, p.capacity_t_per_year);
      if (p.year >= d.routes_year) {
        d.routes = p.route_shares;
        d.routes_year = p.year;
      }
    }
    // Pools whose scenario entries gave no routes keep the default data mix if any.
    for (auto& d : defs) {
      if (d.routes_year >= 0) continue;
      for (const auto& p : data_.capacity) {
        if (p.region == d.code) d.routes = p.route_shares;
      }
    }
    (void)ok_all;
    // Leaves of each pool.
    std::vector<const io::RegionRecord*> all_leaves;
    for (const auto& r : data_.regions) {
      if (r.kind != "aggregate") all_leaves.push_back(&r);
    }
    for (auto& d : defs) {
      const io::RegionRecord* rec = region(d.code);
      for (const auto* l : all_leaves) {
        const bool in = rec->kind == "aggregate" ? contains(*rec, *l) : l->code == d.code;
        if (!in) continue;
        ++d.size_all;
        for (std::size_t r = 0; r < R; ++r) {
          if (in_.regions[r] == l->code) d.leaves.push_back(r);
        }
      }
    }
    // Each model region joins the smallest pool that contains it.
    in_.pool_of_region.assign(R, -1);
    std::vector<std::size_t> best_size(R, 0);
    for (std::size_t i = 0; i < defs.size(); ++i) {
      for (std::size_t r : defs[i].leaves) {
        if (in_.pool_of_region[r] < 0 || defs[i].size_all < best_size[r]) {
          in_.pool_of_region[r] = static_cast<int>(i);
          best_size[r] = defs[i].size_all;
        }
      }
    }
    std::vector<int> remap(defs.size(), -1);
    for (std::size_t i = 0; i < defs.size(); ++i) {
      CapacityPool pool;
      pool.code = defs[i].code;
      for (std::size_t r = 0; r < R; ++r) {
        if (in_.pool_of_region[r] == static_cast<int>(i)) pool.regions.push_back(r);
      }
      if (pool.regions.empty()) continue;
      pool.capacity_t.assign(T, 0.0);
      for (std::size_t t = 0; t < T; ++t) pool.capacity_t[t] = defs[i].capacity.at(year_at(t));
      pool.route_shares = defs[i].routes;
      remap[i] = static_cast<int>(in_.pools.size());
      in_.pools.push_back(std::move(pool));
    }
    for (auto& p : in_.pool_of_region) {
      if (p >= 0) p = remap[static_cast<std::size_t>(p)];
    }
    add_plant_pools();
    std::string none;
    for (std::size_t r = 0; r < R; ++r) {
      if (in_.pool_of_region[r] < 0) none += (none.empty() ? "" : ", ") + in_.regions[r];
    }
    if (!none.empty()) {
      in_.assumptions.push_back(
          "recycling capacity: no capacity figure in data or scenario covers " + none +
          "; they have no capacity of their own, so all their feedstock is beyond home capacity "
          "(for trade or a plant to build)");
    }
    in_.assumptions.push_back(
        "recycling capacity: a figure for an aggregate is shared by its model regions in "
        "proportion to their collected feedstock each year (equally when none is collected); "
        "capacity is interpolated between points and held flat outside them");
  }

  void resolve_recovery() {
    for (std::size_t q = 0; q < kRouteCount; ++q) {
      for (std::size_t e = 0; e < kElementCount; ++e) {
        for (const auto& r : data_.recovery) {
          if (r.route == io::kRouteCodes[q] && r.element == kElementCodes[e]) {
            in_.recovery_fraction[q][e] = r.recovery_fraction;
          }
        }
      }
    }
    in_.assumptions.push_back(
        "recovery_rates.csv: EverBatt 2019 Table 12 defaults by route; blank cells (N/A) mean "
        "the route does not recover that element (0)");
    for (const auto& s : spec_.recovery) {
      const auto* q = std::find(io::kRouteCodes.begin(), io::kRouteCodes.end(), s.route);
      const auto* e = std::find(kElementCodes.begin(), kElementCodes.end(), s.element);
      if (q == io::kRouteCodes.end()) {
        error(s.location, "unknown route '" + s.route + "'",
              "use pyrometallurgy, hydrometallurgy or direct");
        continue;
      }
      if (e == kElementCodes.end()) {
        error(s.location, "unknown element '" + s.element + "'",
              "use Li, Ni, Co, Mn, graphite, Cu or Al");
        continue;
      }
      in_.recovery_fraction[static_cast<std::size_t>(q - io::kRouteCodes.begin())]
                           [static_cast<std::size_t>(e - kElementCodes.begin())] =
          s.recovery_fraction;
    }
    in_.recovery_policy = spec_.recovery_policy;
    in_.recovery_policy_region.assign(in_.regions.size(), false);
    if (!spec_.recovery_policy.empty()) {
      for (const auto& code : spec_.recovery_policy_regions) {
        auto covered = scope(code, spec_.recovery_policy_location + ".regions", nullptr,
                             "[recovery_path] regions");
        if (!covered) continue;
        for (std::size_t r : *covered) in_.recovery_policy_region[r] = true;
      }
    }
  }

  void resolve_demand_checks() {
    for (const auto& d : data_.battery_demand) {
      for (const auto& r : data_.regions) {
        if (r.sales_source == d.region && r.kind != "residual") {
          in_.demand_checks.push_back(ModelInputs::DemandCheck{r.code, d.year, d.gwh});
        }
      }
    }
  }

  const io::ScenarioSpec& spec_;
  const io::RunData& data_;
  core::Diagnostics& diags_;
  ModelInputs& in_;
  std::set<std::string> used_data_rows_;    // locations of replaceable default rows the run used
  std::set<std::string> used_spec_growth_;  // locations of [[sales.growth]] entries used
  std::vector<const io::RegionRecord*> leaf_records_;
  std::map<std::string, std::pair<std::optional<std::vector<std::size_t>>, int>> scope_cache_;
  // IEA's projection regions as model regions of the data (resolve_projection_members).
  std::map<std::string, std::vector<const io::RegionRecord*>> projection_members_;
  // IEA STEPS sales by (model region, segment, year), every model region of the data.
  std::map<std::tuple<std::string, std::size_t, int>, double> steps_sales_;
};

}  // namespace

void add_region_pool(ModelInputs& in, std::size_t r, std::vector<double> capacity_t) {
  CapacityPool pool;
  pool.code = in.regions[r];
  pool.regions = {r};
  pool.capacity_t = std::move(capacity_t);
  pool.route_shares = {0.0, 1.0, 0.0};
  in.pool_of_region[r] = static_cast<int>(in.pools.size());
  in.pools.push_back(std::move(pool));
}

ModelInputs resolve_scenario(const io::ScenarioSpec& spec, const io::RunData& data,
                             core::Diagnostics& diags) {
  ModelInputs in;
  Resolver(spec, data, diags, in).run();
  return in;
}

RecoveryByRegionYear recovery_by_region_year(const ModelInputs& in) {
  RecoveryByRegionYear out;
  if (in.recovery_policy.empty() || in.plant_defaults == nullptr) return out;
  const std::size_t R = in.regions.size();
  const std::size_t T = in.years;
  out.table.assign(R * T, in.recovery_fraction);
  std::string floors;
  for (const auto& target : in.plant_defaults->targets) {
    const auto code = plant::material_code(target.material);
    const auto e = results::element_index(code);
    if (!e) continue;  // not a model element
    // A target due by 31 December of its year binds recycling from the next year on.
    const int from = target.year + 1;
    for (std::size_t r = 0; r < R; ++r) {
      if (!in.recovery_policy_region[r]) continue;
      for (std::size_t t = 0; t < T; ++t) {
        if (in.first_year + static_cast<int>(t) < from) continue;
        for (std::size_t q = 0; q < kRouteCount; ++q) {
          double& v = out.table[r * T + t][q][*e];
          v = std::max(v, target.fraction);
        }
      }
    }
    char buf[64];
    std::snprintf(buf, sizeof buf, "%s %.0f %% from %d", std::string(code).c_str(),
                  100.0 * target.fraction, from);
    floors += (floors.empty() ? "" : ", ") + std::string(buf);
  }
  std::string regions;
  for (std::size_t r = 0; r < R; ++r) {
    if (in.recovery_policy_region[r]) regions += (regions.empty() ? "" : ", ") + in.regions[r];
  }
  out.assumption =
      "scenario [recovery_path] policy = \"eu_2023_1542\": the material recovery targets of "
      "Regulation (EU) 2023/1542 Annex XII Part C (eu_battery_regulation_targets.csv) are floors "
      "on every route's recovery in " +
      regions + " (" + floors +
      "; each binds from the year after its deadline), as if every plant there complies; a "
      "policy path, not a forecast of what plants achieve";
  return out;
}

}  // namespace urbanmine::model
