#include "text/words.hpp"

#include <algorithm>
#include <unordered_set>

#include "text/utf8.hpp"

namespace ascolto::text {

namespace {

// Snowball's Italian and English stopword lists, less the negations ("non",
// "no", "not") and "senza": in a comment they carry the meaning.
const std::unordered_set<std::string_view>& stopwords() {
  static const std::unordered_set<std::string_view> set = {
      // Italian
      "ad", "al", "allo", "ai", "agli", "all", "agl", "alla", "alle", "con", "col", "coi", "da",
      "dal", "dallo", "dai", "dagli", "dall", "dagl", "dalla", "dalle", "di", "del", "dello", "dei",
      "degli", "dell", "degl", "della", "delle", "in", "nel", "nello", "nei", "negli", "nell",
      "negl", "nella", "nelle", "su", "sul", "sullo", "sui", "sugli", "sull", "sugl", "sulla",
      "sulle", "per", "tra", "contro", "io", "tu", "lui", "lei", "noi", "voi", "loro", "mio", "mia",
      "miei", "mie", "tuo", "tua", "tuoi", "tue", "suo", "sua", "suoi", "sue", "nostro", "nostra",
      "nostri", "nostre", "vostro", "vostra", "vostri", "vostre", "mi", "ti", "ci", "vi", "lo",
      "la", "li", "le", "gli", "ne", "il", "un", "uno", "una", "ma", "ed", "se", "perché", "perche",
      "anche", "come", "dov", "dove", "che", "chi", "cui", "più", "piu", "quale", "quanto",
      "quanti", "quanta", "quante", "quello", "quelli", "quella", "quelle", "questo", "questi",
      "questa", "queste", "si", "tutto", "tutti", "a", "c", "e", "i", "l", "o", "ho", "hai", "ha",
      "abbiamo", "avete", "hanno", "abbia", "abbiate", "abbiano", "avrò", "avrai", "avrà", "avremo",
      "avrete", "avranno", "avrei", "avresti", "avrebbe", "avremmo", "avreste", "avrebbero",
      "avevo", "avevi", "aveva", "avevamo", "avevate", "avevano", "ebbi", "avesti", "ebbe",
      "avemmo", "aveste", "ebbero", "avessi", "avesse", "avessimo", "avessero", "avendo", "avuto",
      "avuta", "avuti", "avute", "sono", "sei", "è", "siamo", "siete", "sia", "siate", "siano",
      "sarò", "sarai", "sarà", "saremo", "sarete", "saranno", "sarei", "saresti", "sarebbe",
      "saremmo", "sareste", "sarebbero", "ero", "eri", "era", "eravamo", "eravate", "erano", "fui",
      "fosti", "fu", "fummo", "foste", "furono", "fossi", "fosse", "fossimo", "fossero", "essendo",
      "faccio", "fai", "facciamo", "fanno", "faccia", "facciate", "facciano", "farò", "farai",
      "farà", "faremo", "farete", "faranno", "farei", "faresti", "farebbe", "faremmo", "fareste",
      "farebbero", "facevo", "facevi", "faceva", "facevamo", "facevate", "facevano", "feci",
      "facesti", "fece", "facemmo", "faceste", "fecero", "facessi", "facesse", "facessimo",
      "facessero", "facendo", "sto", "stai", "sta", "stiamo", "stanno", "stia", "stiate", "stiano",
      "starò", "starai", "starà", "staremo", "starete", "staranno", "starei", "staresti",
      "starebbe", "staremmo", "stareste", "starebbero", "stavo", "stavi", "stava", "stavamo",
      "stavate", "stavano", "stetti", "stesti", "stette", "stemmo", "steste", "stettero", "stessi",
      "stesse", "stessimo", "stessero", "stando", "essere", "avere", "fare", "stato", "stata",
      "stati", "state", "molto", "poi", "già", "gia", "ancora", "solo", "sempre", "mai", "così",
      "cosi", "ogni", "qui", "lì",
      // English
      "me", "my", "myself", "we", "our", "ours", "ourselves", "you", "your", "yours", "yourself",
      "yourselves", "he", "him", "his", "himself", "she", "her", "hers", "herself", "it", "its",
      "itself", "they", "them", "their", "theirs", "themselves", "what", "which", "who", "whom",
      "this", "that", "these", "those", "am", "is", "are", "was", "were", "be", "been", "being",
      "have", "has", "had", "having", "do", "does", "did", "doing", "would", "should", "could",
      "ought", "an", "the", "and", "but", "if", "or", "because", "as", "until", "while", "of", "at",
      "by", "for", "with", "about", "against", "between", "into", "through", "during", "before",
      "after", "above", "below", "to", "from", "up", "down", "out", "on", "off", "over", "under",
      "again", "further", "then", "once", "here", "there", "when", "where", "why", "how", "all",
      "any", "both", "each", "few", "more", "most", "other", "some", "such", "nor", "only", "own",
      "same", "so", "than", "too", "very", "can", "will", "just"};
  return set;
}

bool is_word_char(char32_t c) {
  return is_letter(c) || (c >= '0' && c <= '9');
}

}  // namespace

bool is_stopword(std::string_view word) {
  return stopwords().count(word) > 0;
}

std::vector<std::string> words(std::string_view text) {
  std::vector<std::string> out;
  const std::u32string chars = decode_utf8(text);
  std::size_t i = 0;
  while (i < chars.size()) {
    if (!is_word_char(chars[i])) {
      ++i;
      continue;
    }
    std::size_t j = i;
    bool any_letter = false;
    while (j < chars.size() && is_word_char(chars[j])) {
      any_letter = any_letter || is_letter(chars[j]);
      ++j;
    }
    if (any_letter && j - i >= 2) {
      std::u32string word = chars.substr(i, j - i);
      for (char32_t& c : word) c = to_lower(c);
      out.push_back(encode_utf8(word));
    }
    i = j;
  }
  return out;
}

}  // namespace ascolto::text
