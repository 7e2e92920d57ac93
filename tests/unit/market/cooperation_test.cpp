// SPDX-License-Identifier: Apache-2.0
// The cooperation facade on the synthetic run: add_cooperation_results appends the hhi,
// supply_risk, policy_checks, market_ranking and market_sensitivity record tables, findings and
// assumptions; hand-computed import reliance; and the `policy check` / `market rank` CLI on a
// run folder, including exit code 3 for bad rule rows and bad flags.
#include "engine/cooperation.h"

#include <fstream>

#include <gtest/gtest.h>

#include "report/records_text.h"
#include "test_support.h"
#include "unit/policy/run_fixture.h"

namespace urbanmine::engine {
namespace {

const std::string kData = std::string(URBANMINE_SOURCE_DIR) + "/data";

std::size_t column(const RecordTable& t, const std::string& name) {
  for (std::size_t i = 0; i < t.columns.size(); ++i) {
    if (t.columns[i] == name) return i;
  }
  ADD_FAILURE() << "no column " << name << " in " << t.name;
  return 0;
}

const std::vector<Cell>* row_where(const RecordTable& t,
                                   const std::vector<std::pair<std::string, std::string>>& keys) {
  for (const auto& row : t.rows) {
    bool match = true;
    for (const auto& [col, value] : keys) {
      const Cell& c = row[column(t, col)];
      const std::string text =
          c.kind == Cell::Kind::kNumber ? std::to_string(static_cast<long long>(c.number)) : c.text;
      if (text != value) match = false;
    }
    if (match) return &row;
  }
  return nullptr;
}

class CooperationTest : public ::testing::Test {
 protected:
  void SetUp() override {
    run_ = testing::make_fixture_run();
    CooperationOptions options;
    options.data_dir = kData;
    auto status = add_cooperation_results(run_, options);
    ASSERT_TRUE(status.has_value()) << status.error().to_string();
  }
  RunResults run_;
};

TEST_F(CooperationTest, AppendsEveryRecordTableWithRowsOfTheDeclaredWidth) {
  for (const auto name : {kRecordsHhi, kRecordsSupplyRisk, kRecordsPolicyChecks,
                          kRecordsMarketRanking, kRecordsMarketSensitivity}) {
    const RecordTable* t = run_.find_records(name);
    ASSERT_NE(t, nullptr) << name;
    EXPECT_FALSE(t->rows.empty()) << name;
    EXPECT_FALSE(t->description.empty());
    for (const auto& row : t->rows) EXPECT_EQ(row.size(), t->columns.size()) << name;
  }
  bool risk = false, policy = false, market = false;
  for (const auto& f : run_.findings) {
    risk |= f.section == "supply_risk";
    policy |= f.section == "policy";
    market |= f.section == "market";
  }
  EXPECT_TRUE(risk && policy && market);
  const bool weights_assumption = std::any_of(
      run_.assumptions.begin(), run_.assumptions.end(),
      [](const std::string& a) { return a.find("equal default weights") != std::string::npos; });
  EXPECT_TRUE(weights_assumption);
}

TEST_F(CooperationTest, HhiTableCarriesTheCobaltMineFigureOfItsLatestYear) {
  const RecordTable* t = run_.find_records(kRecordsHhi);
  const auto* co = row_where(*t, {{"element", "Co"}, {"stage", "mine"}});
  ASSERT_NE(co, nullptr);
  EXPECT_EQ((*co)[column(*t, "year")].number, 2025.0);
  // USGS MCS 2026 lists every cobalt producer with a figure: none missing.
  EXPECT_TRUE((*co)[column(*t, "missing_producers")].text.empty());
  // Lithium: the US figure is withheld (W) and named.
  const auto* li = row_where(*t, {{"element", "Li"}, {"stage", "mine"}});
  ASSERT_NE(li, nullptr);
  EXPECT_NE((*li)[column(*t, "missing_producers")].text.find("United States (withheld"),
            std::string::npos);
}

TEST_F(CooperationTest, ImportRelianceWithAndWithoutRecyclingIsHandComputed) {
  const RecordTable* t = run_.find_records(kRecordsSupplyRisk);
  // DEU is not a cobalt producer: IR without = 1; with = 1 - 0.2*0.6*0.98.
  const auto* deu = row_where(*t, {{"region", "DEU"}, {"element", "Co"}, {"year", "2025"}});
  ASSERT_NE(deu, nullptr);
  EXPECT_DOUBLE_EQ((*deu)[column(*t, "import_reliance_without_recycling_fraction")].number, 1.0);
  EXPECT_NEAR((*deu)[column(*t, "import_reliance_with_recycling_fraction")].number, 1.0 - 0.1176,
              1e-12);
  EXPECT_NEAR((*deu)[column(*t, "eol_rir_with_recycling_fraction")].number, 0.1176, 1e-12);
  // SR needs sourcing and a substitution index, which the shipped data lacks: missing, listed.
  EXPECT_EQ((*deu)[column(*t, "supply_risk_with_recycling")].kind, Cell::Kind::kEmpty);
  EXPECT_NE((*deu)[column(*t, "missing_inputs")].text.find("substitution_index"),
            std::string::npos);
  // CHN mines 2,000 t of cobalt in 2025 (USGS MCS 2026): IR without = (D - 2000) / D.
  const auto* chn = row_where(*t, {{"region", "CHN"}, {"element", "Co"}, {"year", "2025"}});
  ASSERT_NE(chn, nullptr);
  const double d = testing::fixture_demand(4, 2, 2025);
  EXPECT_NEAR((*chn)[column(*t, "import_reliance_without_recycling_fraction")].number,
              (d - 2000.0) / d, 1e-12);
  // In 2020 the earliest data year (2022, MCS 2024) applies, where USGS does not list China:
  // a non-producer, IR without = 1.
  const auto* chn2020 = row_where(*t, {{"region", "CHN"}, {"element", "Co"}, {"year", "2020"}});
  ASSERT_NE(chn2020, nullptr);
  EXPECT_DOUBLE_EQ((*chn2020)[column(*t, "import_reliance_without_recycling_fraction")].number,
                   1.0);
}

TEST_F(CooperationTest, Eu27RowSumsTheMemberRegions) {
  const RecordTable* t = run_.find_records(kRecordsSupplyRisk);
  const auto* eu = row_where(*t, {{"region", "EU27"}, {"element", "Co"}, {"year", "2030"}});
  ASSERT_NE(eu, nullptr);
  double demand = 0.0;
  for (std::size_t r = 0; r < 3; ++r) demand += testing::fixture_demand(r, 2, 2030);
  EXPECT_NEAR((*eu)[column(*t, "demand_tonnes")].number, demand, 1e-9 * demand);
  // Finland, the only EU country with cobalt in the data, has no mine production row.
  EXPECT_DOUBLE_EQ((*eu)[column(*t, "domestic_primary_tonnes")].number, 0.0);
  EXPECT_NEAR((*eu)[column(*t, "import_reliance_with_recycling_fraction")].number, 1.0 - 0.1176,
              1e-12);
}

TEST_F(CooperationTest, SupplyRiskIsComputedWhenTheUserSuppliesTheMissingInputs) {
  RunResults run = testing::make_fixture_run();
  CooperationOptions options;
  options.data_dir = kData;
  options.sourcing_as_global = true;
  options.substitution_index["Co"] = 0.9;
  ASSERT_TRUE(add_cooperation_results(run, options).has_value());
  const RecordTable* t = run.find_records(kRecordsSupplyRisk);
  const auto* deu = row_where(*t, {{"region", "DEU"}, {"element", "Co"}, {"year", "2030"}});
  ASSERT_NE(deu, nullptr);
  const double gs = (*deu)[column(*t, "hhi_wgi_global")].number;
  const double sr0 = (*deu)[column(*t, "supply_risk_without_recycling")].number;
  const double sr1 = (*deu)[column(*t, "supply_risk_with_recycling")].number;
  // Sourcing = global: SR = GS * (1 - RIR) * SI, whatever IR is.
  EXPECT_NEAR(sr0, gs * 0.9, 1e-12);
  EXPECT_NEAR(sr1, gs * (1.0 - 0.1176) * 0.9, 1e-12);
}

TEST_F(CooperationTest, MarketRankingCoversTheCountriesWithPartsSummingToScores) {
  const RecordTable* t = run_.find_records(kRecordsMarketRanking);
  ASSERT_EQ(t->rows.size(), 5u);
  for (const auto& row : t->rows) {
    double sum = 0.0;
    for (const char* part : {"part_feedstock", "part_policy", "part_risk", "part_growth"}) {
      const Cell& c = row[column(*t, part)];
      if (c.kind == Cell::Kind::kNumber) sum += c.number;
    }
    EXPECT_EQ(sum, row[column(*t, "score")].number);
  }
  // POL has the largest feedstock surplus; EU members have the most recycling mandates.
  const auto* pol = row_where(*t, {{"region", "POL"}});
  EXPECT_DOUBLE_EQ((*pol)[column(*t, "part_feedstock")].number, 0.25);
  const auto* kor = row_where(*t, {{"region", "KOR"}});
  EXPECT_DOUBLE_EQ((*kor)[column(*t, "policy_mandates")].number, 0.0);
}

TEST_F(CooperationTest, RankingIsDeterministic) {
  RunResults again = testing::make_fixture_run();
  CooperationOptions options;
  options.data_dir = kData;
  ASSERT_TRUE(add_cooperation_results(again, options).has_value());
  const auto render = [](const RunResults& r) {
    return report::format_records({*r.find_records(kRecordsMarketRanking)},
                                  report::RecordFormat::kCsv);
  };
  EXPECT_EQ(render(run_), render(again));
}

class CooperationCliTest : public ::testing::Test {
 protected:
  void SetUp() override {
    testing::write_fixture_run_dir(testing::make_fixture_run(), dir_.path());
  }
  testing::TempDir dir_;
  const std::string data_ = " --data-dir " + kData;
};

TEST_F(CooperationCliTest, PolicyCheckOnARunFolder) {
  auto r = testing::run_cli("--format csv policy check " + dir_.path() + data_);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("EU-BR-020,EU,DEU,Co,2027,material_recovery,pass,0.98"),
            std::string::npos)
      << r.output.substr(0, 2000);
  EXPECT_NE(r.output.find("not_evaluable"), std::string::npos);
}

TEST_F(CooperationCliTest, MarketRankWithWeights) {
  auto r = testing::run_cli("--format json market rank " + dir_.path() +
                            " --weights feedstock=1,policy=0,risk=0,growth=0" + data_);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  // Feedstock only: POL (largest surplus) first.
  EXPECT_NE(r.output.find("{\"rank\":1,\"region\":\"POL\""), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("market_sensitivity"), std::string::npos);
}

TEST_F(CooperationCliTest, BadRuleRowsExitWith3NamingFileRowAndField) {
  const std::string rules = dir_.path("bad_rules.csv");
  {
    std::ofstream out(rules);
    out << "rule_id,jurisdiction,instrument,legal_reference,rule,scope,metric,element,threshold,"
           "unit,comparator,effective_date,status,confidence,source,notes\n"
        << "X-1,EU,R,A,r,s,recovery rate,cobalt,90,percent,>=,2027-12-31,in force,high,s,\n"
        << "X-2,EU,R,A,r,s,recovery rate,cobalt,90,percent,=>,2027-12-31,in force,high,s,\n";
  }
  auto r = testing::run_cli("policy check " + dir_.path() + " --rules " + rules + data_);
  EXPECT_EQ(r.exit_code, 3) << r.output;
  EXPECT_NE(r.output.find("bad_rules.csv:3:comparator"), std::string::npos) << r.output;
}

TEST_F(CooperationCliTest, BadFlagsExitWith3NamingTheFlag) {
  auto w = testing::run_cli("market rank " + dir_.path() + " --weights feedstock=abc" + data_);
  EXPECT_EQ(w.exit_code, 3);
  EXPECT_NE(w.output.find("--weights feedstock"), std::string::npos) << w.output;
  auto c = testing::run_cli("market rank " + dir_.path() + " --weights price=1" + data_);
  EXPECT_EQ(c.exit_code, 3);
  EXPECT_NE(c.output.find("unknown criterion 'price'"), std::string::npos) << c.output;
  auto y = testing::run_cli("policy check " + dir_.path() + " --year 2O30" + data_);
  EXPECT_EQ(y.exit_code, 3);
  EXPECT_NE(y.output.find("--year"), std::string::npos) << y.output;
}

TEST_F(CooperationCliTest, ScenarioMarketWeightsApplyAndBadKeysExitWith3) {
  std::ifstream in(std::string(URBANMINE_SOURCE_DIR) + "/examples/global.toml");
  const std::string base((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::string good = dir_.path("weights.toml");
  std::ofstream(good) << base
                      << "\n[market]\nweights = { feedstock = 1.0, policy = 0.0, risk = 0.0, "
                         "growth = 0.0 }\nyear = 2035\n";
  auto r = testing::run_cli("-q --format csv market rank " + good + data_);
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find("\"feedstock=1,policy=0,risk=0,growth=0\""), std::string::npos)
      << r.output.substr(0, 1500);
  EXPECT_NE(r.output.find("in 2035 (t)"), std::string::npos);
  const std::string bad = dir_.path("bad.toml");
  std::ofstream(bad) << base << "\n[market]\nweights = { feedstok = 1.0 }\n";
  auto b = testing::run_cli("-q market rank " + bad + data_);
  EXPECT_EQ(b.exit_code, 3) << b.output;
  EXPECT_NE(b.output.find("market.weights.feedstok"), std::string::npos) << b.output;
}

TEST_F(CooperationCliTest, HelpShowsAnExample) {
  for (const char* cmd : {"policy check --help", "market rank --help"}) {
    auto help = testing::run_cli(cmd);
    EXPECT_EQ(help.exit_code, 0);
    EXPECT_NE(help.output.find("Example: urbanmine"), std::string::npos) << cmd;
  }
}

}  // namespace
}  // namespace urbanmine::engine
