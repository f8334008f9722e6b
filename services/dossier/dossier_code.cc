#include "services/dossier/dossier_code.h"

#include "absl/strings/ascii.h"
#include "absl/strings/numbers.h"
#include "absl/strings/str_cat.h"
#include "absl/strings/str_format.h"

namespace motcua::dossier {
namespace {

// Calls `on_literal(text)` and `on_field(name, width)` in order; false on a malformed template.
template <typename L, typename F>
bool Walk(absl::string_view format, L on_literal, F on_field) {
  size_t i = 0;
  while (i < format.size()) {
    size_t open = format.find('{', i);
    if (open == absl::string_view::npos) {
      on_literal(format.substr(i));
      return true;
    }
    on_literal(format.substr(i, open - i));
    size_t close = format.find('}', open);
    if (close == absl::string_view::npos) return false;
    absl::string_view field = format.substr(open + 1, close - open - 1);
    int width = 0;
    if (auto colon = field.find(':'); colon != absl::string_view::npos) {
      if (!absl::SimpleAtoi(field.substr(colon + 1), &width) || width < 1 || width > 12) {
        return false;
      }
      field = field.substr(0, colon);
    }
    if (!on_field(field, width)) return false;
    i = close + 1;
  }
  return true;
}

}  // namespace

absl::Status ValidateCodeFormat(absl::string_view format) {
  bool agency = false;
  bool seq = false;
  bool ok = Walk(
      format, [](absl::string_view) {},
      [&](absl::string_view f, int) {
        if (f == "agency") agency = true;
        if (f == "seq") seq = true;
        return f == "agency" || f == "seq" || f == "yy" || f == "yyyy" || f == "mm" || f == "dd";
      });
  if (!ok) {
    return absl::InvalidArgumentError(absl::StrCat(
        "dossier code format \"", format,
        "\": use {agency}, {yy}, {yyyy}, {mm}, {dd}, {seq} or {seq:N} and literal text"));
  }
  if (!agency || !seq) {
    return absl::InvalidArgumentError(absl::StrCat(
        "dossier code format \"", format, "\" must contain {agency} and {seq}"));
  }
  return absl::OkStatus();
}

std::string FormatDossierCode(absl::string_view format, absl::string_view agency,
                              absl::CivilDay day, int64_t seq) {
  std::string out;
  Walk(
      format, [&](absl::string_view lit) { out.append(lit.data(), lit.size()); },
      [&](absl::string_view f, int width) {
        if (f == "agency") {
          out.append(agency.data(), agency.size());
        } else if (f == "yy") {
          absl::StrAppend(&out, absl::StrFormat("%02d", static_cast<int>(day.year() % 100)));
        } else if (f == "yyyy") {
          absl::StrAppend(&out, absl::StrFormat("%04d", static_cast<int>(day.year())));
        } else if (f == "mm") {
          absl::StrAppend(&out, absl::StrFormat("%02d", day.month()));
        } else if (f == "dd") {
          absl::StrAppend(&out, absl::StrFormat("%02d", day.day()));
        } else if (f == "seq") {
          absl::StrAppend(&out, absl::StrFormat("%0*d", width == 0 ? 4 : width, seq));
        }
        return true;
      });
  return out;
}

absl::StatusOr<std::string> NormalizeDossierCode(absl::string_view code, absl::string_view field) {
  std::string upper = absl::AsciiStrToUpper(code);
  if (!IsWellFormedDossierCode(upper)) {
    return absl::InvalidArgumentError(
        absl::StrCat(field, ": \"", code, "\" is not a dossier code"));
  }
  return upper;
}

bool IsWellFormedDossierCode(absl::string_view code) {
  if (code.empty() || code.size() > 64) return false;
  for (char c : code) {
    if (!(absl::ascii_isupper(c) || absl::ascii_isdigit(c) || c == '.' || c == '-' || c == '_')) {
      return false;
    }
  }
  return true;
}

std::string DefaultAgencyCode(absl::string_view province_code, absl::string_view unit_code) {
  if (unit_code == province_code) return "000.00.00.H44";
  return absl::StrCat("H44.", unit_code);
}

}  // namespace motcua::dossier
