// SPDX-License-Identifier: Apache-2.0
// SHA-256 (FIPS 180-4) of byte strings, as lower-case hex, computed by OpenSSL's libcrypto. Used
// to fingerprint a run: the scenario text plus every data file it read
// (RunMetadata::scenario_hash, RunMetadata::data_files).
#pragma once

#include <memory>
#include <string>
#include <string_view>

namespace urbanmine::io {

// Incremental hasher: update() any number of times, then hex_digest() once.
class Sha256 {
 public:
  Sha256();
  ~Sha256();
  Sha256(const Sha256&) = delete;
  Sha256& operator=(const Sha256&) = delete;
  void update(std::string_view bytes);
  // Finishes the hash; the object must not be updated afterwards.
  std::string hex_digest();

 private:
  struct Context;
  std::unique_ptr<Context> ctx_;
};

// SHA-256 of `bytes` as 64 hex characters.
std::string sha256_hex(std::string_view bytes);

}  // namespace urbanmine::io
