// SPDX-License-Identifier: Apache-2.0
// `urbanmine match ...`: partner scoring, meeting schedules, schedule checks and agendas.
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "engine/dealsheet.h"
#include "engine/events.h"
#include "engine/match.h"
#include "io/files.h"
#include "io/pdf_print.h"

namespace urbanmine::cli {

namespace {

void register_schedule(CLI::App& match, CliContext& ctx) {
  struct Args {
    std::string instance;
    engine::ScheduleRequest request;
  };
  auto args = std::make_shared<Args>();
  auto* cmd = match.add_subcommand(
      "schedule",
      "Schedule 1:1 meetings for a match-instance/1 file: prints the schedule JSON with its "
      "objective, a proven upper bound and the gap.\n"
      "Example: urbanmine match schedule tests/data/match/medium-s1.json --time-limit 2 "
      "--output schedule.json");
  cmd->add_option("INSTANCE", args->instance, "match-instance/1 JSON file")->required();
  cmd->add_option("--time-limit", args->request.time_limit_seconds,
                  "Wall-clock limit in seconds (default 10)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--seed", args->request.seed, "Search seed (default 1)");
  cmd->add_option("--threads", args->request.threads, "Threads, 1 or 2 (default 2)")
      ->check(CLI::Range(1, 2));
  cmd->add_option("--rounds", args->request.search_rounds,
                  "Perturbation rounds per search thread (default 400)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_flag("--no-lp{false}", args->request.use_lp,
                "Skip the COIN-OR LP relaxations (search only; the bound is then trivial)");
  cmd->add_flag("--fill-only", args->request.fill_only,
                "Rescheduling: keep every surviving meeting of previous_schedule in place and "
                "only fill free places");
  cmd->add_flag("--max-min", args->request.max_min,
                "Fairness first: the most meetings every participant is guaranteed (up to what "
                "its own availability, partners and caps allow), then the objective; the "
                "schedule's \"fairness\" says the level, whether the next one is proven "
                "impossible, and who is held below it by their own data");
  cmd->callback([&ctx, args] {
    ctx.action = [&ctx, args]() -> int {
      auto out = engine::schedule_match_file(args->instance, args->request);
      if (!out) return report_error(ctx, out.error());
      const auto& r = out->result;
      if (out->max_min) {
        ctx.logger.info("max-min: every participant holds at least min(" +
                        std::to_string(out->max_min->guaranteed) +
                        ", its reach) meetings; the next level is " +
                        out->max_min->next_level_status);
      }
      ctx.logger.info(out->instance.name + ": objective " + std::to_string(r.objective.total()) +
                      ", upper bound " + std::to_string(r.upper_bound) + " (" + r.bound_method +
                      "), gap " + std::to_string(100.0 * r.gap) + "%, " +
                      std::to_string(r.objective.meetings) + " meetings, method " + r.method +
                      ", " + std::to_string(out->wall_seconds) + " s");
      return emit(ctx, out->schedule_json);
    };
  });
}

void register_check(CLI::App& match, CliContext& ctx) {
  auto instance = std::make_shared<std::string>();
  auto schedule = std::make_shared<std::string>();
  auto* cmd = match.add_subcommand(
      "check",
      "List every violated constraint of a schedule and print its objective (exit 1 when the "
      "schedule is infeasible).\n"
      "Example: urbanmine match check tests/data/match/small-s1.json "
      "tests/data/match/small-s1.opt.json");
  cmd->add_option("INSTANCE", *instance, "match-instance/1 JSON file")->required();
  cmd->add_option("SCHEDULE", *schedule, "schedule JSON file")->required();
  cmd->callback([&ctx, instance, schedule] {
    ctx.action = [&ctx, instance, schedule]() -> int {
      auto out = engine::check_match_files(*instance, *schedule);
      if (!out) return report_error(ctx, out.error());
      for (const auto& v : out->report.violations) ctx.logger.error("violation: " + v);
      const int code = emit(ctx, out->report_json);
      if (code != core::kExitOk) return code;
      return out->report.feasible() ? core::kExitOk : core::kExitChecksFailed;
    };
  });
}

void register_score(CLI::App& match, CliContext& ctx) {
  struct Args {
    std::string profiles;
    std::string opportunity;
    std::vector<std::string> met_before_events;
    std::string db;
    engine::ScoreRequest request;
  };
  auto args = std::make_shared<Args>();
  auto* cmd = match.add_subcommand(
      "score",
      "Score every pair of a Korean (side K) and a foreign (side F) participant from profiles (CSV "
      "or JSON) and write a match-instance/1 "
      "file with the candidate pairs, their fit and weight.\n"
      "Example: urbanmine match score examples/event/profiles.csv --slots 16 --tables 6 "
      "--date 2023-11-30 --output instance.json");
  cmd->add_option("PROFILES", args->profiles, "profiles .csv or .json")->required();
  cmd->add_option("--opportunity", args->opportunity,
                  "CSV of country,opportunity_score (0..1) from the market ranking");
  cmd->add_option("--name", args->request.name, "Instance name");
  cmd->add_option("--slots", args->request.slots, "Number of meeting slots (default 16)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--start", args->request.start, "Start of the first slot, HH:MM (14:00)");
  cmd->add_option("--slot-minutes", args->request.slot_minutes, "Slot length in minutes (15)")
      ->check(CLI::PositiveNumber);
  cmd->add_option("--tables", args->request.tables, "Tables per slot (default 40)")
      ->check(CLI::NonNegativeNumber);
  cmd->add_flag("--host-keeps-table", args->request.host_keeps_table,
                "Every Korean organisation keeps one table for all its meetings (needs at least "
                "as many tables as Korean organisations)");
  cmd->add_option("--table-seats", args->request.table_seats,
                  "Chairs at each table number, comma-separated (e.g. 2,2,4,6; one per table): a "
                  "meeting sits where both parties' required members have a seat (default: any "
                  "table seats any meeting)")
      ->delimiter(',');
  cmd->add_option("--max-consecutive-meetings", args->request.max_consecutive_meetings,
                  "Forced breaks: nobody meets in more than this many consecutive slots "
                  "(default: none)")
      ->check(CLI::Range(1, match::kMaxSlots));
  cmd->add_option("--met-before", args->request.met_before_schedules,
                  "Schedule (match-schedule/1) of an earlier event: its pairs met before; "
                  "repeatable");
  cmd->add_option("--met-before-factor", args->request.met_before_factor,
                  "Weight factor of an unrequested pair that met before: 0 = not proposed again "
                  "(default), 1 = as if they never met; a requested pair keeps its weight")
      ->check(CLI::Range(0.0, 1.0));
  cmd->add_option("--met-before-event", args->met_before_events,
                  "Event stored in --db (an id such as e1, as `urbanmine serve --db` keeps "
                  "them): the pairs of its latest schedule met before; repeatable");
  cmd->add_option("--db", args->db, "SQLite store of `urbanmine serve` holding --met-before-event");
  cmd->add_option("--interpreters", args->request.interpreters_source,
                  "Interpreters CSV: id, languages (ko;id), available (slot ids and ranges, "
                  "empty = all); a meeting whose parties share no language needs one");
  cmd->add_option("--date", args->request.date, "Meeting date, YYYY-MM-DD (for agendas)");
  cmd->add_option("--timezone", args->request.timezone, "IANA time zone (Asia/Seoul)");
  cmd->add_option("--title", args->request.title, "Event title for agendas");
  cmd->add_option("--location", args->request.location, "Venue for agendas");
  cmd->callback([&ctx, args] {
    ctx.action = [&ctx, args]() -> int {
      if (!args->met_before_events.empty()) {
        if (args->db.empty()) {
          return report_error(ctx,
                              core::Error::invalid_input(
                                  "--met-before-event needs the store that holds the event", "--db",
                                  "give --db FILE, the database of `urbanmine serve`"));
        }
        if (!std::filesystem::exists(args->db)) {
          return report_error(ctx, core::Error::not_found("no database '" + args->db + "'", "--db",
                                                          "give the --db of `urbanmine serve`"));
        }
        auto events = engine::EventService::open(args->db);
        if (!events) return report_error(ctx, events.error());
        std::vector<engine::GivenId> ids;
        for (const auto& id : args->met_before_events) ids.push_back({id, "--met-before-event"});
        auto pairs = (*events)->met_pairs(ids);
        if (!pairs) return report_error(ctx, pairs.error());
        args->request.met_before.insert(args->request.met_before.end(), pairs->begin(),
                                        pairs->end());
      }
      auto out = engine::score_match_file(args->profiles, args->opportunity, args->request);
      if (!out) return report_error(ctx, out.error());
      ctx.logger.info(out->instance.name + ": " +
                      std::to_string(out->instance.participants.size()) + " participants, " +
                      std::to_string(out->instance.pairs.size()) + " candidate pairs");
      return emit(ctx, out->instance_json);
    };
  });
}

void register_agenda(CLI::App& match, CliContext& ctx) {
  struct Args {
    std::string instance;
    std::string schedule;
    std::string out_dir;
    match::AgendaOptions options;
  };
  auto args = std::make_shared<Args>();
  auto* cmd = match.add_subcommand(
      "agenda",
      "Write each participant's and each interpreter's agenda as CSV and as an iCalendar file "
      "(RFC 5545, stable UIDs), plus meetings.csv, into a directory.\n"
      "Example: urbanmine match agenda instance.json schedule.json --out-dir agendas "
      "--date 2023-11-30 --timezone Asia/Seoul");
  cmd->add_option("INSTANCE", args->instance, "match-instance/1 JSON file")->required();
  cmd->add_option("SCHEDULE", args->schedule, "schedule JSON file")->required();
  cmd->add_option("--out-dir", args->out_dir, "Directory for the files (created)")->required();
  cmd->add_option("--date", args->options.date, "Meeting date YYYY-MM-DD (default: instance)");
  cmd->add_option("--timezone", args->options.timezone,
                  "IANA time zone of the slot times, daylight saving included, e.g. "
                  "Europe/Brussels (default: instance, else Asia/Seoul)");
  cmd->add_option("--lang,--language", args->options.language,
                  "Language of the agenda text: en or ko (default en)")
      ->check(CLI::IsMember({"en", "ko"}));
  cmd->add_option("--dtstamp", args->options.dtstamp,
                  "DTSTAMP in UTC, YYYYMMDDTHHMMSSZ (default: now)");
  cmd->add_option("--sequence", args->options.sequence,
                  "SEQUENCE of the events; raise it when re-publishing (default 0)")
      ->check(CLI::NonNegativeNumber);
  cmd->callback([&ctx, args] {
    ctx.action = [&ctx, args]() -> int {
      if (args->options.dtstamp.empty()) {
        const std::time_t now = std::time(nullptr);
        std::tm utc{};
        gmtime_r(&now, &utc);
        char buf[20];
        std::strftime(buf, sizeof buf, "%Y%m%dT%H%M%SZ", &utc);
        args->options.dtstamp = buf;
      }
      auto files = engine::agenda_match_files(args->instance, args->schedule, args->options);
      if (!files) return report_error(ctx, files.error());
      std::error_code ec;
      std::filesystem::create_directories(args->out_dir, ec);
      if (ec) {
        return report_error(ctx, core::Error::io("cannot create directory: " + ec.message(),
                                                 args->out_dir, "check the path"));
      }
      for (const auto& f : *files) {
        auto st = io::write_file_atomic(args->out_dir + "/" + f.name, f.content);
        if (!st) return report_error(ctx, st.error());
      }
      ctx.logger.info("wrote " + std::to_string(files->size()) + " agenda files to " +
                      args->out_dir);
      return core::kExitOk;
    };
  });
}

void register_dealsheet(CLI::App& match, CliContext& ctx) {
  struct Args {
    std::string instance;
    std::string schedule;
    std::string out_dir;
    std::string years;
    bool pdf = false;
    engine::DealSheetRequest request;
  };
  auto args = std::make_shared<Args>();
  auto* cmd = match.add_subcommand(
      "dealsheet",
      "Deal sheets for every meeting of a schedule, from a run: why the two meet (shared "
      "materials, processes, roles, target markets, requests) and, for each party's country, "
      "waste batteries and their metal by chemistry and year, recycling capacity, surplus and "
      "stranded feedstock, an indicative metal value, the policy rules checked there, and "
      "whether feedstock may legally be shipped between the two and what the run ships. Writes "
      "dealsheets.json, dealsheets.html (every meeting) and ID.html per participant (agenda "
      "with a printable sheet per meeting) into --out-dir, all or nothing (docs/match.md).\n"
      "Example: urbanmine match dealsheet instance.json schedule.json --run examples/global.toml "
      "--out-dir dealsheets --language ko");
  cmd->add_option("INSTANCE", args->instance, "match-instance/1 JSON file")->required();
  cmd->add_option("SCHEDULE", args->schedule, "schedule JSON file")->required();
  cmd->add_option("--run", args->request.run,
                  "The run whose figures the sheets show: a scenario .toml (run now), the --out "
                  "folder of `urbanmine run`, or a run id in --db")
      ->required();
  cmd->add_option(
      "--db", args->request.db_path,
      "SQLite store holding the run id of --run (default: the workspace out/urbanmine.db)");
  cmd->add_option("--data-dir", args->request.data_dir, "Data folder (default: the shipped data)");
  cmd->add_option("--years", args->years,
                  "Sheet years, comma-separated (default 2030,2035,2040 within the run)");
  cmd->add_option("--lang,--language", args->request.language, "en or ko (default en)");
  cmd->add_option("--out-dir", args->out_dir, "Folder for the files (replaced)")->required();
  cmd->add_flag("--pdf", args->pdf,
                "Also print every page to PDF (ID.pdf, dealsheets.pdf: what delegates carry) "
                "with the system's Chromium");
  cmd->callback([&ctx, args] {
    ctx.action = [&ctx, args]() -> int {
      args->request.years.clear();
      std::string rest = args->years;
      while (!rest.empty()) {
        const auto comma = rest.find(',');
        const std::string part = rest.substr(0, comma);
        rest = comma == std::string::npos ? "" : rest.substr(comma + 1);
        char* end = nullptr;
        const long y = std::strtol(part.c_str(), &end, 10);
        if (part.empty() || end == nullptr || *end != '\0' || y < 1900 || y > 2200) {
          return report_error(ctx,
                              core::Error::invalid_input("'" + part + "' is not a year", "--years",
                                                         "give years such as 2030,2035,2040"));
        }
        args->request.years.push_back(static_cast<int>(y));
      }
      args->request.logger = &ctx.logger;
      args->request.strict = ctx.strict;
      auto out = engine::dealsheet_match_files(args->instance, args->schedule, args->request);
      if (!out) return report_error(ctx, out.error());
      std::vector<std::pair<std::string, std::string>> files;
      io::DirOwnership owned;
      owned.legacy_extensions = {".html", ".json"};
      for (auto& f : out->files) files.emplace_back(f.name, std::move(f.content));
      if (args->pdf) {
        // Printed before anything is written: the folder gets everything or nothing.
        owned.legacy_extensions.push_back(".pdf");
        std::vector<std::pair<std::string, std::string>> pages;
        for (const auto& [name, content] : files) {
          if (name.size() > 5 && name.compare(name.size() - 5, 5, ".html") == 0) {
            pages.emplace_back(name, content);
          }
        }
        auto printed = io::print_html_to_pdf(pages);
        if (!printed) return report_error(ctx, printed.error());
        for (auto& pdf : *printed) files.push_back(std::move(pdf));
      }
      auto written = io::write_folder(args->out_dir, files, owned, "--out-dir");
      if (!written) return report_error(ctx, written.error());
      ctx.logger.info("wrote " + std::to_string(written->size()) + " deal-sheet files (" +
                      std::to_string(out->sheets.sheets.size()) + " meetings) to " + args->out_dir);
      return emit(ctx, args->out_dir + "/dealsheets.html\n");
    };
  });
}

}  // namespace

void register_match_commands(CLI::App& app, CliContext& ctx) {
  auto* match = app.add_subcommand(
      "match",
      "Partnering events: pair scoring, 1:1 meeting schedules, checks, agendas and deal sheets.\n"
      "Example: urbanmine match schedule tests/data/match/small-s1.json --output schedule.json");
  match->require_subcommand(1);
  register_schedule(*match, ctx);
  register_check(*match, ctx);
  register_score(*match, ctx);
  register_agenda(*match, ctx);
  register_dealsheet(*match, ctx);
}

}  // namespace urbanmine::cli
