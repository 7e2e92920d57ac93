// SPDX-License-Identifier: Apache-2.0
// The joined message catalogue (see messages.h).
#include "report/messages.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <optional>
#include <string>
#include <vector>

#include "io/run_data.h"

namespace urbanmine::report {

namespace {

// Every document's entries, sorted by key. A key given twice is a bug of the catalogue: it stops
// the program at the first lookup, before any document is written with the wrong text.
const std::vector<Message>& catalogue() {
  static const std::vector<Message> all = [] {
    std::vector<Message> joined;
    for (const auto part : {report_messages(), table_messages(), dealsheet_messages(),
                            policy_messages(), assumption_messages()}) {
      joined.insert(joined.end(), part.begin(), part.end());
    }
    std::sort(joined.begin(), joined.end(),
              [](const Message& a, const Message& b) { return a.key < b.key; });
    for (std::size_t i = 1; i < joined.size(); ++i) {
      if (joined[i].key == joined[i - 1].key) {
        std::fprintf(stderr, "urbanmine: message key '%.*s' is in the catalogue twice\n",
                     static_cast<int>(joined[i].key.size()), joined[i].key.data());
        std::abort();
      }
    }
    return joined;
  }();
  return all;
}

}  // namespace

core::Result<Language> parse_language(std::string_view code, std::string_view where) {
  if (code == "en") return Language::kEnglish;
  if (code == "ko") return Language::kKorean;
  return core::Error::invalid_input("language '" + std::string(code) + "' is not en or ko",
                                    std::string(where), "give en (English) or ko (Korean)");
}

std::string_view language_code(Language language) {
  return language == Language::kKorean ? "ko" : "en";
}

std::string fill(std::string_view pattern, const Fill& values) {
  std::string out(pattern);
  for (const auto& [name, value] : values) {
    const std::string key = "{" + std::string(name) + "}";
    for (std::size_t at = out.find(key); at != std::string::npos;
         at = out.find(key, at + value.size())) {
      out.replace(at, key.size(), value);
    }
  }
  return out;
}

const Message* find_message(std::string_view key) {
  const auto& all = catalogue();
  const auto it = std::lower_bound(all.begin(), all.end(), key,
                                   [](const Message& m, std::string_view k) { return m.key < k; });
  return it != all.end() && it->key == key ? &*it : nullptr;
}

std::span<const Message> all_messages() { return catalogue(); }

std::string tr(Language language, std::string_view key, const Fill& values) {
  const Message* m = find_message(key);
  if (m == nullptr) return std::string(key);
  return fill(language == Language::kKorean ? m->ko : m->en, values);
}

std::string tr_or(Language language, std::string_view key, std::string_view fallback) {
  const Message* m = find_message(key);
  if (m == nullptr) return std::string(fallback);
  return std::string(language == Language::kKorean ? m->ko : m->en);
}

namespace {

// Matches `pattern` (literal text and {name} placeholders, never two placeholders in a row)
// against the whole of `text`, appending each placeholder's value to `values`. A placeholder
// takes the shortest value that lets the rest match, trying each place where the literal after
// it occurs; {year}, {first}, {last} and {count} take digits only.
bool match_pattern(std::string_view pattern, std::string_view text, Fill& values) {
  if (pattern.empty()) return text.empty();
  if (pattern.front() != '{') {
    const std::size_t brace = pattern.find('{');
    const std::string_view literal = pattern.substr(0, brace);
    if (!text.starts_with(literal)) return false;
    return match_pattern(pattern.substr(literal.size()), text.substr(literal.size()), values);
  }
  const std::size_t close = pattern.find('}');
  if (close == std::string_view::npos) return false;
  const std::string_view name = pattern.substr(1, close - 1);
  const std::string_view rest = pattern.substr(close + 1);
  // Years and counts are whole numbers ("South Africa 2025": the country is two words).
  const bool numeric = name == "year" || name == "first" || name == "last" || name == "count";
  const auto all_digits = [](std::string_view v) {
    return !v.empty() && v.find_first_not_of("0123456789") == std::string_view::npos;
  };
  if (rest.empty()) {
    if (text.empty() || (numeric && !all_digits(text))) return false;
    values.emplace_back(name, std::string(text));
    return true;
  }
  const std::string_view next = rest.substr(0, rest.find('{'));
  for (std::size_t at = text.find(next, 1); at != std::string_view::npos;
       at = text.find(next, at + 1)) {
    if (numeric && !all_digits(text.substr(0, at))) break;
    values.emplace_back(name, std::string(text.substr(0, at)));
    if (match_pattern(rest, text.substr(at), values)) return true;
    values.pop_back();
  }
  return false;
}

// The catalogue's entries whose key starts with `prefix` (keys are sorted: one run).
std::span<const Message> entries_with_prefix(std::string_view prefix) {
  const auto& all = catalogue();
  const auto first =
      std::lower_bound(all.begin(), all.end(), prefix,
                       [](const Message& m, std::string_view k) { return m.key < k; });
  auto last = first;
  while (last != all.end() && last->key.starts_with(prefix)) ++last;
  return {first, last};
}

// The catalogue prefix that translates a placeholder's value, by the placeholder's name.
std::string_view value_prefix(std::string_view name) {
  if (name == "metric") return "value.metric.";
  if (name == "words") return "value.comparator.";
  if (name == "element") return "value.element.";
  if (name == "stage") return "value.stage.";
  if (name == "level") return "value.confidence.";
  if (name == "unit") return "value.unit.";
  if (name == "quantity") return "term.quantity.";
  if (name == "segment") return "value.segment.";
  if (name == "country" || name == "region") return "place.";
  return {};
}

}  // namespace

std::optional<std::string> translate_text(Language language, std::string_view column,
                                          std::string_view text) {
  if (language == Language::kEnglish) return std::string(text);
  const std::string key = "value." + std::string(column) + "." + std::string(text);
  if (const Message* m = find_message(key)) return std::string(m->ko);
  for (const Message& sentence : entries_with_prefix("sentence.")) {
    Fill values;
    if (!match_pattern(sentence.en, text, values)) continue;
    for (auto& [name, value] : values) {
      if (name == "reason" || name == "basis") {
        if (auto inner = translate_text(language, name, value)) value = std::move(*inner);
        continue;
      }
      if (name == "regions" || name == "groups") {  // "AUS, IND, JPN" or "Europe, Rest of..."
        std::string list;
        for (const auto& item : io::split_list(value, ',')) {
          const Message* m = find_message("place." + item);
          list += (list.empty() ? "" : ", ") + (m != nullptr ? std::string(m->ko) : item);
        }
        value = std::move(list);
        continue;
      }
      if (name == "list") {  // "car_bev 1 up to age 7, bus 1": codes and numbers, few words
        for (const Message& term : entries_with_prefix("term.list.")) {
          for (auto at = value.find(term.en); at != std::string::npos;
               at = value.find(term.en, at + term.ko.size())) {
            value.replace(at, term.en.size(), term.ko);
          }
        }
        continue;
      }
      const std::string_view prefix = value_prefix(name);
      if (prefix.empty()) continue;
      if (const Message* m = find_message(std::string(prefix) + value)) value = m->ko;
    }
    return fill(sentence.ko, values);
  }
  return std::nullopt;
}

bool has_english_words(std::string_view text) {
  // A word: a letter, then only lower-case letters, bounded by characters that are not letters,
  // digits or '_' (so "kWh", "EU27" and "demand_t" are not words).
  const auto is_lower = [](char ch) { return ch >= 'a' && ch <= 'z'; };
  const auto is_letter = [&](char ch) { return is_lower(ch) || (ch >= 'A' && ch <= 'Z'); };
  const auto is_word_char = [&](char ch) {
    return is_letter(ch) || (ch >= '0' && ch <= '9') || ch == '_';
  };
  int run = 0;  // words in a row, separated by one space
  std::size_t i = 0;
  while (i < text.size()) {
    if (!is_word_char(text[i])) {
      if (text[i] != ' ') run = 0;
      ++i;
      continue;
    }
    std::size_t end = i;
    while (end < text.size() && is_word_char(text[end])) ++end;
    bool word = end - i >= 2 && is_letter(text[i]);
    for (std::size_t k = i + 1; word && k < end; ++k) word = is_lower(text[k]);
    run = word ? run + 1 : 0;
    if (run >= 2) return true;
    i = end;
  }
  return false;
}

}  // namespace urbanmine::report
