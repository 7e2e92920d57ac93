// SPDX-License-Identifier: Apache-2.0
// SHA-256 through OpenSSL's EVP interface (libcrypto, already linked for HTTPS in the server).
#include "io/sha256.h"

#include <array>

#include <openssl/evp.h>

#include "core/assert.h"

namespace urbanmine::io {

struct Sha256::Context {
  EVP_MD_CTX* md = nullptr;
  ~Context() { EVP_MD_CTX_free(md); }
};

Sha256::Sha256() : ctx_(std::make_unique<Context>()) {
  ctx_->md = EVP_MD_CTX_new();
  URBANMINE_ASSERT(ctx_->md != nullptr, "OpenSSL could not allocate a digest context");
  const int ok = EVP_DigestInit_ex(ctx_->md, EVP_sha256(), nullptr);
  URBANMINE_ASSERT(ok == 1, "OpenSSL SHA-256 initialisation failed");
}

Sha256::~Sha256() = default;

void Sha256::update(std::string_view bytes) {
  if (bytes.empty()) return;
  const int ok = EVP_DigestUpdate(ctx_->md, bytes.data(), bytes.size());
  URBANMINE_ASSERT(ok == 1, "OpenSSL SHA-256 update failed");
}

std::string Sha256::hex_digest() {
  std::array<unsigned char, EVP_MAX_MD_SIZE> digest{};
  unsigned int size = 0;
  const int ok = EVP_DigestFinal_ex(ctx_->md, digest.data(), &size);
  URBANMINE_ASSERT(ok == 1 && size == 32, "OpenSSL SHA-256 finalisation failed");
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out;
  out.reserve(2 * size);
  for (unsigned int i = 0; i < size; ++i) {
    out.push_back(kHex[digest[i] >> 4U]);
    out.push_back(kHex[digest[i] & 0x0FU]);
  }
  return out;
}

std::string sha256_hex(std::string_view bytes) {
  Sha256 h;
  h.update(bytes);
  return h.hex_digest();
}

}  // namespace urbanmine::io
