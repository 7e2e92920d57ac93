// SPDX-License-Identifier: Apache-2.0
// Result<T>: a value or an Error, shaped like C++23 std::expected so that it can be swapped for it
// later. Fallible public functions return it; no exception crosses a module API.
#pragma once

#include <type_traits>
#include <utility>
#include <variant>

#include "core/assert.h"
#include "core/error.h"

namespace urbanmine::core {

// Wraps an Error so that Result<T> can be built from it unambiguously (like std::unexpected).
class Unexpected {
 public:
  explicit Unexpected(Error error) : error_(std::move(error)) {}
  const Error& error() const& { return error_; }
  Error&& error() && { return std::move(error_); }

 private:
  Error error_;
};

template <typename T>
class [[nodiscard]] Result {
 public:
  // NOLINTNEXTLINE(google-explicit-constructor): implicit like std::expected
  Result(T value) : state_(std::in_place_index<0>, std::move(value)) {}
  // NOLINTNEXTLINE(google-explicit-constructor)
  Result(Unexpected unexpected) : state_(std::in_place_index<1>, std::move(unexpected).error()) {}
  // NOLINTNEXTLINE(google-explicit-constructor)
  Result(Error error) : state_(std::in_place_index<1>, std::move(error)) {}

  bool has_value() const { return state_.index() == 0; }
  explicit operator bool() const { return has_value(); }

  T& value() & {
    URBANMINE_ASSERT(has_value(), "Result::value() on an error");
    return std::get<0>(state_);
  }
  const T& value() const& {
    URBANMINE_ASSERT(has_value(), "Result::value() on an error");
    return std::get<0>(state_);
  }
  T&& value() && {
    URBANMINE_ASSERT(has_value(), "Result::value() on an error");
    return std::get<0>(std::move(state_));
  }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }

  const Error& error() const {
    URBANMINE_ASSERT(!has_value(), "Result::error() on a value");
    return std::get<1>(state_);
  }

 private:
  std::variant<T, Error> state_;
};

// Result<void>: success or an Error.
template <>
class [[nodiscard]] Result<void> {
 public:
  Result() = default;
  // NOLINTNEXTLINE(google-explicit-constructor)
  Result(Unexpected unexpected) : error_(std::move(unexpected).error()), ok_(false) {}
  // NOLINTNEXTLINE(google-explicit-constructor)
  Result(Error error) : error_(std::move(error)), ok_(false) {}

  bool has_value() const { return ok_; }
  explicit operator bool() const { return ok_; }
  const Error& error() const {
    URBANMINE_ASSERT(!ok_, "Result::error() on a value");
    return error_;
  }

 private:
  Error error_;
  bool ok_ = true;
};

using Status = Result<void>;

}  // namespace urbanmine::core

// Evaluates a Result-returning expression; on error returns the error from the current function.
#define URBANMINE_TRY_STATUS(expr)                                         \
  do {                                                                     \
    auto urbanmine_try_result_ = (expr);                                   \
    if (!urbanmine_try_result_)                                            \
      return ::urbanmine::core::Unexpected(urbanmine_try_result_.error()); \
  } while (false)
