#include "text/italian_stemmer.hpp"

#include <vector>

#include "text/utf8.hpp"

namespace ascolto::text {

namespace {

using Word = std::u32string;

bool is_vowel(char32_t c) {
  switch (c) {
    case U'a':
    case U'e':
    case U'i':
    case U'o':
    case U'u':
    case U'à':
    case U'è':
    case U'ì':
    case U'ò':
    case U'ù':
      return true;
    default:
      return false;
  }
}

bool ends_with(const Word& w, const Word& suffix) {
  return w.size() >= suffix.size() &&
         w.compare(w.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// The longest of `suffixes` that ends `w`, or nullptr.
const Word* longest_suffix(const Word& w, const std::vector<Word>& suffixes) {
  const Word* best = nullptr;
  for (const Word& s : suffixes)
    if (ends_with(w, s) && (!best || s.size() > best->size())) best = &s;
  return best;
}

// R1, R2 and RV start positions, as the algorithm defines them.
struct Regions {
  std::size_t r1, r2, rv;
};

std::size_t region_after_nonvowel_following_vowel(const Word& w, std::size_t from) {
  for (std::size_t i = from + 1; i < w.size(); ++i)
    if (!is_vowel(w[i]) && is_vowel(w[i - 1])) return i + 1;
  return w.size();
}

Regions regions(const Word& w) {
  Regions r{};
  r.r1 = region_after_nonvowel_following_vowel(w, 0);
  r.r2 = r.r1 < w.size() ? region_after_nonvowel_following_vowel(w, r.r1) : w.size();
  if (r.r2 < r.r1) r.r2 = w.size();
  r.rv = w.size();
  if (w.size() >= 2) {
    if (!is_vowel(w[1])) {  // the next vowel after the second letter
      for (std::size_t i = 2; i < w.size(); ++i)
        if (is_vowel(w[i])) {
          r.rv = i + 1;
          break;
        }
    } else if (is_vowel(w[0]) && is_vowel(w[1])) {  // the next consonant
      for (std::size_t i = 2; i < w.size(); ++i)
        if (!is_vowel(w[i])) {
          r.rv = i + 1;
          break;
        }
    } else {
      r.rv = 3;
    }
  }
  if (r.rv > w.size()) r.rv = w.size();
  return r;
}

bool in_region(const Word& w, std::size_t suffix_length, std::size_t region) {
  return w.size() >= suffix_length && w.size() - suffix_length >= region;
}

void chop(Word& w, std::size_t n) {
  w.resize(w.size() - n);
}

std::vector<Word> words(std::initializer_list<const char32_t*> list) {
  std::vector<Word> out;
  for (const char32_t* s : list) out.emplace_back(s);
  return out;
}

const std::vector<Word> kPronouns =
    words({U"ci",     U"gli",  U"la",   U"le",   U"li",     U"lo",     U"mi",     U"ne",
           U"si",     U"ti",   U"vi",   U"sene", U"gliela", U"gliele", U"glieli", U"glielo",
           U"gliene", U"mela", U"mele", U"meli", U"melo",   U"mene",   U"tela",   U"tele",
           U"teli",   U"telo", U"tene", U"cela", U"cele",   U"celi",   U"celo",   U"cene",
           U"vela",   U"vele", U"veli", U"velo", U"vene"});
const std::vector<Word> kStep1Delete =
    words({U"anza",  U"anze",   U"ico",    U"ici",   U"ica",   U"ice",   U"iche", U"ichi",
           U"ismo",  U"ismi",   U"abile",  U"abili", U"ibile", U"ibili", U"ista", U"iste",
           U"isti",  U"istà",   U"istè",   U"istì",  U"oso",   U"osi",   U"osa",  U"ose",
           U"mente", U"atrice", U"atrici", U"ante",  U"anti"});
const std::vector<Word> kStep1All =
    words({U"anza",  U"anze",   U"ico",    U"ici",    U"ica",    U"ice",    U"iche",   U"ichi",
           U"ismo",  U"ismi",   U"abile",  U"abili",  U"ibile",  U"ibili",  U"ista",   U"iste",
           U"isti",  U"istà",   U"istè",   U"istì",   U"oso",    U"osi",    U"osa",    U"ose",
           U"mente", U"atrice", U"atrici", U"ante",   U"anti",   U"azione", U"azioni", U"atore",
           U"atori", U"logia",  U"logie",  U"uzione", U"uzioni", U"usione", U"usioni", U"enza",
           U"enze",  U"amento", U"amenti", U"imento", U"imenti", U"amente", U"ità",    U"ivo",
           U"ivi",   U"iva",    U"ive"});
const std::vector<Word> kVerbSuffixes =
    words({U"ammo",   U"ando",   U"ano",    U"are",    U"arono",  U"asse",     U"assero", U"assi",
           U"assimo", U"ata",    U"ate",    U"ati",    U"ato",    U"ava",      U"avamo",  U"avano",
           U"avate",  U"avi",    U"avo",    U"emmo",   U"enda",   U"ende",     U"endi",   U"endo",
           U"erà",    U"erai",   U"eranno", U"ere",    U"erebbe", U"erebbero", U"erei",   U"eremmo",
           U"eremo",  U"ereste", U"eresti", U"erete",  U"erò",    U"erono",    U"essero", U"ete",
           U"eva",    U"evamo",  U"evano",  U"evate",  U"evi",    U"evo",      U"iamo",   U"immo",
           U"irà",    U"irai",   U"iranno", U"ire",    U"irebbe", U"irebbero", U"irei",   U"iremmo",
           U"iremo",  U"ireste", U"iresti", U"irete",  U"irò",    U"irono",    U"isca",   U"iscano",
           U"isce",   U"isci",   U"isco",   U"iscono", U"issero", U"ita",      U"ite",    U"iti",
           U"ito",    U"iva",    U"ivamo",  U"ivano",  U"ivate",  U"ivi",      U"ivo",    U"ono",
           U"uta",    U"ute",    U"uti",    U"uto",    U"ar",     U"ir"});

// Step 0: an attached pronoun after a gerund (deleted) or an infinitive in
// -ar/-er/-ir (replaced by "e").
void attached_pronoun(Word& w, const Regions& r) {
  const Word* pronoun = longest_suffix(w, kPronouns);
  if (!pronoun || !in_region(w, pronoun->size(), r.rv)) return;
  const Word stem = w.substr(0, w.size() - pronoun->size());
  for (const Word& g : words({U"ando", U"endo"}))
    if (ends_with(stem, g) && in_region(stem, g.size(), r.rv)) {
      w = stem;
      return;
    }
  for (const Word& g : words({U"ar", U"er", U"ir"}))
    if (ends_with(stem, g) && in_region(stem, g.size(), r.rv)) {
      w = stem + U"e";
      return;
    }
}

// Removes `suffix` if it ends w inside `region`; true when removed.
bool delete_if(Word& w, const Word& suffix, std::size_t region) {
  if (!ends_with(w, suffix) || !in_region(w, suffix.size(), region)) return false;
  chop(w, suffix.size());
  return true;
}

// Step 1: standard suffixes. True when one was removed (step 2 is then skipped).
bool standard_suffix(Word& w, const Regions& r) {
  const Word* s = longest_suffix(w, kStep1All);
  if (!s) return false;
  const Word suffix = *s;
  const std::size_t n = suffix.size();
  if (suffix == U"amente") {
    if (!in_region(w, n, r.r1)) return false;
    chop(w, n);
    if (delete_if(w, U"iv", r.r2)) {
      delete_if(w, U"at", r.r2);
    } else {
      for (const Word& p : words({U"os", U"ic", U"abil"}))
        if (delete_if(w, p, r.r2)) break;
    }
    return true;
  }
  if (suffix == U"amento" || suffix == U"amenti" || suffix == U"imento" || suffix == U"imenti")
    return delete_if(w, suffix, r.rv);
  if (!in_region(w, n, r.r2)) return false;
  if (suffix == U"azione" || suffix == U"azioni" || suffix == U"atore" || suffix == U"atori") {
    chop(w, n);
    delete_if(w, U"ic", r.r2);
  } else if (suffix == U"logia" || suffix == U"logie") {
    chop(w, n);
    w += U"log";
  } else if (suffix == U"uzione" || suffix == U"uzioni" || suffix == U"usione" ||
             suffix == U"usioni") {
    chop(w, n);
    w += U"u";
  } else if (suffix == U"enza" || suffix == U"enze") {
    chop(w, n);
    w += U"ente";
  } else if (suffix == U"ità") {
    chop(w, n);
    for (const Word& p : words({U"abil", U"ic", U"iv"}))
      if (delete_if(w, p, r.r2)) break;
  } else if (suffix == U"ivo" || suffix == U"ivi" || suffix == U"iva" || suffix == U"ive") {
    chop(w, n);
    if (delete_if(w, U"at", r.r2)) delete_if(w, U"ic", r.r2);
  } else {
    chop(w, n);
  }
  return true;
}

// The search is limited to RV: the longest suffix lying inside it.
void verb_suffix(Word& w, const Regions& r) {
  const Word* best = nullptr;
  for (const Word& s : kVerbSuffixes)
    if (ends_with(w, s) && in_region(w, s.size(), r.rv) && (!best || s.size() > best->size()))
      best = &s;
  if (best) chop(w, best->size());
}

void residual_suffix(Word& w, const Regions& r) {
  // 3a: a final vowel, and an "i" before it, in RV.
  for (const Word& v : words({U"a", U"e", U"i", U"o", U"à", U"è", U"ì", U"ò"}))
    if (delete_if(w, v, r.rv)) {
      delete_if(w, U"i", r.rv);
      break;
    }
  // 3b: "ch" -> "c", "gh" -> "g" in RV.
  if ((ends_with(w, U"ch") || ends_with(w, U"gh")) && in_region(w, 1, r.rv)) chop(w, 1);
}

}  // namespace

std::string italian_stem(std::string_view text) {
  Word w = decode_utf8(text);
  // Prelude: acute accents to grave; "qu" and u/i between vowels marked as
  // consonants (U, I).
  for (char32_t& c : w) {
    if (c == U'á') c = U'à';
    if (c == U'é') c = U'è';
    if (c == U'í') c = U'ì';
    if (c == U'ó') c = U'ò';
    if (c == U'ú') c = U'ù';
  }
  for (std::size_t i = 1; i < w.size(); ++i)
    if (w[i] == U'u' && w[i - 1] == U'q') w[i] = U'U';
  for (std::size_t i = 1; i + 1 < w.size(); ++i)
    if ((w[i] == U'u' || w[i] == U'i') && is_vowel(w[i - 1]) && is_vowel(w[i + 1]))
      w[i] = w[i] == U'u' ? U'U' : U'I';
  // The regions are marked once, on the whole word, as Snowball does.
  const Regions r = regions(w);
  attached_pronoun(w, r);
  if (!standard_suffix(w, r)) verb_suffix(w, r);
  residual_suffix(w, r);
  for (char32_t& c : w) {
    if (c == U'U') c = U'u';
    if (c == U'I') c = U'i';
  }
  return encode_utf8(w);
}

}  // namespace ascolto::text
