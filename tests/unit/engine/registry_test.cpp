// SPDX-License-Identifier: Apache-2.0
// The table registry (results/registry.h): each table is declared once, tables are built only
// over their declared dimensions, and the docs list every table a run writes.
#include "results/registry.h"

#include <fstream>
#include <set>
#include <string>

#include <gtest/gtest.h>

#include "engine/run.h"

#include "report/findings.h"
#include "report/run_report.h"
#include "test_support.h"

namespace urbanmine {
namespace {

TEST(Registry, NamesAreUniqueAndUnitSuffixed) {
  std::set<std::string> names;
  for (const auto* spec : results::run_table_specs()) {
    EXPECT_TRUE(names.insert(std::string(spec->name)).second) << spec->name;
    EXPECT_FALSE(spec->value_column.empty()) << spec->name;
    EXPECT_FALSE(spec->description.empty()) << spec->name;
    EXPECT_EQ(results::find_table_spec(spec->name), spec);
  }
  for (const auto* spec : results::run_record_specs()) {
    EXPECT_TRUE(names.insert(std::string(spec->name)).second) << spec->name;
    EXPECT_EQ(results::find_record_spec(spec->name), spec);
  }
  EXPECT_EQ(results::find_table_spec("no_such_table"), nullptr);
}

TEST(Registry, MakeTableRejectsUndeclaredDimensions) {
  const core::Dimension region("region", {"KOR", "JPN"});
  const core::Dimension year = core::Dimension::years("year", 2030, 2031);
  auto ok = results::make_table(results::kCollectedBatteryT, *core::DimArray::zeros({region, year}),
                                " note");
  ASSERT_TRUE(ok.has_value()) << ok.error().to_string();
  EXPECT_EQ(ok->name, "collected_battery_t");
  EXPECT_EQ(ok->value_column, "mass_tonnes");
  EXPECT_EQ(ok->description, std::string(results::kCollectedBatteryT.description) + " note");
  auto bad = results::make_table(results::kCollectedBatteryT, *core::DimArray::zeros({year}));
  ASSERT_FALSE(bad.has_value());
  EXPECT_NE(bad.error().message.find("region, year"), std::string::npos) << bad.error().message;
}

TEST(Registry, ElementsComeFromOneList) {
  EXPECT_EQ(results::element_index("Li"), 0U);
  EXPECT_EQ(results::element_index("graphite"), 4U);
  EXPECT_FALSE(results::element_index("Xx").has_value());
  EXPECT_EQ(results::element_name("Co"), "cobalt");
  EXPECT_EQ(results::element_name("Xx"), "Xx");
}

// Every table and record table of the baseline is declared in the registry, with the declared
// unit column and dimensions, and named in docs/formats/outputs.md.
TEST(Registry, BaselineTablesAreDeclaredAndDocumented) {
  engine::RunOptions options;
  options.data_dir = testing::source_path("data");
  auto run = engine::run_scenario_file("", options);
  ASSERT_TRUE(run.has_value()) << run.error().to_string();
  std::ifstream in(testing::source_path("docs/formats/outputs.md"));
  const std::string docs{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  for (const auto& t : run->tables) {
    const auto* spec = results::find_table_spec(t.name);
    ASSERT_NE(spec, nullptr) << t.name << " is not declared in results/registry.h";
    EXPECT_EQ(t.value_column, spec->value_column) << t.name;
    std::vector<std::string> dims;
    for (const auto& d : t.values.dims()) dims.push_back(d.name());
    EXPECT_EQ(dims, spec->dim_names()) << t.name;
    EXPECT_NE(docs.find(t.name), std::string::npos) << t.name << " missing in outputs.md";
  }
  for (const auto& t : run->records) {
    EXPECT_NE(results::find_record_spec(t.name), nullptr) << t.name << " is not declared";
    EXPECT_NE(docs.find(t.name), std::string::npos) << t.name << " missing in outputs.md";
  }
}

// docs/formats/outputs.md carries the registry's list between its markers, unchanged.
TEST(Registry, DocsListEqualsTheRegistry) {
  std::ifstream in(testing::source_path("docs/formats/outputs.md"));
  const std::string docs{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
  const std::string begin = "<!-- tables:begin -->\n";
  const auto b = docs.find(begin);
  const auto e = docs.find("<!-- tables:end -->");
  ASSERT_NE(b, std::string::npos);
  ASSERT_NE(e, std::string::npos);
  EXPECT_EQ(docs.substr(b + begin.size(), e - b - begin.size()), report::table_registry_markdown())
      << "regenerate the list with `urbanmine tables`";
}

// Findings are built from the tables and records alone: the focus year is an option, region
// names come from the `regions` record table (report/findings.h).
TEST(Findings, ComeFromTheTablesWithTheFocusYearAndRecordNames) {
  engine::RunOptions options;
  options.data_dir = testing::source_path("data");
  auto run = engine::run_scenario_file("", options);
  ASSERT_TRUE(run.has_value()) << run.error().to_string();
  run->findings.clear();
  for (auto& r : run->records) {
    if (r.name != "regions") continue;
    for (auto& row : r.rows) row[1] = results::Cell::of("Region " + row[0].text);
  }
  report::add_findings(*run, {2030});
  ASSERT_FALSE(run->findings.empty());
  EXPECT_EQ(run->findings[0].text.rfind("In 2030, waste batteries", 0), 0U)
      << run->findings[0].text;
  EXPECT_NE(run->findings[0].text.find("of lithium"), std::string::npos);
  EXPECT_NE(run->findings[0].text.find("; Region "), std::string::npos) << run->findings[0].text;
  // A focus year outside the run is clamped to its last year.
  run->findings.clear();
  report::add_findings(*run, {2200});
  EXPECT_EQ(run->findings[0].text.rfind("In " + std::to_string(run->meta.last_year), 0), 0U);
}

}  // namespace
}  // namespace urbanmine
