// DVCQG payloads built from domain types (services/portal/dvcqg_payload.h): the exact field
// names of DOMAIN.md §3.2 and §3.3, yyyyMMddHHmmss in Asia/Ho_Chi_Minh, TrangThaiHoSo 1..10
// never collapsed, the code lists, supplement rounds, fees and digitisation flags, idempotency
// keys; and the simulated portal's validator (clients/portal_simulator/record_validator.h)
// accepting what motcua builds and refusing what breaks the contract.
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "absl/strings/str_cat.h"
#include "absl/time/civil_time.h"
#include "clients/portal_simulator/record_validator.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "services/common/clock.h"
#include "services/portal/dvcqg_payload.h"
#include "services/portal/portal_answer.h"
#include "tests/testing/status_matchers.h"

namespace motcua::portal {
namespace {

using ::motcua::testing::IsOk;
using ::motcua::testing::StatusIs;
using nlohmann::json;
using ::testing::ElementsAreArray;
using ::testing::HasSubstr;
using workflow::Status;

absl::Time Local(int y, int mo, int d, int h, int mi, int s) {
  return absl::FromCivil(absl::CivilSecond(y, mo, d, h, mi, s), VietnamTimeZone());
}

const absl::Time kSubmitted = Local(2026, 11, 26, 8, 5, 9);

dossier::Dossier SampleDossier(Status status = Status::kReceived) {
  dossier::Dossier d;
  d.code = "H44.07900-261126-0001";
  d.procedure_code = "1.004837";
  d.procedure_version = 1;
  d.procedure_name = "Thủ tục đăng ký giám hộ";
  d.channel = dossier::Channel::kInPerson;
  d.status = status;
  d.applicant = {"Nguyễn Văn An", "025090000001", "0912 345 678", "an@example.vn",
                 "Phường Việt Trì, Phú Thọ"};
  d.summary = "Đăng ký giám hộ cho cháu";
  d.receiving_unit = d.competent_unit = d.support_unit = "07900";
  d.submitted_time = kSubmitted;
  d.received_time = kSubmitted;
  d.due_time = Local(2026, 12, 1, 17, 0, 0);
  d.original_due_time = d.due_time;
  d.attachments = {{"TK", "to-khai.pdf", std::string(64, 'a'), 10},
                   {"GTTT", "cccd.pdf", std::string(64, 'b'), 20}};
  d.fees = {{"LP", "Lệ phí đăng ký", 20000}};
  d.revision = 1;
  return d;
}

std::vector<dossier::Event> Events(const dossier::Dossier& d, std::vector<std::string> actions) {
  std::vector<dossier::Event> out;
  for (size_t i = 0; i < actions.size(); ++i) {
    dossier::Event e;
    e.dossier_code = d.code;
    e.seq = static_cast<int64_t>(i) + 1;
    e.time = kSubmitted + absl::Hours(static_cast<int64_t>(i));
    e.actor = i == 0 ? "clerk.07900" : "leader.07900";
    e.role = i == 0 ? workflow::Role::kClerk : workflow::Role::kLeader;
    e.unit = "07900";
    e.action = actions[i];
    e.status_after = d.status;
    out.push_back(e);
  }
  return out;
}

PayloadContext Context() {
  PayloadContext c;
  c.field_code = "G03-HT";
  c.field_name = "Hộ tịch";
  c.unit_names = {{"07900", "Phường Việt Trì"}};
  c.user_names = {{"clerk.07900", "Trần Thị Bình"}};
  return c;
}

std::vector<std::string> Keys(const json& j) {
  std::vector<std::string> out;
  for (const auto& [k, v] : j.items()) out.push_back(k);
  return out;
}

TEST(DvcqgPayload, DossierRecordHasExactlyTheFieldsOfDomain32) {
  auto d = SampleDossier();
  json r = BuildDossierRecord(d, Events(d, {"receive"}), Context());
  std::set<std::string> expected = {"MaHoSo",
                                    "MaTTHC",
                                    "TenTTHC",
                                    "MaLinhVuc",
                                    "TenLinhVuc",
                                    "KenhThucHien",
                                    "ChuHoSo",
                                    "SoGiayToChuHoSo",
                                    "LoaiDoiTuong",
                                    "MaDoiTuong",
                                    "ThongTinKhac",
                                    "Email",
                                    "Fax",
                                    "SoDienThoai",
                                    "TrichYeuHoSo",
                                    "NgayNopHoSo",
                                    "NgayTiepNhan",
                                    "NgayHenTra",
                                    "TrangThaiHoSo",
                                    "NgayTra",
                                    "ThongTinTra",
                                    "HinhThuc",
                                    "NgayKetThucXuLy",
                                    "NgayTuChoi",
                                    "DonViXuLy",
                                    "GhiChu",
                                    "NoiNopHoSo",
                                    "HoSoCoThanhPhanSoHoa",
                                    "TaiKhoanDuocXacThucVoiVNeID",
                                    "DuocThanhToanTrucTuyen",
                                    "DinhDanhCHS",
                                    "DSKetNoiCSDL",
                                    "TaiLieuNop",
                                    "DanhSachLePhi",
                                    "DanhSachTepDinhKemKhac",
                                    "DanhSachHoSoBoSung",
                                    "DanhSachGiayToKetQua",
                                    "IdempotencyKey"};
  std::vector<std::string> keys = Keys(r);
  EXPECT_EQ(std::set<std::string>(keys.begin(), keys.end()), expected);
  std::set<std::string> listed(DossierRecordFields().begin(), DossierRecordFields().end());
  listed.insert(kIdempotencyKeyField);
  EXPECT_EQ(listed, expected);
  EXPECT_EQ(r["TaiLieuNop"][0].size(), 9u);
  EXPECT_THAT(
      Keys(r["TaiLieuNop"][0]),
      ::testing::UnorderedElementsAre("TepDinhKemId", "TenTepDinhKem", "IsDeleted",
                                      "MaThanhPhanHoSo", "DuongDanTaiTepTin", "DuocSoHoa",
                                      "DuocTaiSuDung", "DuocLayTuKhoDMQG", "MaKetQuaThayThe"));
  EXPECT_THAT(Keys(r["DanhSachLePhi"][0]),
              ::testing::UnorderedElementsAre("TenPhiLePhi", "MaPhiLePhi", "HinhThucThu", "Gia",
                                              "LoaiPhiLePhi"));
  EXPECT_THAT(Keys(r["DinhDanhCHS"][0]),
              ::testing::UnorderedElementsAre("LoaiDinhDanh", "SoDinhDanh"));
}

TEST(DvcqgPayload, ProgressEntryHasExactlyTheFieldsOfDomain33) {
  auto d = SampleDossier();
  json e = BuildProgressEntry(Events(d, {"receive"})[0], Context());
  EXPECT_THAT(Keys(e), ::testing::UnorderedElementsAre("MaHoSo", "NguoiXuLy", "ChucDanh",
                                                       "ThoiDiemXuLy", "PhongBanXuLy",
                                                       "NoiDungXuLy", "TrangThai", "NgayBatDau",
                                                       "NgayKetThucTheoQuyDinh", "IdempotencyKey"));
  EXPECT_EQ(e["MaHoSo"], d.code);
  EXPECT_EQ(e["NguoiXuLy"], "Trần Thị Bình");
  EXPECT_EQ(e["ChucDanh"], "Cán bộ tiếp nhận");
  EXPECT_EQ(e["PhongBanXuLy"], "Phường Việt Trì");
  EXPECT_EQ(e["NoiDungXuLy"], "Tiếp nhận hồ sơ tại Bộ phận Một cửa");
  EXPECT_EQ(e["TrangThai"], "2");
  EXPECT_EQ(e["ThoiDiemXuLy"], "20261126080509");
  EXPECT_EQ(e["IdempotencyKey"], "H44.07900-261126-0001#1");
}

TEST(DvcqgPayload, DatesAreLocalVietnamTime) {
  // 2026-11-26 23:30:00 UTC is already the 27th in Hà Nội.
  absl::Time t = absl::FromCivil(absl::CivilSecond(2026, 11, 26, 23, 30, 0), absl::UTCTimeZone());
  EXPECT_EQ(FormatPortalTime(t), "20261127063000");
  EXPECT_EQ(FormatPortalTime(Local(2027, 1, 1, 0, 0, 0)), "20270101000000");
  auto back = ParsePortalTime("20261127063000");
  ASSERT_OK(back);
  EXPECT_EQ(*back, t);
  auto d = SampleDossier();
  json r = BuildDossierRecord(d, Events(d, {"receive"}), Context());
  EXPECT_EQ(r["NgayNopHoSo"], "20261126080509");
  EXPECT_EQ(r["NgayTiepNhan"], "20261126080509");
  EXPECT_EQ(r["NgayHenTra"], "20261201170000");
  // Absent dates are empty strings, never a made-up value.
  EXPECT_EQ(r["NgayTra"], "");
  EXPECT_EQ(r["NgayKetThucXuLy"], "");
  EXPECT_EQ(r["NgayTuChoi"], "");
}

TEST(DvcqgPayload, ParsePortalTimeRefusesWhatIsNotADate) {
  for (const char* bad : {"", "2026112706300", "202611270630000", "2026-11-27 06:30",
                          "20260230120000", "20261127246000", "2026112706300a", "20261301000000"}) {
    EXPECT_THAT(ParsePortalTime(bad),
                StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("yyyyMMddHHmmss")))
        << bad;
  }
}

TEST(DvcqgPayload, StatusIsNeverCollapsed) {
  for (int n = 1; n <= 10; ++n) {
    auto d = SampleDossier(static_cast<Status>(n));
    json r = BuildDossierRecord(d, Events(d, {"receive"}), Context());
    EXPECT_EQ(r["TrangThaiHoSo"], std::to_string(n));
    auto events = Events(d, {"receive"});
    EXPECT_EQ(BuildProgressEntry(events[0], Context())["TrangThai"], std::to_string(n));
  }
}

TEST(DvcqgPayload, ChannelAndApplicantCodes) {
  auto d = SampleDossier();
  const std::pair<dossier::Channel, const char*> channels[] = {{dossier::Channel::kInPerson, "1"},
                                                               {dossier::Channel::kOnline, "2"},
                                                               {dossier::Channel::kPostal, "3"}};
  for (const auto& [channel, code] : channels) {
    d.channel = channel;
    json r = BuildDossierRecord(d, Events(d, {"receive"}), Context());
    EXPECT_EQ(r["KenhThucHien"], code);
    // The DVCQG account exists only online (Thanh Hóa blanks it otherwise).
    EXPECT_EQ(r["MaDoiTuong"], channel == dossier::Channel::kOnline ? d.applicant.id_number : "");
  }
  EXPECT_EQ(BuildDossierRecord(d, {}, Context())["LoaiDoiTuong"], "1");
  d.applicant.id_number = "2600123456";  // a tax code: an enterprise
  json r = BuildDossierRecord(d, {}, Context());
  EXPECT_EQ(r["LoaiDoiTuong"], "2");
  EXPECT_EQ(r["DinhDanhCHS"][0]["LoaiDinhDanh"], "2");
}

TEST(DvcqgPayload, PapersFeesAndDigitisationFlags) {
  auto d = SampleDossier();
  json r = BuildDossierRecord(d, Events(d, {"receive"}), Context());
  ASSERT_EQ(r["TaiLieuNop"].size(), 2u);
  EXPECT_EQ(r["TaiLieuNop"][0]["MaThanhPhanHoSo"], "TK");
  EXPECT_EQ(r["TaiLieuNop"][0]["TenTepDinhKem"], "to-khai.pdf");
  EXPECT_EQ(r["TaiLieuNop"][0]["DuongDanTaiTepTin"], "motcua://blobs/" + std::string(64, 'a'));
  EXPECT_EQ(r["TaiLieuNop"][0]["DuocSoHoa"], "1");
  EXPECT_EQ(r["TaiLieuNop"][0]["DuocTaiSuDung"], "0");
  EXPECT_EQ(r["TaiLieuNop"][0]["DuocLayTuKhoDMQG"], "0");
  EXPECT_EQ(r["TaiLieuNop"][0]["IsDeleted"], "0");
  EXPECT_EQ(r["TaiLieuNop"][1]["TepDinhKemId"], "H44.07900-261126-0001-2");
  ASSERT_EQ(r["DanhSachLePhi"].size(), 1u);
  EXPECT_EQ(r["DanhSachLePhi"][0]["Gia"], 20000);
  EXPECT_EQ(r["DanhSachLePhi"][0]["HinhThucThu"], "1");
  EXPECT_EQ(r["DanhSachLePhi"][0]["LoaiPhiLePhi"], "1");
  // Papers are stored files: the dossier has digitised components.
  EXPECT_EQ(r["HoSoCoThanhPhanSoHoa"], "1");
  EXPECT_EQ(r["TaiKhoanDuocXacThucVoiVNeID"], "0");
  EXPECT_EQ(r["DuocThanhToanTrucTuyen"], "0");
  EXPECT_EQ(r["MaLinhVuc"], "G03-HT");
  EXPECT_EQ(r["TenLinhVuc"], "Hộ tịch");
  EXPECT_EQ(r["DonViXuLy"], "Phường Việt Trì");
}

TEST(DvcqgPayload, DigitisedAndOnlinePaymentFlagsComeFromTheDossier) {
  auto d = SampleDossier();
  d.attachments.clear();
  EXPECT_EQ(BuildDossierRecord(d, Events(d, {"receive"}), Context())["HoSoCoThanhPhanSoHoa"], "0");
  // Paid at the desk (a clerk records it): not online.
  auto events = Events(d, {"receive", "request-payment", "pay"});
  events[2].role = workflow::Role::kClerk;
  EXPECT_EQ(BuildDossierRecord(d, events, Context())["DuocThanhToanTrucTuyen"], "0");
  // Paid by the applicant on motcua's citizen portal: the provincial payment gateway.
  events[2].role = workflow::Role::kCitizen;
  EXPECT_EQ(BuildDossierRecord(d, events, Context())["DuocThanhToanTrucTuyen"], "2");
}

TEST(DvcqgPayload, SupplementRoundsCarryPreviousAndNewDueDates) {
  auto d = SampleDossier(Status::kProcessing);
  dossier::SupplementRound done;
  done.round = 1;
  done.requested_time = Local(2026, 11, 27, 9, 0, 0);
  done.requested_by = "specialist.07900";
  done.content = "Bổ sung giấy tờ chứng minh";
  done.completed_time = Local(2026, 11, 30, 10, 0, 0);
  done.previous_due = Local(2026, 12, 1, 17, 0, 0);
  done.new_due = Local(2026, 12, 3, 10, 0, 0);
  dossier::SupplementRound open = done;
  open.round = 2;
  open.completed_time.reset();
  open.new_due.reset();
  d.supplements = {done, open};
  d.status = Status::kSupplementRequested;
  auto events =
      Events(d, {"receive", "assign", "request-supplement", "supplement", "request-supplement"});
  json r = BuildDossierRecord(d, events, Context());
  ASSERT_EQ(r["DanhSachHoSoBoSung"].size(), 2u);
  const json& first = r["DanhSachHoSoBoSung"][0];
  EXPECT_EQ(first["HoSoBoSungId"], "H44.07900-261126-0001-BS1");
  EXPECT_EQ(first["NgayBoSung"], "20261127090000");
  EXPECT_EQ(first["NgayTiepNhanBoSung"], "20261130100000");
  EXPECT_EQ(first["TrangThaiBoSung"], "1");
  EXPECT_EQ(first["NgayHenTraTruoc"], "20261201170000");
  EXPECT_EQ(first["NgayHenTraMoi"], "20261203100000");
  EXPECT_EQ(first["NguoiTiepNhanBoSung"], "leader.07900");
  EXPECT_THAT(Keys(first), ::testing::UnorderedElementsAre(
                               "HoSoBoSungId", "NguoiYeuCauBoSung", "NoiDungBoSung", "NgayBoSung",
                               "NguoiTiepNhanBoSung", "ThongTinTiepNhan", "NgayTiepNhanBoSung",
                               "TrangThaiBoSung", "DanhSachGiayToBoSung", "DanhSachLePhiBoSung",
                               "NgayHenTraTruoc", "NgayHenTraMoi"));
  const json& second = r["DanhSachHoSoBoSung"][1];
  EXPECT_EQ(second["TrangThaiBoSung"], "0");
  EXPECT_EQ(second["NgayTiepNhanBoSung"], "");
  EXPECT_EQ(second["NgayHenTraMoi"], "");
  EXPECT_OK(portal_sim::ValidateDossierRecord(r));
}

TEST(DvcqgPayload, ReturnAndRefusalFields) {
  auto d = SampleDossier(Status::kReturned);
  d.handling_end_time = Local(2026, 11, 30, 9, 0, 0);
  d.returned_time = Local(2026, 11, 30, 15, 0, 0);
  d.delivery = dossier::Delivery::kPost;
  json r = BuildDossierRecord(d, Events(d, {"receive", "issue", "return"}), Context());
  EXPECT_EQ(r["NgayKetThucXuLy"], "20261130090000");
  EXPECT_EQ(r["NgayTra"], "20261130150000");
  EXPECT_EQ(r["HinhThuc"], "1");
  EXPECT_THAT(r["ThongTinTra"].get<std::string>(), HasSubstr("bưu chính"));
  EXPECT_OK(portal_sim::ValidateDossierRecord(r));

  auto refused = SampleDossier(Status::kRefused);
  refused.due_time.reset();
  refused.handling_end_time = kSubmitted;
  refused.decision_note = "Không thuộc thẩm quyền";
  json rr = BuildDossierRecord(refused, Events(refused, {"refuse"}), Context());
  EXPECT_EQ(rr["NgayTuChoi"], "20261126080509");
  EXPECT_EQ(rr["GhiChu"], "Không thuộc thẩm quyền");
  EXPECT_OK(portal_sim::ValidateDossierRecord(rr));
}

TEST(DvcqgPayload, SummaryIsCutAt995CharactersWithoutSplittingOne) {
  auto d = SampleDossier();
  d.summary.clear();
  for (int i = 0; i < 1200; ++i) d.summary += "ộ";  // 3 bytes each
  json r = BuildDossierRecord(d, {}, Context());
  std::string cut = r["TrichYeuHoSo"].get<std::string>();
  EXPECT_EQ(cut.size(), 995u * 3);
  d.summary.clear();
  EXPECT_EQ(BuildDossierRecord(d, {}, Context())["TrichYeuHoSo"], d.procedure_name);
}

TEST(DvcqgPayload, IdempotencyKeys) {
  auto d = SampleDossier();
  auto events = Events(d, {"receive", "assign", "approve"});
  EXPECT_EQ(BuildDossierRecord(d, events, Context())["IdempotencyKey"], "H44.07900-261126-0001@3");
  auto parsed = ParseKey("H44.07900-261126-0001#12");
  ASSERT_OK(parsed);
  EXPECT_EQ(parsed->code, "H44.07900-261126-0001");
  EXPECT_EQ(parsed->number, 12);
  EXPECT_FALSE(parsed->is_record);
  auto record = ParseKey(RecordKey("X-1", 4));
  ASSERT_OK(record);
  EXPECT_TRUE(record->is_record);
  EXPECT_EQ(record->number, 4);
  for (const char* bad : {"", "#1", "CODE", "CODE#", "CODE#0", "CODE#x", "CODE@-1"}) {
    EXPECT_FALSE(ParseKey(bad).ok()) << bad;
  }
}

TEST(DvcqgPayload, ActionTextIsVietnamese) {
  dossier::Event e;
  e.action = "request-supplement";
  e.reason = "Thiếu giấy khai sinh";
  EXPECT_EQ(ActionText(e), "Yêu cầu bổ sung, hoàn thiện hồ sơ: Thiếu giấy khai sinh");
  e.action = "submit";
  e.reason.clear();
  EXPECT_EQ(ActionText(e), "Nộp hồ sơ trực tuyến");
}

// The simulated portal refuses what breaks the contract, naming the field.
TEST(RecordValidator, AcceptsEveryStatusMotcuaBuilds) {
  for (int n = 1; n <= 10; ++n) {
    auto d = SampleDossier(static_cast<Status>(n));
    if (n == 1) d.received_time.reset(), d.due_time.reset();
    if (n == 3 || n >= 8) d.handling_end_time = kSubmitted + absl::Hours(5);
    if (n == 10) d.returned_time = kSubmitted + absl::Hours(6);
    std::vector<std::string> actions = {"receive"};
    if (n == 3) actions = {"refuse"};
    json r = BuildDossierRecord(d, Events(d, actions), Context());
    EXPECT_OK(portal_sim::ValidateDossierRecord(r)) << "status " << n;
    EXPECT_OK(
        portal_sim::ValidateProgressEntry(BuildProgressEntry(Events(d, actions)[0], Context())));
  }
}

TEST(RecordValidator, RefusesBrokenRecords) {
  auto d = SampleDossier();
  const json good = BuildDossierRecord(d, Events(d, {"receive"}), Context());
  auto refuse = [&](std::function<void(json&)> change, const std::string& field) {
    json r = good;
    change(r);
    EXPECT_THAT(portal_sim::ValidateDossierRecord(r, "data[0]"),
                StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr(field)))
        << r.dump();
  };
  refuse([](json& r) { r["TrangThaiHoSo"] = "11"; }, "data[0].TrangThaiHoSo");
  refuse([](json& r) { r["TrangThaiHoSo"] = 2; }, "data[0].TrangThaiHoSo: must be a string");
  refuse([](json& r) { r["KenhThucHien"] = "4"; }, "KenhThucHien");
  refuse([](json& r) { r["NgayTiepNhan"] = "2026-11-26 08:05:09"; }, "NgayTiepNhan");
  refuse([](json& r) { r["NgayTiepNhan"] = ""; }, "NgayTiepNhan: is required");
  refuse([](json& r) { r.erase("MaTTHC"); }, "MaTTHC: is missing");
  refuse([](json& r) { r["MaTTHC"] = "T-P-123"; }, "MaTTHC");
  refuse([](json& r) { r["Ma_HoSo"] = "x"; }, "Ma_HoSo: is not a field");
  refuse([](json& r) { r["TaiLieuNop"][0]["DuocSoHoa"] = "2"; }, "TaiLieuNop[0].DuocSoHoa");
  refuse([](json& r) { r["DanhSachLePhi"][0]["Gia"] = "20000"; }, "DanhSachLePhi[0].Gia");
  refuse([](json& r) { r["DanhSachLePhi"][0]["HinhThucThu"] = "3"; }, "HinhThucThu");
  refuse([](json& r) { r["MaDoiTuong"] = "025090000001"; }, "MaDoiTuong");
  refuse([](json& r) { r["IdempotencyKey"] = "OTHER@1"; }, "IdempotencyKey");
  refuse([](json& r) { r["IdempotencyKey"] = r["MaHoSo"].get<std::string>() + "#1"; },
         "IdempotencyKey");
  refuse([](json& r) { r["TrangThaiHoSo"] = "10"; }, "NgayKetThucXuLy");

  json entry = BuildProgressEntry(Events(d, {"receive"})[0], Context());
  entry["TrangThai"] = "0";
  EXPECT_THAT(portal_sim::ValidateProgressEntry(entry),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("TrangThai")));
}

// Answers are read strictly: anything but an object with an integer error_code is garbage.
TEST(PortalAnswer, ParsesOnlyWellFormedAnswers) {
  EXPECT_OK(ParseAnswer(R"({"error_code":0,"message":"OK"})"));
  EXPECT_OK(ParseAnswer(R"({"error_code":3})"));
  for (const char* bad :
       {"", "<html>502</html>", "[0]", R"({"message":"OK"})", R"({"error_code":"0"})",
        R"({"error_code":0.5})", R"({"error_code":0,"message":5})", R"({"error_code":0,"mess)",
        "null", "0"}) {
    EXPECT_THAT(ParseAnswer(bad), StatusIs(absl::StatusCode::kUnavailable, HasSubstr("malformed")))
        << bad;
  }
}

TEST(PortalAnswer, MapsErrorCodes) {
  auto status = [](int code) { return AnswerStatus(json{{"error_code", code}}).code(); };
  EXPECT_EQ(status(0), absl::StatusCode::kOk);
  EXPECT_EQ(status(1), absl::StatusCode::kUnavailable);
  EXPECT_EQ(status(2), absl::StatusCode::kUnauthenticated);
  EXPECT_EQ(status(3), absl::StatusCode::kInvalidArgument);
  EXPECT_EQ(status(4), absl::StatusCode::kAlreadyExists);
  EXPECT_EQ(status(5), absl::StatusCode::kNotFound);
  EXPECT_EQ(status(6), absl::StatusCode::kPermissionDenied);
  EXPECT_EQ(status(99), absl::StatusCode::kUnavailable);
  EXPECT_EQ(status(-1), absl::StatusCode::kUnavailable);
}

TEST(PortalAnswer, LookupShapes) {
  json none = {{"error_code", 0}, {"data", nullptr}};
  auto absent = ParseLookup(none, "X");
  ASSERT_OK(absent);
  EXPECT_FALSE(absent->has_value());
  json held = {{"error_code", 0},
               {"data",
                {{"MaHoSo", "X"},
                 {"TrangThaiHoSo", "4"},
                 {"PhienBan", 2},
                 {"QuaTrinhXuLy", json::array({json{{"IdempotencyKey", "X#1"}},
                                               json{{"IdempotencyKey", "X#2"}}})}}}};
  auto found = ParseLookup(held, "X");
  ASSERT_OK(found);
  ASSERT_TRUE(found->has_value());
  EXPECT_EQ((*found)->status, 4);
  EXPECT_THAT((*found)->history_keys, ElementsAreArray({"X#1", "X#2"}));
  held["data"]["TrangThaiHoSo"] = 4;
  EXPECT_THAT(ParseLookup(held, "X"),
              StatusIs(absl::StatusCode::kUnavailable, HasSubstr("TrangThaiHoSo")));
  EXPECT_FALSE(ParseLookup(json{{"error_code", 0}}, "X").ok());
}

}  // namespace
}  // namespace motcua::portal
