// File: tests/testing/status_matchers.h
// IsOk() and StatusIs(code, message_matcher) for absl::Status and absl::StatusOr<T>, written once
// because Debian 12's Abseil ships no status matchers (google-cloud-cpp's shape).
#ifndef MOTCUA_TESTS_TESTING_STATUS_MATCHERS_H_
#define MOTCUA_TESTS_TESTING_STATUS_MATCHERS_H_

#include <ostream>

#include "absl/status/status.h"
#include "absl/status/statusor.h"
#include "gmock/gmock.h"

namespace motcua::testing {

inline const absl::Status& GetStatus(const absl::Status& s) { return s; }
template <typename T>
const absl::Status& GetStatus(const absl::StatusOr<T>& s) {
  return s.status();
}

MATCHER(IsOk, "is OK") {
  const absl::Status& s = GetStatus(arg);
  if (!s.ok()) *result_listener << "status is " << s;
  return s.ok();
}

MATCHER_P2(StatusIs, code, message_matcher,
           std::string("has code ") + absl::StatusCodeToString(code)) {
  const absl::Status& s = GetStatus(arg);
  *result_listener << "status is " << s;
  return s.code() == code &&
         ::testing::ExplainMatchResult(message_matcher, std::string(s.message()), result_listener);
}

}  // namespace motcua::testing

#define ASSERT_OK(expr) ASSERT_THAT((expr), ::motcua::testing::IsOk())
#define EXPECT_OK(expr) EXPECT_THAT((expr), ::motcua::testing::IsOk())

#endif  // MOTCUA_TESTS_TESTING_STATUS_MATCHERS_H_
