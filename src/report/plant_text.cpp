// SPDX-License-Identifier: Apache-2.0
// The plant model's answers as text, CSV and JSON (see plant_text.h).
#include "report/plant_text.h"

#include <algorithm>
#include <cstdio>
#include <utility>

#include "io/csv.h"
#include "io/plant_data.h"

namespace urbanmine::report {
namespace {

// A value that rounds to zero prints as 0, never as "-0.0" (a residual of -1e-12 t).
std::string num(double v, int decimals = 3) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  std::string text = buf;
  if (text.front() == '-' && text.find_first_not_of("-0.") == std::string::npos) text.erase(0, 1);
  return text;
}

std::string opt_num(const std::optional<double>& v, int decimals = 3) {
  return v ? num(*v, decimals) : std::string("n/a");
}

std::string money(const std::optional<core::Money>& m) {
  if (!m) return "not evaluable";
  return num(m->amount, 0) + " " + m->currency + " (" + std::to_string(m->price_year) + ")";
}

// A plain text table: first column left-aligned, the rest right-aligned.
class TextTable {
 public:
  explicit TextTable(std::vector<std::string> header) : rows_{std::move(header)} {}
  void add(std::vector<std::string> row) { rows_.push_back(std::move(row)); }
  std::string render() const {
    std::vector<std::size_t> width(rows_.front().size(), 0);
    for (const auto& r : rows_) {
      for (std::size_t c = 0; c < r.size(); ++c) width[c] = std::max(width[c], r[c].size());
    }
    std::string out;
    for (const auto& r : rows_) {
      std::string line;
      for (std::size_t c = 0; c < r.size(); ++c) {
        const std::string pad(width[c] - r[c].size(), ' ');
        line += c == 0 ? r[c] + pad : "  " + pad + r[c];
      }
      out += "  " + line + "\n";
    }
    return out;
  }

 private:
  std::vector<std::vector<std::string>> rows_;
};

class CsvOut {
 public:
  CsvOut() { text_ = "section,item,field,value,unit,note\n"; }
  void add(const std::string& section, const std::string& item, const std::string& field,
           const std::string& value, const std::string& unit, const std::string& note = "") {
    text_ += io::csv_escape(section) + "," + io::csv_escape(item) + "," + io::csv_escape(field) +
             "," + io::csv_escape(value) + "," + io::csv_escape(unit) + "," + io::csv_escape(note) +
             "\n";
  }
  void add_num(const std::string& section, const std::string& item, const std::string& field,
               const std::optional<double>& value, const std::string& unit,
               const std::string& note = "") {
    char buf[64];
    if (value) std::snprintf(buf, sizeof buf, "%.10g", *value);
    add(section, item, field, value ? buf : "", unit, note);
  }
  const std::string& text() const { return text_; }

 private:
  std::string text_;
};

}  // namespace

std::string plant_balance_json(const std::string& name, const plant::PlantBalance& balance) {
  return io::plant_balance_json(name, balance);
}

std::string plant_balance_table(const std::string& name, const plant::PlantBalance& balance) {
  const plant::PlantBalance& b = balance;
  std::string out = "Plant balance: " + name + "\n";
  out += "  route " + std::string(plant::route_code(b.route)) + ", feed " + num(b.feed_t) + " t";
  if (b.feed_kwh) out += " (" + num(*b.feed_kwh, 0) + " kWh)";
  out += ", black mass " + num(b.black_mass_t) + " t, mass balance residual " +
         num(b.max_balance_residual_t(), 12) + " t\n\nMaterial flows (t)\n";
  TextTable flows({"material", "feed_tonnes", "pretreat_loss_tonnes", "recovered_tonnes",
                   "in_powder_tonnes", "residue_tonnes", "recovery"});
  for (std::size_t i = 0; i < plant::kMaterialCount; ++i) {
    const auto& f = b.materials[i];
    if (!(f.feed_t > 0.0)) continue;
    flows.add({std::string(plant::material_code(plant::material_at(i))), num(f.feed_t),
               num(f.pretreatment_loss_t), num(f.recovered_t), num(f.in_cathode_powder_t),
               num(f.residue_t), opt_num(f.overall_recovery())});
  }
  out += flows.render() + "\nProducts\n";
  TextTable products(
      {"product", "contained_tonnes", "product_tonnes", "revenue", "avoided_co2e_tonnes"});
  for (const auto& p : b.products) {
    products.add({p.product, num(p.contained_t), opt_num(p.product_t), money(p.revenue),
                  opt_num(p.avoided_co2e_t)});
  }
  out += products.render() + "\nReagents and energy (EverBatt, per kg of battery x " +
         num(b.process_basis_t) + " t)\n";
  TextTable inputs({"input", "amount", "unit", "co2e_tonnes"});
  for (const auto& in : b.inputs) {
    inputs.add({in.name, num(in.amount, 0), in.unit, opt_num(in.co2e_t)});
  }
  out += inputs.render();
  out += "\nCO2e: avoided " + num(b.co2.avoided_t) + " t (primary production replaced), process " +
         num(b.co2.process_t) + " t" +
         (b.co2.process_complete
              ? ", net avoided " + num(b.co2.net_avoided_t()) + " t\n"
              : " from the reagents with a factor (others have none in co2_factors.csv), so at "
                "most " +
                    num(b.co2.net_avoided_t()) + " t net avoided\n");
  out += "\nEconomics\n";
  std::string revenue;
  for (const auto& m : b.economics.revenue_by_year) {
    revenue += (revenue.empty() ? "" : " + ") + money(m);
  }
  out += "  revenue: " + (revenue.empty() ? std::string("none priced") : revenue) + "\n";
  if (!b.economics.unpriced.empty()) {
    std::string list;
    for (const auto& u : b.economics.unpriced) list += (list.empty() ? "" : ", ") + u;
    out += "  unpriced products: " + list + "\n";
  }
  out += "  battery fee paid by the recycler: " + money(b.economics.feed_fee) + "\n";
  out += "  operating cost: " + money(b.economics.opex) + "\n";
  out += "  margin: " + money(b.economics.margin);
  if (b.economics.margin_usd_per_t_feed) {
    out += ", " + num(*b.economics.margin_usd_per_t_feed, 2) + " USD per t feed";
  }
  if (b.economics.margin_usd_per_kwh) {
    out += ", " + num(*b.economics.margin_usd_per_kwh, 4) + " USD per kWh";
  }
  out += "\n";
  if (!b.economics.margin_note.empty()) out += "  (" + b.economics.margin_note + ")\n";
  out += "\nEU Regulation 2023/1542 material recovery targets\n";
  TextTable targets({"material", "year", "target", "achieved", "status", "gap"});
  for (const auto& t : b.targets) {
    targets.add({std::string(plant::material_code(t.material)), std::to_string(t.year),
                 num(t.target_fraction, 2), opt_num(t.achieved_fraction),
                 t.achieved_fraction ? (t.pass ? "pass" : "FAIL") : "n/a (not in feed)",
                 t.achieved_fraction ? num(t.gap, 3) : ""});
  }
  out += targets.render();
  if (!b.notes.empty()) {
    out += "\nNotes\n";
    for (const auto& n : b.notes) out += "  - " + n + "\n";
  }
  return out;
}

std::string plant_balance_csv(const std::string& name, const plant::PlantBalance& balance) {
  const plant::PlantBalance& b = balance;
  CsvOut csv;
  csv.add("plant", name, "route", std::string(plant::route_code(b.route)), "");
  csv.add_num("plant", name, "feed", b.feed_t, "t");
  csv.add_num("plant", name, "feed_capacity", b.feed_kwh, "kWh");
  csv.add_num("plant", name, "black_mass", b.black_mass_t, "t");
  for (std::size_t i = 0; i < plant::kMaterialCount; ++i) {
    const auto& f = b.materials[i];
    if (!(f.feed_t > 0.0)) continue;
    const std::string m(plant::material_code(plant::material_at(i)));
    csv.add_num("material", m, "feed", f.feed_t, "t");
    csv.add_num("material", m, "pretreatment_loss", f.pretreatment_loss_t, "t");
    csv.add_num("material", m, "recovered", f.recovered_t, "t");
    csv.add_num("material", m, "in_cathode_powder", f.in_cathode_powder_t, "t");
    csv.add_num("material", m, "residue", f.residue_t, "t");
    csv.add_num("material", m, "overall_recovery", f.overall_recovery(), "fraction");
  }
  for (const auto& p : b.products) {
    csv.add_num("product", p.product, "contained", p.contained_t, "t", p.note);
    csv.add_num("product", p.product, "product", p.product_t, "t", p.formula);
    csv.add_num("product", p.product, "revenue",
                p.revenue ? std::optional<double>(p.revenue->amount) : std::nullopt,
                p.revenue ? "USD " + std::to_string(p.revenue->price_year) : "", p.price_source);
    csv.add_num("product", p.product, "avoided_co2e", p.avoided_co2e_t, "t", p.co2_source);
  }
  for (const auto& in : b.inputs) {
    csv.add_num("input", in.name, "amount", in.amount, in.unit, in.source);
    csv.add_num("input", in.name, "co2e", in.co2e_t, "t", in.co2_source);
  }
  csv.add_num("co2", "total", "avoided", b.co2.avoided_t, "t");
  csv.add_num("co2", "total", "process", b.co2.process_t, "t",
              b.co2.process_complete ? "" : "incomplete");
  for (const auto& m : b.economics.revenue_by_year) {
    csv.add_num("economics", "revenue", std::to_string(m.price_year), m.amount, m.currency);
  }
  auto money_row = [&](const std::string& item, const std::optional<core::Money>& m,
                       const std::string& note) {
    csv.add_num("economics", item, m ? std::to_string(m->price_year) : "",
                m ? std::optional<double>(m->amount) : std::nullopt, m ? m->currency : "", note);
  };
  money_row("battery_fee", b.economics.feed_fee, "");
  money_row("opex", b.economics.opex, "");
  money_row("margin", b.economics.margin, b.economics.margin_note);
  csv.add_num("economics", "margin_per_t_feed", "", b.economics.margin_usd_per_t_feed, "USD/t");
  csv.add_num("economics", "margin_per_kwh", "", b.economics.margin_usd_per_kwh, "USD/kWh");
  for (const auto& t : b.targets) {
    const std::string m(plant::material_code(t.material));
    csv.add_num("eu_target", m + " " + std::to_string(t.year), "target", t.target_fraction,
                "fraction", t.source);
    csv.add_num("eu_target", m + " " + std::to_string(t.year), "achieved", t.achieved_fraction,
                "fraction", t.achieved_fraction ? (t.pass ? "pass" : "fail") : "not applicable");
  }
  for (const auto& n : b.notes) csv.add("note", "", "", "", "", n);
  return csv.text();
}

std::string plant_infer_table(const plant::InferResult& r) {
  std::string out =
      std::string(r.mode == plant::InferMode::kFit ? "Feed that best explains the "
                                                     "stated output"
                                                   : "Least-cost feed for the target") +
      " (route " + std::string(plant::route_code(r.route)) + ")\n\n";
  TextTable feed({"candidate", "feed_tonnes", "min_tonnes", "max_tonnes", "cost"});
  for (const auto& c : r.candidates) {
    feed.add({c.label, num(c.feed_t, 1), num(c.min_t, 1), c.max_t ? num(*c.max_t, 1) : "unbounded",
              c.cost ? money(c.cost) : ""});
  }
  feed.add({"total", num(r.total_feed_t, 1), "", "", r.total_cost ? money(r.total_cost) : ""});
  out += feed.render() + "\n";
  TextTable outs({"element", r.mode == plant::InferMode::kFit ? "stated_tonnes" : "target_tonnes",
                  "modelled_tonnes", "residual_tonnes", "relative"});
  for (const auto& o : r.outputs) {
    outs.add({std::string(plant::material_code(o.material)), num(o.stated_t, 1),
              num(o.modelled_t, 1), num(o.residual_t, 1),
              o.relative_residual ? num(*o.relative_residual * 100.0, 2) + " %" : "n/a"});
  }
  out += outs.render() + "\n";
  if (!r.fit_quality.empty()) out += "Fit: " + r.fit_quality + "\n";
  out += r.explanation + "\n";
  return out;
}

std::string plant_infer_csv(const plant::InferResult& r) {
  CsvOut csv;
  for (const auto& c : r.candidates) {
    csv.add_num("feed", c.label, "feed", c.feed_t, "t");
    csv.add_num("feed", c.label, "min", c.min_t, "t");
    csv.add_num("feed", c.label, "max", c.max_t, "t", c.max_t ? "" : "unbounded");
  }
  for (const auto& o : r.outputs) {
    const std::string m(plant::material_code(o.material));
    csv.add_num("output", m, "stated", o.stated_t, "t");
    csv.add_num("output", m, "modelled", o.modelled_t, "t");
    csv.add_num("output", m, "residual", o.residual_t, "t");
    csv.add_num("output", m, "relative_residual", o.relative_residual, "fraction");
  }
  csv.add_num("summary", "total", "feed", r.total_feed_t, "t");
  csv.add("summary", "explanation", "", "", "", r.explanation);
  return csv.text();
}

std::string plant_infer_json(const plant::InferResult& result) {
  return io::plant_infer_json(result);
}

}  // namespace urbanmine::report
