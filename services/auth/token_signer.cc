#include "services/auth/token_signer.h"

#include <fcntl.h>
#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/hmac.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "absl/strings/escaping.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "services/auth/password.h"

namespace motcua::auth {
namespace {

constexpr size_t kKeyBytes = 32;

absl::Status Unauthenticated(absl::string_view why) {
  return absl::UnauthenticatedError(absl::StrCat("token: ", why, "; sign in again (motcua login)"));
}

}  // namespace

absl::StatusOr<TokenSigner> TokenSigner::LoadOrCreate(const std::string& data_dir) {
  const std::string path = data_dir + "/token.key";
  std::ifstream in(path, std::ios::binary);
  if (in) {
    std::ostringstream buf;
    buf << in.rdbuf();
    std::string key = buf.str();
    if (key.size() != kKeyBytes) {
      return absl::FailedPreconditionError(
          absl::StrCat(path, " is not a 32-byte key; remove it to create a new one (every "
                             "signed-in user must then sign in again)"));
    }
    return TokenSigner(key);
  }
  std::string key = RandomBytes(kKeyBytes);
  std::string tmp = path + ".tmp";
  int fd = open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
  if (fd < 0) return absl::UnavailableError(absl::StrCat("cannot create ", path));
  bool ok = write(fd, key.data(), key.size()) == static_cast<ssize_t>(key.size()) && fsync(fd) == 0;
  close(fd);
  if (!ok || rename(tmp.c_str(), path.c_str()) != 0) {
    return absl::UnavailableError(absl::StrCat("cannot write ", path));
  }
  return TokenSigner(key);
}

std::string TokenSigner::Mac(absl::string_view payload) const {
  unsigned char out[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  HMAC(EVP_sha256(), key_.data(), static_cast<int>(key_.size()),
       reinterpret_cast<const unsigned char*>(payload.data()), payload.size(), out, &len);
  return std::string(reinterpret_cast<const char*>(out), len);
}

std::string TokenSigner::Sign(const workflow::Actor& actor, absl::Time expiry) const {
  std::string payload =
      absl::StrJoin({std::string("v1"), actor.username, std::string(workflow::RoleName(actor.role)),
                     absl::StrJoin(actor.units, ","), actor.citizen_id,
                     absl::StrCat(absl::ToUnixSeconds(expiry))},
                    "|");
  return absl::StrCat(absl::WebSafeBase64Escape(payload), ".",
                      absl::WebSafeBase64Escape(Mac(payload)));
}

absl::StatusOr<workflow::Actor> TokenSigner::Verify(absl::string_view token,
                                                    absl::Time now) const {
  if (token.size() > 4096) return Unauthenticated("too long");
  std::vector<absl::string_view> parts = absl::StrSplit(token, '.');
  if (parts.size() != 2) return Unauthenticated("malformed");
  std::string payload;
  std::string mac;
  if (!absl::WebSafeBase64Unescape(parts[0], &payload) ||
      !absl::WebSafeBase64Unescape(parts[1], &mac)) {
    return Unauthenticated("malformed");
  }
  std::string expected = Mac(payload);
  if (mac.size() != expected.size() ||
      CRYPTO_memcmp(mac.data(), expected.data(), mac.size()) != 0) {
    return Unauthenticated("bad signature (issued by another node or altered)");
  }
  std::vector<std::string> fields = absl::StrSplit(payload, '|');
  int64_t expiry = 0;
  if (fields.size() != 6 || fields[0] != "v1" || !absl::SimpleAtoi(fields[5], &expiry)) {
    return Unauthenticated("malformed payload");
  }
  if (absl::FromUnixSeconds(expiry) <= now) return Unauthenticated("expired");
  auto role = workflow::ParseRole(fields[2]);
  if (!role) return Unauthenticated("unknown role");
  workflow::Actor actor;
  actor.username = fields[1];
  actor.role = *role;
  actor.units = absl::StrSplit(fields[3], ',', absl::SkipEmpty());
  actor.citizen_id = fields[4];
  return actor;
}

}  // namespace motcua::auth
