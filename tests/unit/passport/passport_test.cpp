// SPDX-License-Identifier: Apache-2.0
// Battery passports: CAS numbers, the validation rules of docs/passport.md on variations of a
// valid passport, text encodings, and the fragment arithmetic.
#include "passport/passport.h"

#include <string>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "io/files.h"
#include "io/passport_json.h"

#include "test_support.h"

namespace urbanmine {
namespace {

using nlohmann::json;

json valid_passport() {
  auto text = io::read_text_file(testing::test_data("passport/p01_nmc622_ev_waste.json"));
  EXPECT_TRUE(text.has_value());
  return json::parse(*text);
}

passport::FileResult read(const json& j) { return io::read_passport_bytes(j.dump(), "t.json"); }

// The first error whose location ends with `path_suffix`, or nullptr.
const core::Error* error_at(const passport::FileResult& r, const std::string& location) {
  for (const auto& d : r.diagnostics.items()) {
    if (d.severity == core::Severity::kError && d.error.location == "t.json: " + location) {
      return &d.error;
    }
  }
  return nullptr;
}

TEST(PassportCas, PatternAndCheckDigitFollowTheRegistry) {
  EXPECT_TRUE(passport::cas_check_digit_ok("7439-93-2"));    // lithium
  EXPECT_TRUE(passport::cas_check_digit_ok("7440-48-4"));    // cobalt
  EXPECT_TRUE(passport::cas_check_digit_ok("21324-40-3"));   // LiPF6
  EXPECT_TRUE(passport::cas_check_digit_ok("7732-18-5"));    // water
  EXPECT_FALSE(passport::cas_check_digit_ok("7732-18-4"));   // wrong check digit
  EXPECT_FALSE(passport::cas_pattern_ok("7439-93-2 "));      // the published sample's space
  EXPECT_FALSE(passport::cas_pattern_ok("7-93-2"));          // first part needs 2-7 digits
  EXPECT_FALSE(passport::cas_pattern_ok("12345678-93-2"));   // more than 7 digits
  EXPECT_FALSE(passport::cas_check_digit_ok("7439-93-22"));  // pattern fails
}

TEST(PassportValidate, ValidPassportHasNoProblems) {
  const auto r = read(valid_passport());
  EXPECT_TRUE(r.valid());
  EXPECT_TRUE(r.diagnostics.empty()) << r.diagnostics.to_error().to_string();
}

TEST(PassportValidate, MissingCategoryIsAnError) {
  json j = valid_passport();
  j.erase("materialComposition");
  const auto r = read(j);
  EXPECT_FALSE(r.valid());
  ASSERT_NE(error_at(r, "$.materialComposition"), nullptr);
}

TEST(PassportValidate, NestedRequiredFieldsAreChecked) {
  json j = valid_passport();
  j["materialComposition"]["batteryMaterials"][2].erase("batteryMaterialMass");
  j["generalProductInformation"]["operatorInformation"].erase("postalAddress");
  const auto r = read(j);
  EXPECT_EQ(r.diagnostics.error_count(), 2u);
  EXPECT_NE(error_at(r, "$.materialComposition.batteryMaterials[2].batteryMaterialMass"), nullptr);
  EXPECT_NE(error_at(r, "$.generalProductInformation.operatorInformation.postalAddress"), nullptr);
}

TEST(PassportValidate, CategoryLifecycleStageAndIdentifierValuesAreChecked) {
  json j = valid_passport();
  j["generalProductInformation"]["batteryCategory"] = "car";
  j["generalProductInformation"]["batteryPassportIdentifier"] = "BP-123";
  j["carbonFootprint"] = {
      {"batteryCarbonFootprint", 70.0},
      {"carbonFootprintPerformanceClass", "B"},
      {"carbonFootprintStudy", "https://example.org/cf.pdf"},
      {"carbonFootprintPerLifecycleStage",
       json::array({{{"lifecycleStage", "EndOfLife"}, {"carbonFootprint", 1.0}}})}};
  const auto r = read(j);
  EXPECT_EQ(r.diagnostics.error_count(), 3u) << r.diagnostics.to_error().to_string();
  EXPECT_NE(error_at(r, "$.generalProductInformation.batteryCategory"), nullptr);
  EXPECT_NE(error_at(r, "$.generalProductInformation.batteryPassportIdentifier"), nullptr);
  EXPECT_NE(error_at(r, "$.carbonFootprint.carbonFootprintPerLifecycleStage[0].lifecycleStage"),
            nullptr);
}

TEST(PassportValidate, BothSpellingsOfOneKeyAreAnError) {
  json j = valid_passport();
  j["generalProductInformation"]["warrantyPeriod"] = "--12";
  const auto r = read(j);
  EXPECT_FALSE(r.valid());
  EXPECT_NE(error_at(r, "$.generalProductInformation.warrentyPeriod"), nullptr);
}

TEST(PassportValidate, RecycledMaterialListedTwiceOrUnknownIsAnError) {
  json j = valid_passport();
  auto& rc = j["circularity"]["recycledContent"];
  rc.push_back({{"recycledMaterial", "Cobalt"}, {"preConsumerShare", 1}, {"postConsumerShare", 1}});
  rc.push_back({{"recycledMaterial", "Copper"}, {"preConsumerShare", 1}, {"postConsumerShare", 1}});
  const auto r = read(j);
  EXPECT_EQ(r.diagnostics.error_count(), 2u);
  EXPECT_NE(error_at(r, "$.circularity.recycledContent[2].recycledMaterial"), nullptr);
  EXPECT_NE(error_at(r, "$.circularity.recycledContent[3].recycledMaterial"), nullptr);
}

TEST(PassportValidate, HazardousSubstanceCasAndConcentrationAreChecked) {
  json j = valid_passport();
  auto& h = j["materialComposition"]["hazardousSubstances"][0];
  h["hazardousSubstanceIdentifier"] = "21324-40-4";
  h["hazardousSubstanceConcentration"] = -1;
  const auto r = read(j);
  EXPECT_EQ(r.diagnostics.error_count(), 2u);
  EXPECT_NE(
      error_at(r, "$.materialComposition.hazardousSubstances[0].hazardousSubstanceIdentifier"),
      nullptr);
}

TEST(PassportValidate, NotAnObjectIsAnError) {
  const auto r = io::read_passport_bytes("[1, 2]", "t.json");
  EXPECT_FALSE(r.valid());
  EXPECT_FALSE(r.passport.has_value());
  EXPECT_EQ(r.diagnostics.items().front().error.location, "t.json: $");
}

std::string utf16(const std::string& ascii, bool big_endian, bool bom) {
  std::string out;
  if (bom) out += big_endian ? "\xFE\xFF" : "\xFF\xFE";
  for (char c : ascii) {
    out += big_endian ? std::string{'\0', c} : std::string{c, '\0'};
  }
  return out;
}

TEST(PassportDecode, Utf8AndUtf16WithAndWithoutBom) {
  const std::string text = "{\"a\": 1}";
  EXPECT_EQ(*io::decode_text(text, "x"), text);
  EXPECT_EQ(*io::decode_text("\xEF\xBB\xBF" + text, "x"), text);
  EXPECT_EQ(*io::decode_text(utf16(text, false, true), "x"), text);
  EXPECT_EQ(*io::decode_text(utf16(text, true, true), "x"), text);
  EXPECT_EQ(*io::decode_text(utf16(text, false, false), "x"), text);
  EXPECT_EQ(*io::decode_text(utf16(text, true, false), "x"), text);
}

TEST(PassportDecode, Utf16SurrogatePairsBecomeUtf8AndBrokenTextIsAnError) {
  // U+1F50B (battery) as a UTF-16 LE surrogate pair D83D DD0B.
  const std::string pair = std::string("\xFF\xFE", 2) + std::string("\x3D\xD8\x0B\xDD", 4);
  EXPECT_EQ(*io::decode_text(pair, "x"), "\xF0\x9F\x94\x8B");
  const auto odd = io::decode_text(std::string("\xFF\xFE{", 3), "x.json");
  ASSERT_FALSE(odd.has_value());
  EXPECT_EQ(odd.error().location, "x.json");
  const auto lone = io::decode_text(std::string("\xFF\xFE\x3D\xD8", 4), "x.json");
  EXPECT_FALSE(lone.has_value());
}

TEST(PassportFragment, RecycledContentSplitsByOriginAndSkipsMissingElements) {
  std::map<std::string, passport::ElementOrigin> by_element = {
      {"Co", {1.0, 3.0}}, {"Ni", {0.0, 2.0}}, {"Mn", {1.0, 1.0}}, {"Li", {0.0, 0.0}}};
  const auto lines = passport::recycled_content(by_element);
  ASSERT_EQ(lines.size(), 2u);  // Cobalt, Nickel (no Li product, no Pb, Mn not in the model)
  EXPECT_EQ(lines[0].material, "Cobalt");
  EXPECT_DOUBLE_EQ(lines[0].pre_consumer_percent, 25.0);
  EXPECT_DOUBLE_EQ(lines[0].post_consumer_percent, 75.0);
  EXPECT_EQ(lines[1].material, "Nickel");
  EXPECT_DOUBLE_EQ(lines[1].post_consumer_percent, 100.0);
}

TEST(PassportFragment, RecyclingStageIsProcessCo2PerFunctionalUnit) {
  EXPECT_DOUBLE_EQ(*passport::recycling_stage_kg_per_kwh(0.75, 75.0), 10.0);
  EXPECT_FALSE(passport::recycling_stage_kg_per_kwh(0.75, 0.0).has_value());
}

TEST(PassportSoh, BandsAreHalfOpen) {
  EXPECT_EQ(passport::soh_band(std::nullopt), "unknown");
  EXPECT_EQ(passport::soh_band(59.9), "0-60");
  EXPECT_EQ(passport::soh_band(60.0), "60-70");
  EXPECT_EQ(passport::soh_band(80.0), "80-90");
  EXPECT_EQ(passport::soh_band(100.0), "90-100");
}

}  // namespace
}  // namespace urbanmine
