#include "services/http_gateway/session_cookies.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace motcua::http_gateway {
namespace {

using ::testing::HasSubstr;
using ::testing::Not;

TEST(SessionCookies, ReadsOneCookieOfMany) {
  EXPECT_EQ(CookieValue("a=1; motcua_session=abc.def; motcua_csrf=00ff", "motcua_session"),
            "abc.def");
  EXPECT_EQ(CookieValue("motcua_csrf=00ff", "motcua_session"), "");
  EXPECT_EQ(CookieValue("", "motcua_session"), "");
  EXPECT_EQ(CookieValue("xmotcua_session=evil", "motcua_session"), "");
}

TEST(SessionCookies, CsrfTokenIsBoundToTheSession) {
  EXPECT_EQ(CsrfTokenFor("token-1"), CsrfTokenFor("token-1"));
  EXPECT_NE(CsrfTokenFor("token-1"), CsrfTokenFor("token-2"));
  EXPECT_EQ(CsrfTokenFor("token-1").size(), 64u);
  EXPECT_THAT(CsrfTokenFor("token-1"), Not(HasSubstr("token-1")));
}

TEST(SessionCookies, SessionCookieIsHttpOnlyAndStrict) {
  std::string c = SessionSetCookie("tok", absl::Hours(12), /*secure=*/false);
  EXPECT_THAT(c, HasSubstr("motcua_session=tok"));
  EXPECT_THAT(c, HasSubstr("HttpOnly"));
  EXPECT_THAT(c, HasSubstr("SameSite=Strict"));
  EXPECT_THAT(c, HasSubstr("Max-Age=43200"));
  EXPECT_THAT(c, Not(HasSubstr("Secure")));
  EXPECT_THAT(SessionSetCookie("tok", absl::Hours(12), true), HasSubstr("; Secure"));
}

TEST(SessionCookies, CsrfCookieIsReadableByThePage) {
  std::string c = CsrfSetCookie("00ff", absl::Hours(12), false);
  EXPECT_THAT(c, HasSubstr("motcua_csrf=00ff"));
  EXPECT_THAT(c, Not(HasSubstr("HttpOnly")));
  EXPECT_THAT(c, HasSubstr("SameSite=Strict"));
}

TEST(SessionCookies, ClearingExpiresAtOnce) {
  EXPECT_THAT(ClearSetCookie(kSessionCookie, true, false),
              HasSubstr("motcua_session=; Path=/; Max-Age=0"));
}

TEST(SessionCookies, ConstantTimeEquals) {
  EXPECT_TRUE(ConstantTimeEquals("abc", "abc"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "abd"));
  EXPECT_FALSE(ConstantTimeEquals("abc", "ab"));
  EXPECT_FALSE(ConstantTimeEquals("", "a"));
}

}  // namespace
}  // namespace motcua::http_gateway
