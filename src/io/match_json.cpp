// SPDX-License-Identifier: Apache-2.0
// match-instance/1 and schedule JSON, with errors that name the JSON path of each bad entry.
#include "io/match_json.h"

#include <algorithm>
#include <cstdio>
#include <limits>
#include <set>
#include <unordered_map>

#include <nlohmann/json.hpp>

#include "io/csv.h"
#include "io/json_reader.h"
#include "io/match_timezone.h"

namespace urbanmine::io {

namespace {

using nlohmann::json;
using IdMap = std::unordered_map<std::string, int>;

core::Error bad(const std::string& source, const std::string& path, const std::string& message,
                const std::string& hint) {
  return core::Error::invalid_input(message, source + ": " + path, hint);
}

core::Result<std::vector<std::string>> optional_strings(const JsonReader& r,
                                                        const std::string& key) {
  if (!r.has(key)) return std::vector<std::string>{};
  return r.string_array(key);
}

core::Result<int> id_of(const IdMap& ids, const json& node, const std::string& source,
                        const std::string& path) {
  if (!node.is_string()) return bad(source, path, "expected a participant id string", "give an id");
  auto it = ids.find(node.get<std::string>());
  if (it == ids.end()) {
    return bad(source, path, "unknown participant id '" + node.get<std::string>() + "'",
               "use an id listed in $.participants");
  }
  return it->second;
}

core::Result<int> int_field(const json& obj, const std::string& key, const std::string& source,
                            const std::string& path) {
  if (!obj.contains(key)) {
    return bad(source, path + "." + key, "missing required field '" + key + "'", "add it");
  }
  const json& v = obj.at(key);
  if (!v.is_number_integer()) {
    return bad(source, path + "." + key, "expected an integer", "give a whole number");
  }
  const long long x = v.get<long long>();
  if (x < std::numeric_limits<int>::min() || x > std::numeric_limits<int>::max()) {
    return bad(source, path + "." + key, "integer out of range", "give a smaller number");
  }
  return static_cast<int>(x);
}

core::Result<std::vector<match::Meeting>> parse_meetings(
    const json& list, const IdMap& ids, const std::string& source, const std::string& path,
    bool unknown_ids_are_errors, std::vector<std::pair<int, std::string>>* unknown = nullptr,
    const IdMap* interpreter_ids = nullptr) {
  std::vector<match::Meeting> out;
  if (!list.is_array()) return bad(source, path, "expected an array of meetings", "give a list");
  for (std::size_t n = 0; n < list.size(); ++n) {
    const std::string at = path + "[" + std::to_string(n) + "]";
    const json& m = list[n];
    if (!m.is_object())
      return bad(source, at, "expected a meeting object", "give {k, f, slot, table}");
    match::Meeting meeting;
    for (const char* side : {"k", "f"}) {
      if (!m.contains(side)) {
        return bad(source, at + "." + side, std::string("missing required field '") + side + "'",
                   "add the participant id");
      }
      int index = -1;
      if (unknown_ids_are_errors) {
        auto id = id_of(ids, m.at(side), source, at + "." + side);
        if (!id) return id.error();
        index = *id;
      } else {
        if (!m.at(side).is_string()) {
          return bad(source, at + "." + side, "expected a participant id string", "give an id");
        }
        auto it = ids.find(m.at(side).get<std::string>());
        if (it != ids.end()) {
          index = it->second;
        } else if (unknown != nullptr) {
          unknown->push_back({static_cast<int>(n), m.at(side).get<std::string>()});
        }
      }
      (std::string(side) == "k" ? meeting.k : meeting.f) = index;
    }
    auto slot = int_field(m, "slot", source, at);
    if (!slot) return slot.error();
    meeting.slot = *slot;
    if (m.contains("table")) {
      auto table = int_field(m, "table", source, at);
      if (!table) return table.error();
      meeting.table = *table;
    } else {
      meeting.table = -1;
    }
    if (m.contains("locked")) {
      if (!m.at("locked").is_boolean()) {
        return bad(source, at + ".locked", "expected true or false", "give a boolean");
      }
      meeting.locked = m.at("locked").get<bool>();
    }
    if (m.contains("interpreter") && !m.at("interpreter").is_null()) {
      const json& who = m.at("interpreter");
      const auto it = interpreter_ids != nullptr && who.is_string()
                          ? interpreter_ids->find(who.get<std::string>())
                          : IdMap::const_iterator{};
      if (interpreter_ids == nullptr || !who.is_string() || it == interpreter_ids->end()) {
        return bad(source, at + ".interpreter",
                   "unknown interpreter " + (who.is_string() ? "'" + who.get<std::string>() + "'"
                                                             : std::string("(not an id)")),
                   "use an id listed in the instance's $.interpreters");
      }
      meeting.interpreter = it->second;
    }
    out.push_back(meeting);
  }
  return out;
}

json string_list(const std::vector<std::string>& v) { return json(v); }

// `members`: [{name, role?, languages?}] (a delegation sharing the participant's schedule).
core::Result<std::vector<match::Member>> members_from_json(const JsonReader& r,
                                                           const std::string& source) {
  std::vector<match::Member> out;
  if (!r.has("members")) return out;
  const json& list = r.node().at("members");
  const std::string path = r.path() + ".members";
  if (!list.is_array()) {
    return bad(source, path, "expected an array of members", "give [{\"name\", \"role\"}]");
  }
  for (std::size_t m = 0; m < list.size(); ++m) {
    const std::string at = path + "[" + std::to_string(m) + "]";
    if (!list[m].is_object()) {
      return bad(source, at, "expected a member object",
                 "give {\"name\", \"role\", \"languages\"}");
    }
    JsonReader mr(list[m], source, at);
    match::Member member;
    auto name = mr.string("name");
    if (!name) return name.error();
    member.name = *name;
    if (mr.has("role")) {
      auto role = mr.string("role");
      if (!role) return role.error();
      member.role = *role;
    }
    auto languages = optional_strings(mr, "languages");
    if (!languages) return languages.error();
    member.languages = *languages;
    if (mr.has("attendance")) {
      auto attendance = mr.string("attendance");
      if (!attendance) return attendance.error();
      if (*attendance != "required" && *attendance != "preferred") {
        return bad(source, at + ".attendance",
                   "attendance '" + *attendance + "' is not required or preferred",
                   "give \"required\" (a seat at every meeting) or \"preferred\" (when seats "
                   "allow)");
      }
      member.required = *attendance == "required";
    }
    out.push_back(std::move(member));
  }
  return out;
}

json members_json(const std::vector<match::Member>& members) {
  json list = json::array();
  for (const auto& m : members) {
    json mj = {{"name", m.name}};
    if (!m.role.empty()) mj["role"] = m.role;
    if (!m.languages.empty()) mj["languages"] = m.languages;
    if (!m.required) mj["attendance"] = "preferred";
    list.push_back(mj);
  }
  return list;
}

// `interpreters`: [{id, languages, available?}]; `available` left out = every slot 0..S-1. Slot
// ids out of range are kept as -1 for validate_instance to name.
core::Result<std::vector<match::Interpreter>> interpreters_from_json(const json& list,
                                                                     const std::string& source,
                                                                     const std::string& path,
                                                                     int slot_count) {
  std::vector<match::Interpreter> out;
  if (!list.is_array()) {
    return bad(source, path, "expected an array", "give a list of {id, languages, available}");
  }
  for (std::size_t i = 0; i < list.size(); ++i) {
    const std::string at = path + "[" + std::to_string(i) + "]";
    if (!list[i].is_object())
      return bad(source, at, "expected an interpreter object", "give {id, languages}");
    JsonReader ir(list[i], source, at);
    match::Interpreter it;
    auto id = ir.string("id");
    if (!id) return id.error();
    it.id = *id;
    auto languages = optional_strings(ir, "languages");
    if (!languages) return languages.error();
    it.languages = *languages;
    if (ir.has("available")) {
      auto avail = ir.integer_array("available");
      if (!avail) return avail.error();
      for (long long slot : *avail) {
        it.available.push_back(slot < 0 || slot >= slot_count ? -1 : static_cast<int>(slot));
      }
    } else {
      for (int slot = 0; slot < slot_count; ++slot) it.available.push_back(slot);
    }
    out.push_back(std::move(it));
  }
  return out;
}

}  // namespace

core::Result<match::Instance> parse_match_instance(const std::string& json_text,
                                                   const std::string& source) {
  auto doc = parse_json(json_text, source);
  if (!doc) return doc.error();
  const json& root = *doc;
  if (!root.is_object())
    return bad(source, "$", "expected a JSON object", "give a match-instance/1 object");
  try {
    JsonReader r(root, source);
    match::Instance inst;
    if (r.has("format")) {
      auto format = r.string("format");
      if (!format) return format.error();
      if (*format != "match-instance/1") {
        return r.error("format", "unsupported format '" + *format + "'",
                       "give \"match-instance/1\"");
      }
    }
    auto name = r.string("name");
    if (!name) return name.error();
    inst.name = *name;
    if (r.has("event")) {
      auto ev = r.object("event");
      if (!ev) return ev.error();
      for (auto [key, field] :
           {std::pair{"title", &inst.event.title}, std::pair{"date", &inst.event.date},
            std::pair{"timezone", &inst.event.timezone},
            std::pair{"location", &inst.event.location}}) {
        if (!ev->has(key)) continue;
        auto v = ev->string(key);
        if (!v) return v.error();
        *field = *v;
      }
    }
    // Slots.
    if (!root.contains("slots") || !root.at("slots").is_array()) {
      return bad(source, "$.slots", "missing or not an array", "give a list of {id, start, end}");
    }
    const json& slots = root.at("slots");
    for (std::size_t s = 0; s < slots.size(); ++s) {
      JsonReader sr(slots[s], source, "$.slots[" + std::to_string(s) + "]");
      if (!slots[s].is_object())
        return sr.error("", "expected a slot object", "give {id, start, end}");
      auto id = sr.integer("id");
      if (!id) return id.error();
      match::Slot slot;
      slot.id = static_cast<int>(*id);
      if (sr.has("start")) {
        auto v = sr.string("start");
        if (!v) return v.error();
        slot.start = *v;
      }
      if (sr.has("end")) {
        auto v = sr.string("end");
        if (!v) return v.error();
        slot.end = *v;
      }
      inst.slots.push_back(slot);
    }
    if (r.has("host_keeps_table")) {
      if (!root.at("host_keeps_table").is_boolean()) {
        return bad(source, "$.host_keeps_table", "expected true or false", "give a boolean");
      }
      inst.host_keeps_table = root.at("host_keeps_table").get<bool>();
    }
    auto tables = r.integer_array("tables_per_slot");
    if (!tables) return tables.error();
    for (long long t : *tables) inst.tables_per_slot.push_back(static_cast<int>(t));
    if (r.has("table_seats")) {
      auto seats = r.integer_array("table_seats");
      if (!seats) return seats.error();
      for (long long t : *seats) {
        inst.table_seats.push_back(
            t < 0 || t > std::numeric_limits<int>::max() ? -1 : static_cast<int>(t));
      }
    }
    // Objective.
    auto objective = r.object("objective");
    if (!objective) return objective.error();
    auto fairness = objective->integer_array("fairness_bonus");
    if (!fairness) return fairness.error();
    inst.fairness_bonus.assign(fairness->begin(), fairness->end());
    if (objective->has("keep_bonus")) {
      auto keep = objective->integer("keep_bonus");
      if (!keep) return keep.error();
      inst.keep_bonus = *keep;
    }
    if (objective->has("mutual_bonus")) {
      auto mutual = objective->integer("mutual_bonus");
      if (!mutual) return mutual.error();
      inst.mutual_bonus = *mutual;
    }
    if (objective->has("request_bonus")) {
      auto rb = objective->object("request_bonus");
      if (!rb) return rb.error();
      for (int pr = 1; pr <= 3; ++pr) {
        if (!rb->has(std::to_string(pr))) continue;
        auto v = rb->integer(std::to_string(pr));
        if (!v) return v.error();
        inst.request_bonus[pr - 1] = *v;
      }
    }
    // Participants.
    if (!root.contains("participants") || !root.at("participants").is_array()) {
      return bad(source, "$.participants", "missing or not an array",
                 "give a list of participants");
    }
    IdMap ids;
    const json& parts = root.at("participants");
    for (std::size_t i = 0; i < parts.size(); ++i) {
      const std::string at = "$.participants[" + std::to_string(i) + "]";
      if (!parts[i].is_object())
        return bad(source, at, "expected a participant object", "give {id, side, ...}");
      JsonReader pr(parts[i], source, at);
      match::Participant p;
      auto id = pr.string("id");
      if (!id) return id.error();
      p.id = *id;
      if (p.id.empty()) return pr.error("id", "empty participant id", "give a unique id");
      if (!ids.emplace(p.id, static_cast<int>(i)).second) {
        return pr.error("id", "duplicate participant id '" + p.id + "'",
                        "give every participant a unique id");
      }
      auto side = pr.string("side");
      if (!side) return side.error();
      if (*side == "K") {
        p.side = match::Side::kKorean;
      } else if (*side == "F") {
        p.side = match::Side::kForeign;
      } else {
        return pr.error("side", "side must be \"K\" or \"F\", got '" + *side + "'",
                        "K for Korean organisations, F for foreign delegates");
      }
      for (auto [key, field] :
           {std::pair{"country", &p.country}, std::pair{"org_type", &p.org_type},
            std::pair{"organisation", &p.organisation}}) {
        if (!pr.has(key)) continue;
        auto v = pr.string(key);
        if (!v) return v.error();
        *field = *v;
      }
      for (auto [key, field] :
           {std::pair{"offers", &p.offers}, std::pair{"seeks", &p.seeks},
            std::pair{"materials", &p.materials}, std::pair{"processes", &p.processes},
            std::pair{"target_countries", &p.target_countries},
            std::pair{"languages", &p.languages}}) {
        auto v = optional_strings(pr, key);
        if (!v) return v.error();
        *field = *v;
      }
      if (pr.has("max_meetings")) {
        auto cap = int_field(parts[i], "max_meetings", source, at);
        if (!cap) return cap.error();
        if (*cap < 0) return pr.error("max_meetings", "negative cap", "give 0 or more");
        p.max_meetings = *cap;
      }
      if (pr.has("home_table")) {
        auto home = int_field(parts[i], "home_table", source, at);
        if (!home) return home.error();
        if (*home < 0) return pr.error("home_table", "negative table", "give a table 0..T-1");
        p.home_table = *home;
      }
      auto members = members_from_json(pr, source);
      if (!members) return members.error();
      p.members = std::move(*members);
      auto avail = pr.integer_array("available");
      if (!avail) return avail.error();
      for (long long s : *avail) {
        p.available.push_back(s < std::numeric_limits<int>::min() ||
                                      s > std::numeric_limits<int>::max()
                                  ? -1
                                  : static_cast<int>(s));
      }
      inst.participants.push_back(std::move(p));
    }
    // Pairs.
    if (!root.contains("pairs") || !root.at("pairs").is_array()) {
      return bad(source, "$.pairs", "missing or not an array",
                 "give a list of {k, f, fit, weight}");
    }
    const json& pairs = root.at("pairs");
    for (std::size_t q = 0; q < pairs.size(); ++q) {
      const std::string at = "$.pairs[" + std::to_string(q) + "]";
      const json& pj = pairs[q];
      if (!pj.is_object())
        return bad(source, at, "expected a pair object", "give {k, f, fit, weight}");
      match::CandidatePair pair;
      if (!pj.contains("k"))
        return bad(source, at + ".k", "missing required field 'k'", "add the K id");
      if (!pj.contains("f"))
        return bad(source, at + ".f", "missing required field 'f'", "add the F id");
      auto k = id_of(ids, pj.at("k"), source, at + ".k");
      if (!k) return k.error();
      auto f = id_of(ids, pj.at("f"), source, at + ".f");
      if (!f) return f.error();
      pair.k = *k;
      pair.f = *f;
      if (pj.contains("fit")) {
        auto fit = int_field(pj, "fit", source, at);
        if (!fit) return fit.error();
        pair.fit = *fit;
      }
      JsonReader qr(pj, source, at);
      auto weight = qr.integer("weight");
      if (!weight) return weight.error();
      pair.weight = *weight;
      if (pj.contains("requested_by")) {
        const json& rb = pj.at("requested_by");
        if (!rb.is_object())
          return bad(source, at + ".requested_by", "expected an object", "map id to priority");
        for (auto it = rb.begin(); it != rb.end(); ++it) {
          if (ids.find(it.key()) == ids.end()) {
            return bad(source, at + ".requested_by." + it.key(),
                       "unknown participant id '" + it.key() + "'",
                       "use an id listed in $.participants");
          }
          if (!it.value().is_number_integer()) {
            return bad(source, at + ".requested_by." + it.key(), "expected a priority 1..3",
                       "give 1, 2 or 3");
          }
          pair.requested_by.push_back({it.key(), it.value().get<int>()});
        }
      }
      inst.pairs.push_back(std::move(pair));
    }
    // Requests (informational).
    if (root.contains("requests")) {
      const json& reqs = root.at("requests");
      if (!reqs.is_array()) return bad(source, "$.requests", "expected an array", "give a list");
      for (std::size_t q = 0; q < reqs.size(); ++q) {
        const std::string at = "$.requests[" + std::to_string(q) + "]";
        if (!reqs[q].is_object())
          return bad(source, at, "expected an object", "give {from, to, priority}");
        match::Request req;
        if (!reqs[q].contains("from") || !reqs[q].contains("to")) {
          return bad(source, at, "missing 'from' or 'to'", "give both ids");
        }
        auto from = id_of(ids, reqs[q].at("from"), source, at + ".from");
        if (!from) return from.error();
        auto to = id_of(ids, reqs[q].at("to"), source, at + ".to");
        if (!to) return to.error();
        auto priority = int_field(reqs[q], "priority", source, at);
        if (!priority) return priority.error();
        req.from = *from;
        req.to = *to;
        req.priority = *priority;
        inst.requests.push_back(req);
      }
    }
    // Organiser's rules: vetoes and forced breaks.
    if (root.contains("vetoes")) {
      const json& vs = root.at("vetoes");
      if (!vs.is_array()) return bad(source, "$.vetoes", "expected an array", "give a list");
      for (std::size_t v = 0; v < vs.size(); ++v) {
        const std::string at = "$.vetoes[" + std::to_string(v) + "]";
        if (!vs[v].is_object() || !vs[v].contains("from") || !vs[v].contains("to")) {
          return bad(source, at, "expected {from, to}", "give both participant ids");
        }
        auto from = id_of(ids, vs[v].at("from"), source, at + ".from");
        if (!from) return from.error();
        auto to = id_of(ids, vs[v].at("to"), source, at + ".to");
        if (!to) return to.error();
        inst.vetoes.push_back({*from, *to});
      }
    }
    // "Met before" (informational, already folded into the weights): K-F pairs and the factor.
    if (root.contains("met_before")) {
      const json& mb = root.at("met_before");
      if (!mb.is_array()) return bad(source, "$.met_before", "expected an array", "give a list");
      for (std::size_t m = 0; m < mb.size(); ++m) {
        const std::string at = "$.met_before[" + std::to_string(m) + "]";
        if (!mb[m].is_object() || !mb[m].contains("k") || !mb[m].contains("f")) {
          return bad(source, at, "expected {k, f}", "give both participant ids");
        }
        auto k = id_of(ids, mb[m].at("k"), source, at + ".k");
        if (!k) return k.error();
        auto f = id_of(ids, mb[m].at("f"), source, at + ".f");
        if (!f) return f.error();
        inst.met_before.emplace_back(*k, *f);
      }
    }
    if (root.contains("met_before_factor")) {
      const json& v = root.at("met_before_factor");
      if (!v.is_number() || !(v.get<double>() >= 0.0 && v.get<double>() <= 1.0)) {
        return bad(source, "$.met_before_factor", "expected a number from 0 to 1",
                   "0 = pairs that met before are not proposed again, 1 = no change");
      }
      inst.met_before_factor = v.get<double>();
    }
    if (root.contains("rules")) {
      auto rules = r.object("rules");
      if (!rules) return rules.error();
      if (rules->has("max_consecutive_meetings")) {
        auto run = int_field(root.at("rules"), "max_consecutive_meetings", source, "$.rules");
        if (!run) return run.error();
        inst.max_consecutive_meetings = *run;
      }
    }
    // Interpreters; `available` left out = every slot.
    IdMap interpreter_ids;
    if (root.contains("interpreters")) {
      auto list = interpreters_from_json(root.at("interpreters"), source, "$.interpreters",
                                         inst.slot_count());
      if (!list) return list.error();
      inst.interpreters = std::move(*list);
      for (std::size_t i = 0; i < inst.interpreters.size(); ++i) {
        interpreter_ids.emplace(inst.interpreters[i].id, static_cast<int>(i));
      }
    }
    // Rescheduling fields.
    if (root.contains("previous_schedule")) {
      const json& prev = root.at("previous_schedule");
      const json* list = &prev;
      std::string path = "$.previous_schedule";
      if (prev.is_object()) {
        if (!prev.contains("meetings"))
          return bad(source, path, "missing 'meetings'", "give a schedule");
        list = &prev.at("meetings");
        path += ".meetings";
      }
      auto meetings = parse_meetings(*list, ids, source, path, true, nullptr, &interpreter_ids);
      if (!meetings) return meetings.error();
      inst.previous_schedule = std::move(*meetings);
    }
    if (root.contains("cancelled")) {
      const json& c = root.at("cancelled");
      if (!c.is_array())
        return bad(source, "$.cancelled", "expected an array of ids", "give a list");
      for (std::size_t n = 0; n < c.size(); ++n) {
        auto id = id_of(ids, c[n], source, "$.cancelled[" + std::to_string(n) + "]");
        if (!id) return id.error();
        inst.cancelled.push_back(*id);
      }
    }
    const core::Diagnostics diag = match::validate_instance(inst);
    if (diag.has_errors()) {
      core::Error e = diag.to_error();
      e.location = source + ": " + e.location;
      return e;
    }
    if (!inst.event.timezone.empty() && !is_known_timezone(inst.event.timezone)) {
      return bad(source, "$.event.timezone",
                 "time zone '" + inst.event.timezone + "' is not in the IANA time zone database",
                 "give an IANA name such as Asia/Seoul or Europe/Brussels");
    }
    return inst;
  } catch (const json::exception& e) {
    return core::Error::invalid_input("malformed instance: " + printable_utf8(e.what()), source,
                                      "check the file against docs/formats/match-instance.md");
  }
}

core::Result<match::Schedule> parse_match_schedule(const std::string& json_text,
                                                   const std::string& source,
                                                   const match::Instance& instance) {
  auto doc = parse_json(json_text, source);
  if (!doc) return doc.error();
  const json& root = *doc;
  if (!root.is_object() || !root.contains("meetings")) {
    return bad(source, "$.meetings", "missing 'meetings'",
               "give {\"instance\": ..., \"meetings\": [...]}");
  }
  IdMap ids;
  for (std::size_t i = 0; i < instance.participants.size(); ++i) {
    ids.emplace(instance.participants[i].id, static_cast<int>(i));
  }
  try {
    match::Schedule schedule;
    if (root.contains("instance") && root.at("instance").is_string()) {
      schedule.instance = root.at("instance").get<std::string>();
    }
    IdMap interpreter_ids;
    for (std::size_t i = 0; i < instance.interpreters.size(); ++i) {
      interpreter_ids.emplace(instance.interpreters[i].id, static_cast<int>(i));
    }
    auto meetings = parse_meetings(root.at("meetings"), ids, source, "$.meetings", false,
                                   &schedule.unknown_ids, &interpreter_ids);
    if (!meetings) return meetings.error();
    schedule.meetings = std::move(*meetings);
    if (root.contains("upper_bound") && root.at("upper_bound").is_number_integer()) {
      schedule.upper_bound = root.at("upper_bound").get<long long>();
      const json* solver = root.contains("solver") ? &root.at("solver") : nullptr;
      if (solver != nullptr && solver->is_object() && solver->contains("bound") &&
          solver->at("bound").is_string()) {
        schedule.bound_method = solver->at("bound").get<std::string>();
      }
    }
    return schedule;
  } catch (const json::exception& e) {
    return core::Error::invalid_input("malformed schedule: " + printable_utf8(e.what()), source,
                                      "check the file against docs/formats/match-schedule.md");
  }
}

core::Result<std::vector<std::pair<std::string, std::string>>> schedule_meeting_ids(
    const std::string& json_text, const std::string& source) {
  auto doc = parse_json(json_text, source);
  if (!doc) return doc.error();
  const json& root = *doc;
  if (!root.is_object() || !root.contains("meetings") || !root.at("meetings").is_array()) {
    return bad(source, "$.meetings", "missing 'meetings'",
               "give a match-schedule/1 file (urbanmine match schedule --output)");
  }
  std::vector<std::pair<std::string, std::string>> out;
  const json& meetings = root.at("meetings");
  for (std::size_t m = 0; m < meetings.size(); ++m) {
    const json& e = meetings[m];
    const std::string at = "$.meetings[" + std::to_string(m) + "]";
    if (!e.is_object() || !e.contains("k") || !e.contains("f") || !e.at("k").is_string() ||
        !e.at("f").is_string()) {
      return bad(source, at, "expected a meeting with k and f ids",
                 "give {\"k\": ..., \"f\": ...}");
    }
    out.emplace_back(e.at("k").get<std::string>(), e.at("f").get<std::string>());
  }
  return out;
}

std::string match_instance_json(const match::Instance& inst) {
  json root = json::object();
  root["format"] = "match-instance/1";
  root["name"] = inst.name;
  if (!inst.event.title.empty() || !inst.event.date.empty() || !inst.event.timezone.empty()) {
    root["event"] = {{"title", inst.event.title},
                     {"date", inst.event.date},
                     {"timezone", inst.event.timezone},
                     {"location", inst.event.location}};
  }
  json slots = json::array();
  for (const auto& s : inst.slots)
    slots.push_back({{"id", s.id}, {"start", s.start}, {"end", s.end}});
  root["slots"] = slots;
  root["tables_per_slot"] = inst.tables_per_slot;
  if (inst.host_keeps_table) root["host_keeps_table"] = true;
  if (!inst.table_seats.empty()) root["table_seats"] = inst.table_seats;
  root["objective"] = {
      {"fairness_bonus", inst.fairness_bonus},
      {"request_bonus",
       {{"1", inst.request_bonus[0]}, {"2", inst.request_bonus[1]}, {"3", inst.request_bonus[2]}}},
      {"mutual_bonus", inst.mutual_bonus}};
  if (inst.keep_bonus != 0) root["objective"]["keep_bonus"] = inst.keep_bonus;
  json parts = json::array();
  for (const auto& p : inst.participants) {
    json pj = {{"id", p.id},
               {"side", p.side == match::Side::kKorean ? "K" : "F"},
               {"organisation", p.organisation},
               {"country", p.country},
               {"org_type", p.org_type},
               {"offers", string_list(p.offers)},
               {"seeks", string_list(p.seeks)},
               {"materials", string_list(p.materials)},
               {"processes", string_list(p.processes)}};
    if (p.side == match::Side::kKorean) pj["target_countries"] = string_list(p.target_countries);
    pj["available"] = p.available;
    if (p.home_table >= 0) pj["home_table"] = p.home_table;
    if (p.max_meetings >= 0) pj["max_meetings"] = p.max_meetings;
    if (!p.languages.empty()) pj["languages"] = string_list(p.languages);
    if (!p.members.empty()) pj["members"] = members_json(p.members);
    parts.push_back(pj);
  }
  root["participants"] = parts;
  json reqs = json::array();
  for (const auto& r : inst.requests) {
    reqs.push_back({{"from", inst.participants[r.from].id},
                    {"to", inst.participants[r.to].id},
                    {"priority", r.priority}});
  }
  root["requests"] = reqs;
  if (!inst.vetoes.empty()) {
    json vs = json::array();
    for (const auto& v : inst.vetoes) {
      vs.push_back({{"from", inst.participants[v.from].id}, {"to", inst.participants[v.to].id}});
    }
    root["vetoes"] = vs;
  }
  if (!inst.met_before.empty()) {
    json mb = json::array();
    for (const auto& [k, f] : inst.met_before) {
      mb.push_back({{"k", inst.participants[k].id}, {"f", inst.participants[f].id}});
    }
    root["met_before"] = mb;
    root["met_before_factor"] = inst.met_before_factor;
  }
  if (inst.max_consecutive_meetings > 0) {
    root["rules"] = {{"max_consecutive_meetings", inst.max_consecutive_meetings}};
  }
  if (!inst.interpreters.empty()) {
    json list = json::array();
    for (const auto& it : inst.interpreters) {
      list.push_back(
          {{"id", it.id}, {"languages", string_list(it.languages)}, {"available", it.available}});
    }
    root["interpreters"] = list;
  }
  json pairs = json::array();
  for (const auto& q : inst.pairs) {
    json rb = json::object();
    for (const auto& [id, pr] : q.requested_by) rb[id] = pr;
    pairs.push_back({{"k", inst.participants[q.k].id},
                     {"f", inst.participants[q.f].id},
                     {"fit", q.fit},
                     {"weight", q.weight},
                     {"requested_by", rb}});
  }
  root["pairs"] = pairs;
  // The rescheduling variant (tests/data/match/README.md), written only when present.
  if (!inst.previous_schedule.empty()) {
    json prev = json::array();
    for (const auto& m : inst.previous_schedule) {
      if (m.k < 0 || m.f < 0) continue;  // ids the instance does not know: nothing to keep
      json mj = {{"k", inst.participants[m.k].id},
                 {"f", inst.participants[m.f].id},
                 {"slot", m.slot},
                 {"table", m.table}};
      if (m.locked) mj["locked"] = true;
      prev.push_back(mj);
    }
    root["previous_schedule"] = prev;
  }
  if (!inst.cancelled.empty()) {
    json cancelled = json::array();
    for (int p : inst.cancelled) cancelled.push_back(inst.participants[p].id);
    root["cancelled"] = cancelled;
  }
  return dump_json(root, 1) + "\n";
}

namespace {

json meetings_json(const match::Instance& inst, const std::vector<match::Meeting>& meetings) {
  json list = json::array();
  for (const auto& m : meetings) {
    const match::Participant& k = inst.participants[m.k];
    const match::Participant& f = inst.participants[m.f];
    json mj = {{"k", k.id}, {"f", f.id}, {"slot", m.slot}, {"table", m.table}};
    if (m.interpreter >= 0) mj["interpreter"] = inst.interpreters[m.interpreter].id;
    // For people reading the schedule: who meets whom, when (ignored when read back).
    mj["k_organisation"] = k.organisation;
    mj["f_organisation"] = f.organisation;
    mj["f_country"] = f.country;
    if (m.slot >= 0 && m.slot < inst.slot_count()) {
      mj["start"] = inst.slots[m.slot].start;
      mj["end"] = inst.slots[m.slot].end;
    }
    if (m.locked) mj["locked"] = true;
    list.push_back(mj);
  }
  return list;
}

json parts_json(const match::ObjectiveParts& o) {
  return {{"objective", o.total()},
          {"pair_weight", o.pair_weight},
          {"fairness", o.fairness},
          {"keep", o.keep},
          {"meetings", o.meetings},
          {"kept_from_previous", o.kept_from_previous},
          {"requested_pairs_scheduled", o.requested_pairs_scheduled},
          {"participants_without_meetings", o.participants_without_meetings},
          {"min_meetings", o.min_meetings}};
}

}  // namespace

std::string match_schedule_json(const match::Instance& inst, const match::SolveResult& result,
                                const ScheduleJsonExtras& extras) {
  json root = json::object();
  root["format"] = "match-schedule/1";
  root["instance"] = inst.name;
  root["objective"] = result.objective.total();
  // A schedule without a bound (edited by hand, nothing to compare with) says so: null.
  const bool bounded = result.bound_method != "none";
  root["upper_bound"] = bounded ? json(result.upper_bound) : json(nullptr);
  root["gap"] = bounded ? json(result.gap) : json(nullptr);
  root["proven_optimal"] = result.proven_optimal;
  root["objective_parts"] = parts_json(result.objective);
  if (result.method == "manual") {
    root["solver"] = {{"method", result.method}, {"bound", result.bound_method}};
  } else {
    root["solver"] = {{"method", result.method},
                      {"bound", result.bound_method},
                      {"seed", extras.seed},
                      {"time_limit_seconds", extras.time_limit_seconds},
                      {"fill_only", extras.fill_only},
                      {"search_rounds", result.lns_rounds_done},
                      {"stopped_by_time_limit", result.stopped_early}};
  }
  if (extras.max_min != nullptr) {
    const match::MaxMinReport& mm = *extras.max_min;
    json limited = json::array();
    for (int i : mm.limited) {
      limited.push_back({{"id", inst.participants[i].id}, {"reach", mm.reach[i]}});
    }
    root["fairness"] = {{"rule", "max-min"},
                        {"guaranteed_meetings", mm.guaranteed},
                        {"max_reach", mm.max_reach},
                        {"next_level", mm.guaranteed + 1},
                        {"next_level_status", mm.next_level_status},
                        {"participants_limited", limited},
                        {"level_bonus", mm.level_bonus},
                        {"levels_tried", mm.levels_tried}};
  }
  root["meetings"] = meetings_json(inst, result.meetings);
  std::string text = dump_json(root, 1);
  return text + "\n";
}

std::string match_check_json(const match::Instance& inst, const match::CheckReport& report) {
  json root = parts_json(report.objective);
  root["instance"] = inst.name;
  root["feasible"] = report.feasible();
  root["violations"] = report.violations;
  return dump_json(root, 1) + "\n";
}

}  // namespace urbanmine::io

// ---- Profiles -------------------------------------------------------------------------------

namespace urbanmine::io {

namespace {

std::vector<std::string> split_list(const std::string& text) {
  std::vector<std::string> out;
  std::string item;
  auto flush = [&] {
    const auto b = item.find_first_not_of(" \t");
    const auto e = item.find_last_not_of(" \t");
    if (b != std::string::npos) out.push_back(item.substr(b, e - b + 1));
    item.clear();
  };
  for (char c : text) {
    if (c == ';') {
      flush();
    } else {
      item += c;
    }
  }
  flush();
  return out;
}

// "0-7;10" -> {0..7, 10}; "" or "all" -> every slot. Returns an error message or "".
std::string parse_slots(const std::string& text, int slot_count, std::vector<int>& out) {
  out.clear();
  const auto items = split_list(text);
  if (items.empty() || (items.size() == 1 && items[0] == "all")) {
    for (int s = 0; s < slot_count; ++s) out.push_back(s);
    return "";
  }
  for (const auto& item : items) {
    int a = 0;
    int b = 0;
    char dash = 0;
    char extra = 0;
    const int n = std::sscanf(item.c_str(), "%d%c%d%c", &a, &dash, &b, &extra);
    if (n == 1) {
      b = a;
    } else if (!(n == 3 && dash == '-')) {
      return "'" + item + "' is not a slot id or range";
    }
    if (a < 0 || b >= slot_count || a > b) {
      return "slots '" + item + "' outside 0.." + std::to_string(slot_count - 1);
    }
    for (int s = a; s <= b; ++s) out.push_back(s);
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return "";
}

// One interpreter from CSV cells: a profiles row of side I or a row of the interpreters table.
core::Result<match::Interpreter> interpreter_from_row(const CsvRow& row, std::string id,
                                                      const std::string& languages,
                                                      const std::string& available,
                                                      int slot_count) {
  match::Interpreter it;
  it.id = std::move(id);
  it.languages = split_list(languages);
  if (it.languages.size() < 2) {
    return core::Error::invalid_input("an interpreter needs two languages or more",
                                      row.location("languages"), "write e.g. ko;id");
  }
  if (const std::string problem = parse_slots(available, slot_count, it.available);
      !problem.empty()) {
    return core::Error::invalid_input(problem, row.location("available"),
                                      "give slot ids or ranges such as 0-7;10, or all");
  }
  return it;
}

struct PendingRequest {
  int from;
  std::string to;
  int priority;
  std::string location;
};

core::Result<std::vector<match::Request>> resolve_requests(
    const std::vector<PendingRequest>& pending, const IdMap& ids,
    const std::string& what = "request to") {
  std::vector<match::Request> out;
  for (const auto& p : pending) {
    auto it = ids.find(p.to);
    if (it == ids.end()) {
      return core::Error::invalid_input(what + " unknown participant '" + p.to + "'", p.location,
                                        "use an id from the profiles");
    }
    out.push_back({p.from, it->second, p.priority});
  }
  return out;
}

}  // namespace

core::Result<MatchProfiles> parse_match_profiles_csv(const std::string& csv_text,
                                                     const std::string& source, int slot_count) {
  auto table = CsvTable::parse(csv_text, source);
  if (!table) return table.error();
  URBANMINE_TRY_STATUS(table->require_columns({"id", "side", "country"}));
  MatchProfiles out;
  IdMap ids;                      // participants: id -> index
  std::set<std::string> all_ids;  // participants and interpreters
  std::vector<PendingRequest> pending;
  std::vector<PendingRequest> pending_vetoes;
  auto optional_text = [&](const CsvRow& row, const std::string& col) -> std::string {
    if (!table->has_column(col)) return "";
    auto v = row.text(col);
    return v ? *v : "";
  };
  for (std::size_t r = 0; r < table->size(); ++r) {
    const CsvRow row = table->row(r);
    for (std::size_t c = 0; c < table->header().size(); ++c) {
      if (!is_valid_utf8(table->cell(r, c))) {
        return core::Error::invalid_input(
            "not valid UTF-8 text in column '" + table->header()[c] + "'",
            row.location(table->header()[c]), "save the file as UTF-8");
      }
    }
    match::Participant p;
    auto id = row.required_text("id");
    if (!id) return id.error();
    p.id = *id;
    if (!all_ids.insert(p.id).second) {
      return core::Error::invalid_input("duplicate participant id '" + p.id + "'",
                                        row.location("id"), "give every participant a unique id");
    }
    auto side = row.required_text("side");
    if (!side) return side.error();
    if (*side == "I") {
      // An interpreter: its languages and the slots it is there (no country, no interests).
      auto it = interpreter_from_row(row, p.id, optional_text(row, "languages"),
                                     optional_text(row, "available"), slot_count);
      if (!it) return it.error();
      out.interpreters.push_back(std::move(*it));
      continue;
    }
    const int index = static_cast<int>(out.participants.size());
    ids.emplace(p.id, index);
    if (*side != "K" && *side != "F") {
      return core::Error::invalid_input("side must be K, F or I, got '" + *side + "'",
                                        row.location("side"),
                                        "K: Korean organisation, F: foreign, I: interpreter");
    }
    p.side = *side == "K" ? match::Side::kKorean : match::Side::kForeign;
    auto country = row.required_text("country");
    if (!country) return country.error();
    p.country = *country;
    p.organisation = optional_text(row, "organisation");
    p.org_type = optional_text(row, "org_type");
    p.offers = split_list(optional_text(row, "offers"));
    p.seeks = split_list(optional_text(row, "seeks"));
    p.materials = split_list(optional_text(row, "materials"));
    p.processes = split_list(optional_text(row, "processes"));
    p.target_countries = split_list(optional_text(row, "target_countries"));
    p.languages = split_list(optional_text(row, "languages"));
    // members: "Name (role); Name": a delegation or team sharing this participant's schedule;
    // a trailing "?" ("Aide (expert)?") marks a member who comes only when seats allow.
    for (auto item : split_list(optional_text(row, "members"))) {
      match::Member member;
      if (!item.empty() && item.back() == '?') {
        member.required = false;
        item.pop_back();
      }
      const auto open = item.find(" (");
      if (open != std::string::npos && item.back() == ')') {
        member.name = item.substr(0, open);
        member.role = item.substr(open + 2, item.size() - open - 3);
      } else {
        member.name = item;
      }
      p.members.push_back(std::move(member));
    }
    const std::string cap = optional_text(row, "max_meetings");
    if (!cap.empty()) {
      auto v = row.integer("max_meetings");
      if (!v) return v.error();
      if (*v < 0 || *v > match::kMaxSlots) {
        return core::Error::invalid_input(
            "max_meetings outside 0.." + std::to_string(match::kMaxSlots),
            row.location("max_meetings"), "give a small count");
      }
      p.max_meetings = static_cast<int>(*v);
    }
    for (const auto& to : split_list(optional_text(row, "vetoes"))) {
      pending_vetoes.push_back({index, to, 0, row.location("vetoes")});
    }
    const std::string problem =
        parse_slots(optional_text(row, "available"), slot_count, p.available);
    if (!problem.empty()) {
      return core::Error::invalid_input(problem, row.location("available"),
                                        "give slot ids or ranges such as 0-7;10, or all");
    }
    for (const auto& item : split_list(optional_text(row, "requests"))) {
      const auto colon = item.find(':');
      int priority = 0;
      if (colon == std::string::npos ||
          std::sscanf(item.c_str() + colon + 1, "%d", &priority) != 1) {
        return core::Error::invalid_input("request '" + item + "' is not ID:PRIORITY",
                                          row.location("requests"), "write e.g. F0003:1;F0007:2");
      }
      pending.push_back({index, item.substr(0, colon), priority, row.location("requests")});
    }
    out.participants.push_back(std::move(p));
  }
  auto requests = resolve_requests(pending, ids);
  if (!requests) return requests.error();
  out.requests = std::move(*requests);
  auto vetoes = resolve_requests(pending_vetoes, ids, "veto of");
  if (!vetoes) return vetoes.error();
  for (const auto& v : *vetoes) out.vetoes.push_back({v.from, v.to});
  out.layout.slot_count = slot_count;
  return out;
}

core::Result<MatchProfiles> parse_match_profiles_json(const std::string& json_text,
                                                      const std::string& source, int slot_count) {
  auto doc = parse_json(json_text, source);
  if (!doc) return doc.error();
  try {
    const json& root = *doc;
    JsonReader r(root, source);
    if (!root.is_object()) return r.error("", "expected a JSON object", "give match-profiles/1");
    MatchProfiles out;
    out.layout.slot_count = slot_count;
    if (r.has("event")) {
      auto ev = r.object("event");
      if (!ev) return ev.error();
      for (auto [key, field] :
           {std::pair{"name", &out.layout.name}, std::pair{"title", &out.layout.event.title},
            std::pair{"date", &out.layout.event.date},
            std::pair{"timezone", &out.layout.event.timezone},
            std::pair{"location", &out.layout.event.location},
            std::pair{"start", &out.layout.start}}) {
        if (!ev->has(key)) continue;
        auto v = ev->string(key);
        if (!v) return v.error();
        *field = *v;
      }
      for (auto [key, field] :
           {std::pair{"max_consecutive_meetings", &out.layout.max_consecutive_meetings},
            std::pair{"slots", &out.layout.slot_count},
            std::pair{"slot_minutes", &out.layout.slot_minutes},
            std::pair{"tables", &out.layout.tables}}) {
        if (!ev->has(key)) continue;
        auto v = ev->integer(key);
        if (!v) return v.error();
        const long long limit = std::string(key) == "tables"  ? match::kMaxTablesPerSlot
                                : std::string(key) == "slots" ? match::kMaxSlots
                                                              : match::kMinutesPerDay;
        if (*v < 0 || *v > limit) {
          return ev->error(
              key,
              std::string(key) + " " + std::to_string(*v) + " outside 0.." + std::to_string(limit),
              "give a session layout that fits one day");
        }
        *field = static_cast<int>(*v);
      }
    }
    if (root.contains("event") && root.at("event").contains("host_keeps_table")) {
      const json& v = root.at("event").at("host_keeps_table");
      if (!v.is_boolean()) {
        return bad(source, "$.event.host_keeps_table", "expected true or false", "give a boolean");
      }
      out.layout.host_keeps_table = v.get<bool>();
    }
    if (!root.contains("participants") || !root.at("participants").is_array()) {
      return bad(source, "$.participants", "missing or not an array", "give a list of profiles");
    }
    IdMap ids;
    std::vector<PendingRequest> pending;
    std::vector<PendingRequest> pending_vetoes;
    const json& parts = root.at("participants");
    for (std::size_t i = 0; i < parts.size(); ++i) {
      const std::string at = "$.participants[" + std::to_string(i) + "]";
      JsonReader pr(parts[i], source, at);
      if (!parts[i].is_object()) return pr.error("", "expected an object", "give a profile");
      match::Participant p;
      auto id = pr.string("id");
      if (!id) return id.error();
      p.id = *id;
      if (!ids.emplace(p.id, static_cast<int>(i)).second) {
        return pr.error("id", "duplicate participant id '" + p.id + "'", "give unique ids");
      }
      auto side = pr.string("side");
      if (!side) return side.error();
      if (*side != "K" && *side != "F") {
        return pr.error("side", "side must be \"K\" or \"F\"", "K: Korean, F: foreign");
      }
      p.side = *side == "K" ? match::Side::kKorean : match::Side::kForeign;
      auto country = pr.string("country");
      if (!country) return country.error();
      p.country = *country;
      for (auto [key, field] :
           {std::pair{"organisation", &p.organisation}, std::pair{"org_type", &p.org_type}}) {
        if (!pr.has(key)) continue;
        auto v = pr.string(key);
        if (!v) return v.error();
        *field = *v;
      }
      for (auto [key, field] :
           {std::pair{"offers", &p.offers}, std::pair{"seeks", &p.seeks},
            std::pair{"materials", &p.materials}, std::pair{"processes", &p.processes},
            std::pair{"target_countries", &p.target_countries},
            std::pair{"languages", &p.languages}}) {
        auto v = optional_strings(pr, key);
        if (!v) return v.error();
        *field = *v;
      }
      auto members = members_from_json(pr, source);
      if (!members) return members.error();
      p.members = std::move(*members);
      if (pr.has("available")) {
        auto avail = pr.integer_array("available");
        if (!avail) return avail.error();
        for (std::size_t a = 0; a < avail->size(); ++a) {
          const long long s = (*avail)[a];
          if (s < 0 || s >= out.layout.slot_count) {
            return pr.error("available[" + std::to_string(a) + "]",
                            "slot id " + std::to_string(s) + " out of range 0.." +
                                std::to_string(out.layout.slot_count - 1),
                            "use slot ids of the session");
          }
          p.available.push_back(static_cast<int>(s));
        }
      } else {
        for (int s = 0; s < out.layout.slot_count; ++s) p.available.push_back(s);
      }
      if (pr.has("max_meetings")) {
        auto cap = pr.integer("max_meetings");
        if (!cap) return cap.error();
        if (*cap < 0 || *cap > match::kMaxSlots) {
          return pr.error("max_meetings",
                          "max_meetings outside 0.." + std::to_string(match::kMaxSlots),
                          "give a small count");
        }
        p.max_meetings = static_cast<int>(*cap);
      }
      if (pr.has("vetoes")) {
        auto vs = pr.string_array("vetoes");
        if (!vs) return vs.error();
        for (std::size_t v = 0; v < vs->size(); ++v) {
          pending_vetoes.push_back({static_cast<int>(i), (*vs)[v], 0,
                                    source + ": " + at + ".vetoes[" + std::to_string(v) + "]"});
        }
      }
      if (parts[i].contains("requests")) {
        const json& reqs = parts[i].at("requests");
        if (!reqs.is_array()) return pr.error("requests", "expected an array", "give a list");
        for (std::size_t q = 0; q < reqs.size(); ++q) {
          const std::string qat = at + ".requests[" + std::to_string(q) + "]";
          JsonReader rr(reqs[q], source, qat);
          auto to = rr.string("to");
          if (!to) return to.error();
          auto priority = rr.integer("priority");
          if (!priority) return priority.error();
          pending.push_back(
              {static_cast<int>(i), *to, static_cast<int>(*priority), source + ": " + qat + ".to"});
        }
      }
      out.participants.push_back(std::move(p));
    }
    auto requests = resolve_requests(pending, ids);
    if (!requests) return requests.error();
    out.requests = std::move(*requests);
    auto vetoes = resolve_requests(pending_vetoes, ids, "veto of");
    if (!vetoes) return vetoes.error();
    for (const auto& v : *vetoes) out.vetoes.push_back({v.from, v.to});
    if (root.contains("interpreters")) {
      auto list = interpreters_from_json(root.at("interpreters"), source, "$.interpreters",
                                         out.layout.slot_count);
      if (!list) return list.error();
      out.interpreters = std::move(*list);
    }
    return out;
  } catch (const json::exception& e) {
    return core::Error::invalid_input("malformed profiles: " + printable_utf8(e.what()), source,
                                      "check the file against docs/formats/match-profiles.md");
  }
}

core::Result<std::vector<match::Interpreter>> parse_interpreters_csv(const std::string& csv_text,
                                                                     const std::string& source,
                                                                     int slot_count) {
  auto table = CsvTable::parse(csv_text, source);
  if (!table) return table.error();
  URBANMINE_TRY_STATUS(table->require_columns({"id", "languages"}));
  std::vector<match::Interpreter> out;
  for (std::size_t r = 0; r < table->size(); ++r) {
    const CsvRow row = table->row(r);
    auto id = row.required_text("id");
    if (!id) return id.error();
    auto languages = row.required_text("languages");
    if (!languages) return languages.error();
    std::string slots;
    if (table->has_column("available")) {
      auto v = row.text("available");
      if (v) slots = *v;
    }
    auto it = interpreter_from_row(row, *id, *languages, slots, slot_count);
    if (!it) return it.error();
    out.push_back(std::move(*it));
  }
  return out;
}

core::Result<std::map<std::string, double>> parse_opportunity_csv(const std::string& csv_text,
                                                                  const std::string& source) {
  auto table = CsvTable::parse(csv_text, source);
  if (!table) return table.error();
  URBANMINE_TRY_STATUS(table->require_columns({"country", "opportunity_score"}));
  std::map<std::string, double> out;
  for (std::size_t r = 0; r < table->size(); ++r) {
    const CsvRow row = table->row(r);
    auto country = row.required_text("country");
    if (!country) return country.error();
    auto score = row.number("opportunity_score");
    if (!score) return score.error();
    if (*score < 0.0 || *score > 1.0) {
      return core::Error::invalid_input("opportunity_score outside 0..1",
                                        row.location("opportunity_score"),
                                        "give a fraction between 0 and 1");
    }
    out[*country] = *score;
  }
  return out;
}

}  // namespace urbanmine::io
