// SPDX-License-Identifier: Apache-2.0
// A year path of an input (collection, capacity, scrap rate...): piecewise linear through
// (year, value) points, flat before the first and after the last. Scenario resolution
// (model/scenario.cpp, model/feedstock.cpp) builds every default and scenario path with it.
#pragma once

#include <iterator>
#include <map>

namespace urbanmine::model {

class Path {
 public:
  void set(int year, double value) { points_[year] = value; }
  bool empty() const { return points_.empty(); }
  // Undefined on an empty path (callers check empty()).
  double at(int year) const {
    auto hi = points_.lower_bound(year);
    if (hi == points_.end()) return std::prev(hi)->second;
    if (hi->first == year || hi == points_.begin()) return hi->second;
    auto lo = std::prev(hi);
    const double w =
        static_cast<double>(year - lo->first) / static_cast<double>(hi->first - lo->first);
    return lo->second + w * (hi->second - lo->second);
  }
  const std::map<int, double>& points() const { return points_; }

 private:
  std::map<int, double> points_;
};

}  // namespace urbanmine::model
