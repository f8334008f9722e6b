#include "services/common/text_fold.h"

#include <array>
#include <unordered_map>

namespace motcua {
namespace {

// Every precomposed Vietnamese (and common Latin-1) letter, grouped by the ASCII letter it folds to.
constexpr std::array<std::pair<char, absl::string_view>, 7> kFoldGroups = {{
    {'a', "aàáảãạăằắẳẵặâầấẩẫậAÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬäåÄÅ"},
    {'e', "eèéẻẽẹêềếểễệEÈÉẺẼẸÊỀẾỂỄỆëË"},
    {'i', "iìíỉĩịIÌÍỈĨỊïîÏÎ"},
    {'o', "oòóỏõọôồốổỗộơờớởỡợOÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢöÖ"},
    {'u', "uùúủũụưừứửữựUÙÚỦŨỤƯỪỨỬỮỰüûÜÛ"},
    {'y', "yỳýỷỹỵYỲÝỶỸỴ"},
    {'d', "dđĐD"},
}};

const std::unordered_map<int, char>& FoldTable() {
  static const auto* table = [] {
    auto* t = new std::unordered_map<int, char>();
    for (const auto& [base, letters] : kFoldGroups) {
      size_t pos = 0;
      while (pos < letters.size()) {
        int cp = DecodeUtf8(letters, &pos);
        if (cp >= 0) (*t)[cp] = base;
      }
    }
    return t;
  }();
  return *table;
}

bool IsCombiningMark(int cp) { return cp >= 0x0300 && cp <= 0x036F; }

void AppendUtf8(int cp, std::string* out) {
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

}  // namespace

int DecodeUtf8(absl::string_view text, size_t* pos) {
  const auto byte = [&](size_t i) { return static_cast<unsigned char>(text[i]); };
  size_t p = *pos;
  unsigned char c = byte(p);
  int len = 0;
  int cp = 0;
  if (c < 0x80) {
    *pos = p + 1;
    return c;
  } else if ((c & 0xE0) == 0xC0) {
    len = 2;
    cp = c & 0x1F;
  } else if ((c & 0xF0) == 0xE0) {
    len = 3;
    cp = c & 0x0F;
  } else if ((c & 0xF8) == 0xF0) {
    len = 4;
    cp = c & 0x07;
  } else {
    *pos = p + 1;
    return -1;
  }
  if (p + len > text.size()) {
    *pos = p + 1;
    return -1;
  }
  for (int i = 1; i < len; ++i) {
    unsigned char cc = byte(p + i);
    if ((cc & 0xC0) != 0x80) {
      *pos = p + 1;
      return -1;
    }
    cp = (cp << 6) | (cc & 0x3F);
  }
  // Reject overlong forms, surrogates and values past U+10FFFF.
  static constexpr int kMin[] = {0, 0, 0x80, 0x800, 0x10000};
  if (cp < kMin[len] || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) {
    *pos = p + 1;
    return -1;
  }
  *pos = p + len;
  return cp;
}

bool IsValidUtf8(absl::string_view text) {
  size_t pos = 0;
  while (pos < text.size()) {
    if (DecodeUtf8(text, &pos) < 0) return false;
  }
  return true;
}

std::string FoldVietnamese(absl::string_view text) {
  const auto& table = FoldTable();
  std::string out;
  out.reserve(text.size());
  bool pending_space = false;
  size_t pos = 0;
  while (pos < text.size()) {
    int cp = DecodeUtf8(text, &pos);
    if (cp < 0 || IsCombiningMark(cp)) continue;
    if (cp == ' ' || cp == '\t' || cp == '\n' || cp == '\r' || cp == 0xA0) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) {
      out.push_back(' ');
      pending_space = false;
    }
    if (cp < 0x80) {
      out.push_back(static_cast<char>(cp >= 'A' && cp <= 'Z' ? cp - 'A' + 'a' : cp));
      continue;
    }
    auto it = table.find(cp);
    if (it != table.end()) {
      out.push_back(it->second);
    } else {
      AppendUtf8(cp, &out);
    }
  }
  return out;
}

int DisplayWidth(absl::string_view text) {
  int width = 0;
  size_t pos = 0;
  while (pos < text.size()) {
    int cp = DecodeUtf8(text, &pos);
    if (cp < 0 || IsCombiningMark(cp) || cp == 0x200B) continue;
    // East Asian wide ranges (CJK, Hangul, full-width forms) take two columns.
    bool wide = (cp >= 0x1100 && cp <= 0x115F) || (cp >= 0x2E80 && cp <= 0xA4CF) ||
                (cp >= 0xAC00 && cp <= 0xD7A3) || (cp >= 0xF900 && cp <= 0xFAFF) ||
                (cp >= 0xFF00 && cp <= 0xFF60) || (cp >= 0xFFE0 && cp <= 0xFFE6) ||
                (cp >= 0x1F300 && cp <= 0x1FAFF) || (cp >= 0x20000 && cp <= 0x3FFFD);
    width += wide ? 2 : 1;
  }
  return width;
}

}  // namespace motcua
