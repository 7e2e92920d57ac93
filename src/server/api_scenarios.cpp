// SPDX-License-Identifier: Apache-2.0
// Scenario endpoints: create, list, read and validate scenarios (name + scenario TOML text),
// kept in the store by the engine's RunService. The shipped baseline is the scenario named
// "baseline".
#include <filesystem>
#include <string>

#include <unistd.h>

#include "engine/run.h"
#include "io/files.h"
#include "io/json_reader.h"
#include "server/api.h"

namespace urbanmine::server {

namespace {

nlohmann::json scenario_json(const engine::ServiceScenario& s, bool with_text) {
  nlohmann::json out = {
      {"id", std::to_string(s.id)}, {"name", s.name}, {"created_at", s.created_at}};
  if (with_text) out["toml"] = s.text;
  return out;
}

// Replaces every occurrence of `from` in `text` with `to`.
std::string replace_all(std::string text, const std::string& from, const std::string& to) {
  if (from.empty()) return text;
  std::size_t pos = 0;
  while ((pos = text.find(from, pos)) != std::string::npos) {
    text.replace(pos, from.size(), to);
    pos += to.size();
  }
  return text;
}

// engine::validate_scenario_file on the scenario's text (written to a private temporary file
// whose path is replaced by "scenario NAME" in every message).
core::Result<nlohmann::json> validate_text(const engine::ServiceScenario& s) {
  namespace fs = std::filesystem;
  std::error_code ec;
  const fs::path dir =
      fs::temp_directory_path(ec) /
      ("urbanmine-validate-" + std::to_string(::getpid()) + "-" + std::to_string(s.id) + "-" +
       std::to_string(std::hash<std::string>{}(s.text)));
  fs::create_directories(dir, ec);
  if (ec) return core::Error::io("cannot create a temporary folder: " + ec.message());
  const std::string path = (dir / "scenario.toml").string();
  auto written = io::write_file_atomic(path, s.text);
  if (!written) return written.error();
  engine::RunOptions options;
  options.allow_local_files = false;
  const core::Diagnostics diags = engine::validate_scenario_file(path, options);
  fs::remove_all(dir, ec);
  const std::string shown = "scenario " + s.name;
  nlohmann::json problems = nlohmann::json::array();
  for (const auto& d : diags.items()) {
    problems.push_back({{"severity", d.severity == core::Severity::kError ? "error" : "warning"},
                        {"code", std::string(core::error_code_name(d.error.code))},
                        {"message", replace_all(d.error.message, path, shown)},
                        {"hint", replace_all(d.error.hint, path, shown)},
                        {"location", replace_all(d.error.location, path, shown)}});
  }
  return nlohmann::json{{"ok", !diags.has_errors()},
                        {"errors", diags.error_count()},
                        {"warnings", diags.warning_count()},
                        {"problems", problems}};
}

}  // namespace

void add_scenario_routes(RouteTable& routes, ApiState& state) {
  routes.add({"GET",
              "/api/scenarios",
              "scenarios",
              "List scenarios (id, name, created_at)",
              false,
              "",
              {},
              {kJsonType},
              [&state](const ApiRequest&) -> core::Result<Reply> {
                auto list = state.service->list_scenarios();
                if (!list) return list.error();
                nlohmann::json out = nlohmann::json::array();
                for (const auto& s : *list) out.push_back(scenario_json(s, false));
                return Reply::json(to_json_text({{"scenarios", out}}));
              }});
  routes.add({"POST",
              "/api/scenarios",
              "scenarios",
              "Create a scenario from {\"name\", \"toml\"}; answers 201 with its id",
              true,
              "{\"name\": \"my scenario\", \"toml\": \"scenario.toml text\"}",
              {},
              {kJsonType},
              [&state](const ApiRequest& request) -> core::Result<Reply> {
                auto body = parse_body(request);
                if (!body) return body.error();
                io::JsonReader reader(*body, "request body");
                auto name = reader.string("name");
                if (!name) return name.error();
                auto toml = reader.string("toml");
                if (!toml) return toml.error();
                auto created = state.service->create_scenario(*name, *toml);
                if (!created) return created.error();
                return Reply::json(to_json_text(scenario_json(*created, false)), 201);
              }});
  routes.add({"GET",
              "/api/scenarios/{id}",
              "scenarios",
              "One scenario with its TOML text (by id, or by name such as \"baseline\")",
              false,
              "",
              {},
              {kJsonType},
              [&state](const ApiRequest& request) -> core::Result<Reply> {
                auto s = state.service->scenario(request.path_param("id"));
                if (!s) return s.error();
                return Reply::json(to_json_text(scenario_json(*s, true)));
              }});
  routes.add({"POST",
              "/api/scenarios/{id}/validate",
              "scenarios",
              "Every problem in the scenario and the data it uses (like `urbanmine validate`): "
              "{ok, errors, warnings, problems: [{severity, message, hint, location}]}",
              false,
              "",
              {},
              {kJsonType},
              [&state](const ApiRequest& request) -> core::Result<Reply> {
                auto s = state.service->scenario(request.path_param("id"));
                if (!s) return s.error();
                auto result = validate_text(*s);
                if (!result) return result.error();
                return Reply::json(to_json_text(*result));
              }});
}

}  // namespace urbanmine::server
