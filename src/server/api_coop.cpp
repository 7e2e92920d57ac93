// SPDX-License-Identifier: Apache-2.0
// Cooperation endpoints over engine/cooperation.h: supply concentration and risk (like
// `urbanmine risk hhi|score`), the policy rules checked against a run (`urbanmine policy check`)
// and the country ranking for a recycler with each score's parts (`urbanmine market rank`).
// Every answer is a list of record tables {name, title, description, columns, rows}; CSV with
// format=csv. All are reads (GET, open without the token) and cached once computed.
#include <charconv>
#include <cmath>
#include <mutex>
#include <optional>
#include <string>

#include "engine/cooperation.h"
#include "io/risk_data.h"
#include "server/api.h"

#include "report/messages.h"
#include "report/records_text.h"
#include "results/registry.h"

namespace urbanmine::server {

namespace {

constexpr int kMinYear = 1900;
constexpr int kMaxYear = 2200;

// The cooperation data files (data/), loaded on first use and kept.
core::Result<const engine::CooperationData*> cooperation_data() {
  static std::once_flag once;
  static std::optional<core::Result<engine::CooperationData>> loaded;
  std::call_once(once, [] { loaded.emplace(engine::load_cooperation_data({})); });
  if (!*loaded) return loaded->error();
  return &loaded->value();
}

core::Result<double> query_number(const ApiRequest& request, const std::string& name) {
  const std::string text = request.query(name);
  double v = 0.0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (text.empty() || ec != std::errc{} || ptr != text.data() + text.size() || !std::isfinite(v)) {
    return core::Error::invalid_input("'" + text + "' is not a number", "query: " + name,
                                      "give a plain number, e.g. " + name + "=0.5");
  }
  return v;
}

core::Result<std::optional<double>> query_fraction(const ApiRequest& request,
                                                   const std::string& name) {
  if (!request.has_query(name)) return std::optional<double>{};
  auto v = query_number(request, name);
  if (!v) return v.error();
  if (*v < 0.0 || *v > 1.0) {
    return core::Error::invalid_input(request.query(name) + " is outside 0-1", "query: " + name,
                                      "fractions are 0-1 (0.9 = 90 %)");
  }
  return std::optional<double>(*v);
}

core::Result<std::optional<int>> query_year(const ApiRequest& request) {
  if (!request.has_query("year")) return std::optional<int>{};
  const std::string text = request.query("year");
  int v = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), v);
  if (ec != std::errc{} || ptr != text.data() + text.size() || v < kMinYear || v > kMaxYear) {
    return core::Error::invalid_input("'" + text + "' is not a calendar year", "query: year",
                                      "give a year such as 2022");
  }
  return std::optional<int>(v);
}

core::Result<std::string> query_element(const ApiRequest& request) {
  if (!request.has_query("element")) {
    return core::Error::invalid_input("missing query parameter 'element'", "query: element",
                                      "add element=Li (Li, Ni, Co, Mn or graphite)");
  }
  const std::string text = request.query("element");
  if (results::element_index(text)) return text;
  if (auto e = io::element_for_mineral(text)) return *e;
  return core::Error::invalid_input("unknown element '" + text + "'", "query: element",
                                    "use Li, Ni, Co, Mn or graphite (or lithium, cobalt, ...)");
}

core::Result<risk::HhiConvention> query_convention(const ApiRequest& request) {
  if (!request.has_query("convention")) return risk::HhiConvention::kNamedShare;
  if (auto c = risk::parse_convention(request.query("convention"))) return *c;
  return core::Error::invalid_input("unknown convention '" + request.query("convention") + "'",
                                    "query: convention", "use named-share or residual-as-producer");
}

// "feedstock=0.4,policy=0.3,risk=0.2,growth=0.1"; criteria not named keep their default.
core::Result<market::Weights> query_weights(const ApiRequest& request) {
  market::Weights w;
  if (!request.has_query("weights")) return w;
  const std::string text = request.query("weights");
  std::size_t pos = 0;
  while (pos <= text.size()) {
    const auto comma = text.find(',', pos);
    const std::string item =
        text.substr(pos, comma == std::string::npos ? std::string::npos : comma - pos);
    const auto eq = item.find('=');
    const auto criterion =
        eq == std::string::npos ? std::nullopt : market::parse_criterion(item.substr(0, eq));
    double v = 0.0;
    const std::string value = eq == std::string::npos ? "" : item.substr(eq + 1);
    const auto [ptr, ec] = std::from_chars(value.data(), value.data() + value.size(), v);
    if (!criterion || value.empty() || ec != std::errc{} || ptr != value.data() + value.size()) {
      return core::Error::invalid_input(
          "'" + item + "' is not CRITERION=NUMBER", "query: weights",
          "e.g. weights=feedstock=0.4,policy=0.3,risk=0.2,growth=0.1");
    }
    w[*criterion] = v;
    if (comma == std::string::npos) break;
    pos = comma + 1;
  }
  auto valid = market::validate_weights(w);
  if (!valid) {
    core::Error e = valid.error();
    e.location = "query: weights";
    return e;
  }
  return w;
}

nlohmann::json cell_json(const engine::Cell& cell) {
  switch (cell.kind) {
    case engine::Cell::Kind::kText:
      return cell.text;
    case engine::Cell::Kind::kNumber:
      return std::isfinite(cell.number) ? nlohmann::json(cell.number) : nlohmann::json(nullptr);
    case engine::Cell::Kind::kEmpty:
      break;
  }
  return nullptr;
}

// The record tables as JSON or (format=csv) CSV. With lang=ko, JSON text cells of English prose
// the catalogue can translate (policy reasons and bases, metric names: report::translate_text)
// come in Korean; codes stay codes, and the CSV stays as stored.
core::Result<Reply> records_reply(const ApiRequest& request,
                                  const std::vector<engine::RecordTable>& tables,
                                  const std::string& download_name) {
  auto language = query_language(request);
  if (!language) return language.error();
  if (request.query("format") == "csv") {
    return Reply::content(kCsvType, report::format_records(tables, report::RecordFormat::kCsv),
                          download_name + ".csv");
  }
  nlohmann::json list = nlohmann::json::array();
  for (const auto& t : tables) {
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& row : t.rows) {
      nlohmann::json cells = nlohmann::json::array();
      for (std::size_t c = 0; c < row.size(); ++c) {
        const auto& cell = row[c];
        // Prose only: codes ("fail", "not_evaluable", "KOR") stay codes, which the dashboard
        // reads (badges, order) and names with the catalogue itself.
        if (*language != report::Language::kEnglish && c < t.columns.size() &&
            cell.kind == engine::Cell::Kind::kText && report::has_english_words(cell.text)) {
          if (auto ko = report::translate_text(*language, t.columns[c], cell.text)) {
            cells.push_back(std::move(*ko));
            continue;
          }
        }
        cells.push_back(cell_json(cell));
      }
      rows.push_back(std::move(cells));
    }
    list.push_back({{"name", t.name},
                    {"title", t.title},
                    {"description", t.description},
                    {"columns", t.columns},
                    {"rows", rows}});
  }
  return Reply::json(to_json_text({{"tables", list}}));
}

core::Status check_format(const ApiRequest& request) {
  const std::string f = request.query("format");
  if (f.empty() || f == "json" || f == "csv") return {};
  return core::Error::invalid_input("unknown format '" + f + "'", "query: format",
                                    "use format=json or format=csv");
}

// The run's results with the cooperation record tables computed afresh under `options`.
core::Result<engine::RunResults> run_with_cooperation(ApiState& state, const ApiRequest& request,
                                                      const engine::CooperationOptions& options) {
  const std::string id_text = request.path_param("id");
  bool digits = !id_text.empty() && id_text.size() < 19;
  for (char c : id_text) digits = digits && std::isdigit(static_cast<unsigned char>(c)) != 0;
  if (!digits) {
    return core::Error::not_found("no run '" + id_text + "'", id_text,
                                  "run ids are numbers; list them with GET /api/runs");
  }
  const std::int64_t id = std::stoll(id_text);
  auto artifacts = state.service->results(id);  // from memory or loaded back from the store
  if (!artifacts) return artifacts.error();
  auto data = cooperation_data();
  if (!data) return data.error();
  engine::RunResults results = (*artifacts)->results;
  // The run may already carry cooperation tables (computed with default options): replace them.
  std::erase_if(results.records, [](const engine::RecordTable& t) {
    for (auto name : {engine::kRecordsHhi, engine::kRecordsHhiContributions,
                      engine::kRecordsSupplyRisk, engine::kRecordsPolicyChecks,
                      engine::kRecordsMarketRanking, engine::kRecordsMarketSensitivity}) {
      if (t.name == name) return true;
    }
    return false;
  });
  URBANMINE_TRY_STATUS(engine::add_cooperation_results(results, **data, options));
  return results;
}

std::vector<engine::RecordTable> pick(const engine::RunResults& results,
                                      std::initializer_list<std::string_view> names) {
  std::vector<engine::RecordTable> out;
  for (auto name : names) {
    if (const auto* t = results.find_records(name)) out.push_back(*t);
  }
  return out;
}

}  // namespace

void add_coop_routes(RouteTable& routes, ApiState& state) {
  routes.add(
      {"GET",
       "/api/risk/hhi",
       "risk",
       "Herfindahl-Hirschman index of mine production, refining or reserves of one element, and "
       "each producer's share (like `urbanmine risk hhi`)",
       false,
       "",
       {{"element", "Li, Ni, Co, Mn or graphite (required)"},
        {"year", "data year (default: the latest with figures)"},
        {"stage", "mine (default), refining or reserves"},
        {"convention", "named-share (default) or residual-as-producer"},
        {"format", "json (default) or csv"},
        {"lang", "en (default) or ko: the JSON's English prose (reasons, metric names) in Korean"}},
       {kJsonType, kCsvType},
       cached(state, [](const ApiRequest& request) -> core::Result<Reply> {
         URBANMINE_TRY_STATUS(check_format(request));
         auto element = query_element(request);
         if (!element) return element.error();
         auto year = query_year(request);
         if (!year) return year.error();
         auto convention = query_convention(request);
         if (!convention) return convention.error();
         const std::string stage_text =
             request.has_query("stage") ? request.query("stage") : std::string("mine");
         const auto stage = risk::parse_stage(stage_text);
         if (!stage) {
           return core::Error::invalid_input("unknown stage '" + stage_text + "'", "query: stage",
                                             "use mine, refining or reserves");
         }
         auto data = cooperation_data();
         if (!data) return data.error();
         int y = 0;
         if (*year) {
           y = **year;
         } else {
           const auto years = (*data)->supply.years(*element, *stage);
           if (years.empty()) {
             return core::Error::not_found("no " + stage_text + " figures for " + *element,
                                           "query: element", "try another stage or element");
           }
           y = years.back();
         }
         auto tables = engine::risk_hhi_tables(**data, *element, y, *stage, *convention);
         if (!tables) return tables.error();
         return records_reply(request, *tables, "hhi_" + *element);
       })});
  routes.add(
      {"GET",
       "/api/risk/score",
       "risk",
       "EU criticality supply risk of one element for a region, each input with its source "
       "(like `urbanmine risk score`); inputs not in the data are reported missing unless given",
       false,
       "",
       {{"element", "Li, Ni, Co, Mn or graphite (required)"},
        {"region", "region label (default EU27)"},
        {"year", "supply data year (default: latest)"},
        {"import_reliance", "import reliance IR, 0-1"},
        {"eol_rir", "end-of-life recycling input rate, 0-1"},
        {"substitution_index", "substitution index SI_SR, 0-1"},
        {"hhi_wgi_sourcing", "HHI_WGI of the region's sourcing, 0-10"},
        {"sourcing_as_global", "true: assume sourcing mirrors global supply (an assumption)"},
        {"format", "json (default) or csv"},
        {"lang", "en (default) or ko: the JSON's English prose (reasons, metric names) in Korean"}},
       {kJsonType, kCsvType},
       cached(state, [](const ApiRequest& request) -> core::Result<Reply> {
         URBANMINE_TRY_STATUS(check_format(request));
         engine::RiskScoreRequest req;
         auto element = query_element(request);
         if (!element) return element.error();
         req.element = *element;
         if (request.has_query("region")) req.region = request.query("region");
         auto year = query_year(request);
         if (!year) return year.error();
         req.year = *year;
         auto ir = query_fraction(request, "import_reliance");
         if (!ir) return ir.error();
         req.import_reliance = *ir;
         auto rir = query_fraction(request, "eol_rir");
         if (!rir) return rir.error();
         req.eol_rir = *rir;
         auto si = query_fraction(request, "substitution_index");
         if (!si) return si.error();
         req.substitution_index = *si;
         if (request.has_query("hhi_wgi_sourcing")) {
           auto v = query_number(request, "hhi_wgi_sourcing");
           if (!v) return v.error();
           if (*v < 0.0 || *v > engine::kHhiWgiMax) {
             return core::Error::invalid_input(
                 request.query("hhi_wgi_sourcing") + " is outside 0-10", "query: hhi_wgi_sourcing",
                 "give 0-10");
           }
           req.hhi_wgi_sourcing = *v;
         }
         engine::CooperationOptions options;
         options.sourcing_as_global = request.query("sourcing_as_global") == "true";
         auto data = cooperation_data();
         if (!data) return data.error();
         auto tables = engine::risk_score_tables(**data, req, options);
         if (!tables) return tables.error();
         return records_reply(request, *tables, "supply_risk_" + *element);
       })});
  routes.add(
      {"GET",
       "/api/runs/{id}/risk",
       "risk",
       "Supply concentration (HHI) and supply risk with this run's recycling, by element "
       "and year",
       false,
       "",
       {{"format", "json (default) or csv"},
        {"lang", "en (default) or ko: the JSON's English prose (reasons, metric names) in Korean"}},
       {kJsonType, kCsvType},
       cached(state, [&state](const ApiRequest& request) -> core::Result<Reply> {
         URBANMINE_TRY_STATUS(check_format(request));
         auto results = run_with_cooperation(state, request, {});
         if (!results) return results.error();
         return records_reply(request,
                              pick(*results, {engine::kRecordsSupplyRisk, engine::kRecordsHhi}),
                              "risk_run_" + request.path_param("id"));
       })});
  routes.add(
      {"GET",
       "/api/runs/{id}/policy",
       "policy",
       "Every policy rule that applies, checked against the run: pass, fail, gap and the "
       "legal reference (like `urbanmine policy check`)",
       false,
       "",
       {{"year", "check every rule in this year (default: each rule's effective year)"},
        {"format", "json (default) or csv"},
        {"lang", "en (default) or ko: the JSON's English prose (reasons, metric names) in Korean"}},
       {kJsonType, kCsvType},
       cached(state, [&state](const ApiRequest& request) -> core::Result<Reply> {
         URBANMINE_TRY_STATUS(check_format(request));
         auto year = query_year(request);
         if (!year) return year.error();
         engine::CooperationOptions options;
         options.policy_check_year = *year;
         auto results = run_with_cooperation(state, request, options);
         if (!results) return results.error();
         return records_reply(request, pick(*results, {engine::kRecordsPolicyChecks}),
                              "policy_checks_run_" + request.path_param("id"));
       })});
  routes.add(
      {"GET",
       "/api/runs/{id}/market",
       "market",
       "Countries ranked for a recycler with each score's parts and the ranking's sensitivity "
       "to the weights (like `urbanmine market rank`)",
       false,
       "",
       {{"weights", "feedstock=0.4,policy=0.3,risk=0.2,growth=0.1 (default: equal)"},
        {"year", "ranking year (default: the run's last year)"},
        {"format", "json (default) or csv"},
        {"lang", "en (default) or ko: the JSON's English prose (reasons, metric names) in Korean"}},
       {kJsonType, kCsvType},
       cached(state, [&state](const ApiRequest& request) -> core::Result<Reply> {
         URBANMINE_TRY_STATUS(check_format(request));
         auto weights = query_weights(request);
         if (!weights) return weights.error();
         auto year = query_year(request);
         if (!year) return year.error();
         engine::CooperationOptions options;
         options.market_weights = *weights;
         options.market_weights_are_default = !request.has_query("weights");
         options.market_year = *year;
         auto results = run_with_cooperation(state, request, options);
         if (!results) return results.error();
         return records_reply(
             request,
             pick(*results, {engine::kRecordsMarketRanking, engine::kRecordsMarketSensitivity}),
             "market_ranking_run_" + request.path_param("id"));
       })});
}

}  // namespace urbanmine::server
