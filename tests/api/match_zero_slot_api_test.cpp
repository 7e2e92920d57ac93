// SPDX-License-Identifier: Apache-2.0
// Issue 19, defect 1: an event instance with zero slots crashed the server at
// POST /api/events/{id}/schedule and stayed stored. Now the upload is refused with 400 naming
// $.slots, nothing is stored, and the server keeps answering.
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "api/server_process.h"
#include "test_support.h"

namespace urbanmine::testing {
namespace {

using nlohmann::json;

TEST(Issue19ZeroSlotsApi, UploadIsRefusedNothingIsStoredAndTheServerLives) {
  ServerProcess server;
  auto c = server.client();
  json inst = {{"format", "match-instance/1"},
               {"name", "zero"},
               {"slots", json::array()},
               {"tables_per_slot", json::array()},
               {"objective", {{"fairness_bonus", {150, 75}}}},
               {"participants",
                {{{"id", "K1"}, {"side", "K"}, {"available", json::array()}},
                 {{"id", "F1"}, {"side", "F"}, {"available", json::array()}}}},
               {"pairs", {{{"k", "K1"}, {"f", "F1"}, {"fit", 50}, {"weight", 25}}}}};
  auto created = c->Post("/api/events", inst.dump(), "application/json");
  ASSERT_TRUE(created);
  EXPECT_EQ(created->status, 400) << created->body;
  EXPECT_NE(created->body.find("$.slots"), std::string::npos) << created->body;
  auto list = c->Get("/api/events");
  ASSERT_TRUE(list);
  ASSERT_EQ(list->status, 200) << list->body;
  EXPECT_EQ(list->body.find("\"zero\""), std::string::npos) << "the bad event must not be stored";
  // Scheduling a made-up id is a 404, not a crash; the server still answers.
  auto scheduled = c->Post("/api/events/e1/schedule", "{}", "application/json");
  ASSERT_TRUE(scheduled);
  EXPECT_EQ(scheduled->status, 404) << scheduled->body;
  EXPECT_EQ(c->Get("/api/events")->status, 200);
}

}  // namespace
}  // namespace urbanmine::testing
