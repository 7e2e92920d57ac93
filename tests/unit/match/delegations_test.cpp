// SPDX-License-Identifier: Apache-2.0
// Delegations and teams (issue 15): a participant's members attend its meetings together and
// share its one schedule. The profiles' `members` column ("Name (role); Name") and the JSON
// `members` list are read and written back, a member's languages count for the group (no
// interpreter when one of them shares a language), a member without a name is an error with its
// JSON path, and the agendas name both delegations.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "engine/match.h"
#include "io/match_json.h"
#include "match/agenda.h"
#include "match/instance.h"

namespace urbanmine::match {
namespace {

const char* const kProfiles =
    "id,side,organisation,country,offers,seeks,languages,members,available,requests\n"
    "K1,K,Saebitchem,KR,seller,buyer,ko,Team lead (business development);Engineer,all,F1:1\n"
    "F1,F,Indonesia delegation,ID,buyer,seller,id,Head of delegation (official);Expert 1,all,\n";

engine::ScoreOutcome score(const std::string& profiles) {
  engine::ScoreRequest request;
  request.csv = true;
  request.slots = 2;
  request.tables = 1;
  auto out = engine::score_match_text(profiles, "profiles.csv", request);
  EXPECT_TRUE(out.has_value()) << (out ? "" : out.error().to_string());
  return out ? *out : engine::ScoreOutcome{};
}

TEST(MatchDelegations, MembersAreReadWrittenBackAndNamedInTheAgendas) {
  const engine::ScoreOutcome scored = score(kProfiles);
  const Instance& inst = scored.instance;
  ASSERT_EQ(inst.participants.size(), 2u);
  const auto& k = inst.participants[0].members;
  ASSERT_EQ(k.size(), 2u);
  EXPECT_EQ(k[0].name, "Team lead");
  EXPECT_EQ(k[0].role, "business development");
  EXPECT_EQ(k[1].name, "Engineer");
  EXPECT_TRUE(k[1].role.empty());
  // Written into the instance and read back the same.
  auto back = io::parse_match_instance(scored.instance_json, "instance.json");
  ASSERT_TRUE(back.has_value()) << back.error().to_string();
  ASSERT_EQ(back->participants[1].members.size(), 2u);
  EXPECT_EQ(back->participants[1].members[0].name, "Head of delegation");
  EXPECT_EQ(back->participants[1].members[0].role, "official");

  // The delegation's agenda names the other side's people and its own.
  std::vector<Meeting> meetings = {{0, 1, 0, 0}};
  AgendaOptions options;
  options.date = "2023-11-30";
  options.zone = fixed_offset_zone("Asia/Seoul", 9 * 60, "KST");
  options.dtstamp = "20231130T000000Z";
  auto files = build_agendas(inst, meetings, options);
  ASSERT_TRUE(files.has_value()) << files.error().to_string();
  std::string k_csv;
  std::string k_ics;
  for (const auto& f : *files) {
    if (f.name == "K1.csv") k_csv = f.content;
    if (f.name == "K1.ics") k_ics = f.content;
  }
  // Unfold the ICS lines (RFC 5545 folds at 75 octets with CRLF and a space).
  for (auto fold = k_ics.find("\r\n "); fold != std::string::npos; fold = k_ics.find("\r\n ")) {
    k_ics.erase(fold, 3);
  }
  EXPECT_NE(k_csv.find("Head of delegation (official), Expert 1"), std::string::npos) << k_csv;
  EXPECT_NE(k_ics.find("Their delegation: Head of delegation (official)"), std::string::npos)
      << k_ics;
  EXPECT_NE(k_ics.find("Our delegation: Team lead (business development)"), std::string::npos)
      << k_ics;
}

TEST(MatchDelegations, AMembersLanguageServesTheGroup) {
  Instance inst = score(kProfiles).instance;
  EXPECT_TRUE(needs_interpreter(inst, 0, 1));                // ko and id
  inst.participants[1].members[1].languages = {"id", "ko"};  // the expert speaks Korean
  EXPECT_FALSE(needs_interpreter(inst, 0, 1));
  EXPECT_EQ(spoken_languages(inst.participants[1]), (std::vector<std::string>{"id", "ko"}));
}

TEST(MatchDelegations, AMemberWithoutANameIsAnError) {
  std::string json = score(kProfiles).instance_json;
  const std::string named = "\"name\": \"Expert 1\"";
  const auto at = json.find(named);
  ASSERT_NE(at, std::string::npos) << json.substr(0, 600);
  json.replace(at, named.size(), "\"name\": \"\"");
  auto bad = io::parse_match_instance(json, "inst.json");
  ASSERT_FALSE(bad.has_value());
  EXPECT_NE(bad.error().to_string().find("$.participants[1].members[1]"), std::string::npos)
      << bad.error().to_string();
}

// Table sizes from the command line and preferred members from the profiles: "Expert 1?" comes
// only when seats allow, so the delegation of three needs two chairs, and with one table of
// three chairs the pair (1 + 2) meets there; with --table-seats 2 it cannot, and the sizes are
// written back and read again.
TEST(MatchDelegations, PreferredMembersTakeNoSeatAndTableSeatsComeFromTheCommandLine) {
  const std::string profiles =
      "id,side,organisation,country,offers,seeks,languages,members,available,requests\n"
      "K1,K,Saebitchem,KR,seller,buyer,ko;en,Team lead,all,F1:1\n"
      "F1,F,Indonesia delegation,ID,buyer,seller,id;en,"
      "Head (official);Adviser;Expert 1 (expert)?,all,\n";
  engine::ScoreRequest request;
  request.csv = true;
  request.slots = 2;
  request.tables = 1;
  request.table_seats = {3};
  auto out = engine::score_match_text(profiles, "profiles.csv", request);
  ASSERT_TRUE(out.has_value()) << out.error().to_string();
  const Instance& inst = out->instance;
  ASSERT_EQ(inst.participants[1].members.size(), 3u);
  EXPECT_FALSE(inst.participants[1].members[2].required);
  EXPECT_EQ(inst.participants[1].members[2].name, "Expert 1");
  EXPECT_EQ(inst.participants[1].members[2].role, "expert");
  EXPECT_EQ(seats_needed(inst.participants[1]), 2);
  EXPECT_EQ(meeting_seats(inst, 0, 1), 3);
  auto again = io::parse_match_instance(out->instance_json, "inst.json");
  ASSERT_TRUE(again.has_value()) << again.error().to_string();
  EXPECT_EQ(again->table_seats, std::vector<int>{3});
  EXPECT_FALSE(again->participants[1].members[2].required);

  request.table_seats = {1};
  auto bad = engine::score_match_text(profiles, "profiles.csv", request);
  ASSERT_FALSE(bad.has_value());
  EXPECT_NE(bad.error().to_string().find("--table-seats ($.table_seats[0])"), std::string::npos)
      << bad.error().to_string();
}

}  // namespace
}  // namespace urbanmine::match
