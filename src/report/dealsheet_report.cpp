// SPDX-License-Identifier: Apache-2.0
// Deal sheets as JSON and printable HTML, in English or Korean (dealsheet_report.h).
#include "report/dealsheet_report.h"

#include <algorithm>
#include <cmath>
#include <iterator>
#include <map>
#include <set>

#include "io/run_writers.h"

#include "report/html.h"
#include "report/messages.h"

namespace urbanmine::report {

namespace {

using results::DealCountry;
using results::DealSheet;
using results::DealSheets;

// Every word a deal sheet prints, per language.
struct Words {
  std::string_view lang;
  std::string_view title_all;
  std::string_view title_one;
  std::string_view run;
  std::string_view table;
  std::string_view why;
  std::string_view fit;
  std::string_view weight;
  std::string_view materials;
  std::string_view processes;
  std::string_view target_country;  // {country} {k}
  std::string_view seeks_offers;    // {seeker} {offerer} {items}
  std::string_view request;         // {id} {priority}
  std::string_view figures_of;      // {name} {code}
  std::string_view residual_note;   // {code} {name}
  std::string_view organisation_note;
  std::string_view no_figures;
  std::string_view year;
  std::string_view waste_gwh;
  std::string_view waste_metal;
  std::string_view collected;
  std::string_view capacity;
  std::string_view surplus;
  std::string_view stranded;
  std::string_view recovered_li;
  std::string_view value_usd;
  std::string_view by_chemistry;  // {year}
  std::string_view chemistry;
  std::string_view gwh;
  std::string_view shipping;  // {a} {b}
  std::string_view open;
  std::string_view closed;
  std::string_view shipped;
  std::string_view policies;  // {n} {fail} {pass} {other}
  std::string_view not_evaluable;
  std::string_view rule;
  std::string_view metric;
  std::string_view element;
  std::string_view status;
  std::string_view value;
  std::string_view threshold;
  std::string_view legal;
  std::string_view market;  // {code} {rank} {score}
  std::string_view prices;
  std::string_view notes;
  std::string_view no_meetings;
  std::string_view pass;
  std::string_view fail;
};

// The words of one language, from the message catalogue (report/messages_dealsheet.cpp).
Words words_of(Language language) {
  const auto text = [language](std::string_view key) -> std::string_view {
    const Message* m = find_message(key);
    if (m == nullptr) return key;  // a missing entry is a bug the catalogue test catches
    return language == Language::kKorean ? m->ko : m->en;
  };
  Words w{};
  w.lang = language_code(language);
  w.title_all = text("dealsheet.title_all");
  w.title_one = text("dealsheet.title_one");
  w.run = text("dealsheet.run");
  w.table = text("dealsheet.table");
  w.why = text("dealsheet.why");
  w.fit = text("dealsheet.fit");
  w.weight = text("dealsheet.weight");
  w.materials = text("dealsheet.materials");
  w.processes = text("dealsheet.processes");
  w.target_country = text("dealsheet.target_country");
  w.seeks_offers = text("dealsheet.seeks_offers");
  w.request = text("dealsheet.request");
  w.figures_of = text("dealsheet.figures_of");
  w.residual_note = text("dealsheet.residual_note");
  w.organisation_note = text("dealsheet.organisation_note");
  w.no_figures = text("dealsheet.no_figures");
  w.year = text("dealsheet.year");
  w.waste_gwh = text("dealsheet.waste_gwh");
  w.waste_metal = text("dealsheet.waste_metal");
  w.collected = text("dealsheet.collected");
  w.capacity = text("dealsheet.capacity");
  w.surplus = text("dealsheet.surplus");
  w.stranded = text("dealsheet.stranded");
  w.recovered_li = text("dealsheet.recovered_li");
  w.value_usd = text("dealsheet.value_usd");
  w.by_chemistry = text("dealsheet.by_chemistry");
  w.chemistry = text("dealsheet.chemistry");
  w.gwh = text("dealsheet.gwh");
  w.shipping = text("dealsheet.shipping");
  w.open = text("dealsheet.open");
  w.closed = text("dealsheet.closed");
  w.shipped = text("dealsheet.shipped");
  w.policies = text("dealsheet.policies");
  w.not_evaluable = text("dealsheet.not_evaluable");
  w.rule = text("dealsheet.rule");
  w.metric = text("dealsheet.metric");
  w.element = text("dealsheet.element");
  w.status = text("dealsheet.status");
  w.value = text("dealsheet.value");
  w.threshold = text("dealsheet.threshold");
  w.legal = text("dealsheet.legal");
  w.market = text("dealsheet.market");
  w.prices = text("dealsheet.prices");
  w.notes = text("dealsheet.notes");
  w.no_meetings = text("dealsheet.no_meetings");
  w.pass = text("dealsheet.pass");
  w.fail = text("dealsheet.fail");
  return w;
}

const Words& words_for(std::string_view language) {
  static const Words kEnglish = words_of(Language::kEnglish);
  static const Words kKorean = words_of(Language::kKorean);
  return language == "ko" ? kKorean : kEnglish;
}

std::string readable_list(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += ", ";
    std::string spaced = item;
    std::replace(spaced.begin(), spaced.end(), '_', ' ');
    out += spaced;
  }
  return out;
}

std::string party(std::string_view organisation, std::string_view id) {
  return organisation.empty() ? std::string(id)
                              : std::string(organisation) + " (" + std::string(id) + ")";
}

std::string reason_text(const results::FitReason& r, const DealSheet& s, const Words& w) {
  const std::string k = s.k_organisation.empty() ? s.k_id : s.k_organisation;
  const std::string f = s.f_organisation.empty() ? s.f_id : s.f_organisation;
  const std::string items = readable_list(r.items);
  if (r.kind == "materials") return fill(w.materials, {{"items", items}});
  if (r.kind == "processes") return fill(w.processes, {{"items", items}});
  if (r.kind == "target_country") return fill(w.target_country, {{"country", items}, {"k", k}});
  if (r.kind == "k_seeks_f_offers") {
    return fill(w.seeks_offers, {{"seeker", k}, {"offerer", f}, {"items", items}});
  }
  if (r.kind == "f_seeks_k_offers") {
    return fill(w.seeks_offers, {{"seeker", f}, {"offerer", k}, {"items", items}});
  }
  if (r.kind == "request" && r.items.size() == 2) {
    return fill(w.request, {{"id", r.items[0]}, {"priority", r.items[1]}});
  }
  return r.kind + ": " + items;
}

std::string tonnes(double v) { return format_thousands(v, 0); }

std::string country_block(const DealCountry& c, const DealSheets& all, const Words& w) {
  std::string h = "<h3>" +
                  html_escape(fill(w.figures_of, {{"name", c.region_name}, {"code", c.region}})) +
                  "</h3>\n";
  if (c.is_member_of_residual) {
    h += "<p class=\"note\">" +
         html_escape(fill(w.residual_note, {{"code", c.code}, {"name", c.region_name}})) + "</p>\n";
  }
  if (c.is_organisation) h += "<p class=\"note\">" + html_escape(w.organisation_note) + "</p>\n";
  if (!c.has_figures) return h + "<p>" + html_escape(w.no_figures) + "</p>\n";
  // Two tables that fit a printed page: the metal in waste batteries with its value, then what
  // collection, capacity and trade make of it.
  std::vector<std::string> metal = {std::string(w.year), std::string(w.waste_gwh)};
  for (const auto& e : all.elements) metal.push_back(e + ", t");
  metal.emplace_back(w.value_usd);
  std::vector<std::string> flow = {std::string(w.year)};
  for (auto col : {w.collected, w.capacity, w.surplus, w.stranded, w.recovered_li}) {
    flow.emplace_back(col);
  }
  std::vector<std::vector<std::string>> metal_rows;
  std::vector<std::vector<std::string>> flow_rows;
  for (const auto& y : c.years) {
    std::vector<std::string> row = {std::to_string(y.year), format_thousands(y.end_of_life_gwh, 1)};
    for (double t : y.waste_tonnes) row.push_back(tonnes(t));
    row.push_back(format_thousands(y.indicative_value_usd, 0));
    metal_rows.push_back(std::move(row));
    flow_rows.push_back({std::to_string(y.year), tonnes(y.collected_battery_t),
                         tonnes(y.recycling_capacity_t), tonnes(y.feedstock_surplus_t),
                         tonnes(y.feedstock_stranded_t), tonnes(y.recovered_li_t)});
  }
  std::vector<bool> metal_numeric(metal.size(), true);
  metal_numeric[0] = false;
  std::vector<bool> flow_numeric(flow.size(), true);
  flow_numeric[0] = false;
  h += "<p class=\"meta\">" + html_escape(w.waste_metal) + "</p>\n" +
       html_table(metal, metal_rows, metal_numeric) + html_table(flow, flow_rows, flow_numeric);
  if (!c.years.empty()) {
    const auto& first = c.years.front();
    std::vector<std::string> ch = {std::string(w.chemistry), std::string(w.gwh)};
    for (const auto& e : all.elements) ch.push_back(e + ", t");
    std::vector<std::vector<std::string>> crow;
    // The five largest chemistries, then the rest summed (sheets are read on paper).
    constexpr std::size_t kShown = 5;
    results::ChemistryFigures rest;
    rest.element_tonnes.assign(all.elements.size(), 0.0);
    for (std::size_t i = 0; i < first.chemistries.size(); ++i) {
      const auto& chem = first.chemistries[i];
      if (i >= kShown) {
        rest.end_of_life_gwh += chem.end_of_life_gwh;
        for (std::size_t e = 0; e < rest.element_tonnes.size() && e < chem.element_tonnes.size();
             ++e) {
          rest.element_tonnes[e] += chem.element_tonnes[e];
        }
        rest.chemistry += (rest.chemistry.empty() ? "" : ", ") + chem.chemistry;
        continue;
      }
      std::vector<std::string> row = {chem.chemistry, format_thousands(chem.end_of_life_gwh, 2)};
      for (double t : chem.element_tonnes) row.push_back(tonnes(t));
      crow.push_back(std::move(row));
    }
    if (!rest.chemistry.empty()) {
      std::vector<std::string> row = {rest.chemistry, format_thousands(rest.end_of_life_gwh, 2)};
      for (double t : rest.element_tonnes) row.push_back(tonnes(t));
      crow.push_back(std::move(row));
    }
    std::vector<bool> cnum(ch.size(), true);
    cnum[0] = false;
    h += "<h4>" + html_escape(fill(w.by_chemistry, {{"year", std::to_string(first.year)}})) +
         "</h4>\n" + html_table(ch, crow, cnum);
  }
  if (c.market_rank > 0) {
    h += "<p>" +
         html_escape(fill(w.market, {{"code", c.region},
                                     {"rank", std::to_string(c.market_rank)},
                                     {"score", format_thousands(c.market_score, 2)}})) +
         "</p>\n";
  }
  // Policy rules: failing and passing ones in a table, one row per rule and status (its
  // elements and values listed together), their legal references once below; the rest by id.
  int fail = 0;
  int pass = 0;
  int other = 0;
  struct Row {
    std::string rule, metric, year, status, threshold;
    std::vector<std::string> elements;
    std::vector<double> values;
  };
  std::vector<Row> prow;
  std::vector<std::pair<std::string, std::string>> references;  // rule id, legal reference
  std::vector<std::string> not_evaluable;
  auto percent = [](double f) { return format_thousands(f * 100.0, 1) + " %"; };
  for (const auto& p : c.policies) {
    if (p.status == "fail" || p.status == "pass") {
      (p.status == "fail" ? fail : pass) += 1;
      const std::string status(p.status == "fail" ? w.fail : w.pass);
      const std::string threshold = p.comparator + " " + percent(p.threshold_fraction);
      auto it = std::find_if(prow.begin(), prow.end(), [&](const Row& r) {
        return r.rule == p.rule_id && r.status == status && r.threshold == threshold;
      });
      if (it == prow.end()) {
        prow.push_back({p.rule_id,
                        p.metric,
                        p.year > 0 ? std::to_string(p.year) : "",
                        status,
                        threshold,
                        {},
                        {}});
        it = std::prev(prow.end());
      }
      it->elements.push_back(p.element);
      if (p.has_value) it->values.push_back(p.value_fraction);
      if (std::none_of(references.begin(), references.end(),
                       [&](const auto& r) { return r.first == p.rule_id; })) {
        references.emplace_back(p.rule_id, p.legal_reference);
      }
    } else {
      ++other;
      const std::string id = p.rule_id + " " + p.metric;
      if (std::find(not_evaluable.begin(), not_evaluable.end(), id) == not_evaluable.end()) {
        not_evaluable.push_back(id);
      }
    }
  }
  if (!c.policies.empty()) {
    h += "<h4>" +
         html_escape(fill(w.policies, {{"n", std::to_string(c.policies.size())},
                                       {"fail", std::to_string(fail)},
                                       {"pass", std::to_string(pass)},
                                       {"other", std::to_string(other)}})) +
         "</h4>\n";
    if (!prow.empty()) {
      std::vector<std::vector<std::string>> rows;
      for (const auto& r : prow) {
        std::string elements;
        for (std::size_t i = 0; i < r.elements.size(); ++i) {
          elements += (i == 0 ? "" : ", ") + r.elements[i];
        }
        // One value, or the range over the rule's elements.
        std::string values;
        if (!r.values.empty()) {
          const auto [lo, hi] = std::minmax_element(r.values.begin(), r.values.end());
          values =
              *lo == *hi ? percent(*lo) : format_thousands(*lo * 100.0, 1) + "–" + percent(*hi);
        }
        rows.push_back({r.rule, r.metric, elements, r.year, r.status, values, r.threshold});
      }
      h += html_table(
          {std::string(w.rule), std::string(w.metric), std::string(w.element), std::string(w.year),
           std::string(w.status), std::string(w.value), std::string(w.threshold)},
          rows, {false, false, false, false, false, true, true});
      std::string refs;
      for (const auto& [rule, ref] : references) {
        refs += (refs.empty() ? "" : "; ") + rule + ": " + ref;
      }
      h += "<p class=\"meta\">" + html_escape(w.legal) + ": " + html_escape(refs) + "</p>\n";
    }
    if (!not_evaluable.empty()) {
      std::string list;
      for (const auto& id : not_evaluable) list += (list.empty() ? "" : "; ") + id;
      h +=
          "<p class=\"meta\">" + html_escape(w.not_evaluable) + ": " + html_escape(list) + "</p>\n";
    }
  }
  return h;
}

std::string sheet_html(const DealSheet& s, const DealSheets& all, const Words& w) {
  std::string h = "<section class=\"sheet\">\n<h2>" +
                  html_escape(s.start + "–" + s.end + " · " + std::string(w.table) + " " +
                              std::to_string(s.table) + " · " + party(s.k_organisation, s.k_id) +
                              " × " + party(s.f_organisation, s.f_id)) +
                  "</h2>\n";
  h += "<h3>" + html_escape(w.why) + "</h3>\n<ul>\n";
  for (const auto& r : s.reasons) h += "<li>" + html_escape(reason_text(r, s, w)) + "</li>\n";
  h += "</ul>\n<p class=\"meta\">" + html_escape(w.fit) + " " + std::to_string(s.fit) + " · " +
       html_escape(w.weight) + " " + std::to_string(s.weight) + "</p>\n";
  h += country_block(s.f_country, all, w);
  if (s.k_country.region != s.f_country.region) h += country_block(s.k_country, all, w);
  if (!s.lanes.empty()) {
    const std::string a = s.k_country.region;
    const std::string b = s.f_country.region;
    h += "<h4>" + html_escape(fill(w.shipping, {{"a", a}, {"b", b}})) + "</h4>\n";
    std::vector<std::vector<std::string>> rows;
    auto cell = [&](const results::ShippingLane& l) {
      std::string text = std::string(l.open ? w.open : w.closed);
      if (!l.open) text += ": " + l.legal_reference;
      if (l.shipped_t > 0.0)
        text += " · " + std::string(w.shipped) + " " + tonnes(l.shipped_t) + " t";
      return text;
    };
    // Consecutive sheet years that read the same share one row ("2030–2040").
    int from_year = 0;
    for (std::size_t i = 0; i + 1 < s.lanes.size(); i += 2) {
      const std::string out = cell(s.lanes[i]);
      const std::string back = cell(s.lanes[i + 1]);
      if (!rows.empty() && rows.back()[1] == out && rows.back()[2] == back) {
        rows.back()[0] = std::to_string(from_year) + "–" + std::to_string(s.lanes[i].year);
        continue;
      }
      from_year = s.lanes[i].year;
      rows.push_back({std::to_string(from_year), out, back});
    }
    h += html_table({std::string(w.year), a + " → " + b, b + " → " + a}, rows, {});
  }
  return h + "</section>\n";
}

std::string footer_html(const DealSheets& all, const Words& w) {
  std::string h = "<section class=\"notes\">\n<h2>" + html_escape(w.prices) + "</h2>\n";
  std::vector<std::vector<std::string>> rows;
  for (const auto& p : all.prices) {
    rows.push_back({p.element, format_thousands(p.usd_per_t, 0), std::to_string(p.year), p.source});
  }
  h += html_table({"element", "usd_per_t", "year", "source"}, rows, {false, true, false, false});
  h += "<h2>" + html_escape(w.notes) + "</h2>\n<ul>\n";
  for (const auto& n : all.notes) h += "<li>" + html_escape(n) + "</li>\n";
  return h + "</ul>\n</section>\n";
}

constexpr std::string_view kPrintCss =
    "<style>\n.sheet h2 { border-top: 3px solid #4e79a7; }\n.note { color: #7a4a00; }\n"
    "h4 { font-size: 14px; margin: 12px 0 4px; }\n.sheet table { font-size: 12px; }\n"
    "@media print { .sheet { break-before: page; } main { padding: 0; max-width: none; }\n"
    "  body { background: #fff; font-size: 11px; } table { font-size: 10px; } }\n</style>\n";

std::string file_safe(std::string_view id) {
  std::string out;
  for (char c : id) {
    const bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                    c == '-' || c == '_' || c == '.';
    out += ok ? c : '_';
  }
  return out.empty() ? "_" : out;
}

void write_country(io::JsonWriter& j, const DealCountry& c, const DealSheets& all) {
  j.begin_object();
  j.key("code").value(c.code);
  j.key("region").value(c.region);
  j.key("region_name").value(c.region_name);
  j.key("member_of_residual").value(c.is_member_of_residual);
  j.key("organisation").value(c.is_organisation);
  j.key("has_figures").value(c.has_figures);
  j.key("years").begin_array();
  for (const auto& y : c.years) {
    j.begin_object();
    j.key("year").value(y.year);
    j.key("end_of_life_gwh").value(y.end_of_life_gwh);
    j.key("waste_tonnes").begin_object();
    for (std::size_t e = 0; e < all.elements.size() && e < y.waste_tonnes.size(); ++e) {
      j.key(all.elements[e]).value(y.waste_tonnes[e]);
    }
    j.end_object();
    j.key("collected_battery_tonnes").value(y.collected_battery_t);
    j.key("recycling_capacity_tonnes").value(y.recycling_capacity_t);
    j.key("feedstock_surplus_tonnes").value(y.feedstock_surplus_t);
    j.key("feedstock_stranded_tonnes").value(y.feedstock_stranded_t);
    j.key("recovered_li_tonnes").value(y.recovered_li_t);
    j.key("indicative_value_usd").value(y.indicative_value_usd);
    j.key("chemistries").begin_array();
    for (const auto& ch : y.chemistries) {
      j.begin_object();
      j.key("chemistry").value(ch.chemistry);
      j.key("end_of_life_gwh").value(ch.end_of_life_gwh);
      j.key("end_of_life_tonnes").begin_object();
      for (std::size_t e = 0; e < all.elements.size() && e < ch.element_tonnes.size(); ++e) {
        j.key(all.elements[e]).value(ch.element_tonnes[e]);
      }
      j.end_object();
      j.end_object();
    }
    j.end_array();
    j.end_object();
  }
  j.end_array();
  j.key("policies").begin_array();
  for (const auto& p : c.policies) {
    j.begin_object();
    j.key("rule_id").value(p.rule_id);
    j.key("metric").value(p.metric);
    j.key("element").value(p.element);
    j.key("year").value(p.year);
    j.key("status").value(p.status);
    j.key("comparator").value(p.comparator);
    j.key("threshold_fraction").value(p.threshold_fraction);
    j.key("value_fraction");
    if (p.has_value) {
      j.value(p.value_fraction);
    } else {
      j.null();
    }
    j.key("legal_reference").value(p.legal_reference);
    j.end_object();
  }
  j.end_array();
  j.key("market_rank").value(c.market_rank);
  j.key("market_score").value(c.market_score);
  j.end_object();
}

}  // namespace

core::Status check_dealsheet_language(std::string_view language, std::string_view where) {
  if (language == "en" || language == "ko") return {};
  return core::Error::invalid_input("language '" + std::string(language) + "' is not en or ko",
                                    std::string(where), "give en (English) or ko (Korean)");
}

std::string dealsheets_json(const DealSheets& sheets) {
  io::JsonWriter j;
  j.begin_object();
  j.key("format").value("urbanmine-dealsheets/2");
  j.key("event").begin_object();
  j.key("name").value(sheets.event_name);
  j.key("date").value(sheets.event_date);
  j.key("title").value(sheets.event_title);
  j.end_object();
  j.key("run").begin_object();
  j.key("label").value(sheets.run_label);
  j.key("source").value(sheets.run_source);
  j.end_object();
  j.key("years").begin_array();
  for (int y : sheets.years) j.value(y);
  j.end_array();
  j.key("elements").begin_array();
  for (const auto& e : sheets.elements) j.value(e);
  j.end_array();
  j.key("prices").begin_array();
  for (const auto& p : sheets.prices) {
    j.begin_object();
    j.key("element").value(p.element);
    j.key("usd_per_t").value(p.usd_per_t);
    j.key("year").value(p.year);
    j.key("source").value(p.source);
    j.end_object();
  }
  j.end_array();
  j.key("meetings").begin_array();
  for (const auto& s : sheets.sheets) {
    j.begin_object();
    j.key("slot").value(s.slot);
    j.key("start").value(s.start);
    j.key("end").value(s.end);
    j.key("table").value(s.table);
    j.key("k").value(s.k_id);
    j.key("k_organisation").value(s.k_organisation);
    j.key("f").value(s.f_id);
    j.key("f_organisation").value(s.f_organisation);
    j.key("fit").value(s.fit);
    j.key("weight").value(s.weight);
    j.key("reasons").begin_array();
    for (const auto& r : s.reasons) {
      j.begin_object();
      j.key("kind").value(r.kind);
      j.key("items").begin_array();
      for (const auto& i : r.items) j.value(i);
      j.end_array();
      j.key("text").value(reason_text(r, s, words_for("en")));
      j.end_object();
    }
    j.end_array();
    j.key("k_country");
    write_country(j, s.k_country, sheets);
    j.key("f_country");
    write_country(j, s.f_country, sheets);
    j.key("shipping").begin_array();
    for (const auto& l : s.lanes) {
      j.begin_object();
      j.key("origin").value(l.origin);
      j.key("destination").value(l.destination);
      j.key("year").value(l.year);
      j.key("open").value(l.open);
      j.key("legal_reference").value(l.legal_reference);
      j.key("shipped_tonnes").value(l.shipped_t);
      j.end_object();
    }
    j.end_array();
    j.end_object();
  }
  j.end_array();
  j.key("notes").begin_array();
  for (const auto& n : sheets.notes) j.value(n);
  j.end_array();
  j.end_object();
  return j.str() + "\n";
}

std::string dealsheets_html(const DealSheets& sheets, std::string_view language,
                            std::string_view participant_id) {
  const Words& w = words_for(language);
  const bool one = !participant_id.empty();
  std::string title = std::string(one ? w.title_one : w.title_all);
  std::string event = sheets.event_title.empty() ? sheets.event_name : sheets.event_title;
  if (!sheets.event_date.empty()) event += ", " + sheets.event_date;
  std::string body =
      std::string(kPrintCss) + "<header class=\"top\"><h1>" +
      html_escape(title + (one ? " · " + std::string(participant_id) : "")) +
      "</h1>\n<p class=\"meta\">" + html_escape(event) + " · " + html_escape(w.run) + ": " +
      html_escape(sheets.run_label +
                  (sheets.run_source.empty() ? "" : " (" + sheets.run_source + ")")) +
      "</p></header>\n";
  std::size_t shown = 0;
  for (const auto& s : sheets.sheets) {
    if (one && s.k_id != participant_id && s.f_id != participant_id) continue;
    body += sheet_html(s, sheets, w);
    ++shown;
  }
  if (shown == 0) body += "<p>" + html_escape(w.no_meetings) + "</p>\n";
  body += footer_html(sheets, w);
  std::string page = html_page(title, body);
  if (w.lang != "en") {
    const std::string from = "<html lang=\"en\">";
    if (auto at = page.find(from); at != std::string::npos) {
      page.replace(at, from.size(), "<html lang=\"" + std::string(w.lang) + "\">");
    }
  }
  return page;
}

std::vector<DealSheetFile> dealsheet_files(const DealSheets& sheets, std::string_view language) {
  std::vector<DealSheetFile> files;
  files.push_back({"dealsheets.json", dealsheets_json(sheets)});
  files.push_back({"dealsheets.html", dealsheets_html(sheets, language)});
  std::set<std::string> ids;
  for (const auto& s : sheets.sheets) {
    ids.insert(s.k_id);
    ids.insert(s.f_id);
  }
  std::set<std::string> names;  // two ids with the same safe spelling get "~2", "~3", ...
  for (const auto& id : ids) {
    std::string name = file_safe(id);
    for (int n = 2; names.count(name) != 0; ++n) name = file_safe(id) + "~" + std::to_string(n);
    names.insert(name);
    files.push_back({name + ".html", dealsheets_html(sheets, language, id)});
  }
  return files;
}

}  // namespace urbanmine::report
