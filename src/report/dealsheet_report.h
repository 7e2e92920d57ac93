// SPDX-License-Identifier: Apache-2.0
// Deal sheets (results/dealsheet.h) rendered: JSON (format urbanmine-dealsheets/2,
// docs/formats/dealsheets.md), a printable HTML page of every meeting for the organiser, and one
// page per participant — the agenda in time order, each meeting with its deal sheet on a page of
// its own when printed — in English or Korean.
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

#include "results/dealsheet.h"

namespace urbanmine::report {

// "en" or "ko"; anything else is kInvalidInput naming `where`.
core::Status check_dealsheet_language(std::string_view language, std::string_view where);

std::string dealsheets_json(const results::DealSheets& sheets);
// Every sheet (participant_id empty) or only the meetings of one participant (its agenda).
std::string dealsheets_html(const results::DealSheets& sheets, std::string_view language,
                            std::string_view participant_id = {});

struct DealSheetFile {
  std::string name;  // file name inside the output folder
  std::string content;
};

// dealsheets.json, dealsheets.html and <ID>.html for every participant with a meeting (ids made
// file-safe as agendas do).
std::vector<DealSheetFile> dealsheet_files(const results::DealSheets& sheets,
                                           std::string_view language);

}  // namespace urbanmine::report
