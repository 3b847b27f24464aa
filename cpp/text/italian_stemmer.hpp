// The Snowball Italian stemmer (snowballstem.org/algorithms/italian),
// written for the core: "pratiche" -> "pratic", "lentezza" -> "lentezz".
#pragma once

#include <string>
#include <string_view>

namespace ascolto::text {

/// The stem of a lowercase word (UTF-8).
std::string italian_stem(std::string_view word);

}  // namespace ascolto::text
