// SPDX-License-Identifier: Apache-2.0
// One dataset, one digest (io/dataset.h): every file a run reads is loaded through one loader,
// listed with its SHA-256, covered by the run hash, and checked by `urbanmine validate`.
#include "io/dataset.h"

#include <filesystem>
#include <fstream>
#include <set>
#include <string>

#include <gtest/gtest.h>

#include "engine/run.h"
#include "io/sha256.h"

#include "test_support.h"

namespace urbanmine {
namespace {

namespace fs = std::filesystem;
using testing::run_cli;
using testing::TempDir;

std::string copy_data(const TempDir& dir) {
  const std::string to = dir.path("data");
  fs::copy(testing::source_path("data"), to, fs::copy_options::recursive);
  return to;
}

std::string read_all(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

void append(const std::string& path, const std::string& text) {
  std::ofstream(path, std::ios::app | std::ios::binary) << text;
}

TEST(Dataset, RecordsEveryFileTheRunReadsWithItsDigest) {
  core::Diagnostics diags;
  const std::string dir = testing::source_path("data");
  const io::Dataset data = io::load_dataset(dir, diags);
  ASSERT_FALSE(diags.has_errors()) << diags.to_error().to_string();
  ASSERT_TRUE(data.plant.has_value());
  ASSERT_TRUE(data.cooperation.has_value());
  std::set<std::string> names;
  for (const auto& f : data.files) {
    EXPECT_TRUE(names.insert(f.name).second) << "listed twice: " << f.name;
    const std::string bytes = read_all(dir + "/" + f.name);
    EXPECT_EQ(f.bytes, bytes.size()) << f.name;
    EXPECT_EQ(f.sha256, io::sha256_hex(bytes)) << f.name;
  }
  // The run model's, the plant model's and the cooperation modules' files alike.
  for (const char* name :
       {"ev_sales.csv", "segments.csv", "everbatt_cell_bom.csv", "prices.csv", "policy_rules.csv",
        "wgi.csv", "mine_production.csv", "country_codes.csv", "element_groups.csv"}) {
    EXPECT_TRUE(names.count(name)) << name << " is not in the dataset's file list";
  }
}

TEST(Dataset, EditingAnyFileTheRunReadsChangesTheRunHash) {
  TempDir tmp;
  const std::string dir = copy_data(tmp);
  core::Diagnostics diags;
  const io::Dataset before = io::load_dataset(dir, diags);
  ASSERT_FALSE(diags.has_errors());
  const std::string scenario = "name = \"x\"\n";
  const std::string hash = io::run_hash(scenario, before.files);
  EXPECT_NE(hash, io::run_hash(scenario + " ", before.files));
  for (const auto& f : before.files) {
    const std::string path = dir + "/" + f.name;
    const std::string original = read_all(path);
    append(path, "\n");
    core::Diagnostics d2;
    const io::Dataset after = io::load_dataset(dir, d2);
    EXPECT_NE(io::run_hash(scenario, after.files), hash) << "editing " << f.name;
    std::ofstream(path, std::ios::binary | std::ios::trunc) << original;
  }
}

TEST(Dataset, RunRecordsTheFilesAndTheirDigests) {
  engine::RunOptions options;
  options.data_dir = testing::source_path("data");
  auto run = engine::run_scenario_file("", options);
  ASSERT_TRUE(run.has_value()) << run.error().to_string();
  EXPECT_FALSE(run->meta.data_files.empty());
  EXPECT_EQ(run->meta.scenario_hash.size(), 64U);
  const auto* records = run->find_records("data_files");
  ASSERT_NE(records, nullptr);
  EXPECT_EQ(records->rows.size(), run->meta.data_files.size());
  EXPECT_EQ(io::run_hash(read_all(engine::default_scenario_path()), run->meta.data_files),
            run->meta.scenario_hash);
}

// A row with a field too many in each cooperation file: `validate` names the file and exits 3.
TEST(Dataset, ValidateReportsABrokenRowInEveryCooperationFile) {
  for (const char* name : {"policy_rules.csv", "prices.csv", "wgi.csv", "mine_production.csv"}) {
    TempDir tmp;
    const std::string dir = copy_data(tmp);
    append(dir + "/" + name, "a,b,c,d,e,f,g,h,i,j,k,l,m,n,o,p,q,r,s,t,u,v,w,x,y,z\n");
    const auto r = run_cli("validate --data-dir " + dir);
    EXPECT_EQ(r.exit_code, 3) << name << "\n" << r.output;
    EXPECT_NE(r.output.find(name), std::string::npos) << name << " not named in:\n" << r.output;
  }
}

}  // namespace
}  // namespace urbanmine
