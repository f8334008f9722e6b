#include "services/dossier/forms.h"

#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"
#include "services/common/clock.h"

namespace motcua::dossier {
namespace {

constexpr char kRule[] =
    "------------------------------------------------------------------------\n";

std::string Header(const std::string& unit_name, const std::string& form_no,
                   const std::string& title) {
  return absl::StrCat(unit_name, "\n", "BỘ PHẬN TIẾP NHẬN VÀ TRẢ KẾT QUẢ", "\n",
                      "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM — Độc lập - Tự do - Hạnh phúc\n",
                      kRule, form_no, "\n", title, "\n", kRule);
}

}  // namespace

std::string VietnameseTime(absl::Time t) {
  return absl::FormatTime("%d/%m/%Y lúc %H giờ %M", t, VietnamTimeZone());
}

std::string ReceiptForm(const Dossier& d, const std::string& unit_name) {
  std::string out = Header(unit_name, "Mẫu số 01",
                           "GIẤY TIẾP NHẬN HỒ SƠ VÀ HẸN TRẢ KẾT QUẢ");
  absl::StrAppend(&out, "Mã hồ sơ: ", d.code, "\n");
  absl::StrAppend(&out, "Tiếp nhận hồ sơ của: ", d.applicant.name, " (", d.applicant.id_number,
                  ")\n");
  if (!d.applicant.address.empty()) absl::StrAppend(&out, "Địa chỉ: ", d.applicant.address, "\n");
  if (!d.applicant.phone.empty()) absl::StrAppend(&out, "Số điện thoại: ", d.applicant.phone, "\n");
  absl::StrAppend(&out, "Nội dung yêu cầu giải quyết: ", d.procedure_name, " (",
                  d.procedure_code, ")\n");
  absl::StrAppend(&out, "Thành phần hồ sơ nộp:\n");
  int n = 0;
  for (const auto& a : d.attachments) {
    absl::StrAppend(&out, "  ", ++n, ". ", a.file_name, " (", a.component_code, ")\n");
  }
  if (d.received_time) {
    absl::StrAppend(&out, "Thời gian nhận hồ sơ: ", VietnameseTime(*d.received_time), "\n");
  }
  if (d.due_time) {
    absl::StrAppend(&out, "Thời gian trả kết quả giải quyết hồ sơ: ", VietnameseTime(*d.due_time),
                    "\n");
  }
  int64_t fees = 0;
  for (const auto& f : d.fees) fees += f.amount_vnd;
  if (fees > 0) absl::StrAppend(&out, "Phí, lệ phí: ", fees, " đồng\n");
  absl::StrAppend(&out, "Tra cứu tình trạng hồ sơ bằng mã hồ sơ trên Cổng Dịch vụ công.\n", kRule,
                  "NGƯỜI NỘP HỒ SƠ                            NGƯỜI NHẬN HỒ SƠ\n");
  return out;
}

std::string SupplementGuidanceForm(const std::string& procedure_name,
                                   const std::string& applicant_name,
                                   const std::vector<std::pair<std::string, std::string>>& missing,
                                   const std::string& unit_name, absl::Time now) {
  std::string out =
      Header(unit_name, "Mẫu số 02", "PHIẾU YÊU CẦU BỔ SUNG, HOÀN THIỆN HỒ SƠ");
  absl::StrAppend(&out, "Hồ sơ của: ", applicant_name, "\n", "Nội dung yêu cầu giải quyết: ",
                  procedure_name, "\n",
                  "Yêu cầu bổ sung, hoàn thiện hồ sơ gồm những nội dung sau (hướng dẫn một lần, "
                  "đầy đủ):\n");
  int n = 0;
  for (const auto& [code, name] : missing) {
    absl::StrAppend(&out, "  ", ++n, ". ", name, " (", code, ")\n");
  }
  absl::StrAppend(&out, "Lập lúc: ", VietnameseTime(now), "\n", kRule,
                  "Trong quá trình hoàn thiện hồ sơ, nếu có vướng mắc, ông/bà liên hệ Bộ phận "
                  "Một cửa để được hướng dẫn.\n");
  return out;
}

std::string RefusalForm(const Dossier& d, const std::string& reason,
                        const std::string& unit_name) {
  std::string out =
      Header(unit_name, "Mẫu số 03", "PHIẾU TỪ CHỐI TIẾP NHẬN GIẢI QUYẾT HỒ SƠ");
  absl::StrAppend(&out, "Mã hồ sơ: ", d.code, "\n", "Hồ sơ của: ", d.applicant.name, "\n",
                  "Nội dung yêu cầu giải quyết: ", d.procedure_name, "\n",
                  "Lý do từ chối: ", reason, "\n", kRule);
  return out;
}

std::string ApologyForm(const Dossier& d, absl::Time old_due, const std::string& unit_name) {
  std::string out = Header(unit_name, "Mẫu số 04",
                           "PHIẾU XIN LỖI VÀ HẸN LẠI NGÀY TRẢ KẾT QUẢ");
  absl::StrAppend(&out, "Mã hồ sơ: ", d.code, "\n", "Kính gửi: ", d.applicant.name, "\n",
                  "Ngày hẹn trả kết quả cũ: ", VietnameseTime(old_due), "\n");
  if (d.due_time) {
    absl::StrAppend(&out, "Ngày hẹn trả kết quả mới: ", VietnameseTime(*d.due_time), "\n");
  }
  absl::StrAppend(&out, "Lý do: ", d.extension_reason, "\n",
                  "Cơ quan giải quyết chân thành xin lỗi ông/bà vì sự chậm trễ này.\n", kRule);
  return out;
}

}  // namespace motcua::dossier
