// Italy's regions and provinces, and the many ways files write them:
// "Emilia Romagna", "Valle d'Aosta/Vallée d'Aoste", "P.A. Bolzano", ISTAT
// codes ("08", 8, 237), NUTS-2 codes (ITH5), plate codes (RM), English
// names (Apulia). Recognition never guesses: a text maps to one unit or
// to none.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace ascolto::territory {

/// ISTAT region codes 1 (Piemonte) to 20 (Sardegna).
inline constexpr int kRegions = 20;

struct Province {
  int code;                ///< historical ISTAT province code (1-111)
  int unit;                ///< ISTAT territorial-unit code (2xx for metropolitan cities)
  std::string_view sigla;  ///< plate code: "RM"
  std::string_view name;   ///< ISTAT's name: "Bolzano/Bozen"
  int region;              ///< ISTAT region code
};

/// The region's official Italian name ("Valle d'Aosta/Vallée d'Aoste"
/// shortened to its Italian part), for ISTAT code 1-20; empty otherwise.
std::string_view region_name(int code);

/// Every province known (ISTAT 2020, plus the four Sardinian provinces of
/// 2005-2016 so that older files are recognized).
const std::vector<Province>& provinces();
const Province* province(int code);

/// The ISTAT region code a text names: a name or a common variant (any
/// case, accents, hyphens, apostrophes, "Regione ..."), an autonomous
/// province of Trentino-Alto Adige (counted in its region), a code 1-20
/// (or 21/22, 41/42 for Bolzano/Trento), or a NUTS-2 code.
std::optional<int> region_code(std::string_view text);

/// The province a text names: a name or variant ("Reggio Emilia",
/// "Provincia di Monza e Brianza"), a plate code when `plate_codes` (only
/// for columns known to hold provinces: "NO" and "SI" are also words), or
/// an ISTAT province or territorial-unit code.
const Province* find_province(std::string_view text, bool plate_codes);

/// The text as a lookup key: lowercase ASCII letters and digits, accents
/// dropped, every other run of characters a single space.
std::string fold(std::string_view text);

}  // namespace ascolto::territory
