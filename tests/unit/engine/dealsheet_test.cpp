// SPDX-License-Identifier: Apache-2.0
// Deal sheets of the example event on the baseline run: every country figure equals the run's
// own tables summed here cell by cell (independently of results::table_total), the reasons are
// the pair's facts, a country inside a residual group and an international organisation are
// said to be so, the Korean export rule closes Korea -> Indonesia (ROW) and Korea -> India, and
// bad requests are refused.
#include "engine/dealsheet.h"

#include <algorithm>
#include <cmath>
#include <map>
#include <set>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "engine/match.h"
#include "engine/run.h"
#include "io/files.h"

#include "test_support.h"

namespace urbanmine::engine {
namespace {

struct Event {
  results::RunResults run;
  std::string instance_json;
  std::string schedule_json;
};

const Event& event() {
  static const Event e = [] {
    Event out;
    RunOptions o;
    o.data_dir = testing::source_path("data");
    auto run = run_scenario_file(testing::source_path("examples/global.toml"), o);
    EXPECT_TRUE(run.has_value()) << run.error().to_string();
    out.run = std::move(*run);
    ScoreRequest score;
    score.slots = 12;
    score.tables = 6;
    score.date = "2023-11-30";
    auto scored = score_match_file(testing::source_path("examples/event/profiles.csv"), "", score);
    EXPECT_TRUE(scored.has_value()) << scored.error().to_string();
    out.instance_json = scored->instance_json;
    ScheduleRequest sr;
    sr.time_limit_seconds = 2;
    auto scheduled = schedule_match_text(out.instance_json, "instance.json", sr);
    EXPECT_TRUE(scheduled.has_value()) << scheduled.error().to_string();
    out.schedule_json = scheduled->schedule_json;
    return out;
  }();
  return e;
}

DealSheetOutcome sheets(const DealSheetRequest& request = {}) {
  DealSheetRequest r = request;
  r.data_dir = testing::source_path("data");
  auto out = dealsheet_match_text(event().instance_json, "instance.json", event().schedule_json,
                                  "schedule.json", event().run, r);
  EXPECT_TRUE(out.has_value()) << out.error().to_string();
  return std::move(*out);
}

// Sum of a table's cells whose coordinates match `want` (dimension -> accepted items; a
// dimension not named is summed over).
double cells(const std::string& table, const std::map<std::string, std::set<std::string>>& want) {
  const auto* t = event().run.find(table);
  EXPECT_NE(t, nullptr) << table;
  if (t == nullptr) return 0.0;
  const auto& dims = t->values.dims();
  const auto data = t->values.data();
  std::vector<std::vector<char>> keep(dims.size());
  for (std::size_t d = 0; d < dims.size(); ++d) {
    auto it = want.find(dims[d].name());
    for (const auto& item : dims[d].items()) {
      keep[d].push_back(it == want.end() || it->second.count(item) != 0 ? 1 : 0);
    }
  }
  std::vector<std::size_t> idx(dims.size(), 0);
  double total = 0.0;
  for (std::size_t flat = 0; flat < data.size(); ++flat) {
    bool take = true;
    for (std::size_t d = 0; d < dims.size() && take; ++d) take = keep[d][idx[d]] != 0;
    if (take) total += data[flat];
    for (std::size_t d = dims.size(); d-- > 0;) {
      if (++idx[d] < dims[d].size()) break;
      idx[d] = 0;
    }
  }
  return total;
}

const std::set<std::string> kEu27 = {"CZE", "DEU", "FRA", "HUN", "POL", "SWE", "EU27_OTHER"};

std::set<std::string> members(const std::string& region) {
  if (region == "EU27") return kEu27;
  return {region};
}

TEST(DealSheets, EveryMeetingOfTheScheduleGetsASheetInSlotOrder) {
  const auto out = sheets();
  const auto schedule = nlohmann::json::parse(event().schedule_json);
  ASSERT_EQ(out.sheets.sheets.size(), schedule["meetings"].size());
  ASSERT_FALSE(out.sheets.sheets.empty());
  for (std::size_t i = 1; i < out.sheets.sheets.size(); ++i) {
    EXPECT_LE(out.sheets.sheets[i - 1].slot, out.sheets.sheets[i].slot);
  }
  EXPECT_EQ(out.sheets.years, (std::vector<int>{2030, 2035, 2040}));
}

TEST(DealSheets, CountryFiguresEqualTheRunsTables) {
  const auto out = sheets();
  const auto& elements = out.sheets.elements;
  int checked = 0;
  // Each country once (every sheet of a country holds the same figures).
  std::map<std::string, const results::DealCountry*> countries;
  for (const auto& s : out.sheets.sheets) {
    for (const auto* c : {&s.k_country, &s.f_country}) {
      auto [it, fresh] = countries.emplace(c->code, c);
      if (!fresh) {
        ASSERT_EQ(it->second->years.size(), c->years.size());
        for (std::size_t y = 0; y < c->years.size(); ++y) {
          EXPECT_EQ(it->second->years[y].waste_tonnes, c->years[y].waste_tonnes);
        }
      }
    }
  }
  {
    for (const auto& [code, c] : countries) {
      if (!c->has_figures || c->region == "WORLD") continue;
      const auto regions = members(c->region);
      ASSERT_EQ(c->years.size(), out.sheets.years.size());
      for (const auto& y : c->years) {
        const std::set<std::string> year = {std::to_string(y.year)};
        auto near = [](double a, double b) {
          return std::abs(a - b) <= 1e-9 * std::max(1.0, std::abs(b));
        };
        EXPECT_TRUE(near(y.end_of_life_gwh * 1e6,
                         cells("use_to_end_of_life_kwh", {{"region", regions}, {"year", year}})))
            << c->region << " " << y.year;
        double value = 0.0;
        for (std::size_t e = 0; e < elements.size(); ++e) {
          const double t = cells("end_of_life_t",
                                 {{"region", regions}, {"element", {elements[e]}}, {"year", year}});
          EXPECT_TRUE(near(y.waste_tonnes[e], t)) << c->region << " " << elements[e];
          for (const auto& p : out.sheets.prices) {
            if (p.element == elements[e]) value += t * p.usd_per_t;
          }
        }
        EXPECT_TRUE(near(y.indicative_value_usd, value)) << c->region;
        EXPECT_TRUE(near(y.collected_battery_t,
                         cells("collected_battery_t", {{"region", regions}, {"year", year}})));
        EXPECT_TRUE(near(y.recycling_capacity_t,
                         cells("recycling_capacity_t", {{"region", regions}, {"year", year}})));
        EXPECT_TRUE(near(y.feedstock_surplus_t,
                         cells("feedstock_surplus_t", {{"region", regions}, {"year", year}})));
        EXPECT_TRUE(near(y.feedstock_stranded_t,
                         cells("feedstock_stranded_t", {{"region", regions}, {"year", year}})));
        EXPECT_TRUE(near(y.recovered_li_t,
                         cells("recycling_to_secondary_metal_t",
                               {{"region", regions}, {"element", {"Li"}}, {"year", year}})));
        double chem_gwh = 0.0;
        for (const auto& ch : y.chemistries) {
          chem_gwh += ch.end_of_life_gwh;
          if (y.year != c->years.front().year) continue;  // metal by chemistry: first year
          for (std::size_t e = 0; e < elements.size(); ++e) {
            EXPECT_TRUE(near(ch.element_tonnes[e],
                             cells("use_to_end_of_life_t", {{"region", regions},
                                                            {"chemistry", {ch.chemistry}},
                                                            {"element", {elements[e]}},
                                                            {"year", year}})))
                << c->region << " " << ch.chemistry << " " << elements[e];
          }
        }
        EXPECT_TRUE(near(chem_gwh, y.end_of_life_gwh));
        ++checked;
      }
    }
  }
  EXPECT_EQ(checked, 12 * 3);  // the 12 countries, EU and ROW included, x 3 years
}

TEST(DealSheets, ResidualMembersOrganisationsAndShippingRulesAreNamed) {
  const auto out = sheets();
  bool indonesia = false;
  bool india = false;
  bool iea = false;
  bool eu = false;
  for (const auto& s : out.sheets.sheets) {
    const auto& f = s.f_country;
    if (f.code == "ID") {
      indonesia = true;
      EXPECT_EQ(f.region, "ROW");
      EXPECT_TRUE(f.is_member_of_residual);
      ASSERT_FALSE(s.lanes.empty());
      for (const auto& l : s.lanes) {
        if (l.origin == "KOR") {
          EXPECT_FALSE(l.open) << l.year;
          EXPECT_NE(l.legal_reference.find("Korea Transboundary Movement Act"), std::string::npos);
        } else {
          EXPECT_TRUE(l.open) << l.year;  // nothing closes ROW -> KOR
        }
      }
      // Indonesia's own rule (nickel ore exports) is listed under its code.
      EXPECT_TRUE(std::any_of(f.policies.begin(), f.policies.end(),
                              [](const auto& p) { return p.rule_id == "ID-001"; }));
    }
    if (f.code == "IN") {
      india = true;
      EXPECT_EQ(f.region, "IND");
      for (const auto& l : s.lanes) EXPECT_EQ(l.open, l.origin != "KOR");
    }
    if (f.code == "IEA") {
      iea = true;
      EXPECT_EQ(f.region, "WORLD");
      EXPECT_TRUE(f.is_organisation);
      EXPECT_TRUE(s.lanes.empty());
    }
    if (f.code == "EU") {
      eu = true;
      EXPECT_EQ(f.region, "EU27");
      EXPECT_TRUE(std::any_of(f.policies.begin(), f.policies.end(),
                              [](const auto& p) { return p.rule_id == "EU-CRMA-003"; }));
      for (const auto& l : s.lanes) EXPECT_TRUE(l.open);  // EU <-> KOR: no rule closes it
    }
    // Korea's own rules are on every Korean side.
    EXPECT_EQ(s.k_country.region, "KOR");
  }
  EXPECT_TRUE(indonesia && india && iea && eu);
}

TEST(DealSheets, ReasonsAreThePairsFacts) {
  const auto out = sheets();
  const auto instance = nlohmann::json::parse(event().instance_json);
  std::map<std::string, nlohmann::json> profile;
  for (const auto& p : instance["participants"]) profile[p["id"]] = p;
  for (const auto& s : out.sheets.sheets) {
    ASSERT_FALSE(s.reasons.empty()) << s.k_id << "-" << s.f_id;
    for (const auto& r : s.reasons) {
      if (r.kind != "materials") continue;
      for (const auto& m : r.items) {
        const auto& km = profile[s.k_id]["materials"];
        const auto& fm = profile[s.f_id]["materials"];
        EXPECT_NE(std::find(km.begin(), km.end(), m), km.end()) << m;
        EXPECT_NE(std::find(fm.begin(), fm.end(), m), fm.end()) << m;
      }
    }
    EXPECT_GT(s.fit, 0);
  }
}

TEST(DealSheets, FilesInKoreanAndEnglish) {
  DealSheetRequest ko;
  ko.language = "ko";
  const auto out = sheets(ko);
  std::set<std::string> names;
  for (const auto& f : out.files) names.insert(f.name);
  EXPECT_TRUE(names.count("dealsheets.json") && names.count("dealsheets.html") &&
              names.count("K01.html") && names.count("F07.html"));
  for (const auto& f : out.files) {
    if (f.name == "F07.html") {
      EXPECT_NE(f.content.find("<html lang=\"ko\">"), std::string::npos);
      EXPECT_NE(f.content.find("면담 사유"), std::string::npos);
      EXPECT_NE(f.content.find("소속 그룹"), std::string::npos);  // ROW note in Korean
      EXPECT_EQ(f.content.find("Why meet"), std::string::npos);
    }
    if (f.name == "dealsheets.json") {
      const auto j = nlohmann::json::parse(f.content);
      EXPECT_EQ(j["format"], "urbanmine-dealsheets/2");
      EXPECT_EQ(j["meetings"].size(), out.sheets.sheets.size());
    }
  }
}

TEST(DealSheets, BadRequestsAreRefusedNamingWhatToGive) {
  DealSheetRequest r;
  r.data_dir = testing::source_path("data");
  r.language = "fr";
  auto out = dealsheet_match_text(event().instance_json, "i.json", event().schedule_json, "s.json",
                                  event().run, r);
  ASSERT_FALSE(out.has_value());
  EXPECT_EQ(out.error().code, core::ErrorCode::kInvalidInput);
  EXPECT_NE(out.error().message.find("fr"), std::string::npos);
  r.language = "en";
  r.years = {2101};
  out = dealsheet_match_text(event().instance_json, "i.json", event().schedule_json, "s.json",
                             event().run, r);
  ASSERT_FALSE(out.has_value());
  EXPECT_NE(out.error().message.find("outside the run"), std::string::npos);
  r.years = {};
  // A schedule that breaks a rule (two meetings of K01 in one slot) is refused.
  auto broken = nlohmann::json::parse(event().schedule_json);
  auto first = broken["meetings"][0];
  auto second = broken["meetings"][1];
  second["k"] = first["k"];
  second["slot"] = first["slot"];
  broken["meetings"][1] = second;
  out = dealsheet_match_text(event().instance_json, "i.json", broken.dump(), "s.json", event().run,
                             r);
  ASSERT_FALSE(out.has_value());
  EXPECT_NE(out.error().hint.find("match check"), std::string::npos);
}

}  // namespace
}  // namespace urbanmine::engine
