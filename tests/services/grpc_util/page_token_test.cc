#include "services/grpc_util/page_token.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/grpc_util/status_conversion.h"
#include "tests/testing/status_matchers.h"

namespace motcua {
namespace {

using ::motcua::testing::StatusIs;
using ::testing::HasSubstr;

TEST(PageToken, RoundTripsWithTheSameFilters) {
  std::string token = EncodePageToken("level=3|q=khai sinh", "1.001193");
  auto key = DecodePageToken(token, "level=3|q=khai sinh");
  ASSERT_OK(key);
  EXPECT_EQ(*key, "1.001193");
  EXPECT_EQ(*DecodePageToken("", "anything"), "");
}

TEST(PageToken, RefusesOtherFiltersAndForgeries) {
  std::string token = EncodePageToken("a", "k");
  EXPECT_THAT(DecodePageToken(token, "b"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("filters differ")));
  EXPECT_THAT(DecodePageToken("!!!", "a"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("page_token")));
  EXPECT_THAT(DecodePageToken("djI6eHg6eQ", "a"),  // "v2:xx:y"
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("page_token")));
  EXPECT_THAT(DecodePageToken(std::string(5000, 'A'), "a"),
              StatusIs(absl::StatusCode::kInvalidArgument, ::testing::_));
}

TEST(PageSize, FollowsAip158) {
  EXPECT_EQ(*EffectivePageSize(0, 50, 500), 50);
  EXPECT_EQ(*EffectivePageSize(10, 50, 500), 10);
  EXPECT_EQ(*EffectivePageSize(10000, 50, 500), 500);
  EXPECT_THAT(EffectivePageSize(-1, 50, 500),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("page_size")));
}

TEST(StatusConversion, KeepsCodeAndMessageBothWays) {
  absl::Status s = absl::FailedPreconditionError("dossier: already returned");
  grpc::Status g = ToGrpcStatus(s);
  EXPECT_EQ(g.error_code(), grpc::StatusCode::FAILED_PRECONDITION);
  EXPECT_EQ(g.error_message(), "dossier: already returned");
  EXPECT_EQ(FromGrpcStatus(g), s);
  EXPECT_TRUE(ToGrpcStatus(absl::OkStatus()).ok());
}

}  // namespace
}  // namespace motcua
