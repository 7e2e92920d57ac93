// SPDX-License-Identifier: Apache-2.0
// Named-dimension array implementation: shape checks by name, slicing and sums by name.
#include "core/dim_array.h"

#include <algorithm>
#include <cmath>
#include <set>

#include "core/assert.h"

namespace urbanmine::core {

Dimension::Dimension(std::string name, std::vector<std::string> items)
    : name_(std::move(name)), items_(std::move(items)) {
  for (std::size_t i = 0; i < items_.size(); ++i) {
    const bool inserted = index_.emplace(items_[i], i).second;
    URBANMINE_ASSERT(inserted, "Dimension items must be unique");
  }
}

Dimension Dimension::years(std::string name, int first, int last) {
  std::vector<std::string> items;
  for (int year = first; year <= last; ++year) items.push_back(std::to_string(year));
  return Dimension(std::move(name), std::move(items));
}

std::optional<std::size_t> Dimension::index_of(const std::string& item) const {
  const auto it = index_.find(item);
  if (it == index_.end()) return std::nullopt;
  return it->second;
}

Result<DimArray> DimArray::zeros(std::vector<Dimension> dims) {
  std::set<std::string> names;
  std::size_t total = 1;
  for (const auto& d : dims) {
    if (!names.insert(d.name()).second) {
      return Error::invalid_input("dimension '" + d.name() + "' appears twice", {},
                                  "each dimension of an array needs a unique name");
    }
    total *= d.size();
  }
  DimArray out;
  out.dims_ = std::move(dims);
  out.strides_.assign(out.dims_.size(), 1);
  for (std::size_t i = out.dims_.size(); i-- > 1;) {
    out.strides_[i - 1] = out.strides_[i] * out.dims_[i].size();
  }
  out.data_.assign(total, 0.0);
  return out;
}

std::optional<std::size_t> DimArray::dim_index(const std::string& name) const {
  for (std::size_t i = 0; i < dims_.size(); ++i) {
    if (dims_[i].name() == name) return i;
  }
  return std::nullopt;
}

std::vector<std::size_t> DimArray::shape() const {
  std::vector<std::size_t> out;
  for (const auto& d : dims_) out.push_back(d.size());
  return out;
}

std::size_t DimArray::offset(std::span<const std::size_t> indices) const {
  URBANMINE_ASSERT(indices.size() == dims_.size(), "one index per dimension");
  std::size_t off = 0;
  for (std::size_t i = 0; i < indices.size(); ++i) {
    URBANMINE_ASSERT(indices[i] < dims_[i].size(), "index out of range");
    off += indices[i] * strides_[i];
  }
  return off;
}

double& DimArray::at(std::initializer_list<std::size_t> indices) {
  return data_[offset(std::span<const std::size_t>(indices.begin(), indices.size()))];
}
double DimArray::at(std::initializer_list<std::size_t> indices) const {
  return data_[offset(std::span<const std::size_t>(indices.begin(), indices.size()))];
}

namespace {

Result<std::vector<std::size_t>> resolve(
    const std::vector<Dimension>& dims,
    const std::vector<std::pair<std::string, std::string>>& coords) {
  if (coords.size() != dims.size()) {
    return Error::invalid_input("expected " + std::to_string(dims.size()) + " coordinates, got " +
                                std::to_string(coords.size()));
  }
  std::vector<std::size_t> idx(dims.size(), 0);
  std::vector<bool> seen(dims.size(), false);
  for (const auto& [dim_name, item] : coords) {
    bool found = false;
    for (std::size_t d = 0; d < dims.size(); ++d) {
      if (dims[d].name() != dim_name) continue;
      const auto i = dims[d].index_of(item);
      if (!i) {
        return Error::not_found("'" + item + "' is not an item of dimension '" + dim_name + "'");
      }
      idx[d] = *i;
      seen[d] = true;
      found = true;
    }
    if (!found) return Error::not_found("no dimension named '" + dim_name + "'");
  }
  if (std::find(seen.begin(), seen.end(), false) != seen.end()) {
    return Error::invalid_input("every dimension must be given exactly once");
  }
  return idx;
}

}  // namespace

Result<double> DimArray::get(const std::vector<std::pair<std::string, std::string>>& coords) const {
  auto idx = resolve(dims_, coords);
  if (!idx) return idx.error();
  return data_[offset(*idx)];
}

Status DimArray::set(const std::vector<std::pair<std::string, std::string>>& coords, double value) {
  auto idx = resolve(dims_, coords);
  if (!idx) return idx.error();
  data_[offset(*idx)] = value;
  return {};
}

Result<DimArray> DimArray::sum_over(const std::string& name) const {
  const auto axis = dim_index(name);
  if (!axis) return Error::not_found("cannot sum over '" + name + "': no such dimension");
  std::vector<Dimension> kept;
  for (std::size_t d = 0; d < dims_.size(); ++d) {
    if (d != *axis) kept.push_back(dims_[d]);
  }
  auto out = DimArray::zeros(std::move(kept));
  if (!out) return out.error();
  const std::size_t n_axis = dims_[*axis].size();
  const std::size_t inner = strides_[*axis];
  const std::size_t outer = n_axis == 0 ? 0 : data_.size() / (n_axis * inner);
  for (std::size_t o = 0; o < outer; ++o) {
    for (std::size_t a = 0; a < n_axis; ++a) {
      const double* src = data_.data() + (o * n_axis + a) * inner;
      double* dst = out->data_.data() + o * inner;
      for (std::size_t i = 0; i < inner; ++i) dst[i] += src[i];
    }
  }
  return out;
}

Result<DimArray> DimArray::sum_to(const std::vector<std::string>& keep) const {
  for (const auto& k : keep) {
    if (!dim_index(k)) return Error::not_found("cannot keep '" + k + "': no such dimension");
  }
  DimArray current = *this;
  for (const auto& d : dims_) {
    if (std::find(keep.begin(), keep.end(), d.name()) != keep.end()) continue;
    auto next = current.sum_over(d.name());
    if (!next) return next.error();
    current = std::move(*next);
  }
  return current;
}

Result<DimArray> DimArray::slice(const std::string& name, const std::string& item) const {
  const auto axis = dim_index(name);
  if (!axis) return Error::not_found("cannot slice '" + name + "': no such dimension");
  const auto pos = dims_[*axis].index_of(item);
  if (!pos) {
    return Error::not_found("'" + item + "' is not an item of dimension '" + name + "'");
  }
  std::vector<Dimension> kept;
  for (std::size_t d = 0; d < dims_.size(); ++d) {
    if (d != *axis) kept.push_back(dims_[d]);
  }
  auto out = DimArray::zeros(std::move(kept));
  if (!out) return out.error();
  const std::size_t n_axis = dims_[*axis].size();
  const std::size_t inner = strides_[*axis];
  const std::size_t outer = data_.size() / (n_axis * inner);
  for (std::size_t o = 0; o < outer; ++o) {
    const double* src = data_.data() + (o * n_axis + *pos) * inner;
    std::copy(src, src + inner, out->data_.data() + o * inner);
  }
  return out;
}

Status DimArray::check_same_shape(const DimArray& other, const char* op) const {
  if (dims_.size() != other.dims_.size()) {
    return Error::invalid_input(std::string("cannot ") + op + " arrays with " +
                                std::to_string(dims_.size()) + " and " +
                                std::to_string(other.dims_.size()) + " dimensions");
  }
  for (std::size_t d = 0; d < dims_.size(); ++d) {
    if (!(dims_[d] == other.dims_[d])) {
      return Error::invalid_input(std::string("cannot ") + op + ": dimension " + std::to_string(d) +
                                  " is '" + dims_[d].name() + "' here and '" +
                                  other.dims_[d].name() + "' there, or their items differ");
    }
  }
  return {};
}

Status DimArray::add(const DimArray& other) {
  URBANMINE_TRY_STATUS(check_same_shape(other, "add"));
  for (std::size_t i = 0; i < data_.size(); ++i) data_[i] += other.data_[i];
  return {};
}

Status DimArray::subtract(const DimArray& other) {
  URBANMINE_TRY_STATUS(check_same_shape(other, "subtract"));
  for (std::size_t i = 0; i < data_.size(); ++i) data_[i] -= other.data_[i];
  return {};
}

void DimArray::scale(double factor) {
  for (double& v : data_) v *= factor;
}

double DimArray::total() const {
  double s = 0.0;
  for (double v : data_) s += v;
  return s;
}

double DimArray::max_abs() const {
  double m = 0.0;
  for (double v : data_) m = std::max(m, std::fabs(v));
  return m;
}

bool DimArray::all_finite() const {
  return std::all_of(data_.begin(), data_.end(), [](double v) { return std::isfinite(v); });
}

double DimArray::min_value() const {
  return data_.empty() ? 0.0 : *std::min_element(data_.begin(), data_.end());
}

}  // namespace urbanmine::core
