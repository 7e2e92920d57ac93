// SPDX-License-Identifier: Apache-2.0
// mc_summary.csv and mc_summary.json (uncertainty_writers.h).
#include "io/uncertainty_writers.h"

#include <cmath>
#include <cstdio>
#include <filesystem>

#include <nlohmann/json.hpp>

#include "io/csv.h"
#include "io/files.h"
#include "io/json_reader.h"

namespace urbanmine::io {

namespace {

std::string g17(double v) {
  if (v == 0.0) return "0";  // one spelling for +0 and -0
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", v);
  return buf;
}

// A number for JSON: finite values as they are, others as null.
nlohmann::json jnum(double v) {
  if (!std::isfinite(v)) return nullptr;
  return v == 0.0 ? 0.0 : v;
}

const char* kDims[] = {"region", "element", "year"};

}  // namespace

std::string mc_summary_csv(const uncertainty::McSummary& s) {
  std::string out = "table,value_column,region,element,year,draws,mean,mean_se";
  for (const char* p : uncertainty::kPercentileNames) {
    out += std::string(",") + p + "," + p + "_se";
  }
  out += "\n";
  for (const auto& t : s.tables) {
    for (std::size_t c = 0; c < t.cells.size(); ++c) {
      out += csv_escape(t.name) + "," + t.value_column;
      for (const char* dim : kDims) {
        out += ",";
        for (std::size_t d = 0; d < t.dims.size(); ++d) {
          if (t.dims[d] == dim) out += csv_escape(t.labels[c][d]);
        }
      }
      const auto& m = t.cells[c];
      out += "," + std::to_string(m.draws) + "," + g17(m.mean) + "," + g17(m.mean_se);
      for (std::size_t i = 0; i < m.percentile.size(); ++i) {
        out += "," + g17(m.percentile[i]) + "," + g17(m.percentile_se[i]);
      }
      out += "\n";
    }
  }
  return out;
}

std::string mc_summary_json(const uncertainty::McSummary& s) {
  nlohmann::json j;
  j["format"] = "urbanmine-mc/1";
  j["scenario"] = s.scenario_name;
  j["scenario_path"] = s.scenario_path;
  if (!s.compare_name.empty()) {
    j["compare"] = s.compare_name;
    j["difference"] = "compare minus scenario, draw by draw (common random numbers)";
  }
  j["seed"] = s.seed;
  j["draws_requested"] = s.draws_requested;
  j["draws_ok"] = s.draws_ok;
  j["percentiles"] = uncertainty::kPercentiles;
  j["statistics"] =
      "exact percentiles (type 7) over all successful draws; mean_se = sd/sqrt(n); "
      "percentile se from the distribution-free 95% order-statistic interval / (2 x 1.96)";
  nlohmann::json inputs = nlohmann::json::array();
  for (const auto& in : s.inputs) {
    const auto& d = in.distribution;
    nlohmann::json e;
    e["name"] = in.name;
    e["distribution"] = uncertainty::distribution_kind_code(d.kind);
    switch (d.kind) {
      case uncertainty::DistributionKind::kNormal:
      case uncertainty::DistributionKind::kLogNormal:
        e["mean"] = d.mean;
        e["sd"] = d.sd;
        if (std::isfinite(d.lower)) e["lower"] = d.lower;
        if (std::isfinite(d.upper)) e["upper"] = d.upper;
        break;
      case uncertainty::DistributionKind::kTriangular:
        e["lower"] = d.lower;
        e["mode"] = d.mode;
        e["upper"] = d.upper;
        break;
      case uncertainty::DistributionKind::kUniform:
        e["lower"] = d.lower;
        e["upper"] = d.upper;
        break;
      case uncertainty::DistributionKind::kBeta:
        e["alpha"] = d.alpha;
        e["beta"] = d.beta;
        e["lower"] = d.support_lower();
        e["upper"] = d.support_upper();
        break;
      case uncertainty::DistributionKind::kChoice:
        e["options"] = d.options;
        e["weights"] = d.weights;
        break;
    }
    e["source"] = in.source;
    inputs.push_back(std::move(e));
  }
  j["inputs"] = std::move(inputs);
  nlohmann::json corr = nlohmann::json::array();
  for (const auto& c : s.correlations) {
    corr.push_back({{"inputs", {c.first, c.second}}, {"rank_correlation", c.spearman}});
  }
  j["correlations"] = std::move(corr);
  nlohmann::json failures = nlohmann::json::array();
  for (const auto& f : s.failures) {
    nlohmann::json e = {{"draw", f.draw}, {"message", f.message}};
    if (!f.input.empty()) {
      e["input"] = f.input;
      e["value"] = jnum(f.value);
    }
    failures.push_back(std::move(e));
  }
  j["failed_draws"] = std::move(failures);
  nlohmann::json tables = nlohmann::json::array();
  for (const auto& t : s.tables) {
    nlohmann::json jt;
    jt["name"] = t.name;
    jt["value_column"] = t.value_column;
    jt["description"] = t.description;
    jt["dims"] = t.dims;
    nlohmann::json rows = nlohmann::json::array();
    for (std::size_t c = 0; c < t.cells.size(); ++c) {
      const auto& m = t.cells[c];
      nlohmann::json r;
      r["at"] = t.labels[c];
      r["mean"] = jnum(m.mean);
      r["mean_se"] = jnum(m.mean_se);
      for (std::size_t i = 0; i < m.percentile.size(); ++i) {
        r[uncertainty::kPercentileNames[i]] = jnum(m.percentile[i]);
        r[std::string(uncertainty::kPercentileNames[i]) + "_se"] = jnum(m.percentile_se[i]);
      }
      rows.push_back(std::move(r));
    }
    jt["rows"] = std::move(rows);
    tables.push_back(std::move(jt));
  }
  j["tables"] = std::move(tables);
  return dump_json(j, 1) + "\n";
}

core::Status write_mc_summary(const uncertainty::McSummary& summary, const std::string& dir) {
  std::error_code ec;
  std::filesystem::create_directories(dir, ec);
  if (ec) {
    return core::Error::io("cannot create output folder: " + ec.message(), dir,
                           "check the path and permissions");
  }
  if (auto st = write_file_atomic(dir + "/mc_summary.csv", mc_summary_csv(summary)); !st) {
    return st;
  }
  return write_file_atomic(dir + "/mc_summary.json", mc_summary_json(summary));
}

}  // namespace urbanmine::io

namespace urbanmine::io {

std::string sensitivity_csv(const uncertainty::SensitivityReport& r) {
  const bool sobol = r.method == "sobol";
  if (r.method == "tornado") {
    std::string out = "method,output,input,central,at_p5,at_p95,swing\n";
    for (const auto& row : r.rows) {
      out += r.method + "," + csv_escape(row.output) + "," + csv_escape(row.input) + "," +
             g17(row.mu) + "," + g17(row.first.lower) + "," + g17(row.first.upper) + "," +
             g17(row.first.estimate) + "\n";
    }
    return out;
  }
  std::string out = sobol ? "method,output,input,s1,s1_low,s1_high,st,st_low,st_high\n"
                          : "method,output,input,mu_star,mu_star_low,mu_star_high,sigma,mu\n";
  for (const auto& row : r.rows) {
    out += r.method + "," + csv_escape(row.output) + "," + csv_escape(row.input) + "," +
           g17(row.first.estimate) + "," + g17(row.first.lower) + "," + g17(row.first.upper) + "," +
           g17(row.second.estimate);
    if (sobol) {
      out += "," + g17(row.second.lower) + "," + g17(row.second.upper);
    } else {
      out += "," + g17(row.mu);
    }
    out += "\n";
  }
  return out;
}

}  // namespace urbanmine::io

namespace urbanmine::io {

std::string sweep_csv(const uncertainty::SweepReport& r) {
  std::string out = "variant,scenario";
  for (const auto& a : r.axis_inputs) out += "," + csv_escape(a);
  out += ",output,draws,mean,mean_se,p5,p50,p95\n";
  for (const auto& row : r.rows) {
    out += std::to_string(row.variant) + "," + csv_escape(row.scenario);
    for (const double v : row.axis_values) {
      char buf[32];
      std::snprintf(buf, sizeof buf, "%.15g", v);  // axis values as the user wrote them
      out += std::string(",") + buf;
    }
    const auto& m = row.summary;
    out += "," + csv_escape(row.output) + "," + std::to_string(m.draws) + "," + g17(m.mean) + "," +
           g17(m.mean_se) + "," + g17(m.percentile[0]) + "," + g17(m.percentile[2]) + "," +
           g17(m.percentile[4]) + "\n";
  }
  return out;
}

}  // namespace urbanmine::io
