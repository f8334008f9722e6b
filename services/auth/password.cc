#include "services/auth/password.h"

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>

#include <stdexcept>

#include "absl/strings/escaping.h"

namespace motcua::auth {
namespace {

std::string Derive(absl::string_view password, absl::string_view salt, int iterations) {
  unsigned char out[32];
  PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()),
                    reinterpret_cast<const unsigned char*>(salt.data()),
                    static_cast<int>(salt.size()), iterations, EVP_sha256(), sizeof(out), out);
  return std::string(reinterpret_cast<const char*>(out), sizeof(out));
}

}  // namespace

std::string RandomBytes(int n) {
  std::string out(static_cast<size_t>(n), '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(out.data()), n) != 1) {
    // Without randomness no key or salt is safe; this cannot be handled further up.
    throw std::runtime_error("OpenSSL RAND_bytes failed");
  }
  return out;
}

PasswordHash HashPassword(absl::string_view password, int iterations) {
  std::string salt = RandomBytes(16);
  return {absl::BytesToHexString(salt),
          absl::BytesToHexString(Derive(password, salt, iterations)), iterations};
}

bool VerifyPassword(absl::string_view password, const PasswordHash& stored) {
  if (stored.iterations <= 0) return false;
  std::string salt = absl::HexStringToBytes(stored.salt_hex);
  std::string expected = absl::HexStringToBytes(stored.hash_hex);
  std::string actual = Derive(password, salt, stored.iterations);
  return expected.size() == actual.size() &&
         CRYPTO_memcmp(expected.data(), actual.data(), actual.size()) == 0;
}

}  // namespace motcua::auth
