// SPDX-License-Identifier: Apache-2.0
// The message catalogue of the documents urbanmine writes for people (report.html, findings,
// table and column names, deal sheets): every sentence and label has an English and a Korean
// text, side by side under one key, with {name} placeholders filled at the call. The entries
// live in messages_*.cpp, one file per document; messages.cpp joins them and checks nothing
// twice. Codes (KOR, NMC811), units (t, kWh, %) and numbers stay as they are in both languages.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "core/result.h"

namespace urbanmine::report {

enum class Language { kEnglish, kKorean };

// "en" or "ko"; anything else is kInvalidInput at `where` (a flag or a query parameter).
core::Result<Language> parse_language(std::string_view code, std::string_view where);
// "en" or "ko" (the HTML lang attribute).
std::string_view language_code(Language language);

struct Message {
  std::string_view key;
  std::string_view en;
  std::string_view ko;
};

// Values of {name} placeholders.
using Fill = std::vector<std::pair<std::string_view, std::string>>;

// Replaces each {name} of `pattern` by its value (values are inserted as they are; escape
// after).
std::string fill(std::string_view pattern, const Fill& values);

// The entry of `key`, or nullptr.
const Message* find_message(std::string_view key);
// Every entry, sorted by key (for the catalogue's tests).
std::span<const Message> all_messages();

// The text of `key` in `language` with its placeholders filled. A key the catalogue lacks is a
// bug: it comes back as the key itself, which the Korean-report tests catch.
std::string tr(Language language, std::string_view key, const Fill& values = {});
// The text of `key` when the catalogue has it, else `fallback` (for labels of codes the catalogue
// may not know, such as a record column added later: the code is shown).
std::string tr_or(Language language, std::string_view key, std::string_view fallback);

// The reader's-language text of a cell of record column `column` (a stored English code or
// sentence): the catalogue's value.<column>.<text>, or a sentence.* entry whose English pattern
// matches the whole text, its placeholders filled with their values translated by name ({metric}
// as value.metric.*, {words} as value.comparator.*, {element} as value.element.*, {stage} as
// value.stage.*, {level} as value.confidence.*, {unit} as value.unit.*, {quantity} as
// term.quantity.*, {segment} as value.segment.*, {country} and {region} as place.*, each name of
// a comma-separated {regions} or {groups} list as place.*, the words of a {list} of codes and
// numbers by the term.list.* entries ("up to age"), {reason} and {basis} as sentences again;
// other values, such as years and codes, as they are). English gives `text` back; nullopt
// when the catalogue has neither.
std::optional<std::string> translate_text(Language language, std::string_view column,
                                          std::string_view text);

// True when `text` holds two English words in a row ("not evaluable", "Rest of"): prose a
// Korean document cannot show as it is. Codes (KOR, NMC811, feedstock_t) and units are not words.
bool has_english_words(std::string_view text);

// The entries of each document (messages_*.cpp).
std::span<const Message> report_messages();      // report.html and findings
std::span<const Message> table_messages();       // table titles, descriptions, columns, values
std::span<const Message> dealsheet_messages();   // partnering-event deal sheets
std::span<const Message> policy_messages();      // policy-check metrics, units and sentences
std::span<const Message> assumption_messages();  // the engine's assumption sentences

}  // namespace urbanmine::report
