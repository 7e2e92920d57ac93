// SPDX-License-Identifier: Apache-2.0
// Record tables as text for the command line: aligned table, JSON or CSV (see records_text.h).
#include "report/records_text.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <sstream>

#include "io/csv.h"

namespace urbanmine::report {
namespace {

using results::Cell;
using results::RecordTable;

std::string json_escape(const std::string& s) {
  std::string out;
  for (const char ch : s) {
    const auto c = static_cast<unsigned char>(ch);
    switch (ch) {
      case '"':
        out += "\\\"";
        break;
      case '\\':
        out += "\\\\";
        break;
      case '\n':
        out += "\\n";
        break;
      case '\t':
        out += "\\t";
        break;
      case '\r':
        out += "\\r";
        break;
      default:
        if (c < 0x20) {
          char buf[8];
          std::snprintf(buf, sizeof buf, "\\u%04x", c);
          out += buf;
        } else {
          out += ch;
        }
    }
  }
  return out;
}

std::string cell_text(const Cell& c) {
  switch (c.kind) {
    case Cell::Kind::kEmpty:
      return "";
    case Cell::Kind::kText:
      return c.text;
    case Cell::Kind::kNumber:
      return number_text(c.number);
  }
  return "";
}

}  // namespace

std::string number_text(double v) {
  if (!std::isfinite(v)) return "null";
  char buf[64];
  if (v == std::floor(v) && std::fabs(v) < 1e15) {
    std::snprintf(buf, sizeof buf, "%.0f", v);
  } else {
    std::snprintf(buf, sizeof buf, "%.10g", v);
  }
  return buf;
}

std::string short_number_text(double v) {
  char buf[64];
  if (v == std::floor(v) && std::fabs(v) < 1e15) {
    std::snprintf(buf, sizeof buf, "%.0f", v);
  } else {
    std::snprintf(buf, sizeof buf, "%.4g", v);
  }
  return buf;
}

std::string format_records(const std::vector<RecordTable>& tables, RecordFormat format) {
  std::ostringstream out;
  if (format == RecordFormat::kJson) {
    out << "{\"tables\":[";
    for (std::size_t t = 0; t < tables.size(); ++t) {
      const auto& table = tables[t];
      out << (t == 0 ? "" : ",") << "{\"name\":\"" << json_escape(table.name) << "\",\"title\":\""
          << json_escape(table.title) << "\",\"description\":\"" << json_escape(table.description)
          << "\",\"columns\":[";
      for (std::size_t c = 0; c < table.columns.size(); ++c) {
        out << (c == 0 ? "" : ",") << "\"" << json_escape(table.columns[c]) << "\"";
      }
      out << "],\"rows\":[";
      for (std::size_t r = 0; r < table.rows.size(); ++r) {
        out << (r == 0 ? "" : ",") << "{";
        for (std::size_t c = 0; c < table.columns.size(); ++c) {
          const Cell& cell_value = table.rows[r][c];
          out << (c == 0 ? "" : ",") << "\"" << json_escape(table.columns[c]) << "\":";
          switch (cell_value.kind) {
            case Cell::Kind::kEmpty:
              out << "null";
              break;
            case Cell::Kind::kText:
              out << "\"" << json_escape(cell_value.text) << "\"";
              break;
            case Cell::Kind::kNumber:
              out << number_text(cell_value.number);
              break;
          }
        }
        out << "}";
      }
      out << "]}";
    }
    out << "]}\n";
    return out.str();
  }
  if (format == RecordFormat::kCsv) {
    for (std::size_t t = 0; t < tables.size(); ++t) {
      const auto& table = tables[t];
      if (tables.size() > 1) out << (t == 0 ? "" : "\n") << "# " << table.name << "\n";
      for (std::size_t c = 0; c < table.columns.size(); ++c) {
        out << (c == 0 ? "" : ",") << io::csv_escape(table.columns[c]);
      }
      out << "\n";
      for (const auto& row : table.rows) {
        for (std::size_t c = 0; c < row.size(); ++c) {
          out << (c == 0 ? "" : ",") << io::csv_escape(cell_text(row[c]));
        }
        out << "\n";
      }
    }
    return out.str();
  }
  // Table: one "column: value" block per row when wide, aligned columns when narrow.
  constexpr std::size_t kNarrowColumns = 8;
  for (std::size_t t = 0; t < tables.size(); ++t) {
    const auto& table = tables[t];
    out << (t == 0 ? "" : "\n") << table.title << "\n" << table.description << "\n\n";
    if (table.columns.size() <= kNarrowColumns) {
      std::vector<std::size_t> width(table.columns.size());
      for (std::size_t c = 0; c < table.columns.size(); ++c) width[c] = table.columns[c].size();
      for (const auto& row : table.rows) {
        for (std::size_t c = 0; c < row.size(); ++c) {
          const std::string s = row[c].kind == Cell::Kind::kNumber
                                    ? short_number_text(row[c].number)
                                    : cell_text(row[c]);
          width[c] = std::max(width[c], s.size());
        }
      }
      const auto line = [&](const std::vector<std::string>& cells) {
        for (std::size_t c = 0; c < cells.size(); ++c) {
          out << (c == 0 ? "" : "  ") << cells[c]
              << std::string(width[c] - std::min(width[c], cells[c].size()), ' ');
        }
        out << "\n";
      };
      line(table.columns);
      for (const auto& row : table.rows) {
        std::vector<std::string> cells;
        cells.reserve(row.size());
        for (const auto& cv : row) {
          cells.push_back(cv.kind == Cell::Kind::kNumber ? short_number_text(cv.number)
                                                         : cell_text(cv));
        }
        line(cells);
      }
    } else {
      std::size_t key_width = 0;
      for (const auto& c : table.columns) key_width = std::max(key_width, c.size());
      for (std::size_t r = 0; r < table.rows.size(); ++r) {
        if (r != 0) out << "\n";
        for (std::size_t c = 0; c < table.columns.size(); ++c) {
          const Cell& cv = table.rows[r][c];
          if (cv.kind == Cell::Kind::kEmpty) continue;
          out << table.columns[c] << std::string(key_width - table.columns[c].size(), ' ') << "  "
              << (cv.kind == Cell::Kind::kNumber ? short_number_text(cv.number) : cell_text(cv))
              << "\n";
        }
      }
    }
  }
  return out.str();
}

}  // namespace urbanmine::report
