#include "text/privacy.hpp"

namespace ascolto::text {

namespace {

bool digit(char c) {
  return c >= '0' && c <= '9';
}
bool letter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}
bool alnum(char c) {
  return digit(c) || letter(c);
}
bool email_local(char c) {
  return alnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
}
bool email_domain(char c) {
  return alnum(c) || c == '.' || c == '-';
}

// The end of an e-mail address whose '@' is at `at`, and its start.
bool email_at(std::string_view s, std::size_t at, std::size_t& start, std::size_t& end) {
  start = at;
  while (start > 0 && email_local(s[start - 1])) --start;
  end = at + 1;
  while (end < s.size() && email_domain(s[end])) ++end;
  while (end > at + 1 && (s[end - 1] == '.' || s[end - 1] == '-')) --end;
  const std::string_view domain = s.substr(at + 1, end - at - 1);
  const std::size_t dot = domain.rfind('.');
  return start < at && dot != std::string_view::npos && dot > 0 && domain.size() - dot - 1 >= 2;
}

// A codice fiscale: 6 letters, 2 digits, letter, 2 digits, letter, 3 digits, letter.
bool tax_code_at(std::string_view s, std::size_t i) {
  static const char kPattern[] = "LLLLLLDDLDDLDDDL";
  if (i + 16 > s.size()) return false;
  if (i > 0 && alnum(s[i - 1])) return false;
  if (i + 16 < s.size() && alnum(s[i + 16])) return false;
  for (int k = 0; k < 16; ++k)
    if (kPattern[k] == 'L' ? !letter(s[i + k]) : !digit(s[i + k])) return false;
  return true;
}

// An IBAN: country letters, two check digits, then letters and digits, 15
// to 34 in all, written in one run or in groups of four split by single
// spaces. Its end, if one starts at i.
std::size_t iban_end(std::string_view s, std::size_t i) {
  if (i + 4 > s.size() || (i > 0 && alnum(s[i - 1]))) return 0;
  if (!letter(s[i]) || !letter(s[i + 1]) || !digit(s[i + 2]) || !digit(s[i + 3])) return 0;
  auto run = [&](std::size_t from) {
    std::size_t j = from;
    while (j < s.size() && alnum(s[j])) ++j;
    return j - from;
  };
  std::size_t length = run(i), end = i + length;
  if (length == 4) {  // grouped: "IT60 X054 2811 ..."
    for (std::size_t group = 4; group == 4 && end + 1 < s.size() && s[end] == ' ';) {
      group = run(end + 1);
      if (group == 0 || group > 4) break;
      length += group;
      end += 1 + group;
    }
  }
  if (length < 15 || length > 34) return 0;
  std::size_t digits = 0;
  for (std::size_t j = i; j < end; ++j) digits += digit(s[j]);
  return digits * 2 >= length ? end : 0;
}

// A phone number: +39 / 0039 or a leading 0 or 3, then digits split by
// spaces, dots or dashes; 8 to 13 digits in all. Its end, if one starts at i.
std::size_t phone_end(std::string_view s, std::size_t i) {
  if (i > 0 && (alnum(s[i - 1]) || s[i - 1] == '.' || s[i - 1] == ',' || s[i - 1] == '/')) return 0;
  std::size_t j = i;
  if (s[j] == '+') ++j;
  if (j >= s.size() || !digit(s[j])) return 0;
  if (s[i] != '+' && s[j] != '0' && s[j] != '3') return 0;
  std::size_t digits = 0, last = j;
  while (j < s.size()) {
    if (digit(s[j])) {
      ++digits;
      ++j;
      last = j;
    } else if ((s[j] == ' ' || s[j] == '.' || s[j] == '-') && j + 1 < s.size() && digit(s[j + 1])) {
      ++j;
    } else {
      break;
    }
  }
  if (last < s.size() && (letter(s[last]) || s[last] == '/' || s[last] == ',')) return 0;
  return digits >= 8 && digits <= 13 ? last : 0;
}

}  // namespace

std::string mask_personal_data(std::string_view s, MaskCounts& counts,
                               std::string_view replacement) {
  auto label = [&](const char* name) {
    return replacement.empty() ? std::string_view(name) : replacement;
  };
  std::string out;
  out.reserve(s.size());
  std::size_t i = 0;
  while (i < s.size()) {
    // An e-mail: the '@' is found ahead, and what was copied of its local part is taken back.
    if (s[i] == '@') {
      std::size_t start, end;
      if (email_at(s, i, start, end)) {
        out.resize(out.size() - (i - start));
        out += label("[email]");
        ++counts.email;
        i = end;
        continue;
      }
    }
    if (letter(s[i])) {
      if (tax_code_at(s, i)) {
        out += label("[codice fiscale]");
        ++counts.tax_code;
        i += 16;
        continue;
      }
      if (std::size_t end = iban_end(s, i)) {
        out += label("[IBAN]");
        ++counts.iban;
        i = end;
        continue;
      }
    }
    if (digit(s[i]) || s[i] == '+') {
      if (std::size_t end = phone_end(s, i)) {
        out += label("[telefono]");
        ++counts.phone;
        i = end;
        continue;
      }
      // Skip the rest of a number, so that its middle is not taken for a phone.
      if (digit(s[i])) {
        while (i < s.size() && digit(s[i])) out.push_back(s[i++]);
        continue;
      }
    }
    out.push_back(s[i++]);
  }
  return out;
}

bool valid_tax_code(std::string_view text) {
  if (text.size() != 16 || !tax_code_at(text, 0)) return false;
  // Values of the characters in odd positions (1st, 3rd, ...), digits as A-J.
  static const int kOdd[26] = {1,  0,  5, 7, 9, 13, 15, 17, 19, 21, 2,  4,  18,
                               20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23};
  int sum = 0;
  for (std::size_t i = 0; i < 15; ++i) {
    const char c = text[i];
    const int index = digit(c) ? c - '0' : (c | 0x20) - 'a';
    sum += i % 2 == 0 ? kOdd[index] : index;
  }
  return ((text[15] | 0x20) - 'a') == sum % 26;
}

const char* personal_value_kind(std::string_view value) {
  while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
  while (!value.empty() && value.back() == ' ') value.remove_suffix(1);
  if (value.empty()) return nullptr;
  if (value.size() == 16 && tax_code_at(value, 0))
    return valid_tax_code(value) ? "tax_code" : nullptr;
  MaskCounts counts;
  const std::string rest = mask_personal_data(value, counts, " ");
  // The whole value is the item: at most a little punctuation is left.
  std::size_t left = 0;
  for (char c : rest) left += alnum(c);
  if (counts.total() != 1 || left > 0) return nullptr;
  return counts.email ? "email" : counts.phone ? "phone" : counts.iban ? "iban" : nullptr;
}

}  // namespace ascolto::text
