// SPDX-License-Identifier: Apache-2.0
// Error codes, their text names and the one mapping to exit codes and HTTP statuses.
#include "core/error.h"

#include <utility>

namespace urbanmine::core {

namespace {

struct CodeRow {
  ErrorCode code;
  std::string_view name;
  int exit_code;
  int http_status;
};

constexpr CodeRow kCodeTable[] = {
    {ErrorCode::kInvalidInput, "invalid_input", kExitInvalidInput, 400},
    {ErrorCode::kNotFound, "not_found", kExitInvalidInput, 404},
    {ErrorCode::kConflict, "conflict", kExitInvalidInput, 409},
    {ErrorCode::kIo, "io", kExitIo, 500},
    {ErrorCode::kInfeasible, "infeasible", kExitChecksFailed, 422},
    {ErrorCode::kInternal, "internal", kExitInternal, 500},
};

const CodeRow& row_for(ErrorCode code) {
  for (const auto& row : kCodeTable) {
    if (row.code == code) return row;
  }
  return kCodeTable[std::size(kCodeTable) - 1];
}

}  // namespace

std::string_view error_code_name(ErrorCode code) { return row_for(code).name; }
int exit_code_for(ErrorCode code) { return row_for(code).exit_code; }
int http_status_for(ErrorCode code) { return row_for(code).http_status; }

Error Error::invalid_input(std::string message, std::string location, std::string hint) {
  return Error{ErrorCode::kInvalidInput, std::move(message), std::move(hint), std::move(location)};
}
Error Error::not_found(std::string message, std::string location, std::string hint) {
  return Error{ErrorCode::kNotFound, std::move(message), std::move(hint), std::move(location)};
}
Error Error::io(std::string message, std::string location, std::string hint) {
  return Error{ErrorCode::kIo, std::move(message), std::move(hint), std::move(location)};
}
Error Error::internal(std::string message) {
  return Error{ErrorCode::kInternal,
               std::move(message),
               "this is a bug in urbanmine; please report it with the input that caused it",
               {}};
}
Error Error::infeasible(std::string message, std::string hint) {
  return Error{ErrorCode::kInfeasible, std::move(message), std::move(hint), {}};
}

std::string Error::to_string() const {
  std::string out;
  if (!location.empty()) out += location + ": ";
  out += message;
  if (!hint.empty()) out += " (" + hint + ")";
  return out;
}

void Diagnostics::add_error(Error error) {
  items_.push_back(Diagnostic{Severity::kError, std::move(error)});
}
void Diagnostics::add_warning(Error error) {
  items_.push_back(Diagnostic{Severity::kWarning, std::move(error)});
}
void Diagnostics::merge(const Diagnostics& other) {
  items_.insert(items_.end(), other.items_.begin(), other.items_.end());
}

bool Diagnostics::has_errors(bool strict) const {
  for (const auto& d : items_) {
    if (d.severity == Severity::kError || strict) return true;
  }
  return false;
}
std::size_t Diagnostics::error_count() const {
  std::size_t n = 0;
  for (const auto& d : items_) n += d.severity == Severity::kError ? 1 : 0;
  return n;
}
std::size_t Diagnostics::warning_count() const { return items_.size() - error_count(); }

Error Diagnostics::to_error(bool strict) const {
  Error summary;
  bool first = true;
  std::size_t count = 0;
  std::string lines;
  for (const auto& d : items_) {
    if (d.severity != Severity::kError && !strict) continue;
    if (first) {
      summary.code = d.error.code;
      summary.location = d.error.location;
      summary.hint = d.error.hint;
      first = false;
    }
    ++count;
    lines += "\n  - " + d.error.to_string();
  }
  summary.message = std::to_string(count) + " problem(s) found:" + lines;
  if (count == 1) {
    for (const auto& d : items_) {
      if (d.severity == Severity::kError || strict) return d.error;
    }
  }
  summary.location.clear();
  return summary;
}

}  // namespace urbanmine::core
