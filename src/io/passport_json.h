// SPDX-License-Identifier: Apache-2.0
// Battery passports in and out as JSON (docs/passport.md): one passport per file, one object
// whose members are the Battery Pass 1.2.0 categories (generalProductInformation,
// materialComposition, carbonFootprint, circularity, performance, labeling,
// supplyChainDueDiligence). Text may be UTF-8 (with or without BOM) or UTF-16 LE/BE (with BOM,
// or without one when every other byte of ASCII text is zero), as the published model's own
// sample files are. The substance list (data/passport_substances.csv) maps CAS numbers to
// formulas for element content.
//
// Example: auto files = read_passports("tests/data/passport");  // one FileResult per file
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/result.h"

#include "passport/passport.h"

namespace urbanmine::io {

// UTF-8 text from the bytes of a file; errors name `source` (odd byte count, bad surrogates).
core::Result<std::string> decode_text(const std::string& bytes, const std::string& source);

// One passport from the bytes of a file named `source`. Never fails: problems (encoding, JSON
// syntax, wrong types) are in the result's diagnostics; validation rules are applied too.
passport::FileResult read_passport_bytes(const std::string& bytes, const std::string& source);

// A file, or every *.json file of a folder (not recursive, by name). Errors: the path does
// not exist (not found), a folder without *.json files (invalid input), unreadable files (io).
core::Result<std::vector<passport::FileResult>> read_passports(const std::string& path);

// A passport file or folder read, validated and aggregated (passport::aggregate), with the
// element fractions of `data_dir`'s substance list (passport_substances.csv) and atomic weights
// (plant data). Errors as read_passports and for bad data files; bad passports are reported
// inside the files.
struct PassportSet {
  std::vector<passport::FileResult> files;
  passport::Aggregate aggregate;
  std::map<std::string, passport::ElementFractions> fractions;
};
core::Result<PassportSet> read_passport_set(const std::string& path, const std::string& data_dir);

// data/passport_substances.csv: cas, name, formula, source.
core::Result<std::vector<passport::Substance>> load_passport_substances(const std::string& path);

// The report of `urbanmine passport read` as JSON: every file with its status and problems,
// and the aggregate of the valid ones (units in key names: kg).
std::string passport_report_json(const std::vector<passport::FileResult>& files,
                                 const passport::Aggregate& aggregate);

// A passport fragment for a recycled product: circularity.recycledContent and, when
// `recycling_kg_per_kwh` is set, carbonFootprint.carbonFootprintPerLifecycleStage with the
// Recycling stage; `provenance` lines go under "urbanmine" (not part of the model).
std::string passport_fragment_json(const std::vector<passport::RecycledContentLine>& recycled,
                                   std::optional<double> recycling_kg_per_kwh,
                                   const std::vector<std::string>& provenance);

}  // namespace urbanmine::io
