// SPDX-License-Identifier: Apache-2.0
// Material-flow endpoints: POST /api/mfa/dsm solves one dsm-reference-v1 case, like
// `urbanmine mfa dsm CASE.json`, through the same engine facade (engine/dsm.h).
#include <string>

#include "engine/dsm.h"
#include "server/api.h"

namespace urbanmine::server {

void add_mfa_routes(RouteTable& routes, ApiState& /*state*/) {
  routes.add({"POST",
              "/api/mfa/dsm",
              "mfa",
              "Solve one dynamic-stock-model case (like `urbanmine mfa dsm`); returns "
              "dsm-result-v1",
              false,
              "a dsm-reference-v1 case (its `output` is ignored)",
              {},
              {kJsonType},
              [](const ApiRequest& request) -> core::Result<Reply> {
                if (request.body().empty()) {
                  return core::Error::invalid_input(
                      "the request has no body", "request body: $",
                      "send a dsm-reference-v1 JSON case (see docs/formats/dsm.md)");
                }
                auto outcome = engine::solve_dsm_text(request.body(), "request body");
                if (!outcome) return outcome.error();
                return Reply::json(engine::dsm_result_json(*outcome));
              }});
}

}  // namespace urbanmine::server
