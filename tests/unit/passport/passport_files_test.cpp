// SPDX-License-Identifier: Apache-2.0
// The twenty hand-written passports of tests/data/passport (README.md there) are read, validated
// and aggregated as documented in docs/passport.md; the CLI reports each file and exits 3; a
// plant fed from passports and its passport fragment.
#include <map>
#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "engine/passport.h"
#include "io/files.h"

#include "test_support.h"

namespace urbanmine {
namespace {

using nlohmann::json;

const std::string kDir = testing::test_data("passport");

// Expected outcome of each file: valid, or the JSON path (after "file: ") of its first error.
const std::map<std::string, std::string>& expected() {
  static const std::map<std::string, std::string> m = {
      {"p01_nmc622_ev_waste.json", ""},
      {"p02_nmc811_ev_waste.json", ""},
      {"p03_lfp_stationary_repurposed.json", ""},
      {"p04_lfp_ev_waste_utf16le.json", ""},
      {"p05_nca_ev_reused_utf16be.json", ""},
      {"p06_nmc622_original_utf8bom_alt_spellings.json", ""},
      {"p07_lmo_lmt_remanufactured.json", ""},
      {"p08_nmc811_unknown_key_unmapped_cas.json", ""},
      {"p09_missing_required_fields.json", "$.generalProductInformation.batteryMass"},
      {"p10_misspelt_key.json", "$.generalProductInformation.batteryMass"},
      {"p11_cas_pattern.json",
       "$.materialComposition.batteryMaterials[3].batteryMaterialIdentifier"},
      {"p12_cas_check_digit.json",
       "$.materialComposition.batteryMaterials[1].batteryMaterialIdentifier"},
      {"p13_status_lowercase.json", "$.generalProductInformation.batteryStatus"},
      {"p14_percent_out_of_range.json", "$.circularity.recycledContent[0].postConsumerShare"},
      {"p15_shares_over_100.json", "$.circularity.recycledContent[0]"},
      {"p16_materials_heavier_than_battery.json", "$.materialComposition.batteryMaterials"},
      {"p17_material_masses_in_kg.json", "$.materialComposition.batteryMaterials"},
      {"p18_mass_as_text.json", "$.generalProductInformation.batteryMass"},
      {"p19_malformed_json.json", "byte 92"},
      {"p20_duplicate_identifier.json", "$.generalProductInformation.batteryPassportIdentifier"},
  };
  return m;
}

std::string base_name(const std::string& path) { return path.substr(path.rfind('/') + 1); }

double kg(const passport::Totals& t, const std::string& element) {
  auto it = t.element_kg.find(element);
  return it == t.element_kg.end() ? 0.0 : it->second;
}

TEST(PassportFiles, TwentyPassportsAreValidatedAsDocumented) {
  auto out = engine::read_passports(kDir, testing::source_path("data"));
  ASSERT_TRUE(out.has_value()) << out.error().to_string();
  ASSERT_EQ(out->files.size(), 20u);
  for (const auto& f : out->files) {
    const std::string name = base_name(f.source);
    ASSERT_TRUE(expected().count(name)) << name;
    const std::string& where = expected().at(name);
    EXPECT_EQ(f.valid(), where.empty()) << name;
    if (where.empty()) continue;
    ASSERT_GT(f.diagnostics.error_count(), 0u) << name;
    const core::Error* first = nullptr;
    for (const auto& d : f.diagnostics.items()) {
      if (d.severity == core::Severity::kError) {
        first = &d.error;
        break;
      }
    }
    EXPECT_EQ(first->location, f.source + ": " + where) << name << ": " << first->to_string();
    EXPECT_FALSE(first->hint.empty()) << name;
  }
}

TEST(PassportFiles, MisspeltKeyGetsASuggestionAndUnknownKeysAreWarnings) {
  auto out = engine::read_passports(kDir, testing::source_path("data"));
  ASSERT_TRUE(out.has_value());
  for (const auto& f : out->files) {
    const std::string name = base_name(f.source);
    if (name == "p10_misspelt_key.json") {
      EXPECT_NE(f.diagnostics.to_error().to_string().find("did you mean 'batteryMass'"),
                std::string::npos);
    }
    if (name == "p08_nmc811_unknown_key_unmapped_cas.json") {
      EXPECT_EQ(f.diagnostics.warning_count(), 1u);
      EXPECT_EQ(f.diagnostics.items()[0].error.location,
                f.source + ": $.generalProductInformation.batteryColour");
    }
  }
}

TEST(PassportFiles, ValidPassportsAggregateByChemistryStatusAndStateOfHealth) {
  auto out = engine::read_passports(kDir, testing::source_path("data"));
  ASSERT_TRUE(out.has_value());
  const auto& a = out->aggregate;
  EXPECT_EQ(a.files, 20);
  EXPECT_EQ(a.valid_files, 8);
  EXPECT_EQ(a.invalid_files, 12);
  EXPECT_EQ(a.total.battery_count, 8);
  EXPECT_DOUBLE_EQ(a.total.battery_mass_kg, 450 + 430 + 520 + 500 + 400 + 450 + 12 + 430);
  // Elemental nickel and cobalt of p01, p02, p05, p06, p08 (grams in the files).
  EXPECT_NEAR(kg(a.total, "Ni"), (35000 + 48000 + 40000 + 35000 + 48000) / 1000.0, 1e-9);
  EXPECT_NEAR(kg(a.total, "Co"), (11700 + 6000 + 7500 + 11700 + 6000) / 1000.0, 1e-9);
  // LFP: 90 kg of LiFePO4 in p03 and p04; Li share from IUPAC abridged atomic weights.
  const double lfp_molar = 6.94 + 55.845 + 30.974 + 4 * 15.999;
  EXPECT_NEAR(kg(a.by_chemistry.at("LFP"), "Li"), 2 * 90.0 * 6.94 / lfp_molar, 1e-9);
  EXPECT_NEAR(kg(a.by_chemistry.at("LFP"), "Fe"), 2 * 90.0 * 55.845 / lfp_molar, 1e-9);
  EXPECT_EQ(a.by_chemistry.at("NMC622").battery_count, 2);  // p01 and p06 (alternative spellings)
  EXPECT_EQ(a.by_status.at("Waste").battery_count, 4);
  EXPECT_DOUBLE_EQ(a.by_status.at("Waste").battery_mass_kg, 1810.0);
  EXPECT_EQ(a.by_status.at("Repurposed").battery_count, 1);
  EXPECT_EQ(a.by_status.at("Reused").battery_count, 1);
  EXPECT_EQ(a.by_status.at("Remanufactured").battery_count, 1);
  EXPECT_EQ(a.by_status.at("Original").battery_count, 1);
  EXPECT_EQ(a.by_soh_band.at("0-60").battery_count, 1);
  EXPECT_EQ(a.by_soh_band.at("60-70").battery_count, 2);
  EXPECT_EQ(a.by_soh_band.at("70-80").battery_count, 1);
  EXPECT_EQ(a.by_soh_band.at("80-90").battery_count, 1);
  EXPECT_EQ(a.by_soh_band.at("90-100").battery_count, 2);
  EXPECT_EQ(a.by_soh_band.at("unknown").battery_count, 1);  // p07 has no performance data
  EXPECT_DOUBLE_EQ(a.total.unmapped_material_kg, 1.0);      // p08's NMC oxide, CAS 346417-97-8
  EXPECT_FALSE(a.rated_energy_kwh.has_value());             // p07 states no ratedEnergy
}

TEST(PassportCli, FolderReportsEveryFileAndExitsThree) {
  const auto r = testing::run_cli("--format json passport read " + kDir);
  EXPECT_EQ(r.exit_code, 3) << r.output;
  const auto start = r.output.find('{');
  const auto end = r.output.rfind('}');
  ASSERT_NE(start, std::string::npos);
  const json j = json::parse(r.output.substr(start, end - start + 1));
  EXPECT_EQ(j["files"].size(), 20u);
  EXPECT_EQ(j["aggregate"]["valid_files"], 8);
  EXPECT_EQ(j["aggregate"]["by_status"]["Waste"]["battery_count"], 4);
  EXPECT_NE(r.output.find("12 of 20 passports are invalid"), std::string::npos);
}

TEST(PassportCli, CsvIsTidyAndProblemsGoToTheLog) {
  const auto r = testing::run_cli("--format csv passport read " + kDir);
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.output.find("group,key,battery_count,battery_mass_kg,element,element_kg\n"),
            std::string::npos);
  EXPECT_NE(r.output.find("\nstatus,Waste,4,1810,Ni,131\n"), std::string::npos) << r.output;
  EXPECT_NE(r.output.find("\nsoh_percent,unknown,1,12,Mn,"), std::string::npos);
  EXPECT_NE(r.output.find("p13_status_lowercase.json: $.generalProductInformation.batteryStatus"),
            std::string::npos);
}

TEST(PassportCli, OneValidFileExitsZeroAndAMissingPathIsNotFound) {
  const auto ok = testing::run_cli("passport read " + kDir + "/p05_nca_ev_reused_utf16be.json");
  EXPECT_EQ(ok.exit_code, 0) << ok.output;
  EXPECT_NE(ok.output.find("1 valid, 0 invalid"), std::string::npos);
  const auto missing = testing::run_cli("passport read " + kDir + "/nope.json");
  EXPECT_NE(missing.exit_code, 0);
  EXPECT_NE(missing.output.find("nope.json"), std::string::npos);
}

// Found by the passport fuzz harness (issue 19): a byte that is not UTF-8 inside a key made the
// parser's message quote it, and writing the report as JSON threw (exit 5). The file is now
// reported invalid with its byte offset, and the report is valid JSON.
TEST(PassportCli, InvalidUtf8InAKeyIsReportedNotAnInternalError) {
  testing::TempDir dir;
  auto text = io::read_text_file(kDir + "/p01_nmc622_ev_waste.json");
  ASSERT_TRUE(text);
  const auto key = text->find("\"generalProductInformation\"");
  ASSERT_NE(key, std::string::npos);
  (*text)[key + 3] = static_cast<char>(0xA0);
  const std::string path = dir.path("bad.json");
  ASSERT_TRUE(io::write_file_atomic(path, *text));
  const auto r = testing::run_cli("--format json passport read " + path);
  EXPECT_EQ(r.exit_code, 3) << r.output;
  const auto start = r.output.find('{');
  const auto end = r.output.rfind('}');
  ASSERT_NE(start, std::string::npos) << r.output;
  const json j = json::parse(r.output.substr(start, end - start + 1));
  EXPECT_EQ(j["aggregate"]["invalid_files"], 1);
  const std::string problem = j["files"][0]["problems"].dump();
  EXPECT_NE(problem.find("malformed JSON"), std::string::npos) << problem;
  EXPECT_NE(problem.find("byte "), std::string::npos) << problem;
}

TEST(PassportPlant, FeedFromPassportsIsTheirBatteriesAndElements) {
  auto read = engine::read_passports(kDir + "/p01_nmc622_ev_waste.json", "");
  ASSERT_TRUE(read.has_value());
  auto feed = engine::passport_feed(*read);
  ASSERT_TRUE(feed.has_value()) << feed.error().to_string();
  EXPECT_DOUBLE_EQ(feed->mass_t, 0.45);
  EXPECT_TRUE(feed->battery_mass_known);
  EXPECT_EQ(feed->capacity_kwh, std::optional<double>(75.0));
  EXPECT_NEAR(feed->cathode_t[plant::index(plant::Material::kNi)], 0.035, 1e-12);
  EXPECT_NEAR(feed->free_t[plant::index(plant::Material::kCu)], 0.030, 1e-12);
}

TEST(PassportPlant, InvalidPassportsStopTheFeedAndNameEachFile) {
  const auto r = testing::run_cli("plant balance --feed-passports " + kDir);
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.output.find("12 of 20 passports are invalid"), std::string::npos);
  EXPECT_NE(r.output.find("p13_status_lowercase.json"), std::string::npos);
  EXPECT_NE(r.output.find("p19_malformed_json.json"), std::string::npos);
}

TEST(PassportPlant, FragmentSplitsPreAndPostConsumerByFeedOrigin) {
  testing::TempDir dir;
  // Passport p01 (11.7 kg Co, post-consumer) plus 11.7 kg of Co in pre-consumer scrap.
  const auto r = testing::run_cli("--format json plant balance --feed-passports " + kDir +
                                  "/p01_nmc622_ev_waste.json --elements Co=0.0117 "
                                  "--feed-origin pre-consumer --functional-unit-kwh 150000 "
                                  "--passport-fragment " +
                                  dir.path("fragment.json"));
  ASSERT_EQ(r.exit_code, 0) << r.output;
  const auto balance = json::parse(r.output.substr(r.output.find('{')));
  auto text = io::read_text_file(dir.path("fragment.json"));
  ASSERT_TRUE(text.has_value());
  const json f = json::parse(*text);
  std::map<std::string, json> rc;
  for (const auto& line : f["circularity"]["recycledContent"]) rc[line["recycledMaterial"]] = line;
  EXPECT_NEAR(rc.at("Cobalt")["preConsumerShare"].get<double>(), 50.0, 1e-9);
  EXPECT_NEAR(rc.at("Cobalt")["postConsumerShare"].get<double>(), 50.0, 1e-9);
  EXPECT_NEAR(rc.at("Nickel")["postConsumerShare"].get<double>(), 100.0, 1e-9);
  const auto& stage = f["carbonFootprint"]["carbonFootprintPerLifecycleStage"][0];
  EXPECT_EQ(stage["lifecycleStage"], "Recycling");
  const double process_t = balance["co2"]["process_co2e_tonnes"].get<double>();
  EXPECT_GT(process_t, 0.0);
  EXPECT_NEAR(stage["carbonFootprint"].get<double>(), process_t * 1000.0 / 150000.0, 1e-12);
}

TEST(PassportPlant, FragmentWithoutFunctionalUnitOrKwhIsAnError) {
  testing::TempDir dir;
  const auto r = testing::run_cli("plant balance --elements Co=1,Ni=2 --passport-fragment " +
                                  dir.path("f.json"));
  EXPECT_EQ(r.exit_code, 3);
  EXPECT_NE(r.output.find("--functional-unit-kwh"), std::string::npos);
  EXPECT_FALSE(std::filesystem::exists(dir.path("f.json")));
}

}  // namespace
}  // namespace urbanmine
