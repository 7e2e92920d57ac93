// SPDX-License-Identifier: Apache-2.0
// Aggregate regions of a run's results (see regions.h).
#include "results/regions.h"

#include <algorithm>
#include <unordered_map>
#include <utility>

#include "results/registry.h"

namespace urbanmine::results {

namespace {

std::vector<std::string> split_codes(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    const auto end = text.find(';', start);
    std::string item = text.substr(start, end == std::string::npos ? end : end - start);
    if (!item.empty()) out.push_back(std::move(item));
    if (end == std::string::npos) break;
    start = end + 1;
  }
  return out;
}

std::string cell_text(const Cell& c) { return c.kind == Cell::Kind::kText ? c.text : ""; }

}  // namespace

RegionIndex RegionIndex::of(const RunResults& run) {
  RegionIndex index;
  auto add_member = [&](const std::string& aggregate, const std::string& region) {
    auto it = std::find(index.aggregates_.begin(), index.aggregates_.end(), aggregate);
    if (it == index.aggregates_.end()) {
      index.aggregates_.push_back(aggregate);
      index.aggregate_members_.emplace_back();
      it = index.aggregates_.end() - 1;
    }
    index.aggregate_members_[static_cast<std::size_t>(it - index.aggregates_.begin())].push_back(
        region);
  };
  if (const RecordTable* rec = run.find_records(kRecordsRegions.name)) {
    const auto column = [&](std::string_view name) -> std::size_t {
      const auto it = std::find(rec->columns.begin(), rec->columns.end(), name);
      return static_cast<std::size_t>(it - rec->columns.begin());
    };
    const std::size_t c_region = column("region");
    const std::size_t c_aggs = column("aggregates");
    for (const auto& row : rec->rows) {
      if (c_region >= row.size()) continue;
      const std::string region = cell_text(row[c_region]);
      if (region.empty()) continue;
      index.regions_.push_back(region);
      if (c_aggs < row.size()) {
        for (const auto& a : split_codes(cell_text(row[c_aggs]))) add_member(a, region);
      }
    }
    return index;
  }
  for (const auto& t : run.tables) {
    const auto d = t.values.dim_index(std::string(kDimRegion));
    if (!d) continue;
    for (const auto& item : t.values.dims()[*d].items()) {
      if (std::find(index.regions_.begin(), index.regions_.end(), item) == index.regions_.end()) {
        index.regions_.push_back(item);
      }
    }
  }
  for (const auto& r : index.regions_) add_member("WORLD", r);
  return index;
}

bool RegionIndex::is_region(std::string_view code) const {
  return std::find(regions_.begin(), regions_.end(), code) != regions_.end();
}

bool RegionIndex::is_aggregate(std::string_view code) const {
  return std::find(aggregates_.begin(), aggregates_.end(), code) != aggregates_.end();
}

core::Result<std::vector<std::string>> RegionIndex::members(std::string_view code) const {
  if (is_region(code)) return std::vector<std::string>{std::string(code)};
  const auto it = std::find(aggregates_.begin(), aggregates_.end(), code);
  if (it != aggregates_.end()) {
    return aggregate_members_[static_cast<std::size_t>(it - aggregates_.begin())];
  }
  return core::Error::not_found("the run has no region '" + std::string(code) + "'",
                                std::string(code), "use one of: " + valid_codes());
}

std::string RegionIndex::valid_codes() const {
  std::string out;
  for (const auto* list : {&regions_, &aggregates_}) {
    for (const auto& c : *list) out += (out.empty() ? "" : ", ") + c;
  }
  return out;
}

bool is_additive(const ResultTable& table) {
  constexpr std::string_view kFraction = "_fraction";
  const std::string_view column = table.value_column;
  return !(column.size() >= kFraction.size() &&
           column.substr(column.size() - kFraction.size()) == kFraction);
}

namespace {

// `table` with one item per aggregate of `index` on its region dimension, after the model
// regions (kept = true) or instead of them.
core::Result<ResultTable> add_aggregates(const ResultTable& table, const RegionIndex& index,
                                         bool keep_regions) {
  const auto axis = table.values.dim_index(std::string(kDimRegion));
  const auto& dims = table.values.dims();
  const auto& old_items = dims[*axis].items();
  std::vector<std::string> items = keep_regions ? old_items : std::vector<std::string>{};
  // Member positions of each aggregate among the table's regions.
  std::vector<std::vector<std::size_t>> member_pos;
  for (const auto& a : index.aggregates()) {
    if (std::find(old_items.begin(), old_items.end(), a) != old_items.end()) continue;  // there
    auto members = index.members(a);
    if (!members) return members.error();
    std::vector<std::size_t> pos;
    for (const auto& m : *members) {
      if (const auto i = dims[*axis].index_of(m)) pos.push_back(*i);
    }
    items.push_back(a);
    member_pos.push_back(std::move(pos));
  }
  std::vector<core::Dimension> new_dims = dims;
  new_dims[*axis] = core::Dimension(dims[*axis].name(), items);
  auto out = core::DimArray::zeros(new_dims);
  if (!out) return out.error();
  // Row-major: [outer][region][inner].
  std::size_t inner = 1;
  for (std::size_t d = *axis + 1; d < dims.size(); ++d) inner *= dims[d].size();
  std::size_t outer = 1;
  for (std::size_t d = 0; d < *axis; ++d) outer *= dims[d].size();
  const std::size_t n_old = old_items.size();
  const std::size_t n_new = items.size();
  const std::size_t first_aggregate = keep_regions ? n_old : 0;
  const auto src = table.values.data();
  auto dst = out->data();
  for (std::size_t o = 0; o < outer; ++o) {
    for (std::size_t r = 0; keep_regions && r < n_old; ++r) {
      std::copy_n(src.begin() + static_cast<std::ptrdiff_t>((o * n_old + r) * inner), inner,
                  dst.begin() + static_cast<std::ptrdiff_t>((o * n_new + r) * inner));
    }
    for (std::size_t a = 0; a < member_pos.size(); ++a) {
      double* to = dst.data() + (o * n_new + first_aggregate + a) * inner;
      for (const std::size_t r : member_pos[a]) {
        const double* from = src.data() + (o * n_old + r) * inner;
        for (std::size_t i = 0; i < inner; ++i) to[i] += from[i];
      }
    }
  }
  return ResultTable{table.name, table.value_column, table.description, std::move(*out)};
}

}  // namespace

core::Result<ResultTable> with_aggregates(const ResultTable& table, const RegionIndex& index) {
  const auto axis = table.values.dim_index(std::string(kDimRegion));
  if (!axis || index.aggregates().empty() || !is_additive(table)) return table;
  return add_aggregates(table, index, true);
}

bool has_aggregates(const ResultTable& table, const RegionIndex& index) {
  const auto axis = table.values.dim_index(std::string(kDimRegion));
  if (!axis || !is_additive(table)) return false;
  const auto& items = table.values.dims()[*axis].items();
  return std::any_of(index.aggregates().begin(), index.aggregates().end(), [&](const auto& a) {
    return std::find(items.begin(), items.end(), a) == items.end();
  });
}

core::Result<std::optional<ResultTable>> aggregates_of(const ResultTable& table,
                                                       const RegionIndex& index) {
  if (!has_aggregates(table, index)) return std::optional<ResultTable>();
  auto out = add_aggregates(table, index, false);
  if (!out) return out.error();
  return std::optional<ResultTable>(std::move(*out));
}

core::Result<double> table_total(const ResultTable& table, const std::vector<std::string>& regions,
                                 const std::vector<std::pair<std::string, std::string>>& fixed) {
  const auto& dims = table.values.dims();
  // Per dimension: the item index kept, or -1 for all.
  std::vector<std::vector<bool>> keep(dims.size());
  for (std::size_t d = 0; d < dims.size(); ++d) keep[d].assign(dims[d].size(), true);
  for (const auto& [name, item] : fixed) {
    const auto d = table.values.dim_index(name);
    if (!d) {
      return core::Error::not_found("table '" + table.name + "' has no " + name + " dimension",
                                    table.name, "ask for a dimension the table has");
    }
    const auto i = dims[*d].index_of(item);
    if (!i) {
      return core::Error::not_found("table '" + table.name + "' has no " + name + " '" + item + "'",
                                    table.name, "ask for an item the table has");
    }
    keep[*d].assign(dims[*d].size(), false);
    keep[*d][*i] = true;
  }
  if (const auto d = table.values.dim_index(std::string(kDimRegion))) {
    keep[*d].assign(dims[*d].size(), false);
    for (const auto& r : regions) {
      if (const auto i = dims[*d].index_of(r)) keep[*d][*i] = true;
    }
  }
  // Walk every cell with an odometer over the dimensions.
  const auto data = table.values.data();
  std::vector<std::size_t> idx(dims.size(), 0);
  double total = 0.0;
  for (std::size_t flat = 0; flat < data.size(); ++flat) {
    bool take = true;
    for (std::size_t d = 0; d < dims.size() && take; ++d) take = keep[d][idx[d]];
    if (take) total += data[flat];
    for (std::size_t d = dims.size(); d-- > 0;) {
      if (++idx[d] < dims[d].size()) break;
      idx[d] = 0;
    }
  }
  return total;
}

}  // namespace urbanmine::results
