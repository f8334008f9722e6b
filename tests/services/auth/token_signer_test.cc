#include "services/auth/token_signer.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/auth/password.h"
#include "tests/testing/status_matchers.h"
#include "tests/testing/temp_dir.h"

namespace motcua::auth {
namespace {

using ::motcua::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

const absl::Time kNow = absl::FromUnixSeconds(1795000000);

workflow::Actor Clerk() {
  return {"clerk.07900", workflow::Role::kClerk, {"07900", "04924"}, ""};
}

TEST(TokenSigner, SignedTokensVerifyWithTheirClaims) {
  TokenSigner signer(std::string(32, 'k'));
  std::string token = signer.Sign(Clerk(), kNow + absl::Hours(1));
  auto actor = signer.Verify(token, kNow);
  ASSERT_OK(actor);
  EXPECT_EQ(actor->username, "clerk.07900");
  EXPECT_EQ(actor->role, workflow::Role::kClerk);
  EXPECT_THAT(actor->units, ElementsAre("07900", "04924"));
}

TEST(TokenSigner, RefusesExpiredForeignAlteredAndMalformedTokens) {
  TokenSigner signer(std::string(32, 'k'));
  TokenSigner other(std::string(32, 'x'));
  std::string token = signer.Sign(Clerk(), kNow + absl::Hours(1));
  EXPECT_THAT(signer.Verify(token, kNow + absl::Hours(2)),
              StatusIs(absl::StatusCode::kUnauthenticated, HasSubstr("expired")));
  EXPECT_THAT(other.Verify(token, kNow),
              StatusIs(absl::StatusCode::kUnauthenticated, HasSubstr("signature")));
  std::string altered = token;
  altered[3] = altered[3] == 'A' ? 'B' : 'A';
  EXPECT_THAT(signer.Verify(altered, kNow),
              StatusIs(absl::StatusCode::kUnauthenticated, ::testing::_));
  for (const char* bad : {"", "abc", "a.b.c", "!!!.???"}) {
    EXPECT_THAT(signer.Verify(bad, kNow), StatusIs(absl::StatusCode::kUnauthenticated, ::testing::_))
        << bad;
  }
}

TEST(TokenSigner, KeyIsCreatedOnceAndReused) {
  testing::TempDir dir;
  auto first = TokenSigner::LoadOrCreate(dir.path());
  ASSERT_OK(first);
  std::string token = first->Sign(Clerk(), kNow + absl::Hours(1));
  auto second = TokenSigner::LoadOrCreate(dir.path());
  ASSERT_OK(second);
  EXPECT_OK(second->Verify(token, kNow));
}

TEST(Password, VerifiesOnlyTheRightPassword) {
  PasswordHash h = HashPassword("motcua-demo", 1000);
  EXPECT_TRUE(VerifyPassword("motcua-demo", h));
  EXPECT_FALSE(VerifyPassword("motcua-Demo", h));
  EXPECT_FALSE(VerifyPassword("", h));
  PasswordHash again = HashPassword("motcua-demo", 1000);
  EXPECT_NE(h.salt_hex, again.salt_hex);  // salted
  EXPECT_NE(h.hash_hex, again.hash_hex);
}

}  // namespace
}  // namespace motcua::auth
