#include "services/http_gateway/http_status.h"

#include <string>

#include "gmock/gmock.h"
#include "gtest/gtest.h"

namespace motcua::http_gateway {
namespace {

using ::testing::HasSubstr;

TEST(HttpStatus, MapsEveryCanonicalCode) {
  struct Case {
    absl::StatusCode code;
    int http;
  };
  const Case cases[] = {
      {absl::StatusCode::kOk, 200},
      {absl::StatusCode::kCancelled, 499},
      {absl::StatusCode::kUnknown, 500},
      {absl::StatusCode::kInvalidArgument, 400},
      {absl::StatusCode::kDeadlineExceeded, 504},
      {absl::StatusCode::kNotFound, 404},
      {absl::StatusCode::kAlreadyExists, 409},
      {absl::StatusCode::kPermissionDenied, 403},
      {absl::StatusCode::kResourceExhausted, 429},
      {absl::StatusCode::kFailedPrecondition, 400},
      {absl::StatusCode::kAborted, 409},
      {absl::StatusCode::kOutOfRange, 400},
      {absl::StatusCode::kUnimplemented, 501},
      {absl::StatusCode::kInternal, 500},
      {absl::StatusCode::kUnavailable, 503},
      {absl::StatusCode::kDataLoss, 500},
      {absl::StatusCode::kUnauthenticated, 401},
  };
  for (const auto& c : cases) {
    EXPECT_EQ(HttpStatusCode(c.code), c.http) << absl::StatusCodeToString(c.code);
  }
}

TEST(HttpStatus, NamesTheFieldAtFault) {
  EXPECT_EQ(FieldOf("dossier.applicant.id_number: must be 9 to 13 digits"),
            "dossier.applicant.id_number");
  EXPECT_EQ(FieldOf("dossier.attachments[1].content: is larger than 10 MiB"),
            "dossier.attachments[1].content");
  EXPECT_EQ(FieldOf("start_time, end_time: both are required"), "start_time, end_time");
  EXPECT_EQ(FieldOf("dossier 000.00.00.H44-261126-0001 belongs to another applicant"), "");
  EXPECT_EQ(FieldOf("role citizen may not receive dossiers: at the desk"), "");
  EXPECT_EQ(FieldOf("no colon at all"), "");
}

TEST(HttpStatus, VietnameseMessageForAMissingField) {
  HttpError e = ToHttpError(absl::InvalidArgumentError("dossier.applicant.name: is required"));
  EXPECT_EQ(e.http_code, 400);
  EXPECT_EQ(e.status, "INVALID_ARGUMENT");
  EXPECT_EQ(e.field, "dossier.applicant.name");
  EXPECT_EQ(e.message_vi, "Họ và tên người nộp là bắt buộc nhưng chưa được nhập.");
}

TEST(HttpStatus, VietnameseMessageForAnOversizedPaper) {
  HttpError e = ToHttpError(
      absl::InvalidArgumentError("dossier.attachments[2].content: is larger than 10 MiB"));
  EXPECT_EQ(e.http_code, 400);
  EXPECT_EQ(e.field, "dossier.attachments[2].content");
  EXPECT_THAT(e.message_vi, HasSubstr("Tệp đính kèm vượt quá dung lượng cho phép"));
}

TEST(HttpStatus, AnotherApplicantsDossier) {
  HttpError e = ToHttpError(absl::PermissionDeniedError(
      "dossier 000.00.00.H44-261126-0001 belongs to another applicant"));
  EXPECT_EQ(e.http_code, 403);
  EXPECT_EQ(e.field, "");
  EXPECT_EQ(e.message_vi,
            "Hồ sơ này thuộc về người nộp khác; bạn chỉ xem và thao tác được hồ sơ đứng tên mình.");
}

TEST(HttpStatus, WrongStateNamesTheState) {
  HttpError e = ToHttpError(absl::FailedPreconditionError(
      "dossier.status: the dossier is in status 1 (Mới đăng ký, step awaiting-reception); "
      "assign needs status 2"));
  EXPECT_EQ(e.http_code, 400);
  EXPECT_EQ(e.field, "dossier.status");
  EXPECT_EQ(e.message_vi,
            "Hồ sơ đang ở trạng thái «Mới đăng ký» nên chưa thực hiện được thao tác này.");
}

TEST(HttpStatus, BodyTooLargeIs413AndRateLimitIs429) {
  HttpError big = ToHttpError(PayloadTooLargeError(32 << 20));
  EXPECT_EQ(big.http_code, 413);
  EXPECT_EQ(big.field, "body");
  EXPECT_THAT(big.message_vi, HasSubstr("quá lớn"));
  HttpError many = ToHttpError(RateLimitedError());
  EXPECT_EQ(many.http_code, 429);
  EXPECT_THAT(many.message_vi, HasSubstr("quá nhiều yêu cầu"));
}

TEST(HttpStatus, SessionProblemsAskToSignInAgain) {
  HttpError e = ToHttpError(absl::UnauthenticatedError(
      "session: the session cookie is not valid (token: bad signature; sign in again (motcua "
      "login)); sign in again"));
  EXPECT_EQ(e.http_code, 401);
  EXPECT_EQ(e.field, "session");
  EXPECT_EQ(e.message_vi, "Phiên đăng nhập không hợp lệ hoặc đã hết hạn; vui lòng đăng nhập lại.");
}

TEST(HttpStatus, InternalErrorsHideTheirDetails) {
  HttpError e = ToHttpError(absl::InternalError("sqlite: disk I/O error at /var/lib/motcua"));
  EXPECT_EQ(e.http_code, 500);
  EXPECT_EQ(e.message, "internal error");
  EXPECT_THAT(e.message_vi, HasSubstr("lỗi hệ thống"));
}

TEST(HttpStatus, UnknownReasonFallsBackToTheCodeAndTheFieldLabel) {
  HttpError e = ToHttpError(absl::InvalidArgumentError("dossier.applicant.address: odd"));
  EXPECT_EQ(e.message_vi, "Thông tin gửi lên chưa hợp lệ: Địa chỉ.");
}

TEST(HttpStatus, ErrorJsonHasTheDocumentedShape) {
  std::string json = HttpErrorJson(ToHttpError(
      absl::InvalidArgumentError("dossier.applicant.id_number: must be 9 to 13 digits")));
  EXPECT_THAT(json, HasSubstr("\"error\":{"));
  EXPECT_THAT(json, HasSubstr("\"code\":400"));
  EXPECT_THAT(json, HasSubstr("\"status\":\"INVALID_ARGUMENT\""));
  EXPECT_THAT(json, HasSubstr("\"field\":\"dossier.applicant.id_number\""));
  EXPECT_THAT(
      json, HasSubstr("\"message_vi\":\"Số định danh cá nhân (CCCD) phải gồm 9 đến 13 chữ số.\""));
}

}  // namespace
}  // namespace motcua::http_gateway
