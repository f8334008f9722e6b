#include "services/dossier/dossier_code.h"

#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "tests/testing/status_matchers.h"

namespace motcua::dossier {
namespace {

using ::motcua::testing::StatusIs;
using ::testing::HasSubstr;

TEST(DossierCode, FollowsCircular01Layout) {
  EXPECT_EQ(FormatDossierCode(kDefaultCodeFormat, "000.00.00.H44", absl::CivilDay(2026, 11, 26), 1),
            "000.00.00.H44-261126-0001");
  EXPECT_EQ(FormatDossierCode(kDefaultCodeFormat, "H44.07900", absl::CivilDay(2026, 1, 5), 12345),
            "H44.07900-260105-12345");  // a busy day widens the sequence instead of failing
  EXPECT_EQ(FormatDossierCode("{agency}-{yyyy}{mm}{dd}-{seq:7}", "G09.20",
                              absl::CivilDay(2026, 6, 9), 92637),
            "G09.20-20260609-0092637");  // the DVC Bộ variant of DOMAIN.md §3.6
}

TEST(DossierCode, FormatsAreValidated) {
  EXPECT_OK(ValidateCodeFormat(kDefaultCodeFormat));
  EXPECT_THAT(ValidateCodeFormat("{agency}-{yy}"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("{seq}")));
  EXPECT_THAT(ValidateCodeFormat("{agency}-{week}-{seq}"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("{week}")));
  EXPECT_THAT(ValidateCodeFormat("{agency}-{seq:0}"),
              StatusIs(absl::StatusCode::kInvalidArgument, ::testing::_));
  EXPECT_THAT(ValidateCodeFormat("{agency-{seq}"),
              StatusIs(absl::StatusCode::kInvalidArgument, ::testing::_));
}

TEST(DossierCode, WellFormedCodes) {
  EXPECT_TRUE(IsWellFormedDossierCode("000.00.00.H44-261126-0001"));
  EXPECT_FALSE(IsWellFormedDossierCode(""));
  EXPECT_FALSE(IsWellFormedDossierCode("h44-261126-0001"));  // callers upper-case first
  EXPECT_FALSE(IsWellFormedDossierCode("H44/../x"));
  EXPECT_FALSE(IsWellFormedDossierCode(std::string(65, 'A')));
}

TEST(DossierCode, AgencyCodesDefaultToH44) {
  EXPECT_EQ(DefaultAgencyCode("25", "25"), "000.00.00.H44");
  EXPECT_EQ(DefaultAgencyCode("25", "07900"), "H44.07900");
}

}  // namespace
}  // namespace motcua::dossier
