// SPDX-License-Identifier: Apache-2.0
// A comparison of runs (results/comparison.h) rendered: an aligned text summary for the
// terminal, JSON (format urbanmine-compare/1, docs/formats/compare.md), the long-form CSV of
// every table's differences, and a self-contained HTML page that states the answer first
// (headline deltas for the focus region and year), then the scenarios, charts with the runs
// overlaid and the largest differences.
#pragma once

#include <string>
#include <vector>

#include "core/result.h"

#include "report/messages.h"
#include "results/comparison.h"

namespace urbanmine::report {

std::string compare_text(const results::Comparison& c);
// compare.json; the sentence "answer" in `lang` (every other field is data, in English).
std::string compare_json(const results::Comparison& c, Language lang = Language::kEnglish);
std::string compare_csv(const results::Comparison& c);
// `csv_name`, when not empty, is linked as the full list of differences.
// compare.html in `lang` (the run labels, sources and descriptions as the user wrote them).
std::string compare_html(const results::Comparison& c, const std::string& csv_name,
                         Language lang = Language::kEnglish);

// File names inside a comparison's output folder.
inline constexpr std::string_view kCompareCsvFile = "compare.csv";
inline constexpr std::string_view kCompareHtmlFile = "compare.html";
inline constexpr std::string_view kCompareJsonFile = "compare.json";

// Writes compare.csv, compare.html and compare.json into `out_dir`, replacing a folder an
// earlier comparison wrote (a folder holding anything else is refused, naming it); nothing
// partial is left on failure. Returns the paths written.
core::Result<std::vector<std::string>> write_compare_outputs(const results::Comparison& c,
                                                             const std::string& out_dir,
                                                             Language lang = Language::kEnglish);

// "In EU27 in 2040, eu_circular recovers 1,234 t of lithium: +234 t (+23.4 %) against
// baseline." — the first sentence of every rendering, for the first focus element and the
// recovered-metal figure (or the first headline figure when the runs lack it).
std::string compare_answer(const results::Comparison& c, Language lang = Language::kEnglish);

}  // namespace urbanmine::report
