#include "services/portal/portal_answer.h"

#include "absl/strings/str_cat.h"

namespace motcua::portal {
namespace {

using nlohmann::json;

absl::Status Garbage(absl::string_view what) {
  return absl::UnavailableError(absl::StrCat("the portal's answer is malformed: ", what));
}

}  // namespace

absl::StatusOr<json> ParseAnswer(absl::string_view body) {
  // No exceptions: a parse error gives a "discarded" value.
  json answer = json::parse(body.begin(), body.end(), nullptr, /*allow_exceptions=*/false);
  if (answer.is_discarded()) return Garbage("not JSON");
  if (!answer.is_object()) return Garbage("not a JSON object");
  auto code = answer.find("error_code");
  if (code == answer.end()) return Garbage("no error_code");
  if (!code->is_number_integer()) return Garbage("error_code is not an integer");
  auto message = answer.find("message");
  if (message != answer.end() && !message->is_string() && !message->is_null()) {
    return Garbage("message is not a string");
  }
  return answer;
}

absl::Status AnswerStatus(const json& answer) {
  const int64_t code = answer.at("error_code").get<int64_t>();
  std::string message;
  if (auto m = answer.find("message"); m != answer.end() && m->is_string()) {
    message = m->get<std::string>();
  }
  std::string text = absl::StrCat("portal error_code ", code, message.empty() ? "" : ": ", message);
  switch (code) {
    case static_cast<int>(PortalError::kOk):
      return absl::OkStatus();
    case static_cast<int>(PortalError::kSessionInvalid):
      return absl::UnauthenticatedError(text);
    case static_cast<int>(PortalError::kRejected):
      return absl::InvalidArgumentError(text);
    case static_cast<int>(PortalError::kExists):
      return absl::AlreadyExistsError(text);
    case static_cast<int>(PortalError::kUnknownDossier):
      return absl::NotFoundError(text);
    case static_cast<int>(PortalError::kBadCredentials):
      return absl::PermissionDeniedError(text);
    default:
      // kBusy and any code motcua does not know: the portal is not OK now; try again later.
      return absl::UnavailableError(text);
  }
}

absl::StatusOr<std::optional<PortalDossier>> ParseLookup(const json& answer,
                                                         absl::string_view code) {
  auto data = answer.find("data");
  if (data == answer.end()) return Garbage("TraCuuHoSo: no data");
  if (data->is_null()) return std::optional<PortalDossier>();
  if (!data->is_object()) return Garbage("TraCuuHoSo: data is not an object");
  PortalDossier out;
  auto ma = data->find("MaHoSo");
  auto status = data->find("TrangThaiHoSo");
  auto version = data->find("PhienBan");
  auto history = data->find("QuaTrinhXuLy");
  if (ma == data->end() || !ma->is_string()) return Garbage("TraCuuHoSo: MaHoSo");
  if (status == data->end() || !status->is_string()) return Garbage("TraCuuHoSo: TrangThaiHoSo");
  if (version == data->end() || !version->is_number_integer()) {
    return Garbage("TraCuuHoSo: PhienBan");
  }
  if (history == data->end() || !history->is_array()) return Garbage("TraCuuHoSo: QuaTrinhXuLy");
  out.code = ma->get<std::string>();
  if (out.code != code) {
    return Garbage(absl::StrCat("TraCuuHoSo answered for ", out.code, ", asked for ", code));
  }
  const std::string s = status->get<std::string>();
  out.status = 0;
  for (int i = 1; i <= 10; ++i) {
    if (s == std::to_string(i)) out.status = i;
  }
  if (out.status == 0) return Garbage(absl::StrCat("TraCuuHoSo: TrangThaiHoSo \"", s, "\""));
  out.version = version->get<int64_t>();
  for (const auto& entry : *history) {
    auto key = entry.is_object() ? entry.find("IdempotencyKey") : entry.end();
    if (!entry.is_object() || key == entry.end() || !key->is_string()) {
      return Garbage("TraCuuHoSo: QuaTrinhXuLy entry without IdempotencyKey");
    }
    out.history_keys.push_back(key->get<std::string>());
  }
  return std::optional<PortalDossier>(std::move(out));
}

}  // namespace motcua::portal
