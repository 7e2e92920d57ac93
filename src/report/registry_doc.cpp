// SPDX-License-Identifier: Apache-2.0
// The table list of docs/formats/outputs.md, rendered from the registry (`urbanmine tables`).
#include "report/run_report.h"
#include "results/registry.h"

namespace urbanmine::report {

std::string table_registry_markdown() {
  std::string out = "| table | value column | dimensions | contents |\n| --- | --- | --- | --- |\n";
  for (const auto* spec : results::run_table_specs()) {
    std::string dims;
    for (const auto& d : spec->dim_names()) dims += (dims.empty() ? "" : ", ") + d;
    out += "| `" + std::string(spec->name) + "` | `" + std::string(spec->value_column) + "` | " +
           dims + " | " + std::string(spec->description) + " |\n";
  }
  out += "\n| record table | title |\n| --- | --- |\n";
  for (const auto* spec : results::run_record_specs()) {
    out += "| `" + std::string(spec->name) + "` | " + std::string(spec->title) + " |\n";
  }
  return out;
}

}  // namespace urbanmine::report
