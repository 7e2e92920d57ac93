// SPDX-License-Identifier: Apache-2.0
// Runs compared (studies/compare.h) and aggregate regions (results/regions.h): issue 17's
// question "how does EU collection and capacity change recovered lithium in the EU in 2040?"
// answered from the baseline and examples/eu_circular.toml, checked against sums computed here
// from the tables.
#include "engine/compare.h"

#include <cmath>
#include <filesystem>
#include <string>

#include <gtest/gtest.h>

#include "engine/run.h"

#include "report/compare_report.h"
#include "report/run_outputs.h"
#include "report/run_reader.h"
#include "results/regions.h"
#include "results/registry.h"
#include "test_support.h"

namespace urbanmine::engine {
namespace {

namespace fs = std::filesystem;

RunResults run_example(const std::string& name) {
  RunOptions o;
  o.data_dir = testing::source_path("data");
  auto r = run_scenario_file(testing::source_path("examples/" + name + ".toml"), o);
  EXPECT_TRUE(r.has_value()) << name << ": " << (r ? "" : r.error().to_string());
  if (!r) return RunResults{};
  return std::move(*r);
}

// Sum of a table over the regions whose `regions` record row lists `aggregate`, computed from
// the record table and the long-form cells directly (independently of results/regions).
double aggregate_by_hand(const RunResults& r, std::string_view table, const std::string& aggregate,
                         const std::string& element, int year) {
  const auto* regions = r.find_records("regions");
  const auto* t = r.find(table);
  double sum = 0.0;
  for (const auto& row : regions->rows) {
    if ((";" + row[2].text + ";").find(";" + aggregate + ";") == std::string::npos) continue;
    auto slice = t->values.slice("region", row[0].text);
    slice = slice->slice("year", std::to_string(year));
    slice = slice->slice("element", element);
    sum += slice->total();
  }
  return sum;
}

class Compare : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    baseline_ = new RunResults(run_example("global"));
    eu_ = new RunResults(run_example("eu_circular"));
  }
  static void TearDownTestSuite() {
    delete baseline_;
    delete eu_;
  }
  static RunResults* baseline_;
  static RunResults* eu_;
};
RunResults* Compare::baseline_ = nullptr;
RunResults* Compare::eu_ = nullptr;

TEST_F(Compare, RegionIndexResolvesAggregatesToTheirMemberRegions) {
  const auto index = results::RegionIndex::of(*baseline_);
  auto eu = index.members("EU27");
  ASSERT_TRUE(eu.has_value());
  for (const char* in : {"DEU", "FRA", "HUN", "POL", "SWE", "CZE", "EU27_OTHER"}) {
    EXPECT_NE(std::find(eu->begin(), eu->end(), in), eu->end()) << in;
  }
  for (const char* out : {"GBR", "EUROPE_OTHER", "USA", "ROW"}) {
    EXPECT_EQ(std::find(eu->begin(), eu->end(), out), eu->end()) << out;
  }
  EXPECT_EQ(index.members("WORLD")->size(), index.regions().size());
  EXPECT_EQ(*index.members("KOR"), std::vector<std::string>{"KOR"});
  auto unknown = index.members("XYZ");
  ASSERT_FALSE(unknown.has_value());
  EXPECT_EQ(unknown.error().code, core::ErrorCode::kNotFound);
  EXPECT_NE(unknown.error().hint.find("EU27"), std::string::npos) << unknown.error().hint;
  EXPECT_NE(unknown.error().hint.find("KOR"), std::string::npos) << unknown.error().hint;
}

TEST_F(Compare, PartialRunListsNoAggregateItDoesNotHoldWhole) {
  RunOptions o;
  o.data_dir = testing::source_path("data");
  auto r = run_scenario_text(
      "[scenario]\nname = \"two\"\nfirst_year = 2015\nlast_year = 2030\nregions = [\"DEU\", "
      "\"KOR\"]\n",
      "two.toml", o);
  ASSERT_TRUE(r.has_value()) << r.error().to_string();
  const auto index = results::RegionIndex::of(*r);
  EXPECT_FALSE(index.is_aggregate("EU27"));
  EXPECT_FALSE(index.is_aggregate("WORLD"));
  EXPECT_FALSE(index.members("EU27").has_value());
}

TEST_F(Compare, WithAggregatesAddsSumsButNotShares) {
  const auto index = results::RegionIndex::of(*baseline_);
  auto eol = results::with_aggregates(*baseline_->find(results::kTableEndOfLifeT), index);
  ASSERT_TRUE(eol.has_value());
  auto v = eol->values.get({{"region", "EU27"}, {"element", "Li"}, {"year", "2040"}});
  ASSERT_TRUE(v.has_value());
  EXPECT_NEAR(*v, aggregate_by_hand(*baseline_, results::kTableEndOfLifeT, "EU27", "Li", 2040),
              1e-9 * *v);
  EXPECT_GT(*v, 0.0);
  auto share = results::with_aggregates(*baseline_->find(results::kTableSecondaryShare), index);
  ASSERT_TRUE(share.has_value());
  const auto d = share->values.dim_index("region");
  EXPECT_FALSE(share->values.dims()[*d].index_of("EU27").has_value());
}

TEST_F(Compare, ARunComparedWithItselfDiffersNowhere) {
  CompareOptions options;
  options.region = "EU27";
  auto c = compare_runs({{"a", *baseline_}, {"b", *baseline_}}, options);
  ASSERT_TRUE(c.has_value()) << c.error().to_string();
  EXPECT_TRUE(c->differences.rows.empty());
  EXPECT_EQ(c->year, 2040);
  EXPECT_EQ(c->headline.size(), 6u * 3u);  // six tables x Li, Ni, Co
  for (const auto& h : c->headline) {
    EXPECT_EQ(h.delta(1), 0.0) << h.table << " " << h.element;
    EXPECT_EQ(h.delta_fraction(1), 0.0) << h.table << " " << h.element;
  }
  EXPECT_NE(c->runs[0].label, c->runs[1].label);  // the repeated name is made unique
  EXPECT_GT(c->tables_compared.size(), 30u);
}

TEST_F(Compare, EuCircularRaisesRecoveredLithiumInTheEuIn2040) {
  CompareOptions options;
  options.region = "EU27";
  options.year = 2040;
  options.elements = {"Li"};
  auto c = compare_runs({{"examples/global.toml", *baseline_}, {"examples/eu_circular.toml", *eu_}},
                        options);
  ASSERT_TRUE(c.has_value()) << c.error().to_string();
  const results::HeadlineFigure* recovered = nullptr;
  for (const auto& h : c->headline) {
    if (h.table == results::kTableRecoveredT) recovered = &h;
  }
  ASSERT_NE(recovered, nullptr);
  const double base = aggregate_by_hand(*baseline_, results::kTableRecoveredT, "EU27", "Li", 2040);
  const double eu = aggregate_by_hand(*eu_, results::kTableRecoveredT, "EU27", "Li", 2040);
  EXPECT_NEAR(recovered->values[0], base, 1e-9 * base);
  EXPECT_NEAR(recovered->values[1], eu, 1e-9 * eu);
  // The scenario doubles European capacity: more lithium recovered in the EU.
  EXPECT_GT(recovered->delta(1), 0.1 * base);
  EXPECT_NEAR(recovered->delta_fraction(1), eu / base - 1.0, 1e-12);
  // The answer sentence names the delta and the runs.
  const std::string answer = report::compare_answer(*c);
  EXPECT_NE(answer.find("EU27"), std::string::npos) << answer;
  EXPECT_NE(answer.find("lithium"), std::string::npos) << answer;
  EXPECT_NE(answer.find("EU circular"), std::string::npos) << answer;
  EXPECT_NE(answer.find("%"), std::string::npos) << answer;
  // The differences hold the EU27 row of the recovered table, with its delta.
  bool found = false;
  for (const auto& row : c->differences.rows) {
    if (row[0].text == results::kTableRecoveredT && row[2].text == "EU27" && row[3].text == "Li" &&
        row[4].number == 2040) {
      found = true;
      EXPECT_NEAR(row[8].number, eu - base, 1e-9 * base);
    }
  }
  EXPECT_TRUE(found);
  // The series end at the focus year's values.
  for (const auto& s : c->series) {
    if (s.table != results::kTableRecoveredT) continue;
    const auto at = static_cast<std::size_t>(2040 - s.years.front());
    EXPECT_DOUBLE_EQ(s.values[1][at], recovered->values[1]);
  }
  // Material demand does not change (same sales and chemistry).
  for (const auto& h : c->headline) {
    if (h.table == results::kTableMaterialDemandT) {
      EXPECT_NEAR(h.delta(1), 0.0, 1e-6);
    }
  }
}

TEST_F(Compare, BadRequestsNameWhatToGive) {
  CompareOptions options;
  auto one = compare_runs({{"a", *baseline_}}, options);
  ASSERT_FALSE(one.has_value());
  EXPECT_EQ(one.error().code, core::ErrorCode::kInvalidInput);
  options.elements = {"Xx"};
  auto element = compare_runs({{"a", *baseline_}, {"b", *eu_}}, options);
  ASSERT_FALSE(element.has_value());
  EXPECT_NE(element.error().hint.find("graphite"), std::string::npos);
  options.elements = {};
  options.year = 2070;
  auto year = compare_runs({{"a", *baseline_}, {"b", *eu_}}, options);
  ASSERT_FALSE(year.has_value());
  EXPECT_NE(year.error().hint.find("2050"), std::string::npos) << year.error().hint;
  options.year = 0;
  options.region = "ATLANTIS";
  auto region = compare_runs({{"a", *baseline_}, {"b", *eu_}}, options);
  ASSERT_FALSE(region.has_value());
  EXPECT_EQ(region.error().code, core::ErrorCode::kNotFound);
}

TEST_F(Compare, ARunFolderAndAStoredRunLoadBackAsTheRunItself) {
  testing::TempDir dir;
  report::OutputOptions out;
  out.out_dir = dir.path("eu");
  auto written = report::write_run_outputs(*eu_, out);
  ASSERT_TRUE(written.has_value()) << written.error().to_string();
  CompareLoadOptions load;
  auto folder = load_compare_input(dir.path("eu"), load);
  ASSERT_TRUE(folder.has_value()) << folder.error().to_string();
  EXPECT_EQ(folder->run.meta.scenario_name, "EU circular");
  EXPECT_FALSE(folder->run.meta.scenario_description.empty());
  // An id without --db reads the workspace out/urbanmine.db of the current folder; where there
  // is none, the error says to give --db.
  std::error_code ec;
  const auto cwd = fs::current_path();
  testing::TempDir empty;
  fs::current_path(empty.path(), ec);
  ASSERT_FALSE(ec) << ec.message();
  auto needs_db = load_compare_input(std::to_string(written->run_id), load);
  fs::current_path(cwd, ec);
  ASSERT_FALSE(needs_db.has_value());
  EXPECT_NE(needs_db.error().message.find("--db"), std::string::npos);
  load.db_path = written->db_path;
  auto stored = load_compare_input(std::to_string(written->run_id), load);
  ASSERT_TRUE(stored.has_value()) << stored.error().to_string();
  EXPECT_EQ(stored->run.meta.scenario_description, folder->run.meta.scenario_description);
  CompareOptions options;
  options.region = "EU27";
  // In memory, from the folder's CSVs (12 significant digits) and from the store: no difference.
  auto c = compare_runs({{"memory", *eu_}, *folder, *stored}, options);
  ASSERT_TRUE(c.has_value()) << c.error().to_string();
  EXPECT_TRUE(c->differences.rows.empty())
      << c->differences.rows.size() << " differ, first: " << c->differences.rows[0][0].text;
  auto missing = load_compare_input(dir.path("nothing-here"), load);
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, core::ErrorCode::kNotFound);
}

}  // namespace
}  // namespace urbanmine::engine
