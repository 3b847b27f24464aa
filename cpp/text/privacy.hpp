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

}  // namespace ascolto::text
