#include "services/http_gateway/http_status.h"

#include <google/protobuf/util/json_util.h>

#include <utility>
#include <vector>

#include "absl/strings/ascii.h"
#include "absl/strings/match.h"
#include "absl/strings/str_cat.h"
#include "motcua/v1/web_gateway.pb.h"

namespace motcua::http_gateway {
namespace {

// Field paths as motcua's messages write them: "dossier.attachments[0].content".
bool LooksLikeField(absl::string_view s) {
  if (s.empty() || s.size() > 120) return false;
  if (!absl::ascii_islower(static_cast<unsigned char>(s[0]))) return false;
  for (char c : s) {
    if (!(absl::ascii_islower(static_cast<unsigned char>(c)) ||
          absl::ascii_isdigit(static_cast<unsigned char>(c)) || c == '_' || c == '.' || c == '[' ||
          c == ']' || c == ',' || c == ' ')) {
      return false;
    }
  }
  // "start_time, end_time" names two fields; plain words ("role citizen may not") do not.
  return !absl::StrContains(s, " ") || absl::StrContains(s, ", ");
}

std::string StripIndices(absl::string_view field) {
  std::string out;
  bool in_index = false;
  for (char c : field) {
    if (c == '[') in_index = true;
    if (!in_index) out.push_back(c);
    if (c == ']') in_index = false;
  }
  return out;
}

struct Label {
  absl::string_view field;
  absl::string_view vi;
};

constexpr Label kLabels[] = {
    {"dossier.applicant.name", "Họ và tên người nộp"},
    {"dossier.applicant.id_number", "Số định danh cá nhân (CCCD)"},
    {"dossier.applicant.phone", "Số điện thoại"},
    {"dossier.applicant.email", "Thư điện tử"},
    {"dossier.applicant.address", "Địa chỉ"},
    {"dossier.applicant", "Thông tin người nộp"},
    {"dossier.summary", "Trích yếu nội dung"},
    {"dossier.procedure", "Thủ tục"},
    {"dossier.channel", "Kênh nộp hồ sơ"},
    {"dossier.receiving_unit", "Nơi nộp hồ sơ"},
    {"dossier.competent_unit", "Cơ quan giải quyết"},
    {"dossier.support_unit", "Nơi được hỗ trợ"},
    {"dossier.attachments.component_code", "Thành phần hồ sơ của tệp đính kèm"},
    {"dossier.attachments.file_name", "Tên tệp đính kèm"},
    {"dossier.attachments.content", "Tệp đính kèm"},
    {"dossier.attachments", "Tệp đính kèm"},
    {"attachments.component_code", "Thành phần hồ sơ của tệp đính kèm"},
    {"attachments.file_name", "Tên tệp đính kèm"},
    {"attachments.content", "Tệp đính kèm"},
    {"attachments", "Tệp đính kèm"},
    {"dossier.status", "Trạng thái hồ sơ"},
    {"dossier.fees", "Phí, lệ phí"},
    {"dossier.pay_time", "Thanh toán"},
    {"dossier", "Hồ sơ"},
    {"name", "Mã hồ sơ"},
    {"parent", "Mã hồ sơ"},
    {"rating", "Mức đánh giá"},
    {"comment", "Ý kiến góp ý"},
    {"amount_vnd", "Số tiền thanh toán"},
    {"transaction_id", "Mã giao dịch"},
    {"method", "Hình thức thanh toán"},
    {"reason", "Lý do"},
    {"content", "Nội dung yêu cầu bổ sung"},
    {"etag", "Phiên bản hồ sơ"},
    {"username", "Tên đăng nhập"},
    {"password", "Mật khẩu"},
    {"token", "Phiên đăng nhập"},
    {"authorization", "Phiên đăng nhập"},
    {"session", "Phiên đăng nhập"},
    {"csrf", "Mã chống giả mạo yêu cầu (CSRF)"},
    {"origin", "Nguồn gửi yêu cầu"},
    {"body", "Dữ liệu gửi lên"},
    {"unit", "Đơn vị"},
    {"units", "Đơn vị"},
    {"start_time", "Thời điểm bắt đầu"},
    {"end_time", "Thời điểm kết thúc"},
    {"page_size", "Số dòng mỗi trang"},
    {"page_token", "Trang"},
    {"query", "Từ khóa tìm kiếm"},
    {"view", "Danh sách"},
    {"rate", "Số yêu cầu"},
    {"request_id", "Mã yêu cầu"},
};

// Known reasons. `sentence` replaces the whole message; otherwise "label + phrase".
struct Phrase {
  absl::string_view english;
  absl::string_view vi;
  bool sentence;
};

constexpr Phrase kPhrases[] = {
    {"belongs to another applicant",
     "Hồ sơ này thuộc về người nộp khác; bạn chỉ xem và thao tác được hồ sơ đứng tên mình.", true},
    {"a citizen submits only in their own name",
     "Công dân chỉ nộp hồ sơ đứng tên chính mình: số CCCD phải trùng với tài khoản đăng nhập.",
     true},
    {"username or password is wrong", "Tên đăng nhập hoặc mật khẩu không đúng.", true},
    {"sign in again", "Phiên đăng nhập không hợp lệ hoặc đã hết hạn; vui lòng đăng nhập lại.",
     true},
    {"expected \"Bearer TOKEN\"", "Bạn cần đăng nhập để thực hiện thao tác này.", true},
    {"sign-in required", "Bạn cần đăng nhập để thực hiện thao tác này.", true},
    {"too many requests",
     "Bạn gửi quá nhiều yêu cầu trong thời gian ngắn; vui lòng thử lại sau ít "
     "phút.",
     true},
    {"csrf",
     "Yêu cầu thiếu mã chống giả mạo hoặc mã không khớp; vui lòng tải lại trang và thử "
     "lại.",
     true},
    {"cross-origin", "Yêu cầu đến từ trang web khác nên bị từ chối.", true},
    {"is larger than the limit of",
     "Dữ liệu gửi lên quá lớn (tối đa 32 MiB cho mỗi lần gửi, 10 MiB cho mỗi tệp).", true},
    {"changed since it was read",
     "Hồ sơ vừa được cập nhật bởi người khác; vui lòng tải lại và thử lại.", true},
    {"is rated once finished", "Chỉ đánh giá được khi hồ sơ đã giải quyết xong.", true},
    {"was already rated", "Hồ sơ này đã được đánh giá.", true},
    {"is already paid", "Hồ sơ này đã được thanh toán.", true},
    {"has no fee to pay", "Hồ sơ này không có khoản phí, lệ phí nào phải nộp.", true},
    {"has not been received yet", "Hồ sơ chưa được tiếp nhận nên chưa có ngày hẹn trả kết quả.",
     true},
    {"does not exist", "Không tìm thấy hồ sơ hoặc thủ tục với mã đã nhập.", true},
    {"is required", "là bắt buộc nhưng chưa được nhập", false},
    {"is larger than", "vượt quá dung lượng cho phép (10 MiB mỗi tệp)", false},
    {"is empty", "là tệp rỗng", false},
    {"must be 9 to 13 digits", "phải gồm 9 đến 13 chữ số", false},
    {"is not an e-mail address", "không đúng định dạng địa chỉ thư điện tử", false},
    {"must be digits, spaces and +", "chỉ gồm chữ số, dấu cách và dấu +, tối đa 15 ký tự", false},
    {"is not valid UTF-8", "có ký tự không hợp lệ", false},
    {"must be valid UTF-8", "có ký tự không hợp lệ hoặc quá dài", false},
    {"is longer than", "quá dài", false},
    {"must not contain a path", "không được chứa đường dẫn thư mục", false},
    {"is not a component of procedure", "không thuộc thành phần hồ sơ của thủ tục", false},
    {"more than", "vượt quá số lượng cho phép", false},
    {"does not match the fees due", "không khớp với số phí, lệ phí phải nộp", false},
    {"must be 1 to 5", "phải từ 1 đến 5 sao", false},
    {"is not a dossier code", "không đúng định dạng mã hồ sơ", false},
    {"is not dossiers/{code}", "không đúng định dạng mã hồ sơ", false},
    {"is not procedures/{code}", "không đúng định dạng mã thủ tục", false},
    {"is not in division", "không có trong danh mục đơn vị hành chính hiện hành", false},
    {"is not carried out at the level", "không giải quyết thủ tục này ở cấp đó", false},
    {"is not valid JSON", "không đúng định dạng JSON", false},
    {"is out of range", "nằm ngoài phạm vi cho phép", false},
    {"is a file of type", "có loại tệp không được chấp nhận (chỉ PDF, JPG, PNG)", false},
    {"must be", "không hợp lệ", false},
};

absl::string_view GenericVi(absl::StatusCode code) {
  switch (code) {
    case absl::StatusCode::kOk:
      return "Thành công.";
    case absl::StatusCode::kInvalidArgument:
    case absl::StatusCode::kOutOfRange:
      return "Thông tin gửi lên chưa hợp lệ.";
    case absl::StatusCode::kFailedPrecondition:
      return "Hồ sơ đang ở trạng thái không cho phép thao tác này.";
    case absl::StatusCode::kNotFound:
      return "Không tìm thấy thông tin yêu cầu.";
    case absl::StatusCode::kAlreadyExists:
      return "Thông tin này đã tồn tại.";
    case absl::StatusCode::kPermissionDenied:
      return "Bạn không có quyền thực hiện thao tác này.";
    case absl::StatusCode::kUnauthenticated:
      return "Bạn cần đăng nhập để thực hiện thao tác này.";
    case absl::StatusCode::kAborted:
      return "Dữ liệu vừa thay đổi; vui lòng tải lại và thử lại.";
    case absl::StatusCode::kResourceExhausted:
      return "Yêu cầu vượt quá giới hạn cho phép.";
    case absl::StatusCode::kUnavailable:
      return "Hệ thống đang bận; vui lòng thử lại sau ít phút.";
    case absl::StatusCode::kDeadlineExceeded:
      return "Hệ thống phản hồi quá lâu; vui lòng thử lại.";
    case absl::StatusCode::kUnimplemented:
      return "Chức năng này chưa được hỗ trợ.";
    case absl::StatusCode::kCancelled:
      return "Yêu cầu đã bị hủy.";
    default:
      return "Đã xảy ra lỗi hệ thống; vui lòng thử lại sau hoặc liên hệ Bộ phận Một cửa.";
  }
}

}  // namespace

int HttpStatusCode(absl::StatusCode code) {
  switch (code) {
    case absl::StatusCode::kOk:
      return 200;
    case absl::StatusCode::kCancelled:
      return 499;
    case absl::StatusCode::kInvalidArgument:
    case absl::StatusCode::kFailedPrecondition:
    case absl::StatusCode::kOutOfRange:
      return 400;
    case absl::StatusCode::kDeadlineExceeded:
      return 504;
    case absl::StatusCode::kNotFound:
      return 404;
    case absl::StatusCode::kAlreadyExists:
    case absl::StatusCode::kAborted:
      return 409;
    case absl::StatusCode::kPermissionDenied:
      return 403;
    case absl::StatusCode::kUnauthenticated:
      return 401;
    case absl::StatusCode::kResourceExhausted:
      return 429;
    case absl::StatusCode::kUnimplemented:
      return 501;
    case absl::StatusCode::kUnavailable:
      return 503;
    case absl::StatusCode::kUnknown:
    case absl::StatusCode::kInternal:
    case absl::StatusCode::kDataLoss:
    default:
      return 500;
  }
}

std::string FieldOf(absl::string_view message) {
  size_t colon = message.find(": ");
  if (colon == absl::string_view::npos) return "";
  absl::string_view head = message.substr(0, colon);
  return LooksLikeField(head) ? std::string(head) : "";
}

std::string FieldLabelVi(absl::string_view field) {
  // "start_time, end_time" → the first field's label.
  absl::string_view first = field.substr(0, field.find(','));
  const std::string bare = StripIndices(first);
  for (const auto& l : kLabels) {
    if (l.field == bare) return std::string(l.vi);
  }
  return "";
}

HttpError ToHttpError(const absl::Status& status) {
  HttpError e;
  e.http_code = HttpStatusCode(status.code());
  e.status = absl::StatusCodeToString(status.code());
  e.message = std::string(status.message());
  e.field = FieldOf(e.message);
  if (status.code() == absl::StatusCode::kResourceExhausted && e.field == "body") {
    e.http_code = 413;
  }
  const std::string label = FieldLabelVi(e.field);
  const std::string lower = absl::AsciiStrToLower(e.message);
  for (const auto& p : kPhrases) {
    if (!absl::StrContains(lower, absl::AsciiStrToLower(p.english))) continue;
    if (p.sentence) {
      e.message_vi = std::string(p.vi);
    } else if (!label.empty()) {
      e.message_vi = absl::StrCat(label, " ", p.vi, ".");
    } else {
      e.message_vi = absl::StrCat(GenericVi(status.code()), " (", p.vi, ")");
    }
    break;
  }
  if (e.message_vi.empty() && e.field == "dossier.status") {
    // "dossier.status: the dossier is in status 1 (Mới đăng ký, step ...); accept needs ..."
    size_t open = e.message.find(" (");
    size_t end = e.message.find_first_of(",)", open == std::string::npos ? 0 : open);
    if (open != std::string::npos && end != std::string::npos) {
      e.message_vi =
          absl::StrCat("Hồ sơ đang ở trạng thái «", e.message.substr(open + 2, end - open - 2),
                       "» nên chưa thực hiện được thao tác này.");
    }
  }
  if (e.message_vi.empty()) {
    e.message_vi = std::string(GenericVi(status.code()));
    if (!label.empty()) {
      e.message_vi.pop_back();  // the final "."
      absl::StrAppend(&e.message_vi, ": ", label, ".");
    }
  }
  // Internal details stay in the node's log, not in a page.
  if (e.http_code == 500) e.message = "internal error";
  return e;
}

std::string HttpErrorJson(const HttpError& error) {
  v1::HttpErrorResponse body;
  auto* e = body.mutable_error();
  e->set_code(error.http_code);
  e->set_status(error.status);
  e->set_message(error.message);
  e->set_message_vi(error.message_vi);
  e->set_field(error.field);
  google::protobuf::util::JsonPrintOptions options;
  options.preserve_proto_field_names = true;
  options.always_print_primitive_fields = true;
  std::string json;
  if (!google::protobuf::util::MessageToJsonString(body, &json, options).ok()) {
    return "{\"error\":{\"code\":500,\"status\":\"INTERNAL\"}}";
  }
  return json;
}

absl::Status PayloadTooLargeError(size_t max_bytes) {
  return absl::ResourceExhaustedError(
      absl::StrCat("body: the request is larger than the limit of ", max_bytes >> 20, " MiB"));
}

absl::Status RateLimitedError() {
  return absl::ResourceExhaustedError("rate: too many requests from this address; retry later");
}

}  // namespace motcua::http_gateway
