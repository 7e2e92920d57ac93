// SPDX-License-Identifier: Apache-2.0
// System endpoints: health, version, the OpenAPI description and the message catalogue.
#include <string>

#include "core/version.h"
#include "server/api.h"

#include "report/messages.h"

namespace urbanmine::server {

void add_system_routes(RouteTable& routes, ApiState& state) {
  // Both answers are fixed for the life of the process: build them once (cached reads).
  const std::string health =
      to_json_text({{"status", "ok"}, {"version", std::string(core::version())}});
  routes.add({"GET",
              "/api/health",
              "system",
              "Liveness: {\"status\": \"ok\", \"version\"}",
              false,
              "",
              {},
              {kJsonType},
              [health](const ApiRequest&) -> core::Result<Reply> { return Reply::json(health); }});
  const std::string version = to_json_text({{"name", "urbanmine"},
                                            {"version", std::string(core::version())},
                                            {"git_hash", std::string(core::git_hash())},
                                            {"api", "urbanmine-api/1"}});
  routes.add(
      {"GET",
       "/api/version",
       "system",
       "Program version, git hash and API version",
       false,
       "",
       {},
       {kJsonType},
       [version](const ApiRequest&) -> core::Result<Reply> { return Reply::json(version); }});
  routes.add({"GET",
              "/api/openapi.json",
              "system",
              "This API's OpenAPI 3.0 description",
              false,
              "",
              {},
              {kJsonType},
              // Cached: shared and gzip-compressed once (the text is built after every route).
              cached(state, [&state](const ApiRequest&) -> core::Result<Reply> {
                return Reply::json(state.openapi_text);
              })});
  // The documents' message catalogue (report/messages.h) in one language, so that the dashboard
  // names tables, columns, coded values and places with the report's words.
  routes.add({"GET",
              "/api/messages",
              "system",
              "The message catalogue of the reports in one language: {\"lang\", \"messages\": "
              "{key: text}} (keys such as records.hhi.title, column.demand_t, "
              "value.status.fail, place.KOR)",
              false,
              "",
              {{"lang", "en (default) or ko"}},
              {kJsonType},
              cached(state, [](const ApiRequest& request) -> core::Result<Reply> {
                auto language = query_language(request);
                if (!language) return language.error();
                nlohmann::json messages = nlohmann::json::object();
                for (const auto& m : report::all_messages()) {
                  messages[std::string(m.key)] =
                      std::string(*language == report::Language::kKorean ? m.ko : m.en);
                }
                return Reply::json(
                    to_json_text({{"lang", std::string(report::language_code(*language))},
                                  {"messages", std::move(messages)}}));
              })});
}

}  // namespace urbanmine::server
