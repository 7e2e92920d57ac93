// SPDX-License-Identifier: Apache-2.0
// The message catalogue (report/messages.h) and the Korean report.html of the baseline run: every
// entry in both languages with the same placeholders, and no English sentence in the Korean
// report outside the text it marks as written by the user or the data (lang="en").
#include <algorithm>
#include <regex>
#include <set>
#include <string>

#include <gtest/gtest.h>

#include "engine/compare.h"
#include "engine/run.h"
#include "io/files.h"

#include "report/compare_report.h"
#include "report/findings.h"
#include "report/messages.h"
#include "report/run_report.h"
#include "report/run_xlsx.h"
#include "test_support.h"

namespace urbanmine::report {
namespace {

std::set<std::string> placeholders(std::string_view text) {
  static const std::regex kPlaceholder("\\{([a-z_]+)\\}");
  std::set<std::string> out;
  const std::string s(text);
  for (auto it = std::sregex_iterator(s.begin(), s.end(), kPlaceholder);
       it != std::sregex_iterator(); ++it) {
    out.insert((*it)[1].str());
  }
  return out;
}

TEST(MessageCatalogue, EveryEntryHasBothLanguagesAndNoPlaceholderTheEnglishLacks) {
  const auto all = all_messages();
  ASSERT_GT(all.size(), 200u);
  for (std::size_t i = 0; i < all.size(); ++i) {
    const Message& m = all[i];
    SCOPED_TRACE(std::string(m.key));
    EXPECT_FALSE(m.en.empty());
    EXPECT_FALSE(m.ko.empty());
    // A translation may leave out an English-only detail (a rule's English metric text), never
    // add a value the English does not have.
    const auto en = placeholders(m.en);
    for (const auto& name : placeholders(m.ko)) EXPECT_TRUE(en.count(name)) << name;
    if (i > 0) {
      EXPECT_LT(all[i - 1].key, m.key) << "keys sorted and unique";
    }
    EXPECT_EQ(find_message(m.key), &m);
  }
  EXPECT_EQ(find_message("report.no_such_key"), nullptr);
}

TEST(MessageCatalogue, TranslatesFillsAndFallsBack) {
  EXPECT_EQ(tr(Language::kEnglish, "report.glance.title", {{"region", "KOR"}}), "At a glance: KOR");
  EXPECT_EQ(tr(Language::kKorean, "report.glance.title", {{"region", "한국"}}),
            "한눈에 보기: 한국");
  EXPECT_EQ(tr(Language::kKorean, "report.no_such_key"), "report.no_such_key");
  EXPECT_EQ(tr_or(Language::kKorean, "column.no_such_column", "no_such_column"), "no_such_column");
  EXPECT_EQ(tr_or(Language::kKorean, "place.KOR", "Korea"), "한국");
  ASSERT_TRUE(parse_language("ko", "--lang").has_value());
  const auto bad = parse_language("fr", "--lang");
  ASSERT_FALSE(bad.has_value());
  EXPECT_EQ(bad.error().location, "--lang");
}

TEST(MessageCatalogue, EnglishWordsAreTwoWordsInARowNotCodesOrUnits) {
  EXPECT_TRUE(has_english_words("not evaluable"));
  EXPECT_TRUE(has_english_words("Regulation (EU) 2023/1542, recycled content of lithium"));
  EXPECT_FALSE(has_english_words("KOR EU27 NMC811 demand_t 12.5 kWh"));
  EXPECT_FALSE(has_english_words("리튬 1.2 kt, 니켈 3.4 kt"));
  EXPECT_FALSE(has_english_words("China"));
  EXPECT_FALSE(has_english_words("ev_sales.csv"));
}

const results::RunResults& baseline() {
  static const results::RunResults run = [] {
    engine::RunOptions o;
    o.data_dir = testing::source_path("data");
    auto r = engine::run_scenario_file(testing::source_path("examples/global.toml"), o);
    EXPECT_TRUE(r.has_value()) << r.error().to_string();
    return r ? std::move(*r) : results::RunResults{};
  }();
  return run;
}

// The page's visible text without the <style> block, the elements marked lang="en" and the
// tags (attributes such as an SVG's aria-label are not text a reader sees on the page).
std::string visible_text_outside_marked(const std::string& html) {
  // The head (the style sheet, and the title, which names the scenario as its author wrote it).
  std::string s = html;
  const auto head = s.find("<head>");
  const auto head_end = s.find("</head>");
  if (head != std::string::npos && head_end != std::string::npos) {
    s.erase(head, head_end + 7 - head);
  }
  // Remove each element whose start tag carries lang="en" (none of them nests its own tag).
  for (auto at = s.find(" lang=\"en\""); at != std::string::npos; at = s.find(" lang=\"en\"")) {
    const auto open = s.rfind('<', at);
    const auto name_end = s.find_first_of(" >", open + 1);
    const std::string tag = s.substr(open + 1, name_end - open - 1);
    const auto close = s.find("</" + tag + ">", at);
    EXPECT_NE(close, std::string::npos) << tag;
    if (close == std::string::npos) break;
    s.erase(open, close + tag.size() + 3 - open);
  }
  std::string text;
  bool in_tag = false;
  for (char ch : s) {
    if (ch == '<') {
      in_tag = true;
      text += ' ';
    } else if (ch == '>') {
      in_tag = false;
    } else if (!in_tag) {
      text += ch;
    }
  }
  return text;
}

// Two English words in a row outside the marked text, with context (empty when none).
std::vector<std::string> english_phrases(const std::string& html) {
  const std::string text = visible_text_outside_marked(html);
  static const std::regex kWords("\\b[A-Za-z][a-z]+ [A-Za-z][a-z]+\\b");
  std::vector<std::string> found;
  for (auto it = std::sregex_iterator(text.begin(), text.end(), kWords);
       it != std::sregex_iterator(); ++it) {
    if (it->str().starts_with("urbanmine ")) continue;
    const auto at = static_cast<std::size_t>(it->position());
    found.push_back(text.substr(at > 40 ? at - 40 : 0, 100));
  }
  return found;
}

TEST(MessageCatalogue, TranslatesTheCheckersSentencesWithTheirVariableParts) {
  const Language ko = Language::kKorean;
  // A sentence with a data name, a code and a year: each part translated by its placeholder.
  EXPECT_EQ(translate_text(ko, "reason", "no recovered metal value for KOR in 2031"),
            "한국의 2031년 회수 금속 값이 없음");
  EXPECT_EQ(translate_text(ko, "reason",
                           "metric 'carbon footprint declaration' is not a quantity of the run "
                           "model (obligation in words: declaration required)"),
            "지표 '탄소발자국 신고'은(는) 실행 모델이 계산하는 양이 아님(문언상 의무: 신고 의무)");
  // A sentence inside a sentence.
  EXPECT_EQ(translate_text(ko, "reason",
                           "no region of jurisdiction ID in the run; also: metric 'exports "
                           "allowed' is not a quantity of the run model"),
            "실행에 관할 ID에 속하는 지역이 없음. 또한: 지표 '수출 허용 여부'은(는) 실행 모델이 "
            "계산하는 양이 아님");
  // A fixed basis with the all-elements suffix.
  const auto all = translate_text(
      ko, "basis",
      "recovered / recycled mass of the element over the configured routes (run tables "
      "recycling_to_secondary_metal_t, collection_to_recycling_t); all tracked elements together "
      "(7 elements, mass-weighted)");
  ASSERT_TRUE(all.has_value());
  EXPECT_TRUE(all->ends_with("추적하는 원소 전체 합산(7개 원소, 질량 가중)")) << *all;
  EXPECT_FALSE(has_english_words(*all)) << *all;
  // A metric the catalogue does not know keeps its English name; a text no pattern matches has
  // no translation; English gives the text back.
  EXPECT_EQ(translate_text(ko, "reason", "metric 'new metric' is not a quantity of the run model"),
            "지표 'new metric'은(는) 실행 모델이 계산하는 양이 아님");
  EXPECT_EQ(translate_text(ko, "reason", "some other text"), std::nullopt);
  EXPECT_EQ(translate_text(Language::kEnglish, "reason", "some other text"), "some other text");
}

TEST(KoreanReport, EveryPolicyCheckTextOfTheBaselineHasKorean) {
  // The checker's reasons, bases, confidence notes and the rules' metric names, row by row.
  const auto* checks = baseline().find_records("policy_checks");
  ASSERT_NE(checks, nullptr);
  std::size_t translated = 0;
  for (const char* column : {"reason", "basis", "confidence_note", "metric", "comparator"}) {
    const auto at = std::find(checks->columns.begin(), checks->columns.end(), column);
    ASSERT_NE(at, checks->columns.end()) << column;
    const auto c = static_cast<std::size_t>(at - checks->columns.begin());
    for (const auto& row : checks->rows) {
      const std::string& text = row[c].text;
      if (text.empty()) continue;
      const auto ko = translate_text(Language::kKorean, column, text);
      if (!ko) {  // a symbol (">=") or a code is shown as it is
        EXPECT_FALSE(has_english_words(text)) << column << ": " << text;
        continue;
      }
      // The single-country proxy leaves its source (a citation) to the CSV.
      EXPECT_FALSE(has_english_words(*ko)) << column << ": " << text << "\n -> " << *ko;
      ++translated;
    }
  }
  EXPECT_GT(translated, 300u);
  // So the Korean report shows the rule's metric column, in Korean (it used to be left to the
  // CSV as English prose).
  RenderOptions options;
  options.language = Language::kKorean;
  const std::string html = report_html(baseline(), options);
  const auto from = html.find("id=\"records-policy_checks\"");
  ASSERT_NE(from, std::string::npos);
  const std::string section = html.substr(from, html.find("id=\"records-", from + 1) - from);
  EXPECT_NE(section.find(">지표</th>"), std::string::npos);
}

// The engine's own assumption sentences of a run (the data's "Assumption: ..." notes aside) all
// have Korean without English words, so the Korean report lists them in Korean.
void expect_engine_assumptions_in_korean(const results::RunResults& run) {
  std::size_t engine = 0;
  for (const auto& a : run.assumptions) {
    if (a.find("Assumption:") != std::string::npos) continue;  // a data note, as written
    ++engine;
    const auto ko = translate_text(Language::kKorean, "assumption", a);
    ASSERT_TRUE(ko.has_value()) << a;
    EXPECT_FALSE(has_english_words(*ko)) << a << "\n -> " << *ko;
  }
  EXPECT_GT(engine, 10u);
}

TEST(KoreanReport, TheEnginesAssumptionsOfTheBaselineAreKorean) {
  expect_engine_assumptions_in_korean(baseline());
  RenderOptions options;
  options.language = Language::kKorean;
  const std::string html = report_html(baseline(), options);
  EXPECT_NE(html.find("<li>모델 규칙: 차량과 팩은 따로 노화"), std::string::npos);
  // A list of places in Korean: "recycling capacity of AUS, IND, JPN, KOR".
  EXPECT_NE(html.find("호주, 인도, 일본, 한국의 재활용 역량"), std::string::npos);
}

TEST(KoreanReport, TheEnginesAssumptionsOfOtherSettingsAreKorean) {
  // Trade and production scrap off, a second-life cap, used-vehicle exports, partial
  // replacement: each adds a sentence of its own.
  testing::TempDir dir;
  const auto base = io::read_text_file(testing::source_path("examples/global.toml"));
  ASSERT_TRUE(base.has_value());
  const std::string path = dir.path("settings.toml");
  ASSERT_TRUE(io::write_file_atomic(path, *base + R"(
[replacement]
probability = 0.5
max_vehicle_age_years = 8

[second_life]
cap_gwh_per_year = 50
max_vehicle_age_years_by_segment = { bus = 12 }

[[used_vehicle_export]]
from = "JPN"
to = "ROW"
segment = "car_bev"
share = 0.25
age_years = 8

[production_scrap]
enabled = false

[trade]
enabled = false

[capacity_follows_feedstock]
share = 0.8
)")
                  .has_value());
  engine::RunOptions o;
  o.data_dir = testing::source_path("data");
  auto run = engine::run_scenario_file(path, o);
  ASSERT_TRUE(run.has_value()) << run.error().to_string();
  for (const char* start : {"trade: off", "production scrap: off", "scenario [second_life] cap",
                            "scenario [[used_vehicle_export]]", "scenario [replacement]",
                            "capacity follows feedstock", "scenario [second_life]: only packs"}) {
    EXPECT_TRUE(std::any_of(run->assumptions.begin(), run->assumptions.end(),
                            [&](const std::string& a) { return a.starts_with(start); }))
        << start;
  }
  expect_engine_assumptions_in_korean(*run);
  // Shares read as written in the scenario ("0.8 x", not "0.800000 x").
  EXPECT_TRUE(std::any_of(
      run->assumptions.begin(), run->assumptions.end(),
      [](const std::string& a) { return a.find(" 0.8 x the feedstock") != std::string::npos; }));
}

// Every cell of `sheet` as text (numbers left out), row by row.
std::vector<std::vector<std::string>> sheet_texts(const io::XlsxSheet& sheet) {
  std::vector<std::vector<std::string>> out;
  for (std::size_t row = 0; row < sheet.row_count; ++row) {
    std::vector<io::XlsxCell> cells(sheet.header.size());
    sheet.row(row, cells);
    std::vector<std::string> texts;
    for (const auto& c : cells) texts.push_back(c.kind == io::XlsxCell::Kind::kText ? c.text : "");
    out.push_back(std::move(texts));
  }
  return out;
}

TEST(KoreanReport, WorkbookInKoreanHasKoreanLabelsFindingsHeadersAndReasons) {
  XlsxOptions options;
  options.language = Language::kKorean;
  const auto wb = run_workbook(baseline(), options);
  ASSERT_FALSE(wb.sheets.empty());
  const auto cover = sheet_texts(wb.sheets.front());
  ASSERT_FALSE(cover.empty());
  EXPECT_EQ(cover[0][0], "시나리오");
  // The findings are the Korean ones (the same as the report's), under their Korean heading.
  const auto korean_findings = findings_in(baseline(), Language::kKorean);
  ASSERT_FALSE(korean_findings.empty());
  bool found = false;
  for (const auto& row : cover) found = found || row[1] == korean_findings.front().text;
  EXPECT_TRUE(found) << korean_findings.front().text;
  // The engine's assumption sentences in Korean.
  found = false;
  for (const auto& row : cover) found = found || row[1].starts_with("모델 규칙: 차량과 팩은");
  EXPECT_TRUE(found);
  // A record sheet: Korean headers, the checker's reasons in Korean.
  const auto policy = std::find_if(wb.sheets.begin(), wb.sheets.end(), [](const io::XlsxSheet& s) {
    return s.name == "policy_checks";
  });
  ASSERT_NE(policy, wb.sheets.end());
  EXPECT_NE(std::find(policy->header.begin(), policy->header.end(), "지표"), policy->header.end());
  found = false;
  for (const auto& row : sheet_texts(*policy)) {
    for (const auto& cell : row)
      found = found || cell.find("실행 모델이 계산하는 양이 아님") != std::string::npos;
  }
  EXPECT_TRUE(found);
  // English stays as it was: codes as headers, the English labels.
  const auto english = run_workbook(baseline(), XlsxOptions{});
  EXPECT_EQ(sheet_texts(english.sheets.front())[0][0], "scenario");
  const auto en_policy =
      std::find_if(english.sheets.begin(), english.sheets.end(),
                   [](const io::XlsxSheet& s) { return s.name == "policy_checks"; });
  ASSERT_NE(en_policy, english.sheets.end());
  EXPECT_EQ(en_policy->header, baseline().find_records("policy_checks")->columns);
}

TEST(KoreanReport, BaselineHasNoEnglishSentenceOutsideTextMarkedAsWritten) {
  RenderOptions options;
  options.language = Language::kKorean;
  const std::string html = report_html(baseline(), options);
  EXPECT_NE(html.find("<html lang=\"ko\">"), std::string::npos);
  for (const char* heading : {"한눈에 보기: 세계", "주요 결과", "주요 수치, 세계", "물질수지",
                              "가정과 출처", "목차", "공급 집중도"}) {
    EXPECT_NE(html.find(heading), std::string::npos) << heading;
  }
  // Two English words in a row (this test's own rule, independent of has_english_words); the
  // product name and commands are codes.
  const auto found = english_phrases(html);
  EXPECT_TRUE(found.empty()) << found.size()
                             << " English phrases, first: " << (found.empty() ? "" : found.front())
                             << (found.size() > 1 ? "\n second: " + found[1] : "")
                             << (found.size() > 2 ? "\n third: " + found[2] : "");
  // What the report marks as written (the data's notes, the scenario's own name) is still there.
  EXPECT_NE(html.find("<li lang=\"en\">"), std::string::npos);
}

TEST(KoreanReport, FindingsAreTheEnglishFindingsNumberForNumber) {
  const auto& r = baseline();
  // The report's findings and the cooperation modules' ones, built again from the tables.
  auto en = build_findings(r, FindingOptions{}, Language::kEnglish);
  auto ko = build_findings(r, FindingOptions{}, Language::kKorean);
  const auto en_more = build_cooperation_findings(r, Language::kEnglish);
  const auto ko_more = build_cooperation_findings(r, Language::kKorean);
  en.insert(en.end(), en_more.begin(), en_more.end());
  ko.insert(ko.end(), ko_more.begin(), ko_more.end());
  ASSERT_EQ(en.size(), ko.size());
  ASSERT_EQ(en.size(), r.findings.size());
  // Numbers as they are written ("1,234.5", "84.3%"), the rule's English metric text aside.
  // Digits inside a code (EU27, NMC811) are not numbers.
  static const std::regex kNumber("(^|[^A-Za-z0-9_])([0-9][0-9,.]*[0-9]|[0-9])");
  for (std::size_t i = 0; i < en.size(); ++i) {
    EXPECT_EQ(en[i].text, r.findings[i].text) << "the stored findings are the English ones";
    EXPECT_EQ(en[i].section, ko[i].section);
    std::multiset<std::string> en_numbers, ko_numbers;
    for (auto it = std::sregex_iterator(en[i].text.begin(), en[i].text.end(), kNumber);
         it != std::sregex_iterator(); ++it) {
      en_numbers.insert((*it)[2].str());
    }
    for (auto it = std::sregex_iterator(ko[i].text.begin(), ko[i].text.end(), kNumber);
         it != std::sregex_iterator(); ++it) {
      ko_numbers.insert((*it)[2].str());
    }
    EXPECT_EQ(en_numbers, ko_numbers) << en[i].text << "\n" << ko[i].text;
    EXPECT_FALSE(has_english_words(ko[i].text)) << ko[i].text;
  }
}

TEST(KoreanReport, ComparisonPageIsKoreanWithTheSameFigures) {
  std::vector<engine::CompareInput> inputs;
  // The runs are labelled by their scenario names ("global baseline", "global baseline (2)"),
  // the user's words: the Korean page calls them 실행 1, 실행 2 and lists each name once, marked.
  inputs.push_back({"examples/global.toml", baseline()});
  inputs.push_back({"run 7", baseline()});
  engine::CompareOptions options;
  options.region = "EU27";
  auto c = engine::compare_runs(inputs, options);
  ASSERT_TRUE(c.has_value()) << c.error().to_string();
  const std::string ko = compare_html(*c, "compare.csv", Language::kKorean);
  const std::string en = compare_html(*c, "compare.csv", Language::kEnglish);
  EXPECT_NE(ko.find("<html lang=\"ko\">"), std::string::npos);
  EXPECT_NE(ko.find("유럽연합 주요 차이, 2040년"), std::string::npos);
  EXPECT_NE(en.find("Headline differences in EU27, 2040"), std::string::npos);
  const auto found = english_phrases(ko);
  EXPECT_TRUE(found.empty()) << found.size()
                             << " English phrases, first: " << (found.empty() ? "" : found.front());
  EXPECT_NE(ko.find("<strong>실행 1</strong>: <strong><span lang=\"en\">global baseline</span>"),
            std::string::npos);
  EXPECT_NE(en.find("<strong>global baseline (2)</strong>"), std::string::npos);
  EXPECT_NE(compare_answer(*c, Language::kKorean).find("2040년 유럽연합"), std::string::npos);
}

TEST(KoreanReport, AtAGlanceShowsNoFloatingPointResidue) {
  // The world's stranded feedstock in 2030 is 1.9e-9 t of residue: "0", never "0.0000000019".
  for (const auto lang : {Language::kEnglish, Language::kKorean}) {
    RenderOptions options;
    options.language = lang;
    const std::string html = report_html(baseline(), options);
    const auto from = html.find("id=\"glance\"");
    ASSERT_NE(from, std::string::npos);
    const std::string glance = html.substr(from, html.find("<h2", from + 1) - from);
    EXPECT_EQ(glance.find("0.0000"), std::string::npos) << glance.substr(0, 2000);
  }
}

TEST(KoreanReport, EnglishReportStaysEnglish) {
  const std::string html = report_html(baseline(), RenderOptions{});
  EXPECT_NE(html.find("<html lang=\"en\">"), std::string::npos);
  EXPECT_NE(html.find("<h2 id=\"findings\">Main findings</h2>"), std::string::npos);
  EXPECT_EQ(html.find("lang=\"ko\""), std::string::npos);
  EXPECT_EQ(html.find("주요"), std::string::npos);
}

}  // namespace
}  // namespace urbanmine::report
