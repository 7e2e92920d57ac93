// SPDX-License-Identifier: Apache-2.0
// Named-dimension arrays, in the spirit of flodym's NamedDimArray. A Dimension has a name and an
// ordered list of items; a DimArray holds doubles over an ordered list of Dimensions (row-major,
// last dimension fastest) and rejects shapes that do not match by name. Domain code slices and
// sums by dimension name instead of indexing nested maps by hand.
//
// Thread safety: const methods may be called concurrently; mutation needs exclusive access.
#pragma once

#include <cstddef>
#include <optional>
#include <span>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "core/result.h"

namespace urbanmine::core {

class Dimension {
 public:
  Dimension() = default;
  // Items must be unique; duplicates are a bug in the caller (validated data never has them).
  Dimension(std::string name, std::vector<std::string> items);
  // Calendar years first..last inclusive as items "2010", "2011", ...
  static Dimension years(std::string name, int first, int last);

  const std::string& name() const { return name_; }
  const std::vector<std::string>& items() const { return items_; }
  std::size_t size() const { return items_.size(); }
  std::optional<std::size_t> index_of(const std::string& item) const;
  bool operator==(const Dimension& other) const {
    return name_ == other.name_ && items_ == other.items_;
  }

 private:
  std::string name_;
  std::vector<std::string> items_;
  std::unordered_map<std::string, std::size_t> index_;
};

class DimArray {
 public:
  DimArray() = default;
  // Zero-filled array over `dims`; dimension names must be unique.
  static Result<DimArray> zeros(std::vector<Dimension> dims);

  const std::vector<Dimension>& dims() const { return dims_; }
  std::optional<std::size_t> dim_index(const std::string& name) const;
  std::vector<std::size_t> shape() const;
  std::size_t size() const { return data_.size(); }
  std::span<double> data() { return data_; }
  std::span<const double> data() const { return data_; }

  // Element access by positional indices, one per dimension, in dimension order.
  double& at(std::initializer_list<std::size_t> indices);
  double at(std::initializer_list<std::size_t> indices) const;
  std::size_t offset(std::span<const std::size_t> indices) const;

  // Element access by item names keyed by dimension name; every dimension must be named.
  Result<double> get(const std::vector<std::pair<std::string, std::string>>& coords) const;
  Status set(const std::vector<std::pair<std::string, std::string>>& coords, double value);

  // The array with dimension `name` removed by summing over it.
  Result<DimArray> sum_over(const std::string& name) const;
  // Sums over every dimension not in `keep` (keeping their original order).
  Result<DimArray> sum_to(const std::vector<std::string>& keep) const;
  // The sub-array where dimension `name` equals `item` (that dimension removed).
  Result<DimArray> slice(const std::string& name, const std::string& item) const;

  // Element-wise in place; the other array must have the same dimensions (names and items).
  Status add(const DimArray& other);
  Status subtract(const DimArray& other);
  void scale(double factor);

  double total() const;
  double max_abs() const;
  bool all_finite() const;
  double min_value() const;

 private:
  Status check_same_shape(const DimArray& other, const char* op) const;

  std::vector<Dimension> dims_;
  std::vector<std::size_t> strides_;
  std::vector<double> data_;
};

}  // namespace urbanmine::core
