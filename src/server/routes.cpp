// SPDX-License-Identifier: Apache-2.0
// Route helpers and the OpenAPI 3.0 document built from the route table.
#include "server/routes.h"

#include <set>

#include <nlohmann/json.hpp>

#include "core/version.h"
#include "server/api.h"

namespace urbanmine::server {

std::string ApiRequest::path_param(const std::string& name) const {
  auto it = path_params.find(name);
  return it == path_params.end() ? std::string() : it->second;
}

std::string ApiRequest::query(const std::string& name) const {
  return raw.has_param(name) ? raw.get_param_value(name) : std::string();
}

std::vector<std::string> path_param_names(const std::string& path) {
  std::vector<std::string> names;
  std::size_t pos = 0;
  while ((pos = path.find('{', pos)) != std::string::npos) {
    const std::size_t end = path.find('}', pos);
    if (end == std::string::npos) break;
    names.push_back(path.substr(pos + 1, end - pos - 1));
    pos = end + 1;
  }
  return names;
}

std::string path_regex(const std::string& path) {
  std::string out;
  std::size_t pos = 0;
  while (pos < path.size()) {
    if (path[pos] == '{') {
      const std::size_t end = path.find('}', pos);
      out += "([^/]+)";
      pos = end + 1;
      continue;
    }
    const char c = path[pos];
    if (c == '.' || c == '+' || c == '(' || c == ')' || c == '*' || c == '?') out += '\\';
    out += c;
    ++pos;
  }
  return out;
}

namespace {

nlohmann::json error_schema() {
  return {
      {"type", "object"},
      {"required", {"error"}},
      {"properties",
       {{"error",
         {{"type", "object"},
          {"required", {"code", "message", "hint"}},
          {"properties",
           {{"code",
             {{"type", "string"},
              {"description",
               "invalid_input, not_found, conflict, io, infeasible, internal, unauthorized, "
               "payload_too_large, too_many_runs"}}},
            {"message", {{"type", "string"}}},
            {"hint", {{"type", "string"}}},
            {"location",
             {{"type", "string"},
              {"description", "file and row, or JSON path such as 'request body: $.a.b'"}}}}}}}}}};
}

}  // namespace

std::string openapi_json(const RouteTable& routes) {
  nlohmann::json paths = nlohmann::json::object();
  std::set<std::string> tags;
  for (const auto& route : routes.routes()) {
    nlohmann::json op;
    op["summary"] = route.summary;
    op["tags"] = {route.tag};
    tags.insert(route.tag);
    op["operationId"] = route.method + route.path;
    nlohmann::json params = nlohmann::json::array();
    for (const auto& name : path_param_names(route.path)) {
      params.push_back(
          {{"name", name}, {"in", "path"}, {"required", true}, {"schema", {{"type", "string"}}}});
    }
    for (const auto& q : route.query) {
      params.push_back({{"name", q.name},
                        {"in", "query"},
                        {"required", false},
                        {"description", q.description},
                        {"schema", {{"type", "string"}}}});
    }
    if (!params.empty()) op["parameters"] = params;
    if (!route.request_body.empty()) {
      op["requestBody"] = {{"required", true},
                           {"description", route.request_body},
                           {"content", {{kJsonType, {{"schema", {{"type", "object"}}}}}}}};
    }
    nlohmann::json ok_content = nlohmann::json::object();
    for (const auto& type : route.produces) ok_content[type] = nlohmann::json::object();
    nlohmann::json responses;
    responses["200"] = {{"description", "success"}, {"content", ok_content}};
    nlohmann::json err = {
        {"content", {{kJsonType, {{"schema", {{"$ref", "#/components/schemas/Error"}}}}}}}};
    auto with_desc = [&err](const char* d) {
      nlohmann::json e = err;
      e["description"] = d;
      return e;
    };
    responses["400"] = with_desc("invalid input (the location names the field or JSON path)");
    responses["404"] = with_desc("not found");
    if (route.write) {
      responses["401"] = with_desc("a token is set and the request did not give it");
      responses["413"] = with_desc("request body larger than the limit");
    }
    responses["500"] = with_desc("I/O or internal error");
    op["responses"] = responses;
    if (route.write) op["security"] = {{{"bearer", nlohmann::json::array()}}};
    std::string method = route.method;
    for (auto& c : method) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    paths[route.path][method] = op;
  }
  nlohmann::json tag_list = nlohmann::json::array();
  for (const auto& t : tags) tag_list.push_back({{"name", t}});
  nlohmann::json doc = {
      {"openapi", "3.0.3"},
      {"info",
       {{"title", "urbanmine API"},
        {"version", std::string(core::version())},
        {"description",
         "HTTP JSON API of `urbanmine serve`, mirroring the CLI. Errors are "
         "{\"error\": {\"code\", \"message\", \"hint\", \"location\"}}. With --token, write "
         "endpoints need `Authorization: Bearer TOKEN`; reads stay open."}}},
      {"tags", tag_list},
      {"paths", paths},
      {"components",
       {{"schemas", {{"Error", error_schema()}}},
        {"securitySchemes", {{"bearer", {{"type", "http"}, {"scheme", "bearer"}}}}}}}};
  return to_json_text(doc);
}

}  // namespace urbanmine::server
