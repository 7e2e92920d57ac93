// SPDX-License-Identifier: Apache-2.0
// SHA-256 (FIPS 180-4) of byte strings, as lower-case hex. Used to fingerprint a run: the
// scenario text plus every data file it read (RunMetadata::scenario_hash).
#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <string_view>

namespace urbanmine::io {

// Incremental hasher: update() any number of times, then hex_digest() once.
class Sha256 {
 public:
  Sha256();
  void update(std::string_view bytes);
  // Finishes the hash; the object must not be updated afterwards.
  std::string hex_digest();

 private:
  void compress(const std::uint8_t* block);

  std::array<std::uint32_t, 8> state_{};
  std::array<std::uint8_t, 64> buffer_{};
  std::size_t buffer_size_ = 0;
  std::uint64_t total_bytes_ = 0;
};

// SHA-256 of `bytes` as 64 hex characters.
std::string sha256_hex(std::string_view bytes);

}  // namespace urbanmine::io
