// SPDX-License-Identifier: Apache-2.0
// Runs compared (see compare.h).
#include "studies/compare.h"

#include <algorithm>
#include <cmath>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <utility>

#include "results/regions.h"
#include "results/registry.h"

namespace urbanmine::studies {

using results::Cell;
using results::ComparedRun;
using results::ComparedSeries;
using results::Comparison;
using results::HeadlineFigure;
using results::RegionIndex;
using results::ResultTable;
using results::RunResults;

namespace {

struct HeadlineSpec {
  std::string_view table;
  const char* title;
};

// The chain from new packs to recovered metal, and what no capacity takes.
const std::vector<HeadlineSpec>& headline_specs() {
  static const std::vector<HeadlineSpec> kSpecs{
      {results::kTableMaterialDemandT, "Material demand (new packs)"},
      {results::kTableEndOfLifeT, "Waste batteries (end of life)"},
      {results::kTableCollectedT, "Collected for recycling"},
      {results::kTableRecycledT, "Recycled within capacity"},
      {results::kTableRecoveredT, "Metal recovered by recycling"},
      {results::kTableUnrecycledT, "Stranded feedstock (no capacity takes it)"},
  };
  return kSpecs;
}

// The years every run covers, from metadata or (runs read back without it) the tables.
std::pair<int, int> year_range(const RunResults& run) {
  int first = run.meta.first_year;
  int last = run.meta.last_year;
  if (first > 0 && last >= first) return {first, last};
  std::set<int> years;
  for (const auto& t : run.tables) {
    const auto d = t.values.dim_index(std::string(results::kDimYear));
    if (!d) continue;
    for (const auto& item : t.values.dims()[*d].items()) years.insert(std::stoi(item));
  }
  if (years.empty()) return {0, -1};
  return {*years.begin(), *years.rbegin()};
}

bool differs(double a, double b) { return !results::same_value(a, b); }

// A table reduced to [region (with aggregates), element, year] as far as it has them, with a
// lookup by item text.
struct Reduced {
  core::DimArray values;
  std::vector<std::string> kept;  // the kept dimension names, in the array's order

  // The value at (dim name -> item), or nullopt when an item is absent.
  std::optional<double> at(const std::map<std::string, std::string>& coords) const {
    std::vector<std::size_t> idx;
    idx.reserve(kept.size());
    for (std::size_t d = 0; d < kept.size(); ++d) {
      const auto it = coords.find(kept[d]);
      if (it == coords.end()) return std::nullopt;
      const auto i = values.dims()[d].index_of(it->second);
      if (!i) return std::nullopt;
      idx.push_back(*i);
    }
    return values.data()[values.offset(idx)];
  }
};

core::Result<Reduced> reduce(const ResultTable& table, const RegionIndex& index) {
  std::vector<std::string> keep;
  for (const auto& d : table.values.dims()) {
    if (d.name() == results::kDimRegion || d.name() == results::kDimElement ||
        d.name() == results::kDimYear) {
      keep.push_back(d.name());
    }
  }
  auto summed = table.values.sum_to(keep);
  if (!summed) return summed.error();
  ResultTable reduced{table.name, table.value_column, table.description, std::move(*summed)};
  auto with = results::with_aggregates(reduced, index);
  if (!with) return with.error();
  return Reduced{std::move(with->values), keep};
}

void add_items(std::vector<std::string>& to, const std::vector<std::string>& items) {
  for (const auto& i : items) {
    if (std::find(to.begin(), to.end(), i) == to.end()) to.push_back(i);
  }
}

Cell number_or_empty(std::optional<double> v) {
  return v && std::isfinite(*v) ? Cell::of(*v) : Cell::empty();
}

}  // namespace

core::Result<Comparison> compare_runs(const std::vector<CompareInput>& runs,
                                      const CompareOptions& options) {
  if (runs.size() < 2) {
    return core::Error::invalid_input(
        "compare needs two runs or more, got " + std::to_string(runs.size()), "compare",
        "give a reference run and one or more others");
  }
  Comparison c;
  c.region = options.region.empty() ? "WORLD" : options.region;
  // Labels: the scenario's name, made unique.
  std::map<std::string, int> seen;
  for (const auto& in : runs) {
    std::string label = in.run.meta.scenario_name.empty() ? in.source : in.run.meta.scenario_name;
    const int n = ++seen[label];
    if (n > 1) label += " (" + std::to_string(n) + ")";
    c.runs.push_back(ComparedRun{label, in.source, in.run.meta.scenario_description});
  }
  // Elements.
  c.elements = options.elements.empty()
                   ? std::vector<std::string>(results::kHeadlineElements.begin(),
                                              results::kHeadlineElements.end())
                   : options.elements;
  for (const auto& e : c.elements) {
    if (!results::element_index(e)) {
      std::string valid;
      for (const char* code : results::kElementCodes)
        valid += (valid.empty() ? "" : ", ") + std::string(code);
      return core::Error::invalid_input("unknown element '" + e + "'", "--element",
                                        "use one of: " + valid);
    }
  }
  // Regions: the focus region must mean the same in every run.
  std::vector<RegionIndex> indexes;
  std::vector<std::vector<std::string>> focus_members;
  for (std::size_t r = 0; r < runs.size(); ++r) {
    indexes.push_back(RegionIndex::of(runs[r].run));
    auto members = indexes.back().members(c.region);
    if (!members) {
      auto e = members.error();
      e.message += " (" + runs[r].source + ")";
      e.location = "--region";
      return e;
    }
    focus_members.push_back(std::move(*members));
  }
  // Years every run covers.
  int first = std::numeric_limits<int>::min();
  int last = std::numeric_limits<int>::max();
  for (const auto& in : runs) {
    const auto [f, l] = year_range(in.run);
    first = std::max(first, f);
    last = std::min(last, l);
  }
  if (first > last) {
    return core::Error::invalid_input("the runs share no year", "compare",
                                      "compare runs whose year ranges overlap");
  }
  if (options.year == 0) {
    c.year = (first <= 2040 && 2040 <= last) ? 2040 : last;
  } else if (options.year < first || options.year > last) {
    return core::Error::invalid_input(
        "year " + std::to_string(options.year) + " is not in every run", "--year",
        "give a year from " + std::to_string(first) + " to " + std::to_string(last));
  } else {
    c.year = options.year;
  }

  // Headline figures and series of the focus region.
  const std::string year_text = std::to_string(c.year);
  for (const auto& spec : headline_specs()) {
    std::vector<const ResultTable*> tables;
    for (const auto& in : runs) tables.push_back(in.run.find(spec.table));
    if (std::find(tables.begin(), tables.end(), nullptr) != tables.end()) continue;
    for (const auto& e : c.elements) {
      HeadlineFigure h{std::string(spec.table), spec.title, e, tables[0]->value_column, {}};
      ComparedSeries s{std::string(spec.table), spec.title, e, tables[0]->value_column, {}, {}};
      for (int y = first; y <= last; ++y) s.years.push_back(y);
      for (std::size_t r = 0; r < runs.size(); ++r) {
        auto reduced = tables[r]->values.sum_to({std::string(results::kDimRegion),
                                                 std::string(results::kDimElement),
                                                 std::string(results::kDimYear)});
        if (!reduced) return reduced.error();
        ResultTable t{tables[r]->name, tables[r]->value_column, {}, std::move(*reduced)};
        auto v = results::table_total(
            t, focus_members[r],
            {{std::string(results::kDimElement), e}, {std::string(results::kDimYear), year_text}});
        if (!v) return v.error();
        h.values.push_back(*v);
        std::vector<double> line;
        for (int y : s.years) {
          auto yv = results::table_total(t, focus_members[r],
                                         {{std::string(results::kDimElement), e},
                                          {std::string(results::kDimYear), std::to_string(y)}});
          if (!yv) return yv.error();
          line.push_back(*yv);
        }
        s.values.push_back(std::move(line));
      }
      c.headline.push_back(std::move(h));
      c.series.push_back(std::move(s));
    }
  }

  // Every table's differences.
  c.differences.name = "compare";
  c.differences.title = "Differences from the reference run";
  c.differences.description =
      "Every result table reduced to region (model regions, then the aggregates the run "
      "holds), element and year, other dimensions summed; one row per compared run and cell "
      "whose value differs from the reference run (" +
      c.runs[0].label +
      "). delta = value - reference_value; delta_fraction = delta / "
      "reference_value (empty when the reference is 0). The unit is the table's value column; "
      "fractions (shares) have no aggregate rows, as they do not add up over regions.";
  c.differences.columns = {"table",           "unit",  "region", "element",       "year", "run",
                           "reference_value", "value", "delta",  "delta_fraction"};
  std::set<std::string> all_names;
  for (const auto& in : runs) {
    for (const auto& t : in.run.tables) all_names.insert(t.name);
  }
  std::set<std::string> compared;
  for (const auto& ref : runs[0].run.tables) {
    std::vector<const ResultTable*> tables;
    bool everywhere = true;
    for (const auto& in : runs) {
      const ResultTable* t = in.run.find(ref.name);
      if (t == nullptr || t->value_column != ref.value_column) everywhere = false;
      tables.push_back(t);
    }
    if (!everywhere) continue;
    std::vector<Reduced> reduced;
    for (std::size_t r = 0; r < runs.size(); ++r) {
      auto red = reduce(*tables[r], indexes[r]);
      if (!red) return red.error();
      reduced.push_back(std::move(*red));
    }
    if (reduced[0].kept.empty()) continue;
    bool same_dims = true;
    for (const auto& red : reduced) same_dims = same_dims && red.kept == reduced[0].kept;
    if (!same_dims) continue;
    compared.insert(ref.name);
    c.tables_compared.push_back(ref.name);
    // The union of items of each kept dimension, reference order first.
    std::vector<std::vector<std::string>> items(reduced[0].kept.size());
    for (const auto& red : reduced) {
      for (std::size_t d = 0; d < red.kept.size(); ++d)
        add_items(items[d], red.values.dims()[d].items());
    }
    // Odometer over the union.
    std::vector<std::size_t> pos(items.size(), 0);
    bool done = std::any_of(items.begin(), items.end(), [](const auto& v) { return v.empty(); });
    while (!done) {
      std::map<std::string, std::string> coords;
      for (std::size_t d = 0; d < items.size(); ++d) coords[reduced[0].kept[d]] = items[d][pos[d]];
      const auto ref_value = reduced[0].at(coords);
      for (std::size_t r = 1; r < runs.size(); ++r) {
        const auto value = reduced[r].at(coords);
        const bool both = ref_value && value;
        const bool changed = both ? differs(*ref_value, *value)
                                  : ((ref_value && *ref_value != 0.0) || (value && *value != 0.0));
        if (!changed) continue;
        auto text = [&](std::string_view dim) {
          const auto it = coords.find(std::string(dim));
          return it == coords.end() ? Cell::empty() : Cell::of(it->second);
        };
        Cell year_cell = Cell::empty();
        if (const auto it = coords.find(std::string(results::kDimYear)); it != coords.end()) {
          year_cell = Cell::of(static_cast<double>(std::stoi(it->second)));
        }
        std::optional<double> delta;
        std::optional<double> fraction;
        if (both) {
          delta = *value - *ref_value;
          if (*ref_value != 0.0) fraction = *delta / *ref_value;
        }
        c.differences.rows.push_back({Cell::of(ref.name), Cell::of(ref.value_column),
                                      text(results::kDimRegion), text(results::kDimElement),
                                      year_cell, Cell::of(c.runs[r].label),
                                      number_or_empty(ref_value), number_or_empty(value),
                                      number_or_empty(delta), number_or_empty(fraction)});
      }
      // Next cell, last dimension fastest.
      std::size_t d = items.size();
      while (true) {
        if (d == 0) {
          done = true;
          break;
        }
        --d;
        if (++pos[d] < items[d].size()) break;
        pos[d] = 0;
      }
    }
  }
  for (const auto& name : all_names) {
    if (compared.count(name) == 0) c.tables_not_compared.push_back(name);
  }
  return c;
}

}  // namespace urbanmine::studies
