// SPDX-License-Identifier: Apache-2.0
// The report reads as a document (issue 17): a table of contents, the answers for a chosen
// focus region first (numbers equal to the tables summed over the region's members), failing
// policy checks before those that cannot be evaluated, long tables by year cut to the report's
// year, and columns empty in every shown row left out.
#include <string>

#include <gtest/gtest.h>

#include "engine/run.h"

#include "report/html.h"
#include "report/run_report.h"
#include "results/regions.h"
#include "results/registry.h"
#include "test_support.h"

namespace urbanmine::engine {
namespace {

class ReportReading : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    RunOptions o;
    o.data_dir = testing::source_path("data");
    auto r = run_scenario_file(testing::source_path("examples/global.toml"), o);
    ASSERT_TRUE(r.has_value()) << r.error().to_string();
    run_ = new RunResults(std::move(*r));
  }
  static void TearDownTestSuite() { delete run_; }
  static RunResults* run_;
};
RunResults* ReportReading::run_ = nullptr;

TEST_F(ReportReading, ContentsThenTheFocusRegionsAnswersFirst) {
  report::RenderOptions options;
  options.focus_region = "EU27";
  const std::string html = report::report_html(*run_, options);
  const auto toc = html.find("<nav class=\"toc\"");
  const auto glance = html.find("<h2 id=\"glance\">At a glance: EU27</h2>");
  const auto findings = html.find("<h2 id=\"findings\">");
  ASSERT_NE(toc, std::string::npos);
  ASSERT_NE(glance, std::string::npos);
  EXPECT_LT(toc, glance);
  EXPECT_LT(glance, findings);
  // Every section is in the contents.
  for (const char* id : {"glance", "findings", "sankey", "records-policy_checks", "assumptions"}) {
    EXPECT_NE(html.find("<a href=\"#" + std::string(id) + "\">", toc), std::string::npos) << id;
  }
  // The lead sentence states EU27's lithium at end of life in 2040, summed over its members.
  const auto members = results::RegionIndex::of(*run_).members("EU27");
  ASSERT_TRUE(members.has_value());
  const auto eol = results::table_total(*run_->find(results::kTableEndOfLifeT), *members,
                                        {{"element", "Li"}, {"year", "2040"}});
  ASSERT_TRUE(eol.has_value());
  const auto lead = html.find("<p class=\"lead\">In EU27 in 2040, " +
                              report::format_readable(*eol) + " t of lithium reach end of life");
  EXPECT_NE(lead, std::string::npos) << html.substr(glance, 600);
}

TEST_F(ReportReading, AnUnknownFocusRegionIsNotFoundNamingTheValidOnes) {
  report::RenderOptions options;
  options.focus_region = "ATLANTIS";
  auto docs = report::render_run_documents(*run_, options);
  ASSERT_FALSE(docs.has_value());
  EXPECT_EQ(docs.error().code, core::ErrorCode::kNotFound);
  EXPECT_EQ(docs.error().location, "--focus");
  EXPECT_NE(docs.error().hint.find("NORTH_AMERICA"), std::string::npos);
}

TEST_F(ReportReading, FailingChecksComeFirstAndLongTablesShowTheReportsYear) {
  const std::string html = report::report_html(*run_, report::RenderOptions{});
  const auto policy = html.find("<h2 id=\"records-policy_checks\">");
  ASSERT_NE(policy, std::string::npos);
  const auto first_fail = html.find("<td>fail</td>", policy);
  const auto first_not_evaluable = html.find("<td>not_evaluable</td>", policy);
  ASSERT_NE(first_fail, std::string::npos);
  EXPECT_TRUE(first_not_evaluable == std::string::npos || first_fail < first_not_evaluable);
  const auto risk = html.find("<h2 id=\"records-supply_risk\">");
  ASSERT_NE(risk, std::string::npos);
  const auto note = html.find("rows of 2040;", risk);
  EXPECT_LT(note, html.find("<h2", risk + 10));
  // supply_risk_with_recycling has no value anywhere yet (issue 18): left out and named.
  const auto left_out = html.find("left out: ", risk);
  EXPECT_NE(html.find("supply_risk_with_recycling", left_out), std::string::npos);
}

}  // namespace
}  // namespace urbanmine::engine
