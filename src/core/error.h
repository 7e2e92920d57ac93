// SPDX-License-Identifier: Apache-2.0
// Error: the one error type of urbanmine. A code, a message saying what is wrong, a hint saying
// what to do, and a location (file and row, JSON path, or id). Error codes map to CLI exit codes
// and HTTP statuses through one table (exit_code_for, http_status_for).
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace urbanmine::core {

// Stored and reported as text codes (error_code_name); never rename them.
enum class ErrorCode {
  kInvalidInput,  // user input is malformed or out of range
  kNotFound,      // a named thing (file, id, route) does not exist
  kConflict,      // the request contradicts existing state
  kIo,            // file system or database failure
  kInfeasible,    // a problem has no solution (a model or solver result, not a bug)
  kInternal,      // a bug in urbanmine
};

std::string_view error_code_name(ErrorCode code);

// CLI exit codes (STYLE.md section 7).
inline constexpr int kExitOk = 0;
inline constexpr int kExitChecksFailed = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitInvalidInput = 3;
inline constexpr int kExitIo = 4;
inline constexpr int kExitInternal = 5;

int exit_code_for(ErrorCode code);
int http_status_for(ErrorCode code);

struct Error {
  ErrorCode code = ErrorCode::kInternal;
  std::string message;   // what is wrong
  std::string hint;      // what to do about it
  std::string location;  // file:row:column, JSON path or id; empty when not applicable

  static Error invalid_input(std::string message, std::string location = {}, std::string hint = {});
  static Error not_found(std::string message, std::string location = {}, std::string hint = {});
  static Error io(std::string message, std::string location = {}, std::string hint = {});
  static Error internal(std::string message);
  static Error infeasible(std::string message, std::string hint = {});

  // "location: message (hint)" on one line, for logs and CLI output.
  std::string to_string() const;
};

// Diagnostics collects every problem found while validating, so that a user sees all of them at
// once. Warnings become errors under --strict.
enum class Severity { kWarning, kError };

struct Diagnostic {
  Severity severity = Severity::kError;
  Error error;
};

class Diagnostics {
 public:
  void add_error(Error error);
  void add_warning(Error error);
  void merge(const Diagnostics& other);

  bool has_errors(bool strict = false) const;
  std::size_t error_count() const;
  std::size_t warning_count() const;
  const std::vector<Diagnostic>& items() const { return items_; }
  bool empty() const { return items_.empty(); }

  // One Error summarising every problem (each on its own line), with the code of the first
  // error. Precondition: has_errors(strict).
  Error to_error(bool strict = false) const;

 private:
  std::vector<Diagnostic> items_;
};

}  // namespace urbanmine::core
