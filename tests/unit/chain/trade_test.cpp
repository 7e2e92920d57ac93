// SPDX-License-Identifier: Apache-2.0
// The feedstock transport LP: hand cases, and random small cases against a brute force over every
// integer allocation (the transport polytope is integral, so the integer optimum is the LP's).
#include "chain/trade.h"

#include <functional>
#include <random>

#include <gtest/gtest.h>

namespace urbanmine::chain {
namespace {

TEST(SolveTransport, SendsSurplusToTheCheapestAllowedSpareCapacity) {
  TransportProblem p;
  p.supply_t = {100.0};
  p.capacity_t = {80.0, 500.0, 500.0};
  p.cost_usd_per_t = {10.0, 50.0, 20.0};
  p.allowed = {1, 1, 0};  // the cheapest destination with room is closed
  auto s = solve_transport(p);
  ASSERT_TRUE(s.has_value()) << s.error().message;
  EXPECT_NEAR(s->shipped_t[0], 80.0, 1e-6);
  EXPECT_NEAR(s->shipped_t[1], 20.0, 1e-6);
  EXPECT_DOUBLE_EQ(s->shipped_t[2], 0.0);
  EXPECT_NEAR(s->stranded_t[0], 0.0, 1e-6);
  EXPECT_NEAR(s->cost_usd, 80.0 * 10.0 + 20.0 * 50.0, 1e-3);
}

TEST(SolveTransport, MovesTheMostBeforeSavingCost) {
  // Origin 0 can go to either destination, origin 1 only to the cheap one: the cheapest plan
  // for origin 0 would strand origin 1, so the cheap destination is left to origin 1.
  TransportProblem p;
  p.supply_t = {10.0, 10.0};
  p.capacity_t = {10.0, 10.0};
  p.cost_usd_per_t = {1.0, 100.0, 1.0, 1.0};
  p.allowed = {1, 1, 1, 0};
  auto s = solve_transport(p);
  ASSERT_TRUE(s.has_value()) << s.error().message;
  EXPECT_NEAR(s->moved_t, 20.0, 1e-6);
  EXPECT_NEAR(s->shipped_t[1], 10.0, 1e-6);  // origin 0 -> expensive destination
  EXPECT_NEAR(s->shipped_t[2], 10.0, 1e-6);  // origin 1 -> cheap destination
  EXPECT_NEAR(s->cost_usd, 1010.0, 1e-3);
}

TEST(SolveTransport, StrandsWhatNoAllowedCapacityTakes) {
  TransportProblem p;
  p.supply_t = {30.0, 5.0};
  p.capacity_t = {12.0};
  p.cost_usd_per_t = {1.0, 1.0};
  p.allowed = {1, 0};
  auto s = solve_transport(p);
  ASSERT_TRUE(s.has_value()) << s.error().message;
  EXPECT_NEAR(s->shipped_t[0], 12.0, 1e-6);
  EXPECT_NEAR(s->stranded_t[0], 18.0, 1e-6);
  EXPECT_DOUBLE_EQ(s->stranded_t[1], 5.0);
  EXPECT_NEAR(s->moved_t + s->stranded_t[0] + s->stranded_t[1], 35.0, 1e-9);
}

TEST(SolveTransport, RejectsBadInputNamingIt) {
  TransportProblem p;
  p.supply_t = {-1.0};
  p.capacity_t = {1.0};
  p.cost_usd_per_t = {1.0};
  p.allowed = {1};
  auto s = solve_transport(p);
  ASSERT_FALSE(s.has_value());
  EXPECT_NE(s.error().message.find("supply of origin 0"), std::string::npos);
  p.supply_t = {1.0};
  p.cost_usd_per_t = {};
  ASSERT_FALSE(solve_transport(p).has_value());
  p.cost_usd_per_t = {std::nan("")};
  ASSERT_FALSE(solve_transport(p).has_value());
}

// Every integer allocation of a small problem: the most moved, then the least cost.
struct Best {
  double moved = -1.0;
  double cost = 0.0;
};

Best brute_force(const TransportProblem& p) {
  const std::size_t O = p.supply_t.size(), D = p.capacity_t.size();
  std::vector<int> x(O * D, 0);
  Best best;
  std::function<void(std::size_t)> go = [&](std::size_t i) {
    if (i == O * D) {
      double moved = 0.0, cost = 0.0;
      for (std::size_t j = 0; j < O * D; ++j) {
        moved += x[j];
        cost += x[j] * p.cost_usd_per_t[j];
      }
      if (moved > best.moved || (moved == best.moved && cost < best.cost)) best = {moved, cost};
      return;
    }
    const std::size_t o = i / D, d = i % D;
    int sent = 0, received = 0;
    for (std::size_t e = 0; e < d; ++e) sent += x[o * D + e];
    for (std::size_t f = 0; f < o; ++f) received += x[f * D + d];
    const int room = p.allowed[i] != 0 ? std::min(static_cast<int>(p.supply_t[o]) - sent,
                                                  static_cast<int>(p.capacity_t[d]) - received)
                                       : 0;
    for (int v = 0; v <= room; ++v) {
      x[i] = v;
      go(i + 1);
    }
    x[i] = 0;
  };
  go(0);
  return best;
}

TEST(SolveTransport, EqualsBruteForceOnRandomSmallCases) {
  std::mt19937 rng(20261204);
  std::uniform_int_distribution<int> size(1, 3), amount(0, 4), unit_cost(0, 9), open(0, 3);
  int cases = 0;
  while (cases < 300) {
    const std::size_t O = static_cast<std::size_t>(size(rng));
    const std::size_t D = static_cast<std::size_t>(size(rng));
    if (O * D > 6) continue;
    TransportProblem p;
    for (std::size_t o = 0; o < O; ++o) p.supply_t.push_back(amount(rng));
    for (std::size_t d = 0; d < D; ++d) p.capacity_t.push_back(amount(rng));
    for (std::size_t i = 0; i < O * D; ++i) {
      p.cost_usd_per_t.push_back(unit_cost(rng));
      p.allowed.push_back(open(rng) != 0 ? 1 : 0);
    }
    auto s = solve_transport(p);
    ASSERT_TRUE(s.has_value()) << s.error().message;
    const Best b = brute_force(p);
    ASSERT_NEAR(s->moved_t, b.moved, 1e-6) << "case " << cases;
    ASSERT_NEAR(s->cost_usd, b.cost, 1e-5) << "case " << cases;
    for (std::size_t i = 0; i < O * D; ++i) {
      if (p.allowed[i] == 0) {
        ASSERT_EQ(s->shipped_t[i], 0.0);
      }
    }
    ++cases;
  }
}

}  // namespace
}  // namespace urbanmine::chain
