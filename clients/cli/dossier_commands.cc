#include "clients/cli/dossier_commands.h"

#include <termios.h>
#include <unistd.h>

#include <fstream>
#include <iostream>
#include <sstream>

#include "absl/status/statusor.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "absl/strings/str_join.h"
#include "absl/strings/str_split.h"
#include "absl/time/time.h"
#include "clients/cli/sync_commands.h"
#include "clients/cli/table_printer.h"
#include "clients/cli/token_file.h"
#include "motcua/v1/auth_service.grpc.pb.h"
#include "motcua/v1/intake_service.grpc.pb.h"
#include "motcua/v1/routing_service.grpc.pb.h"
#include "motcua/v1/tracking_service.grpc.pb.h"
#include "services/common/flag_parser.h"

namespace motcua::cli {
namespace {

const absl::TimeZone kVietnam = absl::FixedTimeZone(7 * 3600);

std::string ShowTime(const google::protobuf::Timestamp& t) {
  if (t.seconds() == 0 && t.nanos() == 0) return "";
  return absl::FormatTime("%d/%m/%Y %H:%M", absl::FromUnixSeconds(t.seconds()), kVietnam);
}

std::string TimelinessText(v1::Dossier::Timeliness t) {
  switch (t) {
    case v1::Dossier::EARLY:
      return "Trước hạn";
    case v1::Dossier::ON_TIME:
      return "Đúng hạn";
    case v1::Dossier::LATE:
      return "Quá hạn";
    case v1::Dossier::DUE_SOON:
      return "Sắp đến hạn";
    case v1::Dossier::IN_PROGRESS:
      return "Trong hạn";
    default:
      return "";
  }
}

std::string ChannelText(v1::Channel c) {
  switch (c) {
    case v1::CHANNEL_IN_PERSON:
      return "Trực tiếp";
    case v1::CHANNEL_ONLINE:
      return "Trực tuyến";
    case v1::CHANNEL_POSTAL:
      return "Bưu chính công ích";
    default:
      return "";
  }
}

// Parses FlagParser's args; prints help or the error. Returns -1 to go on, else an exit code.
int ParseOrExit(CliContext& ctx, FlagParser& flags, const std::vector<std::string>& args,
                std::vector<std::string>* rest, size_t positionals, const char* what) {
  if (auto s = flags.Parse(args, rest); !s.ok()) return ctx.UsageError(std::string(s.message()));
  if (flags.help_requested()) {
    *ctx.out << flags.Help();
    return kExitOk;
  }
  if (rest->size() != positionals) {
    return ctx.UsageError(absl::StrCat(what, " (see --help)"));
  }
  return -1;
}

absl::StatusOr<std::string> ReadWholeFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return absl::NotFoundError(absl::StrCat("cannot read ", path));
  std::ostringstream buf;
  buf << in.rdbuf();
  return buf.str();
}

// "--file COMPONENT=PATH" values into attachments.
int AddFiles(CliContext& ctx, const std::vector<std::string>& files,
             google::protobuf::RepeatedPtrField<v1::Attachment>* out) {
  for (const auto& f : files) {
    auto eq = f.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == f.size()) {
      return ctx.UsageError(absl::StrCat("--file: \"", f, "\" is not COMPONENT=PATH"));
    }
    std::string path = f.substr(eq + 1);
    auto content = ReadWholeFile(path);
    if (!content.ok()) return ctx.UsageError(absl::StrCat("--file: ", content.status().message()));
    auto* a = out->Add();
    a->set_component_code(f.substr(0, eq));
    a->set_file_name(path.substr(path.rfind('/') + 1));
    a->set_content(*content);
  }
  return -1;
}

void PrintDossier(CliContext& ctx, const v1::Dossier& d) {
  if (ctx.output == OutputFormat::kJson) {
    ctx.PrintJson(d);
    return;
  }
  std::ostream& o = *ctx.out;
  o << "Hồ sơ " << d.code() << "\n";
  o << "  Thủ tục:          " << d.procedure_display_name() << " ("
    << d.procedure().substr(d.procedure().find('/') + 1) << ", phiên bản " << d.procedure_version()
    << ")\n";
  o << "  Trạng thái:       " << static_cast<int>(d.state()) << " - " << d.state_display_name()
    << " (" << d.step() << ")\n";
  o << "  Người nộp:        " << d.applicant().name() << " (" << d.applicant().id_number() << ")\n";
  o << "  Kênh:             " << ChannelText(d.channel()) << "\n";
  o << "  Nơi tiếp nhận:    " << d.receiving_unit()
    << "   Cơ quan giải quyết: " << d.competent_unit() << "   Đang giữ: " << d.holding_unit()
    << "\n";
  if (!d.held_by_node().empty()) {
    o << "  Liên thông:       đang xử lý tại nút " << d.held_by_node()
      << " (nút này chỉ xem được)\n";
  }
  if (d.has_receive_time()) o << "  Tiếp nhận:        " << ShowTime(d.receive_time()) << "\n";
  if (d.has_transfer_time()) o << "  Chuyển xử lý:     " << ShowTime(d.transfer_time()) << "\n";
  if (d.has_due_time()) {
    o << "  Hẹn trả:          " << ShowTime(d.due_time());
    if (d.has_original_due_time() && d.original_due_time().seconds() != d.due_time().seconds()) {
      o << " (hẹn ban đầu " << ShowTime(d.original_due_time()) << ")";
    }
    o << " — " << TimelinessText(d.timeliness()) << "\n";
  }
  if (d.extended()) o << "  Gia hạn:          " << d.extension_reason() << "\n";
  if (!d.assignee().empty()) o << "  Chuyên viên:      " << d.assignee() << "\n";
  for (const auto& c : d.consultations()) {
    o << "  Lấy ý kiến số " << c.number() << ":  " << c.unit() << " (chủ trì " << c.lead_unit()
      << "), hạn " << ShowTime(c.due_time()) << "; "
      << (c.has_answer_time()
              ? absl::StrCat(c.agreed() ? "thống nhất" : "không thống nhất", " — ", c.answer())
              : std::string("chưa trả lời"))
      << (c.late() ? " [QUÁ HẠN]" : "") << "\n";
  }
  for (const auto& s : d.supplements()) {
    o << "  Bổ sung lần " << s.round() << ":     yêu cầu " << ShowTime(s.request_time())
      << (s.late_request() ? " (quá 3 ngày làm việc)" : "") << "; "
      << (s.has_complete_time() ? absl::StrCat("nhận đủ ", ShowTime(s.complete_time()))
                                : std::string("đang chờ"))
      << " — " << s.content() << "\n";
  }
  if (d.attachments_size() > 0) {
    o << "  Giấy tờ:\n";
    for (const auto& a : d.attachments()) {
      o << "    - " << a.component_code() << ": " << a.file_name() << " (" << a.size_bytes()
        << " byte, sha256 " << a.sha256().substr(0, 12) << "…)\n";
    }
  }
  int64_t fees = 0;
  for (const auto& f : d.fees()) fees += f.amount_vnd();
  if (fees > 0) {
    o << "  Phí, lệ phí:      " << fees << " đồng"
      << (d.has_pay_time() ? absl::StrCat(" (đã nộp ", ShowTime(d.pay_time()), ")") : "") << "\n";
  }
  if (d.has_handling_end_time()) {
    o << "  Kết thúc xử lý:   " << ShowTime(d.handling_end_time()) << "\n";
  }
  if (d.has_return_time()) o << "  Trả kết quả:      " << ShowTime(d.return_time()) << "\n";
  if (!d.decision_note().empty()) o << "  Ghi chú:          " << d.decision_note() << "\n";
  if (d.allowed_actions_size() > 0) {
    std::vector<std::string> actions(d.allowed_actions().begin(), d.allowed_actions().end());
    o << "  Bạn có thể:       " << absl::StrJoin(actions, ", ") << "\n";
  }
}

// ---- dossier receive ----

int DossierReceive(CliContext& ctx, const std::vector<std::string>& args) {
  std::string procedure, unit, competent, support, name, id, phone, email, address, summary,
      channel = "in-person", refuse, request_id;
  std::vector<std::string> files;
  FlagParser flags(
      "motcua dossier receive --procedure CODE --unit CODE --name NAME --id-number N "
      "--file COMPONENT=PATH ... [flags]",
      "Receives a dossier at the desk (clerk) or submits one online (citizen). A "
      "complete dossier gets a code and a receipt with its due date (Mẫu 01); an "
      "incomplete one gets the supplement guidance (Mẫu 02) and no code.");
  flags.AddString("procedure", &procedure, "National procedure code, e.g. 1.001193.", "CODE");
  flags.AddString("unit", &unit, "GSO code of the receiving unit.", "CODE");
  flags.AddString("competent-unit", &competent, "Unit that decides (default: --unit).", "CODE");
  flags.AddString("support-unit", &support, "Where the applicant was helped (default: --unit).",
                  "CODE");
  flags.AddString("name", &name, "Applicant's full name.", "NAME");
  flags.AddString("id-number", &id, "Applicant's identity number (CCCD).", "N");
  flags.AddString("phone", &phone, "Applicant's phone.", "PHONE");
  flags.AddString("email", &email, "Applicant's e-mail.", "EMAIL");
  flags.AddString("address", &address, "Applicant's address.", "TEXT");
  flags.AddString("summary", &summary, "Trích yếu.", "TEXT");
  flags.AddStringList("file", &files, "A scanned paper for a component (repeat).",
                      "COMPONENT=PATH");
  flags.AddString("channel", &channel, "in-person (default), postal or online.", "CHANNEL");
  flags.AddString("refuse", &refuse, "Refuse to receive it, with this reason (Mẫu 03).", "REASON");
  flags.AddString("request-id", &request_id, "Idempotency key: a retry returns the same dossier.",
                  "ID");
  flags.AddExample(
      "motcua dossier receive --procedure 1.001193 --unit 07900 --name \"Nguyễn Văn An\" "
      "--id-number 025090000001 --file TK=to-khai.pdf --file GTTT=cccd.jpg");
  std::vector<std::string> rest;
  if (int rc = ParseOrExit(ctx, flags, args, &rest, 0, "dossier receive takes only flags");
      rc >= 0) {
    return rc;
  }
  v1::CreateDossierRequest req;
  auto* d = req.mutable_dossier();
  d->set_procedure(absl::StrCat("procedures/", procedure));
  if (channel == "in-person") {
    d->set_channel(v1::CHANNEL_IN_PERSON);
  } else if (channel == "online") {
    d->set_channel(v1::CHANNEL_ONLINE);
  } else if (channel == "postal") {
    d->set_channel(v1::CHANNEL_POSTAL);
  } else {
    return ctx.UsageError("--channel: must be in-person, postal or online");
  }
  d->set_receiving_unit(unit);
  d->set_competent_unit(competent);
  d->set_support_unit(support);
  d->mutable_applicant()->set_name(name);
  d->mutable_applicant()->set_id_number(id);
  d->mutable_applicant()->set_phone(phone);
  d->mutable_applicant()->set_email(email);
  d->mutable_applicant()->set_address(address);
  d->set_summary(summary);
  if (int rc = AddFiles(ctx, files, d->mutable_attachments()); rc >= 0) return rc;
  req.set_request_id(request_id);
  req.set_refusal_reason(refuse);
  auto stub = v1::IntakeService::NewStub(ctx.Channel());
  grpc::ClientContext call;
  ctx.Prepare(&call);
  v1::CreateDossierResponse resp;
  grpc::Status status = stub->CreateDossier(&call, req, &resp);
  if (!status.ok()) return ctx.ReportRpcError(status);
  if (ctx.output == OutputFormat::kJson) {
    ctx.PrintJson(resp);
  } else {
    *ctx.out << resp.form_text();
    if (resp.has_dossier()) *ctx.out << "\nMã hồ sơ: " << resp.dossier().code() << "\n";
  }
  return resp.outcome() == v1::CreateDossierResponse::SUPPLEMENT_GUIDANCE ? kExitFailure : kExitOk;
}

// ---- one routing action ----

struct ActionSpec {
  const char* name;
  const char* help;
  const char* example;
};

constexpr ActionSpec kActionSpecs[] = {
    {"accept", "Accept an online dossier (1 → 2); its due date starts now.",
     "motcua dossier accept H44.07900-261126-0001"},
    {"refuse", "Refuse an online dossier (1 → 3, Mẫu 03). Needs --reason.",
     "motcua dossier refuse CODE --reason \"Không thuộc thẩm quyền\""},
    {"assign", "Leader assigns a specialist (2 → 4). Needs --to USER.",
     "motcua dossier assign CODE --to specialist.07900"},
    {"request-supplement",
     "Specialist asks for papers, once and completely (4 → 5, Mẫu 02). Needs --content.",
     "motcua dossier request-supplement CODE --content \"Bổ sung bản sao giấy chứng sinh\""},
    {"supplement", "The papers arrived (5 → 4); the time limit restarts. --file to attach.",
     "motcua dossier supplement CODE --file GTCM=giay-chung-sinh.pdf"},
    {"request-payment", "Fees are due (4 → 6). --fee NAME=AMOUNT, default the procedure's fees.",
     "motcua dossier request-payment CODE"},
    {"pay", "Payment received (6 → 4).", "motcua dossier pay CODE"},
    {"extend",
     "Apologise and set one new due date, at least 1 day ahead (Mẫu 04). Needs --until and "
     "--reason.",
     "motcua dossier extend CODE --until 2026-12-10T17:00:00+07:00 --reason \"Cần xác minh\""},
    {"approve", "Leader approves and signs the result.", "motcua dossier approve CODE"},
    {"issue", "Văn thư issues the signed result (→ 9).", "motcua dossier issue CODE"},
    {"return", "Hand the result to the applicant (9 → 10). Needs --delivery desk|post|online.",
     "motcua dossier return CODE --delivery desk"},
    {"withdraw", "The applicant withdraws (→ 7). Needs --reason.",
     "motcua dossier withdraw CODE --reason \"Công dân xin rút\""},
    {"stop", "Stop handling (→ 8). Needs --reason.",
     "motcua dossier stop CODE --reason \"Công dân không bổ sung\""},
    {"refuse-after-appraisal", "Not eligible after appraisal (→ 8). Needs --reason.",
     "motcua dossier refuse-after-appraisal CODE --reason \"Không đủ điều kiện\""},
    {"consult",
     "Ask other units for their opinion, in parallel, each by its own deadline (liên thông). "
     "Needs --ask and --question.",
     "motcua dossier consult CODE --ask 04924:8 --ask 25:16 --question \"Xác minh nơi cư trú\""},
    {"answer-consultation", "Your unit's opinion on consultation N. Needs --number and --answer.",
     "motcua dossier answer-consultation CODE --number 1 --answer \"Thống nhất\""},
};

int DossierAction(CliContext& ctx, const ActionSpec& spec, const std::vector<std::string>& args) {
  std::string reason, etag, to, content, until, delivery;
  std::vector<std::string> files, fees;
  FlagParser flags(absl::StrCat("motcua dossier ", spec.name, " CODE [flags]"), spec.help);
  const std::string action = spec.name;
  // Consultations carry their own text (--question, --answer) and no etag.
  if (action != "consult" && action != "answer-consultation") {
    flags.AddString("reason", &reason, "Why, in Vietnamese.", "TEXT");
    flags.AddString("etag", &etag, "Act only if the dossier is still at this version.", "ETAG");
  }
  if (action == "assign") flags.AddString("to", &to, "The specialist's username.", "USER");
  if (action == "request-supplement") {
    flags.AddString("content", &content, "What is missing.", "TEXT");
  }
  if (action == "supplement") {
    flags.AddStringList("file", &files, "A paper for a component (repeat).", "COMPONENT=PATH");
  }
  if (action == "request-payment") {
    flags.AddStringList("fee", &fees, "A fee line (repeat).", "NAME=AMOUNT");
  }
  if (action == "extend") {
    flags.AddString("until", &until, "The new due time, ISO 8601 with offset.", "TIME");
  }
  if (action == "return") flags.AddString("delivery", &delivery, "desk, post or online.", "HOW");
  std::vector<std::string> asks;
  std::string question, lead, answer;
  int number = 0;
  bool disagree = false;
  if (action == "consult") {
    flags.AddStringList("ask", &asks,
                        "A unit and its deadline: working hours of that unit, or a time "
                        "(repeat).",
                        "UNIT:HOURS|UNIT@TIME");
    flags.AddString("question", &question, "What the units are asked.", "TEXT");
    flags.AddString("lead", &lead, "The lead unit (default: the competent unit).", "UNIT");
  }
  if (action == "answer-consultation") {
    flags.AddInt("number", &number, "The consultation's number (see dossier show).");
    flags.AddString("answer", &answer, "Your unit's opinion.", "TEXT");
    flags.AddBool("disagree", &disagree, "Your unit does not agree with the proposal.");
  }
  flags.AddExample(spec.example);
  std::vector<std::string> rest;
  if (int rc = ParseOrExit(ctx, flags, args, &rest, 1,
                           absl::StrCat("dossier ", spec.name, " needs one dossier CODE").c_str());
      rc >= 0) {
    return rc;
  }
  const std::string name = absl::StrCat("dossiers/", rest[0]);
  auto stub = v1::RoutingService::NewStub(ctx.Channel());
  grpc::ClientContext call;
  ctx.Prepare(&call);
  v1::Dossier resp;
  grpc::Status status;
  v1::DossierActionRequest simple;
  simple.set_name(name);
  simple.set_reason(reason);
  simple.set_etag(etag);
  if (action == "accept") {
    status = stub->AcceptDossier(&call, simple, &resp);
  } else if (action == "refuse") {
    status = stub->RefuseDossier(&call, simple, &resp);
  } else if (action == "assign") {
    v1::AssignDossierRequest req;
    req.set_name(name);
    req.set_assignee(to);
    req.set_reason(reason);
    req.set_etag(etag);
    status = stub->AssignDossier(&call, req, &resp);
  } else if (action == "request-supplement") {
    v1::RequestSupplementRequest req;
    req.set_name(name);
    req.set_content(content);
    req.set_etag(etag);
    status = stub->RequestSupplement(&call, req, &resp);
  } else if (action == "supplement") {
    v1::SubmitSupplementRequest req;
    req.set_name(name);
    req.set_reason(reason);
    req.set_etag(etag);
    if (int rc = AddFiles(ctx, files, req.mutable_attachments()); rc >= 0) return rc;
    status = stub->SubmitSupplement(&call, req, &resp);
  } else if (action == "request-payment") {
    v1::RequestPaymentRequest req;
    req.set_name(name);
    req.set_reason(reason);
    req.set_etag(etag);
    for (const auto& f : fees) {
      auto eq = f.rfind('=');
      int64_t amount = 0;
      if (eq == std::string::npos || !absl::SimpleAtoi(f.substr(eq + 1), &amount)) {
        return ctx.UsageError(absl::StrCat("--fee: \"", f, "\" is not NAME=AMOUNT"));
      }
      auto* fee = req.add_fees();
      fee->set_code(absl::StrCat("F", req.fees_size()));
      fee->set_display_name(f.substr(0, eq));
      fee->set_amount_vnd(amount);
    }
    status = stub->RequestPayment(&call, req, &resp);
  } else if (action == "pay") {
    status = stub->RecordPayment(&call, simple, &resp);
  } else if (action == "extend") {
    absl::Time t;
    std::string err;
    if (!absl::ParseTime(absl::RFC3339_full, until, &t, &err)) {
      return ctx.UsageError(
          absl::StrCat("--until: \"", until, "\" is not a time like 2026-12-10T17:00:00+07:00"));
    }
    v1::ExtendDossierRequest req;
    req.set_name(name);
    req.set_reason(reason);
    req.set_etag(etag);
    req.mutable_new_due_time()->set_seconds(absl::ToUnixSeconds(t));
    status = stub->ExtendDossier(&call, req, &resp);
  } else if (action == "approve") {
    status = stub->ApproveDossier(&call, simple, &resp);
  } else if (action == "issue") {
    status = stub->IssueResult(&call, simple, &resp);
  } else if (action == "return") {
    v1::ReturnResultRequest req;
    req.set_name(name);
    req.set_reason(reason);
    req.set_etag(etag);
    if (delivery == "desk") {
      req.set_delivery(v1::Dossier::DESK);
    } else if (delivery == "post") {
      req.set_delivery(v1::Dossier::POST);
    } else if (delivery == "online") {
      req.set_delivery(v1::Dossier::ONLINE);
    } else {
      return ctx.UsageError("--delivery: must be desk, post or online");
    }
    status = stub->ReturnResult(&call, req, &resp);
  } else if (action == "withdraw") {
    status = stub->WithdrawDossier(&call, simple, &resp);
  } else if (action == "stop") {
    status = stub->StopDossier(&call, simple, &resp);
  } else if (action == "refuse-after-appraisal") {
    status = stub->RefuseAfterAppraisal(&call, simple, &resp);
  } else if (action == "consult") {
    v1::RequestConsultationRequest req;
    req.set_name(name);
    req.set_lead_unit(lead);
    if (asks.empty()) return ctx.UsageError("--ask: give at least one UNIT:HOURS or UNIT@TIME");
    for (const auto& a : asks) {
      auto* ask = req.add_asks();
      ask->set_question(question);
      const size_t at = a.find('@');
      const size_t colon = a.find(':');
      if (at != std::string::npos && at > 0) {
        absl::Time t;
        std::string err;
        if (!absl::ParseTime(absl::RFC3339_full, a.substr(at + 1), &t, &err)) {
          return ctx.UsageError(
              absl::StrCat("--ask: \"", a, "\": the time is not like 2026-12-10T16:00:00+07:00"));
        }
        ask->set_unit(a.substr(0, at));
        ask->mutable_due_time()->set_seconds(absl::ToUnixSeconds(t));
      } else if (colon != std::string::npos && colon > 0) {
        int hours = 0;
        if (!absl::SimpleAtoi(a.substr(colon + 1), &hours)) {
          return ctx.UsageError(
              absl::StrCat("--ask: \"", a, "\": HOURS must be a whole number of working hours"));
        }
        ask->set_unit(a.substr(0, colon));
        ask->set_working_hours(hours);
      } else {
        return ctx.UsageError(absl::StrCat("--ask: \"", a, "\" is not UNIT:HOURS or UNIT@TIME"));
      }
    }
    status = stub->RequestConsultation(&call, req, &resp);
  } else if (action == "answer-consultation") {
    v1::AnswerConsultationRequest req;
    req.set_name(name);
    req.set_number(number);
    req.set_answer(answer);
    req.set_agreed(!disagree);
    status = stub->AnswerConsultation(&call, req, &resp);
  }
  if (!status.ok()) return ctx.ReportRpcError(status);
  PrintDossier(ctx, resp);
  return kExitOk;
}

int DossierShow(CliContext& ctx, const std::vector<std::string>& args, bool public_status) {
  FlagParser flags(public_status ? "motcua dossier status CODE" : "motcua dossier show CODE",
                   public_status ? "The public status of a dossier (no sign-in needed)."
                                 : "Everything about one dossier you may see.");
  flags.AddExample(public_status ? "motcua dossier status H44.07900-261126-0001"
                                 : "motcua dossier show H44.07900-261126-0001");
  std::vector<std::string> rest;
  if (int rc = ParseOrExit(ctx, flags, args, &rest, 1, "needs one dossier CODE"); rc >= 0) {
    return rc;
  }
  auto stub = v1::IntakeService::NewStub(ctx.Channel());
  grpc::ClientContext call;
  ctx.Prepare(&call);
  if (public_status) {
    v1::GetDossierStatusRequest req;
    req.set_name(absl::StrCat("dossiers/", rest[0]));
    v1::DossierStatus resp;
    grpc::Status status = stub->GetDossierStatus(&call, req, &resp);
    if (!status.ok()) return ctx.ReportRpcError(status);
    if (ctx.output == OutputFormat::kJson) {
      ctx.PrintJson(resp);
    } else {
      *ctx.out << resp.name().substr(9) << "  " << resp.procedure_display_name() << "\n"
               << "  Trạng thái: " << static_cast<int>(resp.state()) << " - "
               << resp.state_display_name() << "\n  Hẹn trả:    " << ShowTime(resp.due_time())
               << " — " << TimelinessText(resp.timeliness())
               << "\n  Đang giữ:   " << resp.holding_unit() << "\n";
    }
    return kExitOk;
  }
  v1::GetDossierRequest req;
  req.set_name(absl::StrCat("dossiers/", rest[0]));
  v1::Dossier resp;
  grpc::Status status = stub->GetDossier(&call, req, &resp);
  if (!status.ok()) return ctx.ReportRpcError(status);
  PrintDossier(ctx, resp);
  return kExitOk;
}

int DossierHistory(CliContext& ctx, const std::vector<std::string>& args) {
  FlagParser flags("motcua dossier history CODE",
                   "The control slip (Phiếu kiểm soát quá trình giải quyết hồ sơ, Mẫu 05): every "
                   "hand-off with its time, actor, unit and result, and whether the hash chain "
                   "verifies.");
  flags.AddExample("motcua dossier history H44.07900-261126-0001");
  std::vector<std::string> rest;
  if (int rc = ParseOrExit(ctx, flags, args, &rest, 1, "needs one dossier CODE"); rc >= 0) {
    return rc;
  }
  auto stub = v1::IntakeService::NewStub(ctx.Channel());
  grpc::ClientContext call;
  ctx.Prepare(&call);
  v1::ListDossierEventsRequest req;
  req.set_parent(absl::StrCat("dossiers/", rest[0]));
  v1::ListDossierEventsResponse resp;
  grpc::Status status = stub->ListDossierEvents(&call, req, &resp);
  if (!status.ok()) return ctx.ReportRpcError(status);
  if (ctx.output == OutputFormat::kJson) {
    ctx.PrintJson(resp);
    return kExitOk;
  }
  *ctx.out << "PHIẾU KIỂM SOÁT QUÁ TRÌNH GIẢI QUYẾT HỒ SƠ (Mẫu số 05)\nMã hồ sơ: " << rest[0]
           << "\n\n";
  TablePrinter table(
      {"#", "Thời gian", "Người thực hiện", "Đơn vị", "Nội dung", "Trạng thái", "Ghi chú"},
      {0, 0, 20, 0, 36, 24, 40});
  for (const auto& e : resp.events()) {
    table.AddRow({absl::StrCat(e.seq()), ShowTime(e.time()), e.actor(), e.unit(),
                  e.action_display_name(), absl::StrCat(static_cast<int>(e.state_after())),
                  e.reason()});
  }
  table.Print(*ctx.out);
  *ctx.out << "\nChuỗi băm: "
           << (resp.chain_valid() ? "hợp lệ" : "KHÔNG hợp lệ — lịch sử đã bị sửa đổi") << "\n";
  return resp.chain_valid() ? kExitOk : kExitFailure;
}

// `motcua dossier handoffs [CODE] [--late]`: liên thông across nodes as this node saw it.
int DossierHandoffs(CliContext& ctx, const std::vector<std::string>& args) {
  bool late = false;
  int limit = 50;
  FlagParser flags("motcua dossier handoffs [CODE] [--late] [--limit N]",
                   "The hand-offs between nodes (liên thông) this node sent and received: of one "
                   "dossier, or all of them (admins and leaders), newest first — who held the "
                   "dossier, by when it had to move on, when the next node took it, and whether "
                   "it was late (to the unit that held it).");
  flags.AddBool("late", &late, "Only the late ones.");
  flags.AddInt("limit", &limit, "Most listed (default 50, at most 1000).");
  flags.AddExample("motcua dossier handoffs H44.07900-261127-0001");
  flags.AddExample("motcua dossier handoffs --late");
  std::vector<std::string> rest;
  if (auto s = flags.Parse(args, &rest); !s.ok()) return ctx.UsageError(std::string(s.message()));
  if (flags.help_requested()) {
    *ctx.out << flags.Help();
    return kExitOk;
  }
  if (rest.size() > 1)
    return ctx.UsageError("dossier handoffs takes at most one CODE (see --help)");
  if (limit < 1 || limit > 1000) return ctx.UsageError("--limit: must be 1..1000");
  v1::ListHandoffsRequest req;
  if (!rest.empty()) req.set_dossier(absl::StrCat("dossiers/", rest[0]));
  req.set_late_only(late);
  req.set_page_size(limit);
  auto stub = v1::TrackingService::NewStub(ctx.Channel());
  grpc::ClientContext call;
  ctx.Prepare(&call);
  v1::ListHandoffsResponse resp;
  grpc::Status status = stub->ListHandoffs(&call, req, &resp);
  if (!status.ok()) return ctx.ReportRpcError(status);
  if (ctx.output == OutputFormat::kJson) {
    ctx.PrintJson(resp);
    return kExitOk;
  }
  TablePrinter table({"Hồ sơ", "Loại", "Chiều", "Nút", "Đơn vị giữ → nhận", "Gửi", "Hạn",
                      "Nút nhận lúc", "Đúng hạn"},
                     {0, 0, 0, 0, 0, 0, 0, 0, 40});
  for (const auto& h : resp.handoffs()) {
    std::string received = h.has_receive_time() ? ShowTime(h.receive_time()) : "đang chuyển";
    std::string verdict = h.late() ? absl::StrCat("TRỄ (", h.from_unit(), ")") : "đúng hạn";
    if (!h.last_error().empty() && !h.has_receive_time()) {
      absl::StrAppend(&verdict, "; lần thử ", h.attempts(), ": ", h.last_error());
    }
    table.AddRow({h.dossier().substr(sizeof("dossiers/") - 1),
                  h.kind() == "TRANSFER" ? "chuyển xử lý" : "trả kết quả",
                  h.direction() == "OUTGOING" ? "gửi" : "nhận", h.peer_node(),
                  absl::StrCat(h.from_unit(), " → ", h.to_unit()), ShowTime(h.send_time()),
                  ShowTime(h.deadline()), received, verdict});
  }
  table.Print(*ctx.out);
  *ctx.out << "\n"
           << resp.handoffs_size() << " lượt chuyển liên thông" << (late ? " trễ hạn" : "") << "\n";
  return kExitOk;
}

}  // namespace

int RunDossierCommand(CliContext& ctx, const std::vector<std::string>& args) {
  if (args.empty() || args[0] == "--help" || args[0] == "-h") {
    std::string help =
        "Usage: motcua dossier COMMAND CODE [flags]\n\n"
        "  receive                 Receive (clerk) or submit online (citizen)\n"
        "  show                    Everything about a dossier\n"
        "  status                  Public status by code (no sign-in)\n"
        "  history                 The control slip (Mẫu 05) and its hash chain\n"
        "  handoffs                Hand-offs between nodes (liên thông), late ones to whom\n";
    for (const auto& s : kActionSpecs) {
      std::string name = s.name;
      name.resize(24, ' ');
      absl::StrAppend(&help, "  ", name, s.help, "\n");
    }
    absl::StrAppend(&help, "\nRun \"motcua dossier COMMAND --help\" for its flags.\n");
    *ctx.out << help;
    return args.empty() ? kExitUsage : kExitOk;
  }
  std::vector<std::string> rest(args.begin() + 1, args.end());
  if (args[0] == "receive") return DossierReceive(ctx, rest);
  if (args[0] == "show") return DossierShow(ctx, rest, false);
  if (args[0] == "status") return DossierShow(ctx, rest, true);
  if (args[0] == "history") return DossierHistory(ctx, rest);
  if (args[0] == "handoffs") return DossierHandoffs(ctx, rest);
  for (const auto& spec : kActionSpecs) {
    if (args[0] == spec.name) return DossierAction(ctx, spec, rest);
  }
  return ctx.UsageError(
      absl::StrCat("unknown command \"dossier ", args[0], "\" (see motcua dossier --help)"));
}

int RunLoginCommand(CliContext& ctx, const std::vector<std::string>& args) {
  std::string password;
  bool password_stdin = false;
  FlagParser flags("motcua login USERNAME [--password-stdin]",
                   "Signs in to the node and keeps the token (valid 12 hours) for later "
                   "commands. Asks for the password unless --password-stdin or MOTCUA_PASSWORD.");
  flags.AddBool("password-stdin", &password_stdin, "Read the password from standard input.");
  flags.AddExample("motcua login clerk.07900");
  flags.AddExample("echo motcua-demo | motcua login leader.07900 --password-stdin");
  std::vector<std::string> rest;
  if (int rc = ParseOrExit(ctx, flags, args, &rest, 1, "login needs one USERNAME"); rc >= 0) {
    return rc;
  }
  if (const char* p = std::getenv("MOTCUA_PASSWORD"); p && *p) {
    password = p;
  } else {
    bool tty = !password_stdin && isatty(STDIN_FILENO);
    termios old{};
    if (tty) {
      std::cerr << "Mật khẩu của " << rest[0] << ": ";
      tcgetattr(STDIN_FILENO, &old);
      termios quiet = old;
      quiet.c_lflag &= ~ECHO;
      tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
    }
    std::getline(std::cin, password);
    if (tty) {
      tcsetattr(STDIN_FILENO, TCSANOW, &old);
      std::cerr << "\n";
    }
  }
  auto stub = v1::AuthService::NewStub(ctx.Channel());
  grpc::ClientContext call;
  ctx.Prepare(&call);
  v1::LoginRequest req;
  req.set_username(rest[0]);
  req.set_password(password);
  v1::LoginResponse resp;
  grpc::Status status = stub->Login(&call, req, &resp);
  if (!status.ok()) return ctx.ReportRpcError(status);
  if (auto s = SaveToken(ctx.server, rest[0], resp.token()); !s.ok()) {
    *ctx.err << "motcua: " << s.message() << "\n";
    return kExitFailure;
  }
  if (ctx.output == OutputFormat::kJson) {
    ctx.PrintJson(resp.user());
  } else {
    std::vector<std::string> units(resp.user().units().begin(), resp.user().units().end());
    *ctx.out << "Đã đăng nhập: " << resp.user().display_name() << " (" << resp.user().username()
             << ", " << resp.user().role()
             << (units.empty() ? "" : absl::StrCat(", đơn vị ", absl::StrJoin(units, ", ")))
             << ")\n";
  }
  return kExitOk;
}

int RunLogoutCommand(CliContext& ctx, const std::vector<std::string>& args) {
  if (auto s = RemoveToken(ctx.server); !s.ok()) {
    *ctx.err << "motcua: " << s.message() << "\n";
    return kExitFailure;
  }
  *ctx.out << "Đã đăng xuất khỏi " << ctx.server << "\n";
  return kExitOk;
}

int RunWhoAmICommand(CliContext& ctx, const std::vector<std::string>& args) {
  auto stub = v1::AuthService::NewStub(ctx.Channel());
  grpc::ClientContext call;
  ctx.Prepare(&call);
  v1::User resp;
  grpc::Status status = stub->WhoAmI(&call, v1::WhoAmIRequest(), &resp);
  if (!status.ok()) return ctx.ReportRpcError(status);
  if (ctx.output == OutputFormat::kJson) {
    ctx.PrintJson(resp);
  } else {
    std::vector<std::string> units(resp.units().begin(), resp.units().end());
    *ctx.out << resp.username() << " — " << resp.display_name() << " (" << resp.role() << ")"
             << (units.empty() ? "" : absl::StrCat(" — đơn vị ", absl::StrJoin(units, ", ")))
             << "\n";
  }
  return kExitOk;
}

int RunWorklistCommand(CliContext& ctx, const std::vector<std::string>& args) {
  std::string view = "mine", page_token;
  int page_size = 0;
  bool all = false;
  FlagParser flags("motcua worklist [--view VIEW] [flags]",
                   "Your worklist, earliest due date first. Views: mine (what waits for you), "
                   "due-today, overdue, waiting (for the applicant), all, consultations (asked "
                   "of your unit), late-consultations (consulted units past their deadline on "
                   "dossiers received at your unit: for the head of the one-stop unit).");
  flags.AddString("view", &view,
                  "mine, due-today, overdue, waiting, all, consultations or "
                  "late-consultations.",
                  "VIEW");
  flags.AddInt("page-size", &page_size, "Results per page (default 50).");
  flags.AddString("page-token", &page_token, "Continue from a previous page.", "TOKEN");
  flags.AddBool("all", &all, "Fetch every page.");
  flags.AddExample("motcua worklist");
  flags.AddExample("motcua worklist --view overdue");
  flags.AddExample("motcua worklist --view late-consultations");
  std::vector<std::string> rest;
  if (int rc = ParseOrExit(ctx, flags, args, &rest, 0, "worklist takes only flags"); rc >= 0) {
    return rc;
  }
  v1::ListWorklistRequest req;
  if (view == "mine") {
    req.set_view(v1::ListWorklistRequest::MINE);
  } else if (view == "due-today") {
    req.set_view(v1::ListWorklistRequest::DUE_TODAY);
  } else if (view == "overdue") {
    req.set_view(v1::ListWorklistRequest::OVERDUE);
  } else if (view == "waiting") {
    req.set_view(v1::ListWorklistRequest::WAITING_CITIZEN);
  } else if (view == "all") {
    req.set_view(v1::ListWorklistRequest::ALL);
  } else if (view == "consultations") {
    req.set_view(v1::ListWorklistRequest::CONSULTATIONS);
  } else if (view == "late-consultations") {
    req.set_view(v1::ListWorklistRequest::LATE_CONSULTATIONS);
  } else {
    return ctx.UsageError(
        "--view: must be mine, due-today, overdue, waiting, all, consultations or "
        "late-consultations");
  }
  req.set_page_size(page_size);
  req.set_page_token(page_token);
  auto stub = v1::TrackingService::NewStub(ctx.Channel());
  v1::ListWorklistResponse all_pages;
  while (true) {
    grpc::ClientContext call;
    ctx.Prepare(&call);
    v1::ListWorklistResponse resp;
    grpc::Status status = stub->ListWorklist(&call, req, &resp);
    if (!status.ok()) return ctx.ReportRpcError(status);
    all_pages.mutable_dossiers()->MergeFrom(resp.dossiers());
    all_pages.set_total_size(resp.total_size());
    all_pages.set_next_page_token(resp.next_page_token());
    if (!all || resp.next_page_token().empty()) break;
    req.set_page_token(resp.next_page_token());
  }
  if (ctx.output == OutputFormat::kJson) {
    ctx.PrintJson(all_pages);
    return kExitOk;
  }
  TablePrinter table({"Mã hồ sơ", "Thủ tục", "Người nộp", "TT", "Hẹn trả", "Tiến độ", "Việc"},
                     {0, 32, 20, 0, 0, 0, 30});
  for (const auto& d : all_pages.dossiers()) {
    std::vector<std::string> actions(d.allowed_actions().begin(), d.allowed_actions().end());
    table.AddRow({d.code(), d.procedure_display_name(), d.applicant().name(),
                  absl::StrCat(static_cast<int>(d.state())), ShowTime(d.due_time()),
                  TimelinessText(d.timeliness()), absl::StrJoin(actions, ",")});
  }
  table.Print(*ctx.out);
  // The node counts up to 200 (storage::kMaxCountedDossiers).
  *ctx.out << "\n"
           << all_pages.dossiers_size() << " / " << all_pages.total_size()
           << (all_pages.total_size() >= 200 ? "+" : "") << " hồ sơ";
  if (!all_pages.next_page_token().empty()) {
    *ctx.out << " — trang tiếp: --page-token " << all_pages.next_page_token();
  }
  *ctx.out << "\n";
  return kExitOk;
}

int RunReportCommand(CliContext& ctx, const std::vector<std::string>& args) {
  if (!args.empty() && args[0] == "sync") {
    return RunSyncReportCommand(ctx, {args.begin() + 1, args.end()});  // sync_commands.h
  }
  std::string unit, from, to;
  FlagParser flags("motcua report [--unit CODE] [--from DATE] [--to DATE]",
                   "Counts and rates for the dossiers received in a period (default: this "
                   "month so far): by state, early / on time / late, online share, and the "
                   "Decision 766 indicators the data supports.");
  flags.AddString("unit", &unit, "GSO code (default: every unit you serve).", "CODE");
  flags.AddString("from", &from, "First day, YYYY-MM-DD (default: the 1st of this month).", "DATE");
  flags.AddString("to", &to, "Last day, YYYY-MM-DD (default: today).", "DATE");
  flags.AddExample("motcua report --unit 07900 --from 2026-01-01 --to 2026-12-31");
  std::vector<std::string> rest;
  if (int rc = ParseOrExit(ctx, flags, args, &rest, 0, "report takes only flags"); rc >= 0) {
    return rc;
  }
  absl::CivilDay today = absl::ToCivilDay(absl::Now(), kVietnam);
  absl::CivilDay first(today.year(), today.month(), 1);
  absl::CivilDay last = today;
  if (!from.empty() && !absl::ParseCivilTime(from, &first)) {
    return ctx.UsageError("--from: not a date YYYY-MM-DD");
  }
  if (!to.empty() && !absl::ParseCivilTime(to, &last)) {
    return ctx.UsageError("--to: not a date YYYY-MM-DD");
  }
  v1::GetReportRequest req;
  req.set_unit(unit);
  req.mutable_start_time()->set_seconds(absl::ToUnixSeconds(absl::FromCivil(first, kVietnam)));
  req.mutable_end_time()->set_seconds(absl::ToUnixSeconds(absl::FromCivil(last + 1, kVietnam)));
  auto stub = v1::TrackingService::NewStub(ctx.Channel());
  grpc::ClientContext call;
  ctx.Prepare(&call);
  v1::Report r;
  grpc::Status status = stub->GetReport(&call, req, &r);
  if (!status.ok()) return ctx.ReportRpcError(status);
  if (ctx.output == OutputFormat::kJson) {
    ctx.PrintJson(r);
    return kExitOk;
  }
  std::ostream& o = *ctx.out;
  o << "BÁO CÁO TÌNH HÌNH GIẢI QUYẾT HỒ SƠ " << (unit.empty() ? "" : "— đơn vị " + unit) << "\n"
    << "Từ " << absl::FormatCivilTime(first) << " đến " << absl::FormatCivilTime(last) << "\n\n";
  o << "  Tiếp nhận:                " << r.received() << "  (trực tiếp " << r.in_person()
    << ", trực tuyến " << r.online() << ", bưu chính " << r.postal() << ")\n";
  o << "  Đã giải quyết:            " << r.finished() << "  (trước hạn " << r.early()
    << ", đúng hạn " << r.on_time() << ", quá hạn " << r.late() << ")\n";
  o << "  Chưa xong, đã quá hạn:    " << r.overdue_open() << "\n";
  o << absl::StrFormat("  Tỷ lệ đúng hạn:           %.2f%%\n", r.on_time_rate());
  o << absl::StrFormat("  Tỷ lệ trực tuyến:         %.2f%%\n", r.online_share());
  o << absl::StrFormat("  766 — 2.1 đúng hạn:       %.2f%%\n", r.national_on_time_rate());
  o << absl::StrFormat("  766 — 4.2 số hóa:         %.2f%%\n", r.digitised_share());
  o << absl::StrFormat("  766 — 3.6 thanh toán TT:  %.2f%%\n", r.online_payment_share());
  o << "  Yêu cầu bổ sung: " << r.supplement_requests() << ", gia hạn: " << r.extensions() << "\n";
  o << "  Theo trạng thái:";
  for (int i = 1; i < r.by_state_size(); ++i) {
    if (r.by_state(i) > 0) o << "  [" << i << "] " << r.by_state(i);
  }
  o << "\n";
  return kExitOk;
}

int RunVerifyCommand(CliContext& ctx, const std::vector<std::string>& args) {
  FlagParser flags("motcua verify",
                   "Checks every dossier's hash-chained history in the node's store (admin) "
                   "and names the first broken link.");
  flags.AddExample("motcua verify");
  std::vector<std::string> rest;
  if (int rc = ParseOrExit(ctx, flags, args, &rest, 0, "verify takes no arguments"); rc >= 0) {
    return rc;
  }
  auto stub = v1::IntakeService::NewStub(ctx.Channel());
  grpc::ClientContext call;
  ctx.Prepare(&call);
  v1::VerifyEventChainsResponse resp;
  grpc::Status status = stub->VerifyEventChains(&call, v1::VerifyEventChainsRequest(), &resp);
  if (!status.ok()) return ctx.ReportRpcError(status);
  if (ctx.output == OutputFormat::kJson) {
    ctx.PrintJson(resp);
  } else if (resp.valid()) {
    *ctx.out << "Hợp lệ: " << resp.dossiers() << " hồ sơ, " << resp.events()
             << " sự kiện, mọi chuỗi băm đều khớp.\n";
  } else {
    *ctx.out << "KHÔNG hợp lệ: hồ sơ " << resp.broken_dossier() << ", sự kiện #"
             << resp.broken_seq() << ": " << resp.problem() << "\n";
  }
  return resp.valid() ? kExitOk : kExitFailure;
}

}  // namespace motcua::cli
