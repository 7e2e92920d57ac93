// SPDX-License-Identifier: Apache-2.0
// The shipped baseline run (examples/global.toml) with its cooperation results: every EU
// Battery Regulation material-recovery and recycled-content rule has a result for each EU member
// region of the run; rules the model cannot evaluate carry their reason; the supply-risk, HHI
// and market tables are part of the run's results.
#include <cmath>
#include <fstream>
#include <set>

#include <gtest/gtest.h>

#include "engine/cooperation.h"
#include "engine/run.h"

#include "report/run_outputs.h"
#include "report/run_reader.h"
#include "test_support.h"

namespace urbanmine::engine {
namespace {

std::size_t column(const RecordTable& t, const std::string& name) {
  for (std::size_t i = 0; i < t.columns.size(); ++i) {
    if (t.columns[i] == name) return i;
  }
  ADD_FAILURE() << "no column " << name;
  return 0;
}

class BaselinePolicyTest : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    RunOptions options;
    options.data_dir = std::string(URBANMINE_SOURCE_DIR) + "/data";
    auto run =
        run_scenario_file(std::string(URBANMINE_SOURCE_DIR) + "/examples/global.toml", options);
    ASSERT_TRUE(run.has_value()) << run.error().to_string();
    run_ = new RunResults(std::move(*run));
  }
  static void TearDownTestSuite() {
    delete run_;
    run_ = nullptr;
  }
  static RunResults* run_;
};
RunResults* BaselinePolicyTest::run_ = nullptr;

TEST_F(BaselinePolicyTest, EveryEuRecoveryAndRecycledContentRuleHasAResultForEachMember) {
  ASSERT_NE(run_, nullptr);
  const RecordTable* checks = run_->find_records(kRecordsPolicyChecks);
  ASSERT_NE(checks, nullptr);
  // EU member regions of the run: countries of the EU and residual groups of EU members.
  const std::set<std::string> eu_members{"AUT", "BEL", "BGR", "HRV", "CYP", "CZE", "DNK",
                                         "EST", "FIN", "FRA", "DEU", "GRC", "HUN", "IRL",
                                         "ITA", "LVA", "LTU", "LUX", "MLT", "NLD", "POL",
                                         "PRT", "ROU", "SVK", "SVN", "ESP", "SWE"};
  const ResultTable* demand = run_->find(kTableMaterialDemandT);
  ASSERT_NE(demand, nullptr);
  std::vector<std::string> members_in_run;
  for (const auto& r : demand->values.dims()[*demand->values.dim_index("region")].items()) {
    if (eu_members.count(r) != 0 || r == "EU27_OTHER") members_in_run.push_back(r);
  }
  ASSERT_GE(members_in_run.size(), 2u);
  // EU-BR-020..029 (material recovery) and EU-BR-030..038 (recycled content).
  std::vector<std::string> ids;
  for (int n = 20; n <= 38; ++n) ids.push_back("EU-BR-0" + std::to_string(n));
  const std::size_t id_col = column(*checks, "rule_id");
  const std::size_t region_col = column(*checks, "region");
  const std::size_t status_col = column(*checks, "status");
  const std::size_t reason_col = column(*checks, "reason");
  const std::size_t value_col = column(*checks, "value_fraction");
  std::size_t evaluated = 0;
  for (const auto& id : ids) {
    for (const auto& member : members_in_run) {
      int n = 0;
      for (const auto& row : checks->rows) {
        if (row[id_col].text != id || row[region_col].text != member) continue;
        ++n;
        const std::string& status = row[status_col].text;
        ASSERT_TRUE(status == "pass" || status == "fail" || status == "not_evaluable") << status;
        if (status == "not_evaluable") {
          EXPECT_FALSE(row[reason_col].text.empty()) << id << " " << member;
        } else {
          EXPECT_EQ(row[value_col].kind, Cell::Kind::kNumber) << id << " " << member;
          ++evaluated;
        }
      }
      EXPECT_GE(n, 1) << id << " has no result for " << member;
    }
  }
  EXPECT_GT(evaluated, 0u);
}

TEST_F(BaselinePolicyTest, LeadRulesAreNotEvaluableWithTheirReason) {
  const RecordTable* checks = run_->find_records(kRecordsPolicyChecks);
  bool seen = false;
  for (const auto& row : checks->rows) {
    if (row[column(*checks, "rule_id")].text != "EU-BR-022") continue;
    seen = true;
    EXPECT_EQ(row[column(*checks, "status")].text, "not_evaluable");
    EXPECT_NE(row[column(*checks, "reason")].text.find("Pb is not tracked"), std::string::npos);
  }
  EXPECT_TRUE(seen);
}

TEST_F(BaselinePolicyTest, RiskAndMarketTablesArePartOfTheRun) {
  for (const auto name :
       {kRecordsHhi, kRecordsSupplyRisk, kRecordsMarketRanking, kRecordsMarketSensitivity}) {
    const RecordTable* t = run_->find_records(name);
    ASSERT_NE(t, nullptr) << name;
    EXPECT_FALSE(t->rows.empty()) << name;
  }
  const RecordTable* hhi = run_->find_records(kRecordsHhi);
  bool co_mine = false;
  for (const auto& row : hhi->rows) {
    co_mine |= row[0].text == "Co" && row[1].text == "mine";
  }
  EXPECT_TRUE(co_mine);
}

// The outputs keep 12 significant digits, so values read back agree to about 1e-11; statuses,
// reasons and every other text agree exactly.
void expect_same_checks(const RecordTable& a, const RecordTable& b, const std::string& what) {
  ASSERT_EQ(a.rows.size(), b.rows.size()) << what;
  for (std::size_t r = 0; r < a.rows.size(); ++r) {
    for (std::size_t c = 0; c < a.columns.size(); ++c) {
      const Cell& x = a.rows[r][c];
      const Cell& y = b.rows[r][c];
      ASSERT_EQ(x.kind, y.kind) << what << " row " << r << " " << a.columns[c];
      if (x.kind == Cell::Kind::kNumber) {
        EXPECT_NEAR(x.number, y.number, 1e-9 * std::max(1.0, std::fabs(x.number)))
            << what << " row " << r << " " << a.columns[c];
      } else {
        EXPECT_EQ(x.text, y.text) << what << " row " << r << " " << a.columns[c];
      }
    }
  }
}

TEST_F(BaselinePolicyTest, OutputFolderAndStoreGiveTheSameChecksAsTheRunItself) {
  testing::TempDir dir;
  report::OutputOptions out;
  out.out_dir = dir.path("out");
  auto written = report::write_run_outputs(*run_, out);
  ASSERT_TRUE(written.has_value()) << written.error().to_string();
  // The run's writers show the cooperation tables: CSV files, summary.json, report.html.
  for (const auto name : {kRecordsHhi, kRecordsSupplyRisk, kRecordsPolicyChecks,
                          kRecordsMarketRanking, kRecordsMarketSensitivity}) {
    const std::string file = std::string(name) + ".csv";
    EXPECT_NE(std::find(written->files.begin(), written->files.end(), file), written->files.end())
        << file;
  }
  std::ifstream summary_in(written->summary_path);
  const std::string summary((std::istreambuf_iterator<char>(summary_in)),
                            std::istreambuf_iterator<char>());
  EXPECT_NE(summary.find("policy_checks"), std::string::npos);
  EXPECT_NE(summary.find("market_ranking"), std::string::npos);
  std::ifstream report_in(written->report_path);
  const std::string report((std::istreambuf_iterator<char>(report_in)),
                           std::istreambuf_iterator<char>());
  EXPECT_NE(report.find("Policy rules checked against this run"), std::string::npos);
  EXPECT_NE(report.find("Country opportunities for a recycler"), std::string::npos);

  CooperationOptions options;
  options.data_dir = std::string(URBANMINE_SOURCE_DIR) + "/data";
  const auto checks = [&](RunResults r) {
    EXPECT_TRUE(add_cooperation_results(r, options).has_value());
    return *r.find_records(kRecordsPolicyChecks);
  };
  const RecordTable expected = checks(*run_);
  auto from_dir = report::load_run_dir(written->out_dir);
  ASSERT_TRUE(from_dir.has_value()) << from_dir.error().to_string();
  expect_same_checks(expected, checks(*from_dir), "folder");
  auto from_store = report::load_run_store(written->db_path, written->run_id);
  ASSERT_TRUE(from_store.has_value()) << from_store.error().to_string();
  expect_same_checks(expected, checks(*from_store), "store");
  // The same through the CLI, by run id.
  auto cli = testing::run_cli("-q --format csv policy check " + std::to_string(written->run_id) +
                              " --db " + written->db_path + " --data-dir " + options.data_dir);
  ASSERT_EQ(cli.exit_code, 0) << cli.output.substr(0, 500);
  EXPECT_NE(cli.output.find("EU-BR-020,EU,DEU,Co,2027,material_recovery,"), std::string::npos);
  testing::TempDir empty;  // no workspace out/urbanmine.db there
  auto no_db = testing::run_cli_in(empty.path(), "policy check 1");
  EXPECT_EQ(no_db.exit_code, 3);
  EXPECT_NE(no_db.output.find("--db"), std::string::npos);
}

}  // namespace
}  // namespace urbanmine::engine
