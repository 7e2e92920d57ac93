// SPDX-License-Identifier: Apache-2.0
// Balance checks derived from the declared processes and flows (see system.h).
#include "chain/system.h"

#include <algorithm>
#include <cmath>
#include <tuple>

#include "core/tolerance.h"

namespace urbanmine::chain {

namespace {

BalanceCheck make_check(std::string_view process, const std::string& region,
                        const std::string& element, int year, double inputs, double outputs,
                        double stock_change) {
  BalanceCheck b;
  b.process = std::string(process);
  b.region = region;
  b.element = element;
  b.year = year;
  b.inputs = inputs;
  b.outputs = outputs;
  b.stock_change = stock_change;
  b.residual = inputs - outputs - stock_change;
  const double scale = std::max({std::fabs(inputs), std::fabs(outputs), std::fabs(stock_change)});
  b.ok = std::isfinite(b.residual) &&
         core::within_scaled(b.residual, scale, core::kMassBalanceTolerance);
  return b;
}

// Which processes of a layer are checked per year, which are sources and sinks.
struct LayerRoles {
  std::array<bool, kProcessCount> checked{};
  std::array<bool, kProcessCount> source{};
  std::array<bool, kProcessCount> sink{};
};

LayerRoles roles_of(const FlowLayer& layer) {
  LayerRoles roles;
  for (std::size_t p = 0; p < kProcessCount; ++p) {
    bool any_in = false, any_out = false, all_tracked = true, in_tracked = false,
         out_tracked = false;
    for (std::size_t f = 0; f < kFlowCount; ++f) {
      const bool tracked = !layer.flows[f].empty();
      if (index(kFlows[f].to) == p) {
        any_in = true;
        in_tracked = in_tracked || tracked;
        all_tracked = all_tracked && tracked;
      }
      if (index(kFlows[f].from) == p) {
        any_out = true;
        out_tracked = out_tracked || tracked;
        all_tracked = all_tracked && tracked;
      }
    }
    if (kProcesses[p].has_stock && layer.stocks[p].empty()) all_tracked = false;
    roles.checked[p] = any_in && any_out && all_tracked && !kProcesses[p].identity;
    roles.source[p] = !any_in && out_tracked;
    roles.sink[p] = in_tracked && !out_tracked;
  }
  return roles;
}

}  // namespace

std::vector<BalanceCheck> check_balances(const FlowLayers& flows,
                                         const std::vector<std::string>& regions, int first_year) {
  const std::size_t R = flows.regions, T = flows.years;
  std::vector<LayerRoles> roles;
  std::size_t per_year = 0;
  for (const auto& layer : flows.layers) {
    roles.push_back(roles_of(layer));
    per_year += static_cast<std::size_t>(
        std::count(roles.back().checked.begin(), roles.back().checked.end(), true));
  }
  std::vector<BalanceCheck> out;
  out.reserve(R * (T * per_year + flows.layers.size()));
  for (std::size_t r = 0; r < R; ++r) {
    for (std::size_t t = 0; t < T; ++t) {
      const int year = first_year + static_cast<int>(t);
      const std::size_t i = r * T + t;
      for (std::size_t l = 0; l < flows.layers.size(); ++l) {
        const FlowLayer& layer = flows.layers[l];
        for (std::size_t p = 0; p < kProcessCount; ++p) {
          if (!roles[l].checked[p]) continue;
          double inputs = 0.0, outputs = 0.0, change = 0.0;
          for (std::size_t f = 0; f < kFlowCount; ++f) {
            if (index(kFlows[f].to) == p) inputs += layer.flows[f][i];
            if (index(kFlows[f].from) == p) outputs += layer.flows[f][i];
          }
          if (kProcesses[p].has_stock) {
            const auto& s = layer.stocks[p];
            change = s[i] - (t > 0 ? s[i - 1] : 0.0);
          }
          out.push_back(make_check(kProcesses[p].name, regions[r], layer.name, year, inputs,
                                   outputs, change));
        }
      }
    }
  }
  // Whole horizon: the system starts empty in the first year.
  const int last_year = first_year + static_cast<int>(T) - 1;
  for (std::size_t r = 0; r < R && T > 0; ++r) {
    for (std::size_t l = 0; l < flows.layers.size(); ++l) {
      const FlowLayer& layer = flows.layers[l];
      double entered = 0.0, left = 0.0, stock = 0.0;
      for (std::size_t f = 0; f < kFlowCount; ++f) {
        if (layer.flows[f].empty()) continue;
        const bool from_source = roles[l].source[index(kFlows[f].from)];
        const bool to_sink = roles[l].sink[index(kFlows[f].to)];
        if (!from_source && !to_sink) continue;
        double sum = 0.0;
        for (std::size_t t = 0; t < T; ++t) sum += layer.flows[f][r * T + t];
        if (from_source) entered += sum;
        if (to_sink) left += sum;
      }
      for (std::size_t p = 0; p < kProcessCount; ++p) {
        if (kProcesses[p].has_stock && !layer.stocks[p].empty()) {
          stock += layer.stocks[p][r * T + T - 1];
        }
      }
      out.push_back(
          make_check(kHorizonProcess, regions[r], layer.name, last_year, entered, left, stock));
    }
  }
  // World trade: exports and imports are the two ends of the same shipments.
  const std::array<std::tuple<Flow, Flow, std::string_view>, 2> trades = {{
      {Flow::kShippedOut, Flow::kShippedIn, kTradeProcess},
      {Flow::kUsedExported, Flow::kUsedImported, kUsedVehicleTradeProcess},
  }};
  for (const auto& [out_f, in_f, name] : trades) {
    if (out_f == Flow::kUsedExported && !flows.used_vehicle_trade) continue;
    const std::size_t out_flow = index(out_f);
    const std::size_t in_flow = index(in_f);
    for (const auto& layer : flows.layers) {
      if (layer.flows[out_flow].empty() || layer.flows[in_flow].empty()) continue;
      for (std::size_t t = 0; t < T; ++t) {
        double exported = 0.0, imported = 0.0;
        for (std::size_t r = 0; r < R; ++r) {
          exported += layer.flows[out_flow][r * T + t];
          imported += layer.flows[in_flow][r * T + t];
        }
        out.push_back(make_check(name, std::string(kWorldRegion), layer.name,
                                 first_year + static_cast<int>(t), exported, imported, 0.0));
      }
    }
  }
  return out;
}

}  // namespace urbanmine::chain
