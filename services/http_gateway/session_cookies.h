// File: services/http_gateway/session_cookies.h
// Browser sessions: the node-signed token (the same as gRPC's Bearer token) lives in an
// HttpOnly, SameSite=Strict cookie; a second, script-readable cookie holds the CSRF token that
// state-changing requests must echo in the X-Motcua-CSRF header. The CSRF token is derived from
// the session token (SHA-256 over a label and the token), so it is bound to the session, needs no
// server state, and cannot be computed by a page that cannot read the HttpOnly cookie.
// Pure and thread-safe.
#ifndef MOTCUA_SERVICES_HTTP_GATEWAY_SESSION_COOKIES_H_
#define MOTCUA_SERVICES_HTTP_GATEWAY_SESSION_COOKIES_H_

#include <string>

#include "absl/strings/string_view.h"
#include "absl/time/time.h"

namespace motcua::http_gateway {

inline constexpr char kSessionCookie[] = "motcua_session";
inline constexpr char kCsrfCookie[] = "motcua_csrf";
inline constexpr char kCsrfHeader[] = "X-Motcua-CSRF";

// The value of cookie `name` in a Cookie header ("a=1; b=2"), or empty when absent.
std::string CookieValue(absl::string_view cookie_header, absl::string_view name);

// Hex SHA-256 of "motcua-csrf-v1|" + token.
std::string CsrfTokenFor(absl::string_view session_token);

// Set-Cookie header values. `secure` adds Secure (the gateway serves TLS).
std::string SessionSetCookie(absl::string_view token, absl::Duration max_age, bool secure);
std::string CsrfSetCookie(absl::string_view csrf, absl::Duration max_age, bool secure);
// Expires cookie `name` (sign-out, or a session the node refused).
std::string ClearSetCookie(absl::string_view name, bool http_only, bool secure);

// Compares in time independent of where the strings differ.
bool ConstantTimeEquals(absl::string_view a, absl::string_view b);

}  // namespace motcua::http_gateway

#endif  // MOTCUA_SERVICES_HTTP_GATEWAY_SESSION_COOKIES_H_
