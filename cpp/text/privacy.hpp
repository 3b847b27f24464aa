// Personal data in free text, masked before any comment is shown: e-mail
// addresses, phone numbers, IBANs and Italian tax codes (codice fiscale).
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace ascolto::text {

struct MaskCounts {
  std::uint64_t email = 0, phone = 0, iban = 0, tax_code = 0;
  std::uint64_t total() const { return email + phone + iban + tax_code; }
};

/// `text` with each item replaced by "[email]", "[telefono]", "[IBAN]" or
/// "[codice fiscale]" (or by `replacement` when given: " " keeps the
/// labels out of word counts); `counts` grows by what was masked.
std::string mask_personal_data(std::string_view text, MaskCounts& counts,
                               std::string_view replacement = {});

/// True when `text` is a codice fiscale whose 16th character is its check
/// character (the odd/even position tables of DM 23/12/1976).
bool valid_tax_code(std::string_view text);

/// What kind of personal data `value` is as a whole ("email", "phone",
/// "iban", "tax_code" with a valid check character), or nullptr.
const char* personal_value_kind(std::string_view value);

}  // namespace ascolto::text
