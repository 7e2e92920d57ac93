// SPDX-License-Identifier: Apache-2.0
// A reference instance of tests/data/match and its optimal schedule (NAME.json, NAME.opt.json),
// parsed, for the match tests that score or break the optima.
#pragma once

#include <string>

#include <gtest/gtest.h>

#include "io/files.h"
#include "io/match_json.h"
#include "match/instance.h"

#include "test_support.h"

namespace urbanmine::testing {

struct MatchReference {
  match::Instance instance;
  match::Schedule schedule;  // the optimum
};

inline MatchReference load_match_reference(const std::string& name) {
  const std::string ipath = test_data("match/" + name + ".json");
  const std::string spath = test_data("match/" + name + ".opt.json");
  auto itext = io::read_text_file(ipath);
  auto stext = io::read_text_file(spath);
  EXPECT_TRUE(itext.has_value() && stext.has_value()) << name;
  auto inst = io::parse_match_instance(*itext, ipath);
  EXPECT_TRUE(inst.has_value()) << (inst ? "" : inst.error().to_string());
  auto sched = io::parse_match_schedule(*stext, spath, *inst);
  EXPECT_TRUE(sched.has_value()) << (sched ? "" : sched.error().to_string());
  return {*inst, *sched};
}

}  // namespace urbanmine::testing
