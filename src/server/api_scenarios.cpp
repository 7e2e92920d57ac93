// SPDX-License-Identifier: Apache-2.0
// Scenario endpoints: create, list and read scenarios (name + scenario TOML text), kept by the
// engine's RunService.
#include <string>

#include "io/json_reader.h"
#include "server/api.h"

namespace urbanmine::server {

namespace {

nlohmann::json scenario_json(const engine::ScenarioRecord& s, bool with_text) {
  nlohmann::json out = {{"id", s.id}, {"name", s.name}, {"created_at", s.created_at}};
  if (with_text) out["toml"] = s.toml_text;
  return out;
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
                nlohmann::json list = nlohmann::json::array();
                for (const auto& s : state.service->list_scenarios()) {
                  list.push_back(scenario_json(s, false));
                }
                return Reply::json(to_json_text({{"scenarios", list}}));
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
              "One scenario with its TOML text",
              false,
              "",
              {},
              {kJsonType},
              [&state](const ApiRequest& request) -> core::Result<Reply> {
                auto s = state.service->scenario(request.path_param("id"));
                if (!s) return s.error();
                return Reply::json(to_json_text(scenario_json(*s, true)));
              }});
}

}  // namespace urbanmine::server
