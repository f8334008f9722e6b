// File: services/auth/password.h
// Password hashing with PBKDF2-HMAC-SHA256 (OpenSSL) and a random salt; verification in
// constant time.
#ifndef MOTCUA_SERVICES_AUTH_PASSWORD_H_
#define MOTCUA_SERVICES_AUTH_PASSWORD_H_

#include <string>

#include "absl/strings/string_view.h"

namespace motcua::auth {

struct PasswordHash {
  std::string salt_hex;
  std::string hash_hex;
  int iterations = 0;
};

inline constexpr int kDefaultIterations = 100000;

PasswordHash HashPassword(absl::string_view password, int iterations = kDefaultIterations);
bool VerifyPassword(absl::string_view password, const PasswordHash& stored);

// `n` random bytes from OpenSSL's CSPRNG.
std::string RandomBytes(int n);

}  // namespace motcua::auth

#endif  // MOTCUA_SERVICES_AUTH_PASSWORD_H_
