// SPDX-License-Identifier: Apache-2.0
// _urbanmine: the engine for Python (docs/python.md). Thin on purpose: the package
// python/urbanmine/ turns what this returns into xarray or pandas objects. Tables are handed
// over without a copy: each array is a view on the run's own buffer, kept alive by the run.
// Errors are raised as urbanmine.UrbanmineError subclasses carrying the engine's message,
// location, hint, code and CLI exit code; the GIL is released while the engine computes.
#include <algorithm>
#include <cmath>
#include <cstdint>
#include <ctime>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <pybind11/numpy.h>
#include <pybind11/pybind11.h>
#include <pybind11/stl.h>

#include "core/error.h"
#include "core/version.h"
#include "engine/cooperation.h"
#include "engine/dealsheet.h"
#include "engine/dsm.h"
#include "engine/match.h"
#include "engine/passport.h"
#include "engine/plan.h"
#include "engine/plant.h"
#include "engine/source.h"
#include "engine/run.h"
#include "io/json_reader.h"
#include "io/plant_request.h"
#include "io/scenario_toml.h"

#include "report/findings.h"
#include "report/messages.h"
#include "report/passport_text.h"
#include "report/plant_text.h"
#include "report/run_report.h"
#include "report/run_xlsx.h"

namespace py = pybind11;

namespace {

using urbanmine::core::Error;

// Raises the package's exception for `e` (urbanmine/_errors.py builds it).
[[noreturn]] void raise(const Error& e) {
  const py::object make = py::module_::import("urbanmine._errors").attr("make_error");
  const py::object exc = make(std::string(urbanmine::core::error_code_name(e.code)), e.message,
                              e.location, e.hint, urbanmine::core::exit_code_for(e.code));
  PyErr_SetObject(reinterpret_cast<PyObject*>(Py_TYPE(exc.ptr())), exc.ptr());
  throw py::error_already_set();
}

// "en" or "ko"; anything else raises the package's InvalidInputError naming `lang`.
urbanmine::report::Language language_of(const std::string& lang) {
  auto language = urbanmine::report::parse_language(lang, "lang");
  if (!language) raise(language.error());
  return *language;
}

template <typename T>
T take(urbanmine::core::Result<T> r) {
  if (!r) raise(r.error());
  return std::move(*r);
}

// A record table as a dict: name, title, description, columns, rows (numbers, text or None).
py::dict record_dict(const urbanmine::results::RecordTable& rec) {
  py::list rows;
  for (const auto& row : rec.rows) {
    py::list cells;
    for (const auto& c : row) {
      using Kind = urbanmine::results::Cell::Kind;
      if (c.kind == Kind::kNumber) {
        cells.append(c.number);
      } else if (c.kind == Kind::kText) {
        cells.append(c.text);
      } else {
        cells.append(py::none());
      }
    }
    rows.append(cells);
  }
  py::dict d;
  d["name"] = rec.name;
  d["title"] = rec.title;
  d["description"] = rec.description;
  d["columns"] = rec.columns;
  d["rows"] = rows;
  return d;
}

// Options of the cooperation modules from Python keywords; `where` names them in errors.
urbanmine::cooperation::CooperationOptions cooperation_options(
    const std::string& data_dir, const std::string& rules_path,
    const std::optional<std::map<std::string, double>>& weights,
    const std::optional<int>& market_year, const std::optional<int>& policy_year) {
  urbanmine::cooperation::CooperationOptions options;
  options.data_dir = urbanmine::cooperation::cooperation_data_dir(data_dir);
  options.rules_path = rules_path;
  options.market_year = market_year;
  options.policy_check_year = policy_year;
  if (weights) {
    urbanmine::market::Weights w;
    w.values.fill(0.0);
    for (const auto& [name, value] : *weights) {
      const auto criterion = urbanmine::market::parse_criterion(name);
      if (!criterion) {
        raise(Error::invalid_input("unknown criterion '" + name + "'", "weights." + name,
                                   "use feedstock, policy, risk, growth"));
      }
      w[*criterion] = value;
    }
    if (auto st = urbanmine::market::validate_weights(w); !st) raise(st.error());
    options.market_weights = w;
    options.market_weights_are_default = false;
  }
  return options;
}

// One finished run; tables are read from it without copies.
// Record tables and the notes that go with them: {"tables": [record dicts], "notes": [...]}.
py::dict report_dict(const std::vector<urbanmine::results::RecordTable>& tables,
                     const std::vector<std::string>& notes) {
  py::list out;
  for (const auto& rec : tables) out.append(record_dict(rec));
  py::dict d;
  d["tables"] = out;
  d["notes"] = notes;
  return d;
}

class Run {
 public:
  explicit Run(urbanmine::results::RunResults r)
      : results_(std::make_shared<urbanmine::results::RunResults>(std::move(r))) {}

  std::vector<std::string> table_names() const {
    std::vector<std::string> names;
    for (const auto& t : results_->tables) names.push_back(t.name);
    return names;
  }

  // `urbanmine match dealsheet` on this run: the urbanmine-dealsheets/2 JSON text, or with
  // `participant` (and optionally "all") the printable HTML page.
  std::string dealsheets(const std::string& instance_json, const std::string& schedule_json,
                         const std::vector<int>& years, const std::string& language,
                         const std::string& data_dir, const std::string& html_for) const {
    urbanmine::engine::DealSheetRequest r;
    r.years = years;
    r.language = language;
    r.data_dir = data_dir;
    auto out = take(urbanmine::engine::dealsheet_match_text(
        instance_json, "match instance", schedule_json, "match schedule", *results_, r));
    if (html_for.empty()) return urbanmine::report::dealsheets_json(out.sheets);
    return urbanmine::report::dealsheets_html(out.sheets, language,
                                              html_for == "all" ? std::string() : html_for);
  }

  py::dict table(const std::string& name, const py::object& self) const {
    const auto* t = results_->find(name);
    if (t == nullptr) {
      raise(
          Error::not_found("no table '" + name + "' in this run", "name", "see Run.table_names()"));
    }
    std::vector<std::string> dims;
    std::vector<std::vector<std::string>> coords;
    std::vector<py::ssize_t> shape;
    for (const auto& d : t->values.dims()) {
      dims.push_back(d.name());
      coords.push_back(d.items());
      shape.push_back(static_cast<py::ssize_t>(d.size()));
    }
    // Row-major, as DimArray stores it; read-only, and `self` keeps the buffer alive.
    auto data = t->values.data();
    py::array_t<double> values(shape, data.data(), self);
    values.attr("setflags")(py::arg("write") = false);
    py::dict out;
    out["name"] = t->name;
    out["unit"] = t->value_column;
    out["description"] = t->description;
    out["dims"] = dims;
    out["coords"] = coords;
    out["values"] = values;
    return out;
  }

  py::list records() const {
    py::list out;
    for (const auto& rec : results_->records) out.append(record_dict(rec));
    return out;
  }

  // The risk, policy and market record tables computed again on a copy of this run with other
  // options (policy year, rules file, ranking weights or year); the run itself is unchanged.
  py::list cooperation(const std::string& data_dir, const std::string& rules_path,
                       const std::optional<std::map<std::string, double>>& weights,
                       const std::optional<int>& market_year,
                       const std::optional<int>& policy_year) const {
    const auto options =
        cooperation_options(data_dir, rules_path, weights, market_year, policy_year);
    urbanmine::results::RunResults copy = *results_;
    urbanmine::core::Status st = Error::internal("not run");
    {
      py::gil_scoped_release release;
      st = urbanmine::cooperation::add_cooperation_results(copy, options);
    }
    if (!st) raise(st.error());
    py::list out;
    for (const auto& rec : copy.records) out.append(record_dict(rec));
    return out;
  }

  py::list findings() const {
    py::list out;
    for (const auto& f : results_->findings) out.append(py::make_tuple(f.section, f.text));
    return out;
  }

  // The findings in "en" or "ko" (Korean: built again from the tables with the same numbers).
  py::list findings_in(const std::string& lang) const {
    const auto language = language_of(lang);
    py::list out;
    for (const auto& f : urbanmine::report::findings_in(*results_, language)) {
      out.append(py::make_tuple(f.section, f.text));
    }
    return out;
  }

  // report.html of the run, in "en" or "ko".
  std::string report_html(const std::string& lang) const {
    urbanmine::report::RenderOptions options;
    options.language = language_of(lang);
    return urbanmine::report::report_html(*results_, options);
  }

  // The run's Excel workbook (`run --xlsx`), in "en" or "ko", written to `path`.
  void write_xlsx(const std::string& path, const std::string& lang) const {
    urbanmine::report::XlsxOptions options;
    options.language = language_of(lang);
    const std::time_t now = std::time(nullptr);
    std::tm utc{};
    gmtime_r(&now, &utc);
    char stamp[32];
    std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &utc);
    options.created_utc = stamp;
    urbanmine::core::Status st = Error::internal("not written");
    {
      py::gil_scoped_release release;
      st = urbanmine::report::write_run_xlsx(*results_, path, options);
    }
    if (!st) raise(st.error());
  }

  py::dict balance() const {
    std::size_t failed = 0;
    double worst = 0.0;
    for (const auto& b : results_->balance) {
      if (!b.ok) ++failed;
      worst = std::max(worst, std::abs(b.residual));
    }
    py::dict out;
    out["checks"] = results_->balance.size();
    out["failed"] = failed;
    out["max_abs_residual"] = worst;
    out["ok"] = failed == 0;
    return out;
  }

  py::dict meta() const {
    const auto& m = results_->meta;
    py::list files;
    for (const auto& f : m.data_files) files.append(py::make_tuple(f.name, f.sha256, f.bytes));
    py::dict out;
    out["scenario_name"] = m.scenario_name;
    out["scenario_path"] = m.scenario_path;
    out["scenario_description"] = m.scenario_description;
    out["scenario_hash"] = m.scenario_hash;
    out["code_version"] = m.code_version;
    out["first_year"] = m.first_year;
    out["last_year"] = m.last_year;
    out["seed"] = m.seed;
    out["elapsed_seconds"] = m.elapsed_seconds;
    out["data_files"] = files;
    out["assumptions"] = results_->assumptions;
    return out;
  }

  const urbanmine::results::RunResults& results() const { return *results_; }

  // `urbanmine plan RUN`: where and when to build plants (docs/plan.md), on this run.
  py::dict plan(const std::string& objective, int first_year, int last_year,
                const std::vector<std::string>& sites, std::optional<double> discount_rate,
                int max_builds, double co2_price_usd_per_t, std::optional<double> co2_cap_t,
                int pareto, double gap, double time_limit_seconds,
                const std::string& data_dir) const {
    const auto parsed = urbanmine::plan::parse_objective(objective);
    if (!parsed) {
      raise(Error::invalid_input("unknown objective '" + objective + "'", "--objective",
                                 "use max_npv or min_cost"));
    }
    urbanmine::engine::PlanRequest request;
    request.data_dir = data_dir;
    request.objective = *parsed;
    request.first_year = first_year;
    request.last_year = last_year;
    request.sites = sites;
    request.discount_rate = discount_rate;
    request.max_builds_per_site_year = max_builds;
    request.co2_price_usd_per_t = co2_price_usd_per_t;
    request.co2_cap_t = co2_cap_t;
    request.pareto_points = pareto;
    request.relative_gap = gap;
    request.time_limit_seconds = time_limit_seconds;
    urbanmine::core::Result<urbanmine::engine::PlanReport> report = Error::internal("not run");
    {
      py::gil_scoped_release release;
      report = urbanmine::engine::run_plan(*results_, request);
    }
    const auto r = take(std::move(report));
    return report_dict(r.tables, r.assumptions);
  }

  // `urbanmine source RUN`: recycled-content sourcing for EU battery makers, on this run.
  py::dict source(const std::vector<std::pair<std::string, double>>& makers,
                  const std::vector<int>& years, const std::vector<std::string>& suppliers,
                  const std::string& objective, const std::string& data_dir) const {
    if (objective != "min_cost" && objective != "min_co2") {
      raise(Error::invalid_input("unknown objective '" + objective + "'", "--objective",
                                 "use min_cost or min_co2"));
    }
    urbanmine::engine::SourceRequest request;
    request.data_dir = data_dir;
    request.maker_shares = makers;
    request.years = years;
    request.suppliers = suppliers;
    request.objective = objective == "min_co2" ? urbanmine::plan::SourcingObjective::kMinCo2
                                               : urbanmine::plan::SourcingObjective::kMinCost;
    urbanmine::core::Result<urbanmine::engine::SourceReport> report = Error::internal("not run");
    {
      py::gil_scoped_release release;
      report = urbanmine::engine::run_source(*results_, request);
    }
    const auto r = take(std::move(report));
    return report_dict(r.tables, r.notes);
  }

 private:
  std::shared_ptr<urbanmine::results::RunResults> results_;
};

// A scenario file (path), TOML text, or neither (the baseline); `data_dir` empty: the default.
Run run(const std::optional<std::string>& path, const std::optional<std::string>& toml_text,
        const std::string& source, const std::string& data_dir) {
  urbanmine::engine::RunOptions options;
  options.data_dir = data_dir;
  urbanmine::core::Result<urbanmine::results::RunResults> r = Error::internal("not run");
  {
    py::gil_scoped_release release;
    if (toml_text) {
      r = urbanmine::engine::run_scenario_text(*toml_text, source, options);
    } else {
      r = urbanmine::engine::run_scenario_file(
          path ? *path : urbanmine::engine::default_scenario_path(), options);
    }
  }
  return Run(take(std::move(r)));
}

// A vector moved into a numpy array of `shape` that owns it (no copy).
py::array_t<double> owned_array(std::vector<double> v, std::vector<py::ssize_t> shape) {
  auto* heap = new std::vector<double>(std::move(v));
  py::capsule owner(heap, [](void* p) { delete static_cast<std::vector<double>*>(p); });
  return py::array_t<double>(shape, heap->data(), owner);
}

// A dsm-reference-v1 case (JSON text: the inputs are one series) solved by the engine; the
// result as numpy arrays, not JSON (a T x T result is 3 T^2 numbers: JSON text made the Python
// stock model 6-15 times slower than numpy).
py::dict solve_dsm_arrays(const std::string& json_text, const std::string& source) {
  urbanmine::core::Result<urbanmine::engine::DsmOutcome> r = Error::internal("not solved");
  {
    py::gil_scoped_release release;
    r = urbanmine::engine::solve_dsm_text(json_text, source);
  }
  auto outcome = take(std::move(r));
  auto& res = outcome.solution.result;
  const auto n = static_cast<py::ssize_t>(res.years);
  const auto& sv = outcome.solution.survival.values();
  py::dict out;
  out["survival"] = owned_array(std::vector<double>(sv.begin(), sv.end()), {n, n});
  out["stock_by_cohort"] = owned_array(std::move(res.stock_by_cohort), {n, n});
  out["outflow_by_cohort"] = owned_array(std::move(res.outflow_by_cohort), {n, n});
  out["stock"] = owned_array(std::move(res.stock), {n});
  out["outflow"] = owned_array(std::move(res.outflow), {n});
  out["inflow"] = owned_array(std::move(res.inflow), {n});
  out["stock_change"] = owned_array(std::move(res.stock_change), {n});
  out["negative_inflow_years_index"] = res.negative_inflow_years;
  out["stock_shortfall_years_index"] = res.stock_shortfall_years;
  py::dict balance;
  balance["max_abs_residual"] = outcome.solution.balance.max_abs_residual;
  balance["scale"] = outcome.solution.balance.scale;
  balance["ok"] = outcome.solution.balance.ok;
  out["mass_balance"] = balance;
  return out;
}

// The plant defaults of `data_dir` (empty: the shipped data), loaded per call (a few ms).
urbanmine::plant::PlantDefaults plant_defaults(const std::string& data_dir) {
  return take(urbanmine::engine::load_plant_defaults(urbanmine::engine::plant_data_dir(data_dir)));
}

// POST /api/plant/balance's body as JSON text -> its answer as JSON text.
std::string plant_balance(const std::string& json_text, const std::string& data_dir) {
  const auto body = take(urbanmine::io::parse_json(json_text, "plant request"));
  const auto request = take(urbanmine::io::plant_request_from_json(body, "plant request"));
  const auto defaults = plant_defaults(data_dir);
  urbanmine::core::Result<urbanmine::engine::PlantOutcome> r = Error::internal("not run");
  {
    py::gil_scoped_release release;
    r = urbanmine::engine::run_plant_balance(request, defaults);
  }
  const auto outcome = take(std::move(r));
  return urbanmine::report::plant_balance_json(outcome.spec.name, outcome.balance);
}

// POST /api/plant/infer's body as JSON text -> its answer as JSON text.
std::string plant_infer(const std::string& json_text, const std::string& data_dir) {
  const auto body = take(urbanmine::io::parse_json(json_text, "plant request"));
  const auto request = take(urbanmine::io::plant_infer_request_from_json(body, "plant request"));
  const auto defaults = plant_defaults(data_dir);
  urbanmine::core::Result<urbanmine::plant::InferResult> r = Error::internal("not run");
  {
    py::gil_scoped_release release;
    r = urbanmine::engine::run_plant_infer(request, defaults);
  }
  return urbanmine::report::plant_infer_json(take(std::move(r)));
}

// A match-instance/1 document -> the schedule file (docs/formats/match-schedule.md) as text.
std::string match_schedule(const std::string& instance_json, double time_limit_seconds,
                           std::uint64_t seed, int threads) {
  urbanmine::engine::ScheduleRequest request;
  request.time_limit_seconds = time_limit_seconds;
  request.seed = seed;
  request.threads = threads;
  urbanmine::core::Result<urbanmine::engine::ScheduleOutcome> r = Error::internal("not run");
  {
    py::gil_scoped_release release;
    r = urbanmine::engine::schedule_match_text(instance_json, "match instance", request);
  }
  return take(std::move(r)).schedule_json;
}

// An instance and a schedule -> the check report as JSON text.
std::string match_check(const std::string& instance_json, const std::string& schedule_json) {
  return take(urbanmine::engine::check_match_text(instance_json, "match instance", schedule_json,
                                                  "match schedule"))
      .report_json;
}

// `urbanmine risk hhi`: the HHI row and each producer's share, from the shipped supply data.
py::list risk_hhi(const std::string& element, int year, const std::string& stage,
                  const std::string& convention, const std::string& data_dir) {
  const auto s = urbanmine::risk::parse_stage(stage);
  if (!s)
    raise(Error::invalid_input("unknown stage '" + stage + "'", "stage",
                               "use mine, refining or reserves"));
  const auto c = urbanmine::risk::parse_convention(convention);
  if (!c)
    raise(Error::invalid_input("unknown convention '" + convention + "'", "convention",
                               "use named-share or residual-as-producer"));
  urbanmine::cooperation::CooperationOptions options;
  options.data_dir = urbanmine::cooperation::cooperation_data_dir(data_dir);
  const auto data = take(urbanmine::cooperation::load_cooperation_data(options));
  const auto tables = take(urbanmine::cooperation::risk_hhi_tables(data, element, year, *s, *c));
  py::list out;
  for (const auto& rec : tables) out.append(record_dict(rec));
  return out;
}

// `urbanmine risk disruption [RUN]`: the supply disruption test, alone or on a run.
py::list risk_disruption(const Run* run, const std::string& element, std::optional<int> year,
                         const std::vector<std::string>& drop, std::optional<int> top,
                         bool export_quotas, const std::string& region,
                         const std::string& data_dir) {
  urbanmine::cooperation::DisruptionRequest request;
  request.element = element;
  request.year = year;
  request.drop = drop;
  request.top = top;
  request.export_quotas = export_quotas;
  request.region = region;
  urbanmine::cooperation::CooperationOptions options;
  options.data_dir = urbanmine::cooperation::cooperation_data_dir(data_dir);
  urbanmine::core::Result<std::vector<urbanmine::results::RecordTable>> tables =
      Error::internal("not run");
  {
    py::gil_scoped_release release;
    auto data = urbanmine::cooperation::load_cooperation_data(options);
    if (!data) {
      tables = data.error();
    } else {
      tables = urbanmine::cooperation::disruption_for_request(
          *data, run == nullptr ? nullptr : &run->results(), request);
    }
  }
  py::list out;
  for (const auto& rec : take(std::move(tables))) out.append(record_dict(rec));
  return out;
}

// `urbanmine passport read PATH --format json`: every file with its problems and the aggregate
// of the valid ones, as JSON text (bad passports are in the report, not errors).
std::string passport_read(const std::string& path, const std::string& data_dir) {
  urbanmine::core::Result<urbanmine::engine::PassportReadOutcome> r = Error::internal("not read");
  {
    py::gil_scoped_release release;
    r = urbanmine::engine::read_passports(path, data_dir);
  }
  const auto outcome = take(std::move(r));
  return urbanmine::report::passport_read_json(outcome.files, outcome.aggregate);
}

}  // namespace

PYBIND11_MODULE(_urbanmine, m) {
  m.doc() = "urbanmine engine (use the `urbanmine` package, not this module)";
  py::class_<Run>(m, "Run")
      .def("table_names", &Run::table_names)
      .def("findings_in", &Run::findings_in, py::arg("lang"))
      .def("report_html", &Run::report_html, py::arg("lang"))
      .def("write_xlsx", &Run::write_xlsx, py::arg("path"), py::arg("lang"))
      .def(
          "table",
          [](const py::object& self, const std::string& name) {
            return self.cast<const Run&>().table(name, self);
          },
          py::arg("name"))
      .def("records", &Run::records)
      .def("cooperation", &Run::cooperation, py::arg("data_dir"), py::arg("rules_path"),
           py::arg("weights"), py::arg("market_year"), py::arg("policy_year"))
      .def("dealsheets", &Run::dealsheets, py::arg("instance_json"), py::arg("schedule_json"),
           py::arg("years"), py::arg("language"), py::arg("data_dir"), py::arg("html_for"))
      .def("plan", &Run::plan, py::arg("objective"), py::arg("first_year"), py::arg("last_year"),
           py::arg("sites"), py::arg("discount_rate"), py::arg("max_builds"),
           py::arg("co2_price_usd_per_t"), py::arg("co2_cap_t"), py::arg("pareto"),
           py::arg("gap"), py::arg("time_limit_seconds"), py::arg("data_dir"))
      .def("source", &Run::source, py::arg("makers"), py::arg("years"), py::arg("suppliers"),
           py::arg("objective"), py::arg("data_dir"))
      .def("findings", &Run::findings)
      .def("balance", &Run::balance)
      .def("meta", &Run::meta);
  m.def("run", &run, py::arg("path"), py::arg("toml_text"), py::arg("source"), py::arg("data_dir"));
  m.def("solve_dsm_arrays", &solve_dsm_arrays, py::arg("json_text"), py::arg("source"));
  m.def(
      "scenario_toml_from_json",
      [](const std::string& json_text, const std::string& source) {
        return take(urbanmine::io::scenario_toml_from_json(json_text, source));
      },
      py::arg("json_text"), py::arg("source"));
  m.def("plant_balance", &plant_balance, py::arg("json_text"), py::arg("data_dir"));
  m.def("plant_infer", &plant_infer, py::arg("json_text"), py::arg("data_dir"));
  m.def("match_schedule", &match_schedule, py::arg("instance_json"), py::arg("time_limit_seconds"),
        py::arg("seed"), py::arg("threads"));
  m.def("match_check", &match_check, py::arg("instance_json"), py::arg("schedule_json"));
  m.def("risk_hhi", &risk_hhi, py::arg("element"), py::arg("year"), py::arg("stage"),
        py::arg("convention"), py::arg("data_dir"));
  m.def("risk_disruption", &risk_disruption, py::arg("run").none(true), py::arg("element"),
        py::arg("year"), py::arg("drop"), py::arg("top"), py::arg("export_quotas"),
        py::arg("region"), py::arg("data_dir"));
  m.def("passport_read", &passport_read, py::arg("path"), py::arg("data_dir"));
  m.def("version", [] { return std::string(urbanmine::core::version()); });
}
