// SPDX-License-Identifier: Apache-2.0
// Run endpoints: start a run (429 beyond the cap), poll its state and progress, and read its
// summary, tables (filtered by region, element and year; JSON or CSV), record tables (risk,
// policy, market), Sankey data and HTML report. Finished runs never change, so read answers are
// cached in memory (the load benchmark's "cached reads").
#include <algorithm>
#include <atomic>
#include <cctype>
#include <charconv>
#include <filesystem>
#include <optional>
#include <set>
#include <string>

#include <unistd.h>

#include "engine/compare.h"
#include "engine/service.h"
#include "io/files.h"
#include "io/json_reader.h"
#include "io/run_writers.h"
#include "server/api.h"

#include "report/compare_report.h"
#include "report/findings.h"
#include "report/iamc.h"
#include "report/run_outputs.h"
#include "report/run_report.h"
#include "report/run_xlsx.h"
#include "results/regions.h"

namespace urbanmine::server {

namespace {

// The cells of `table` matching every (dimension, item) of `asked`, in long form; zero cells
// are left out, as in the store (the API's sparse rule, docs/api.md).
std::vector<io::ResultRow> filtered_rows(
    const results::ResultTable& table,
    const std::vector<std::pair<std::string, std::string>>& asked) {
  const auto& dims = table.values.dims();
  std::vector<std::optional<std::size_t>> fixed(dims.size());
  for (const auto& [dim, item] : asked) {
    if (const auto d = table.values.dim_index(dim)) fixed[*d] = dims[*d].index_of(item);
  }
  std::vector<io::ResultRow> rows;
  const auto data = table.values.data();
  std::vector<std::size_t> idx(dims.size(), 0);
  for (std::size_t flat = 0; flat < data.size(); ++flat) {
    bool take = data[flat] != 0.0;
    for (std::size_t d = 0; d < dims.size() && take; ++d) take = !fixed[d] || *fixed[d] == idx[d];
    if (take) {
      io::ResultRow row;
      for (std::size_t d = 0; d < dims.size(); ++d)
        row.coords[dims[d].name()] = dims[d].items()[idx[d]];
      row.value = data[flat];
      rows.push_back(std::move(row));
    }
    for (std::size_t d = dims.size(); d-- > 0;) {
      if (++idx[d] < dims[d].size()) break;
      idx[d] = 0;
    }
  }
  return rows;
}

core::Result<std::int64_t> run_id_of(const ApiRequest& request) {
  const std::string text = request.path_param("id");
  bool digits = !text.empty() && text.size() < 19;
  for (char c : text) digits = digits && std::isdigit(static_cast<unsigned char>(c)) != 0;
  if (!digits) {
    return core::Error::not_found("no run '" + text + "'", text,
                                  "run ids are numbers; list them with GET /api/runs");
  }
  return std::stoll(text);
}

nlohmann::json run_json(const engine::ServiceRun& r) {
  nlohmann::json out = {{"id", std::to_string(r.id)},
                        {"scenario_id", std::to_string(r.scenario_id)},
                        {"scenario_name", r.scenario_name},
                        {"state", std::string(engine::run_state_name(r.state))},
                        {"progress_fraction", r.progress_fraction},
                        {"stage", r.stage},
                        {"created_at", r.started_at},
                        {"elapsed_seconds", r.elapsed_seconds}};
  if (r.error) {
    out["error"] = {{"code", std::string(core::error_code_name(r.error->code))},
                    {"message", r.error->message},
                    {"hint", r.error->hint},
                    {"location", r.error->location}};
  }
  return out;
}

// A succeeded run, or the error to answer.
core::Result<engine::ServiceRun> finished_run(ApiState& state, const ApiRequest& request) {
  auto id = run_id_of(request);
  if (!id) return id.error();
  auto run = state.service->run(*id);
  if (!run) return run.error();
  if (run->state != engine::RunState::kSucceeded) {
    return core::Error{
        core::ErrorCode::kConflict,
        "run " + std::to_string(*id) + " is " + std::string(engine::run_state_name(run->state)) +
            ", not succeeded",
        "poll GET /api/runs/" + std::to_string(*id) + " until its state is succeeded",
        std::to_string(*id)};
  }
  return run;
}

}  // namespace

core::Result<std::shared_ptr<const engine::RunArtifacts>> succeeded_run_results(
    ApiState& state, const std::string& id_text, const std::string& location) {
  std::int64_t id = 0;
  const auto [ptr, ec] = std::from_chars(id_text.data(), id_text.data() + id_text.size(), id);
  if (id_text.empty() || ec != std::errc() || ptr != id_text.data() + id_text.size() || id <= 0) {
    return core::Error::invalid_input("run id '" + id_text + "' is not a number", location,
                                      "give run ids as GET /api/runs lists them");
  }
  auto run = state.service->run(id);
  if (!run) return run.error();
  if (run->state != engine::RunState::kSucceeded) {
    return core::Error{core::ErrorCode::kConflict,
                       "run " + id_text + " is " + std::string(engine::run_state_name(run->state)) +
                           ", not succeeded",
                       "use runs that have succeeded", location};
  }
  return state.service->results(id);
}

namespace {

bool wants_csv(const ApiRequest& request) {
  const std::string f = request.query("format");
  return f == "csv" || request.raw.get_header_value("Accept").find("text/csv") == 0;
}

core::Status check_format(const ApiRequest& request) {
  const std::string f = request.query("format");
  if (f.empty() || f == "json" || f == "csv") return {};
  return core::Error::invalid_input("unknown format '" + f + "'", "query: format",
                                    "use format=json or format=csv");
}

// Table/record names are [a-z0-9_] words; anything else cannot name one.
core::Status check_name(const std::string& name) {
  bool ok = !name.empty() && name.size() <= 128;
  for (char c : name) {
    ok = ok && (std::islower(static_cast<unsigned char>(c)) != 0 ||
                std::isdigit(static_cast<unsigned char>(c)) != 0 || c == '_');
  }
  if (ok) return {};
  return core::Error::not_found("no table '" + name + "'", name,
                                "list the run's tables with GET /api/runs/{id}/tables");
}

std::vector<std::string> run_elements(const engine::RunResults& results) {
  std::set<std::string> elements;
  for (const auto& t : results.tables) {
    const auto idx = t.values.dim_index(std::string(engine::kDimElement));
    if (!idx) continue;
    for (const auto& item : t.values.dims()[*idx].items()) elements.insert(item);
  }
  return {elements.begin(), elements.end()};
}

}  // namespace

void add_run_routes(RouteTable& routes, ApiState& state) {
  routes.add({"POST",
              "/api/runs",
              "runs",
              "Start a run of a scenario (like `urbanmine run`); answers 202 with the run; 429 "
              "when the server already runs its maximum number of runs",
              true,
              "{\"scenario_id\": \"1\"} (a scenario id or name, e.g. \"baseline\")",
              {},
              {kJsonType},
              [&state](const ApiRequest& request) -> core::Result<Reply> {
                auto body = parse_body(request);
                if (!body) return body.error();
                io::JsonReader reader(*body, "request body");
                std::string scenario;
                if (body->is_object() && body->contains("scenario_id") &&
                    (*body)["scenario_id"].is_number_integer()) {
                  scenario = std::to_string((*body)["scenario_id"].get<long long>());
                } else {
                  auto text = reader.string("scenario_id");
                  if (!text) return text.error();
                  scenario = *text;
                }
                auto started = state.service->start_run(scenario);
                if (!started) return started.error();
                if (!started->accepted) {
                  Reply reply = Reply::json(
                      error_json("too_many_runs",
                                 std::to_string(started->running) +
                                     " runs are in progress, the most this server runs at once",
                                 "wait for a run to finish (poll GET /api/runs) and try again, or "
                                 "start the server with a larger --max-runs"),
                      429);
                  return reply;
                }
                auto run = state.service->run(started->run_id);
                if (!run) return run.error();
                return Reply::json(to_json_text(run_json(*run)), 202);
              }});
  routes.add({"GET",
              "/api/runs",
              "runs",
              "List runs, newest first, with state and progress",
              false,
              "",
              {},
              {kJsonType},
              [&state](const ApiRequest&) -> core::Result<Reply> {
                auto runs = state.service->list_runs();
                if (!runs) return runs.error();
                nlohmann::json list = nlohmann::json::array();
                for (const auto& r : *runs) list.push_back(run_json(r));
                return Reply::json(to_json_text({{"runs", list}}));
              }});
  routes.add({"GET",
              "/api/runs/{id}",
              "runs",
              "One run: state (running, succeeded, failed), progress_fraction, stage, error",
              false,
              "",
              {},
              {kJsonType},
              [&state](const ApiRequest& request) -> core::Result<Reply> {
                auto id = run_id_of(request);
                if (!id) return id.error();
                auto run = state.service->run(*id);
                if (!run) return run.error();
                return Reply::json(to_json_text(run_json(*run)));
              }});
  routes.add({"GET",
              "/api/runs/{id}/summary",
              "runs",
              "The run's summary.json (urbanmine-summary/1: key figures, findings, balance)",
              false,
              "",
              {},
              {kJsonType},
              cached(state, [&state](const ApiRequest& request) -> core::Result<Reply> {
                auto run = finished_run(state, request);
                if (!run) return run.error();
                auto text = state.service->file(run->id, std::string(report::kSummaryFile));
                if (!text) return text.error();
                return Reply::json(std::move(*text));
              })});
  routes.add({"GET",
              "/api/runs/{id}/report",
              "runs",
              "The run's self-contained HTML report; ?lang=ko renders it in Korean from the "
              "stored results",
              false,
              "",
              {{"lang", "en (default: the stored report.html) or ko"}},
              {kHtmlType},
              cached(state, [&state](const ApiRequest& request) -> core::Result<Reply> {
                auto run = finished_run(state, request);
                if (!run) return run.error();
                auto language = query_language(request);
                if (!language) return language.error();
                if (*language == report::Language::kEnglish) {
                  auto text = state.service->file(run->id, std::string(report::kReportFile));
                  if (!text) return text.error();
                  return Reply::content(kHtmlType, std::move(*text));
                }
                auto loaded = state.service->results(run->id);
                if (!loaded) return loaded.error();
                const auto& results = (*loaded)->results;
                report::RenderOptions options;
                options.language = *language;
                options.sankey_year = std::min(report::kDefaultSankeyYear, results.meta.last_year);
                return Reply::content(kHtmlType, report::report_html(results, options));
              })});
  routes.add({"GET",
              "/api/runs/{id}/findings",
              "runs",
              "The run's findings, in English (as in summary.json) or Korean (built again from the "
              "stored tables): {\"lang\", \"findings\": [{\"section\", \"section_label\", "
              "\"text\"}]}",
              false,
              "",
              {{"lang", "en (default) or ko"}},
              {kJsonType},
              cached(state, [&state](const ApiRequest& request) -> core::Result<Reply> {
                auto run = finished_run(state, request);
                if (!run) return run.error();
                auto language = query_language(request);
                if (!language) return language.error();
                auto loaded = state.service->results(run->id);
                if (!loaded) return loaded.error();
                nlohmann::json findings = nlohmann::json::array();
                for (const auto& f : report::findings_in((*loaded)->results, *language)) {
                  findings.push_back(
                      {{"section", f.section},
                       {"section_label",
                        report::tr_or(*language, "finding.section." + f.section, f.section)},
                       {"text", f.text}});
                }
                return Reply::json(
                    to_json_text({{"lang", std::string(report::language_code(*language))},
                                  {"findings", std::move(findings)}}));
              })});
  Route xlsx{"GET",
             "/api/runs/{id}/xlsx",
             "runs",
             "The run as one Excel workbook (cover, charts, a sheet per table), as `urbanmine "
             "run --xlsx` writes it; ?lang=ko in Korean",
             false,
             "",
             {{"lang", "en (default) or ko"}},
             {kXlsxType},
             cached(state, [&state](const ApiRequest& request) -> core::Result<Reply> {
               auto language = query_language(request);
               if (!language) return language.error();
               auto run = finished_run(state, request);
               if (!run) return run.error();
               auto loaded = state.service->results(run->id);
               if (!loaded) return loaded.error();
               // libxlsxwriter writes files: a private temporary, read back and removed.
               static std::atomic<unsigned> counter{0};
               const auto path =
                   std::filesystem::temp_directory_path() /
                   ("urbanmine-run-" + std::to_string(run->id) + "-" + std::to_string(::getpid()) +
                    "-" + std::to_string(counter++) + ".xlsx");
               report::XlsxOptions options;
               options.created_utc = run->started_at;
               options.language = *language;
               auto written = report::write_run_xlsx((*loaded)->results, path.string(), options);
               if (!written) return written.error();
               auto bytes = io::read_text_file(path.string());
               std::error_code ec;
               std::filesystem::remove(path, ec);
               if (!bytes) return bytes.error();
               return Reply::content(kXlsxType, std::move(*bytes),
                                     "run-" + std::to_string(run->id) + ".xlsx");
             })};
  xlsx.computes_on_get = true;  // seconds of chart and sheet writing
  routes.add(std::move(xlsx));
  routes.add({"GET",
              "/api/runs/{id}/sankey",
              "runs",
              "Flows of one element (or kWh) in one year, of the world or one region (with what "
              "crosses its border), as urbanmine-sankey/1 plus the years, elements and regions to "
              "choose from",
              false,
              "",
              {{"year", "calendar year of the run (default: the run's stored Sankey year)"},
               {"element", "Li, Ni, Co, Mn, graphite, Cu, Al or kWh (default: Li)"},
               {"region", "WORLD (default) or a region code of the run, e.g. KOR"}},
              {kJsonType},
              cached(state, [&state](const ApiRequest& request) -> core::Result<Reply> {
                auto run = finished_run(state, request);
                if (!run) return run.error();
                // Full results (from memory or loaded back from the store); a run stored by an
                // older urbanmine has only its stored Sankey.
                auto loaded = state.service->results(run->id);
                if (!loaded && loaded.error().code != core::ErrorCode::kConflict)
                  return loaded.error();
                const auto artifacts = loaded ? *loaded : nullptr;
                const bool chosen = request.has_query("year") || request.has_query("element") ||
                                    request.has_query("region");
                if (chosen && !artifacts) return loaded.error();
                std::string text;
                if (chosen) {
                  int year =
                      std::min(report::kDefaultSankeyYear, artifacts->results.meta.last_year);
                  if (request.has_query("year")) {
                    try {
                      std::size_t used = 0;
                      year = std::stoi(request.query("year"), &used);
                      if (used != request.query("year").size()) throw std::invalid_argument("year");
                    } catch (const std::exception&) {
                      return core::Error::invalid_input(
                          "year '" + request.query("year") + "' is not a whole number",
                          "query: year", "give a calendar year");
                    }
                  }
                  const std::string element = request.has_query("element")
                                                  ? request.query("element")
                                                  : std::string(report::kDefaultSankeyElement);
                  const std::string region =
                      request.has_query("region") ? request.query("region") : "";
                  auto sankey = report::sankey_json(artifacts->results, year, element, region);
                  if (!sankey) {
                    core::Error e = sankey.error();
                    if (e.location == "--sankey-year") e.location = "query: year";
                    if (e.location == "--sankey-element") e.location = "query: element";
                    if (e.location == "region") e.location = "query: region";
                    return e;
                  }
                  text = std::move(*sankey);
                } else {
                  auto stored = state.service->file(run->id, std::string(report::kSankeyFile));
                  if (!stored) return stored.error();
                  text = std::move(*stored);
                }
                auto doc = io::parse_json(text, "sankey.json");
                if (!doc) return doc.error();
                nlohmann::json years = nlohmann::json::array();
                nlohmann::json elements = nlohmann::json::array();
                nlohmann::json regions = nlohmann::json::array({std::string(report::kWorldRegion)});
                if (artifacts) {
                  for (const auto& code : report::sankey_regions(artifacts->results)) {
                    regions.push_back(code);
                  }
                  for (int y = artifacts->results.meta.first_year;
                       y <= artifacts->results.meta.last_year; ++y) {
                    years.push_back(y);
                  }
                  for (const auto& e : run_elements(artifacts->results)) elements.push_back(e);
                  elements.push_back(std::string(report::kSankeyCapacity));
                } else {
                  years.push_back((*doc)["year"]);
                  elements.push_back((*doc)["element"]);
                }
                (*doc)["years"] = years;
                (*doc)["elements"] = elements;
                (*doc)["regions"] = regions;
                return Reply::json(to_json_text(*doc));
              })});
  routes.add({"GET",
              "/api/runs/{id}/tables",
              "runs",
              "The run's result tables (name, unit column, dimensions and their items) and "
              "record tables (risk, policy, market)",
              false,
              "",
              {},
              {kJsonType},
              cached(state, [&state](const ApiRequest& request) -> core::Result<Reply> {
                auto run = finished_run(state, request);
                if (!run) return run.error();
                nlohmann::json tables = nlohmann::json::array();
                nlohmann::json records = nlohmann::json::array();
                auto loaded = state.service->results(run->id);
                if (!loaded && loaded.error().code != core::ErrorCode::kConflict) {
                  return loaded.error();
                }
                if (loaded) {
                  const auto& a = *loaded;
                  for (const auto& t : a->results.tables) {
                    nlohmann::json dims = nlohmann::json::array();
                    for (const auto& d : t.values.dims()) {
                      dims.push_back({{"name", d.name()}, {"items", d.items()}});
                    }
                    tables.push_back({{"name", t.name},
                                      {"value_column", t.value_column},
                                      {"description", t.description},
                                      {"dims", dims}});
                  }
                } else {
                  auto stored = state.service->tables(run->id);
                  if (!stored) return stored.error();
                  for (const auto& t : *stored) {
                    nlohmann::json dims = nlohmann::json::array();
                    for (const auto& d : t.dims) {
                      dims.push_back({{"name", d}, {"items", nlohmann::json::array()}});
                    }
                    tables.push_back({{"name", t.name},
                                      {"value_column", t.value_column},
                                      {"description", t.description},
                                      {"dims", dims}});
                  }
                }
                auto stored_records = state.service->record_tables(run->id);
                if (!stored_records) return stored_records.error();
                for (const auto& r : *stored_records) {
                  records.push_back(
                      {{"name", r.name},
                       {"title", r.title},
                       {"description", r.description},
                       {"columns", nlohmann::json::parse(r.columns_json, nullptr, false)}});
                }
                return Reply::json(to_json_text({{"tables", tables}, {"records", records}}));
              })});
  routes.add(
      {"GET",
       "/api/runs/{id}/tables/{name}",
       "runs",
       "One result table in long form, filtered; JSON {columns, rows} or CSV (format=csv)",
       false,
       "",
       {{"region", "region code (ISO 3166 alpha-3 or an aggregate such as WORLD)"},
        {"element", "element code (Li, Ni, Co, Mn, graphite, Cu, Al)"},
        {"year", "calendar year"},
        {"segment", "segment code"},
        {"chemistry", "chemistry code"},
        {"route", "recycling route"},
        {"format", "json (default) or csv"}},
       {kJsonType, kCsvType},
       cached(state, [&state](const ApiRequest& request) -> core::Result<Reply> {
         URBANMINE_TRY_STATUS(check_format(request));
         auto run = finished_run(state, request);
         if (!run) return run.error();
         const std::string name = request.path_param("name");
         URBANMINE_TRY_STATUS(check_name(name));
         io::TableFilter filter;
         if (request.has_query("region")) filter.region = request.query("region");
         if (request.has_query("element")) filter.element = request.query("element");
         if (request.has_query("year")) {
           const std::string y = request.query("year");
           bool digits = !y.empty() && y.size() <= 4;
           for (char c : y) digits = digits && std::isdigit(static_cast<unsigned char>(c)) != 0;
           if (!digits) {
             return core::Error::invalid_input("year '" + y + "' is not a calendar year",
                                               "query: year", "give a year such as 2030");
           }
           filter.year = std::stoi(y);
         }
         for (const char* dim : {"segment", "chemistry", "route"}) {
           if (request.has_query(dim)) filter.dims[dim] = request.query(dim);
         }
         auto infos = state.service->tables(run->id);
         if (!infos) return infos.error();
         const io::TableInfo* info = nullptr;
         for (const auto& t : *infos) {
           if (t.name == name) info = &t;
         }
         if (info == nullptr) {
           return core::Error::not_found(
               "run " + std::to_string(run->id) + " has no table '" + name + "'", name,
               "list the run's tables with GET /api/runs/" + std::to_string(run->id) + "/tables");
         }
         // A filter naming a dimension the table lacks, or an item not in it, is an error
         // naming the query (an empty answer would look like zero). An aggregate region
         // (EU27, WORLD, ...) is the sum over its member regions, computed here.
         std::optional<std::vector<io::ResultRow>> aggregate_rows;
         if (auto loaded = state.service->results(run->id); loaded) {
           if (const auto* table = (*loaded)->results.find(name)) {
             const auto regions = results::RegionIndex::of((*loaded)->results);
             std::optional<results::ResultTable> summed;
             if (filter.region && regions.is_aggregate(*filter.region) &&
                 table->values.dim_index(std::string(engine::kDimRegion))) {
               if (!results::is_additive(*table)) {
                 return core::Error::not_found(
                     "table '" + name +
                         "' holds fractions, which do not add up over the "
                         "regions of " +
                         *filter.region,
                     "query: region", "ask for one of its model regions");
               }
               auto with = results::with_aggregates(*table, regions);
               if (!with) return with.error();
               summed = std::move(*with);
               table = &*summed;
             }
             std::vector<std::pair<std::string, std::string>> asked;
             if (filter.region) asked.emplace_back(engine::kDimRegion, *filter.region);
             if (filter.element) asked.emplace_back(engine::kDimElement, *filter.element);
             if (filter.year) {
               asked.emplace_back(engine::kDimYear, std::to_string(*filter.year));
             }
             for (const auto& [dim, item] : filter.dims) asked.emplace_back(dim, item);
             for (const auto& [dim, item] : asked) {
               const auto index = table->values.dim_index(dim);
               if (!index) {
                 return core::Error::invalid_input(
                     "table '" + name + "' has no " + dim + " dimension", "query: " + dim,
                     "filter on its dimensions: " + [&] {
                       std::string list;
                       for (const auto& d : table->values.dims()) {
                         list += (list.empty() ? "" : ", ") + d.name();
                       }
                       return list;
                     }());
               }
               const auto& d = table->values.dims()[*index];
               if (!d.index_of(item)) {
                 std::string list;
                 for (std::size_t i = 0; i < d.size() && i < 40; ++i) {
                   list += (i == 0 ? "" : ", ") + d.items()[i];
                 }
                 if (d.size() > 40) list += ", ...";
                 if (dim == engine::kDimRegion) {
                   for (const auto& a : regions.aggregates()) list += ", " + a;
                 }
                 return core::Error::not_found(
                     "table '" + name + "' has no " + dim + " '" + item + "'", "query: " + dim,
                     "use one of: " + list);
               }
             }
             if (summed) aggregate_rows = filtered_rows(*summed, asked);
           }
         }
         auto rows = aggregate_rows
                         ? core::Result<std::vector<io::ResultRow>>(std::move(*aggregate_rows))
                         : state.service->read_table(run->id, name, filter);
         if (!rows) return rows.error();
         std::vector<std::string> columns = info->dims;
         columns.push_back(info->value_column);
         if (wants_csv(request)) {
           std::vector<std::vector<std::string>> cells;
           cells.reserve(rows->size());
           for (const auto& row : *rows) {
             std::vector<std::string> line;
             for (const auto& d : info->dims) {
               auto it = row.coords.find(d);
               line.push_back(it == row.coords.end() ? "" : it->second);
             }
             line.push_back(io::format_number(row.value));
             cells.push_back(std::move(line));
           }
           return Reply::content(kCsvType, io::records_csv(columns, cells), name + ".csv");
         }
         nlohmann::json out_rows = nlohmann::json::array();
         for (const auto& row : *rows) {
           nlohmann::json line = nlohmann::json::array();
           for (const auto& d : info->dims) {
             auto it = row.coords.find(d);
             if (it == row.coords.end()) {
               line.push_back(nullptr);
             } else if (d == engine::kDimYear) {
               line.push_back(std::stoi(it->second));
             } else {
               line.push_back(it->second);
             }
           }
           line.push_back(row.value);
           out_rows.push_back(std::move(line));
         }
         return Reply::json(to_json_text({{"name", info->name},
                                          {"value_column", info->value_column},
                                          {"description", info->description},
                                          {"columns", columns},
                                          {"rows", out_rows}}));
       })});
  routes.add({"GET",
              "/api/runs/{id}/records/{name}",
              "runs",
              "One record table of the run (hhi, supply_risk, policy_checks, market_ranking, ...) "
              "as JSON {title, columns, rows} or CSV (format=csv)",
              false,
              "",
              {{"format", "json (default) or csv"}},
              {kJsonType, kCsvType},
              cached(state, [&state](const ApiRequest& request) -> core::Result<Reply> {
                URBANMINE_TRY_STATUS(check_format(request));
                auto run = finished_run(state, request);
                if (!run) return run.error();
                const std::string name = request.path_param("name");
                URBANMINE_TRY_STATUS(check_name(name));
                auto records = state.service->record_tables(run->id);
                if (!records) return records.error();
                for (const auto& r : *records) {
                  if (r.name != name) continue;
                  auto columns = nlohmann::json::parse(r.columns_json, nullptr, false);
                  auto rows = nlohmann::json::parse(r.rows_json, nullptr, false);
                  if (wants_csv(request)) {
                    std::vector<std::string> cols;
                    for (const auto& c : columns) cols.push_back(c.get<std::string>());
                    std::vector<std::vector<std::string>> cells;
                    for (const auto& row : rows) {
                      std::vector<std::string> line;
                      for (const auto& c : row) {
                        line.push_back(c.is_string()   ? c.get<std::string>()
                                       : c.is_number() ? io::format_number(c.get<double>())
                                                       : std::string());
                      }
                      cells.push_back(std::move(line));
                    }
                    return Reply::content(kCsvType, io::records_csv(cols, cells), name + ".csv");
                  }
                  return Reply::json(to_json_text({{"name", r.name},
                                                   {"title", r.title},
                                                   {"description", r.description},
                                                   {"columns", columns},
                                                   {"rows", rows}}));
                }
                return core::Error::not_found(
                    "run " + std::to_string(run->id) + " has no record table '" + name + "'", name,
                    "list the run's record tables with GET /api/runs/" + std::to_string(run->id) +
                        "/tables");
              })});

  routes.add({"GET",
              "/api/runs/{id}/iamc",
              "runs",
              "The run as an IAMC-format CSV (Model, Scenario, Region, Variable, Unit, years) as "
              "pyam reads it, aggregates included (`urbanmine iamc`; docs/formats/iamc.md)",
              false,
              "",
              {},
              {kCsvType},
              cached(state, [&state](const ApiRequest& request) -> core::Result<Reply> {
                auto run = finished_run(state, request);
                if (!run) return run.error();
                auto loaded = state.service->results(run->id);
                if (!loaded) return loaded.error();
                auto csv = report::iamc_csv({&(*loaded)->results});
                if (!csv) return csv.error();
                return Reply::content(kCsvType, std::move(*csv),
                                      "run-" + std::to_string(run->id) + "-iamc.csv");
              })});
  routes.add(
      {"GET",
       "/api/compare",
       "runs",
       "Two or more finished runs compared: headline figures of a region (aggregates such "
       "as EU27 included) and year with their differences from the first run, the "
       "region's series, and every table's differences (format=csv) or the comparison "
       "page (format=html); docs/compare.md",
       false,
       "",
       {{"runs", "run ids, comma-separated; the first is the reference (2 to 8)"},
        {"region", "focus region: model region or aggregate (default WORLD)"},
        {"year", "focus year (default 2040 when every run has it)"},
        {"element", "focus elements, comma-separated (default Li,Ni,Co)"},
        {"format", "json (default), csv (every difference) or html"},
        {"lang", "en (default) or ko: the page (format=html) or the answer sentence (json)"}},
       {kJsonType, kCsvType, kHtmlType},
       cached(state, [&state](const ApiRequest& request) -> core::Result<Reply> {
         const std::string format = request.query("format");
         if (!format.empty() && format != "json" && format != "csv" && format != "html") {
           return core::Error::invalid_input("unknown format '" + format + "'", "query: format",
                                             "use format=json, format=csv or format=html");
         }
         auto split = [](const std::string& text) {
           std::vector<std::string> out;
           std::size_t start = 0;
           while (start <= text.size()) {
             const auto comma = text.find(',', start);
             const std::string item =
                 text.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
             if (!item.empty()) out.push_back(item);
             if (comma == std::string::npos) break;
             start = comma + 1;
           }
           return out;
         };
         const auto ids = split(request.query("runs"));
         if (ids.size() < 2 || ids.size() > 8) {
           return core::Error::invalid_input(
               "compare needs 2 to 8 run ids, got " + std::to_string(ids.size()), "query: runs",
               "give runs=1,2 (the first is the reference)");
         }
         std::vector<engine::CompareInput> inputs;
         for (const auto& id_text : ids) {
           auto loaded = succeeded_run_results(state, id_text, "query: runs");
           if (!loaded) return loaded.error();
           inputs.push_back({"run " + id_text, (*loaded)->results});
         }
         engine::CompareOptions options;
         if (request.has_query("region")) options.region = request.query("region");
         if (request.has_query("year")) {
           const std::string y = request.query("year");
           int year = 0;
           const auto [ptr, ec] = std::from_chars(y.data(), y.data() + y.size(), year);
           if (ec != std::errc() || ptr != y.data() + y.size() || year <= 0) {
             return core::Error::invalid_input("year '" + y + "' is not a calendar year",
                                               "query: year", "give a year such as 2040");
           }
           options.year = year;
         }
         options.elements = split(request.query("element"));
         auto c = engine::compare_runs(inputs, options);
         if (!c) {
           auto e = c.error();
           if (e.location.rfind("--", 0) == 0) e.location = "query: " + e.location.substr(2);
           return e;
         }
         if (format == "csv") {
           return Reply::content(kCsvType, report::compare_csv(*c), "compare.csv");
         }
         auto language = query_language(request);
         if (!language) return language.error();
         if (format == "html") {
           return Reply::content(kHtmlType, report::compare_html(*c, "", *language));
         }
         return Reply::json(report::compare_json(*c, *language));
       })});
}

}  // namespace urbanmine::server
