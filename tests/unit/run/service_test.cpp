// SPDX-License-Identifier: Apache-2.0
// RunService's memory of results: the last kRunsInMemory runs used stay in memory, older ones and
// the runs of an earlier process (a second service on the same store) are loaded back from the
// store whole, with the same tables; unfinished or unknown runs are refused.
#include "engine/service.h"

#include <chrono>
#include <thread>

#include <gtest/gtest.h>

#include "test_support.h"
#include "unit/io/run_fixture.h"

namespace urbanmine::engine {
namespace {

std::unique_ptr<RunService> open_service(const std::string& db) {
  RunServiceOptions options;
  options.db_path = db;
  options.max_concurrent_runs = 1;
  // The fixture instead of the model: the service's bookkeeping is under test here.
  options.run = [](const std::string&, const std::string&, const RunOptions&) {
    return core::Result<RunResults>(testing::make_fixture_results());
  };
  auto service = RunService::open(options);
  EXPECT_TRUE(service.has_value()) << service.error().to_string();
  return std::move(*service);
}

std::int64_t run_to_end(RunService& service) {
  auto started = service.start_run(std::string(kBaselineScenarioName));
  EXPECT_TRUE(started && started->accepted);
  for (int i = 0; i < 2000; ++i) {
    auto run = service.run(started->run_id);
    if (run && run->state != RunState::kRunning) {
      EXPECT_EQ(run->state, RunState::kSucceeded);
      return started->run_id;
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  ADD_FAILURE() << "run did not finish";
  return 0;
}

void expect_same_tables(const RunResults& a, const RunResults& b) {
  ASSERT_EQ(a.tables.size(), b.tables.size());
  for (std::size_t i = 0; i < a.tables.size(); ++i) {
    EXPECT_EQ(a.tables[i].name, b.tables[i].name);
    EXPECT_EQ(a.tables[i].values.dims(), b.tables[i].values.dims());
    EXPECT_TRUE(std::equal(a.tables[i].values.data().begin(), a.tables[i].values.data().end(),
                           b.tables[i].values.data().begin(), b.tables[i].values.data().end()))
        << a.tables[i].name;
  }
}

TEST(RunServiceResults, KeepsRecentRunsAndLoadsOthersBackFromTheStore) {
  testing::TempDir dir;
  const std::string db = dir.path("service.db");
  const auto fixture = testing::make_fixture_results();
  std::vector<std::int64_t> ids;
  {
    auto service = open_service(db);
    for (std::size_t i = 0; i < RunService::kRunsInMemory + 2; ++i) {
      ids.push_back(run_to_end(*service));
    }
    // The first runs were evicted from memory; asking loads them back, with the same tables.
    for (auto id : ids) {
      auto results = service->results(id);
      ASSERT_TRUE(results.has_value()) << results.error().to_string();
      expect_same_tables((*results)->results, fixture);
    }
    EXPECT_EQ(service->results(ids.back() + 100).error().code, core::ErrorCode::kNotFound);
  }
  // A new process on the same store: every run loads back whole, with its stored documents.
  auto restarted = open_service(db);
  auto results = restarted->results(ids.front());
  ASSERT_TRUE(results.has_value()) << results.error().to_string();
  expect_same_tables((*results)->results, fixture);
  EXPECT_EQ((*results)->results.meta.first_year, fixture.meta.first_year);
  EXPECT_EQ((*results)->results.meta.last_year, fixture.meta.last_year);
  EXPECT_EQ((*results)->documents.files.count(std::string(report::kSummaryFile)), 1U);
  EXPECT_EQ(report::sankey_json((*results)->results, 2040, "Li").value(),
            report::sankey_json(fixture, 2040, "Li").value());
}

TEST(RunServiceResults, RefusesARunThatDidNotSucceed) {
  testing::TempDir dir;
  RunServiceOptions options;
  options.db_path = dir.path("service.db");
  options.run = [](const std::string&, const std::string&, const RunOptions&) {
    return core::Result<RunResults>(core::Error::invalid_input("bad scenario"));
  };
  auto service = RunService::open(options);
  ASSERT_TRUE(service.has_value());
  auto started = (*service)->start_run(std::string(kBaselineScenarioName));
  ASSERT_TRUE(started && started->accepted);
  for (int i = 0; i < 2000; ++i) {
    if ((*service)->run(started->run_id)->state != RunState::kRunning) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  EXPECT_EQ((*service)->results(started->run_id).error().code, core::ErrorCode::kConflict);
}

}  // namespace
}  // namespace urbanmine::engine
