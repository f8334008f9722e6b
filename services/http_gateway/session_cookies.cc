#include "services/http_gateway/session_cookies.h"

#include <openssl/sha.h>

#include "absl/strings/ascii.h"
#include "absl/strings/escaping.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_split.h"

namespace motcua::http_gateway {

std::string CookieValue(absl::string_view cookie_header, absl::string_view name) {
  for (absl::string_view part : absl::StrSplit(cookie_header, ';')) {
    part = absl::StripAsciiWhitespace(part);
    size_t eq = part.find('=');
    if (eq == absl::string_view::npos) continue;
    if (part.substr(0, eq) == name) return std::string(part.substr(eq + 1));
  }
  return "";
}

std::string CsrfTokenFor(absl::string_view session_token) {
  std::string input = absl::StrCat("motcua-csrf-v1|", session_token);
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(input.data()), input.size(), digest);
  return absl::BytesToHexString(
      absl::string_view(reinterpret_cast<const char*>(digest), sizeof(digest)));
}

namespace {

std::string Attributes(absl::Duration max_age, bool http_only, bool secure) {
  return absl::StrCat("; Path=/; Max-Age=", absl::ToInt64Seconds(max_age), "; SameSite=Strict",
                      http_only ? "; HttpOnly" : "", secure ? "; Secure" : "");
}

}  // namespace

std::string SessionSetCookie(absl::string_view token, absl::Duration max_age, bool secure) {
  return absl::StrCat(kSessionCookie, "=", token, Attributes(max_age, true, secure));
}

std::string CsrfSetCookie(absl::string_view csrf, absl::Duration max_age, bool secure) {
  return absl::StrCat(kCsrfCookie, "=", csrf, Attributes(max_age, false, secure));
}

std::string ClearSetCookie(absl::string_view name, bool http_only, bool secure) {
  return absl::StrCat(name, "=", Attributes(absl::ZeroDuration(), http_only, secure));
}

bool ConstantTimeEquals(absl::string_view a, absl::string_view b) {
  if (a.size() != b.size()) return false;
  unsigned char diff = 0;
  for (size_t i = 0; i < a.size(); ++i) {
    diff |= static_cast<unsigned char>(a[i]) ^ static_cast<unsigned char>(b[i]);
  }
  return diff == 0;
}

}  // namespace motcua::http_gateway
