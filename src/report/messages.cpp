// SPDX-License-Identifier: Apache-2.0
// The joined message catalogue (see messages.h).
#include "report/messages.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <vector>

namespace urbanmine::report {

namespace {

// Every document's entries, sorted by key. A key given twice is a bug of the catalogue: it stops
// the program at the first lookup, before any document is written with the wrong text.
const std::vector<Message>& catalogue() {
  static const std::vector<Message> all = [] {
    std::vector<Message> joined;
    for (const auto part : {report_messages(), table_messages(), dealsheet_messages()}) {
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
