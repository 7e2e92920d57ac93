// SPDX-License-Identifier: Apache-2.0
// System endpoints: health, version and the OpenAPI description.
#include <string>

#include "core/version.h"
#include "server/api.h"

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
}

}  // namespace urbanmine::server
