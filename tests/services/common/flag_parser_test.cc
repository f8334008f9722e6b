#include "services/common/flag_parser.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace motcua {
namespace {

using ::motcua::testing::StatusIs;
using ::testing::ElementsAre;
using ::testing::HasSubstr;

TEST(FlagParser, ParsesFormsAndPositionals) {
  std::string server;
  int n = 0;
  bool all = false;
  FlagParser flags("x", "y");
  flags.AddString("server", &server, "s");
  flags.AddInt("n", &n, "n");
  flags.AddBool("all", &all, "a");
  std::vector<std::string> pos;
  ASSERT_OK(flags.Parse({"a", "--server", "h:1", "b", "--n=5", "--all", "--", "--c"}, &pos));
  EXPECT_EQ(server, "h:1");
  EXPECT_EQ(n, 5);
  EXPECT_TRUE(all);
  EXPECT_THAT(pos, ElementsAre("a", "b", "--c"));
  EXPECT_THAT(flags.Help(), HasSubstr("--server VALUE"));
}

TEST(FlagParser, ErrorsNameTheFlag) {
  int n = 0;
  bool b = false;
  FlagParser flags("x", "y");
  flags.AddInt("n", &n, "n");
  flags.AddBool("b", &b, "b");
  std::vector<std::string> pos;
  EXPECT_THAT(flags.Parse({"--nope"}, &pos),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("unknown flag --nope")));
  EXPECT_THAT(flags.Parse({"--n"}, &pos),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("--n needs a value")));
  EXPECT_THAT(flags.Parse({"--n", "x"}, &pos),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("not a whole number")));
  EXPECT_THAT(flags.Parse({"--b=1"}, &pos),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("takes no value")));
  EXPECT_THAT(flags.Parse({"-x"}, &pos),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("unknown flag -x")));
  pos.clear();
  ASSERT_OK(flags.Parse({"-5"}, &pos));  // negative numbers are positionals
  EXPECT_THAT(pos, ElementsAre("-5"));
}

}  // namespace
}  // namespace motcua
