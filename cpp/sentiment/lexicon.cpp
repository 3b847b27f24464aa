#include "sentiment/lexicon.hpp"

#include <algorithm>
#include <cmath>

#include "text/italian_stemmer.hpp"

namespace ascolto::sentiment {

namespace {

#include "sentiment_lexicon.inc"

// Ascolto's own words of agency feedback that the lists lack or misread
// (Pattern has "lento" at -0.12: in a service comment it is a complaint).
struct OwnEntry {
  const char* form;
  double polarity;
};
constexpr OwnEntry kAgencyLexicon[] = {
    {"funziona", 0.4},      {"funzionano", 0.4},     {"funzionante", 0.4},
    {"funzionare", 0.3},    {"lento", -0.6},         {"lenta", -0.6},
    {"lenti", -0.6},        {"lentissimo", -0.9},    {"bloccato", -0.6},
    {"bloccata", -0.6},     {"blocca", -0.5},        {"bloccante", -0.6},
    {"errore", -0.6},       {"errori", -0.6},        {"disservizio", -0.8},
    {"disservizi", -0.8},   {"impossibile", -0.7},   {"scaduta", -0.4},
    {"scaduto", -0.4},      {"coda", -0.3},          {"code", -0.3},
    {"attesa", -0.3},       {"caos", -0.8},          {"vergogna", -0.9},
    {"vergognoso", -1.0},   {"ritardo", -0.5},       {"ritardi", -0.5},
    {"rimborso", 0.0},      {"grazie", 0.5},         {"ottimo", 1.0},
    {"ottima", 1.0},        {"eccellente", 1.0},     {"perfetto", 0.9},
    {"perfetta", 0.9},      {"perfettamente", 0.8},  {"semplice", 0.5},
    {"semplicissimo", 0.8}, {"intuitivo", 0.6},      {"intuitiva", 0.6},
    {"veloce", 0.5},        {"rapido", 0.5},         {"rapida", 0.5},
    {"chiaro", 0.6},        {"chiara", 0.6},         {"chiare", 0.6},
    {"chiari", 0.6},        {"utile", 0.5},          {"comodo", 0.5},
    {"comoda", 0.5},        {"pessimo", -1.0},       {"pessima", -1.0},
    {"schifo", -1.0},       {"inutile", -0.7},       {"complicato", -0.6},
    {"complicata", -0.6},   {"confuso", -0.6},       {"confusa", -0.6},
    {"difficile", -0.5},    {"problema", -0.5},      {"problemi", -0.5},
    {"disastro", -0.9},     {"inaccettabile", -0.9}, {"truffa", -0.8},
    {"crisi", -0.6},        {"scandalo", -0.8},      {"soddisfatto", 0.7},
    {"soddisfatta", 0.7},   {"insoddisfatto", -0.7}, {"insoddisfatta", -0.7},
    {"migliorabile", -0.2}, {"bene", 0.5},           {"male", -0.5},
    {"incredibile", 0.5},   {"consigliato", 0.6},    {"consiglio", 0.2},
    {"brava", 0.6},         {"bravi", 0.6},          {"bravo", 0.6},
    {"gentile", 0.6},       {"gentili", 0.6},        {"cortese", 0.6},
    {"scortese", -0.7},     {"maleducato", -0.8},    {"rotto", -0.6},
    {"guasto", -0.6},       {"sbagliato", -0.5},     {"sbagliata", -0.5},
    {"mancano", -0.3},      {"manca", -0.3},
};

// Words the lists give a polarity they do not carry in Italian text: the
// AFINN list is a translation ("lavoro", "parte", "sito", "molto" are
// neutral here; "sinistra" is a side, not sinister). Read as no sentiment.
constexpr const char* kNotSentiment[] = {
    "parte",     "parti",         "lavoro",     "lavori",     "lavorare", "bisogno",
    "lungo",     "lunga",         "mente",      "quasi",      "meno",     "isola",
    "sito",      "fondi",         "fondo",      "battuta",    "battute",  "subito",
    "breve",     "ultimi",        "ultimo",     "ultima",     "sinistra", "destra",
    "passare",   "diverso",       "diversa",    "diverse",    "diversi",  "dipartimento",
    "rete",      "piccolo",       "piccola",    "piccoli",    "scopo",    "allegata",
    "allegato",  "carico",        "macchia",    "no",         "uniti",    "unite",
    "tutto",     "tutta",         "tutti",      "mercato",    "spesso",   "fine",
    "coloro",    "ancora",        "vicino",     "vicina",     "persone",  "persona",
    "molto",     "popolazione",   "uomo",       "stampa",     "schiena",  "maggior",
    "maggiore",  "leader",        "causa",      "minore",     "antie",    "domanda",
    "pratica",   "richiesta",     "pagamento",  "conto",      "casa",     "tempo",
    "anni",      "anno",          "giorno",     "punto",      "servizio", "servizi",
    "stato",     "caso",          "prima",      "dopo",       "secondo",  "credito",
    "debito",    "assegno",       "pensione",   "bonus",      "sede",     "ufficio",
    "app",       "applicazione",  "online",     "certo",      "certa",    "bisogno",
    "battute",   "prevede",       "gioco",      "piatto",     "mostrato", "marco",
    "folla",     "conservazione", "alcun",      "alcuna",     "servono",  "trade",
    "pena",      "probabilmente", "principali", "principale", "regole",   "qui",
    "punizioni", "picco",         "nuovo",      "nuova",      "nuovi",    "nuove",
    "conto",     "forza",
};

// Idioms that the words alone misread.
struct Idiom {
  const char* phrase;
  double polarity;
};
constexpr Idiom kIdioms[] = {
    {"niente da dire", 0.6},
    {"nulla da dire", 0.6},
    {"nulla da eccepire", 0.7},
    {"niente da eccepire", 0.7},
    {"non male", 0.4},
    {"non c è male", 0.4},
    {"non ci sono problemi", 0.5},
    {"nessun problema", 0.5},
    {"senza problemi", 0.5},
    {"tutto ok", 0.6},
    {"tutto bene", 0.6},
    {"tutto chiaro", 0.6},
    {"fa schifo", -1.0},
    {"non funziona", -0.7},
    {"non va", -0.5},
    {"perdita di tempo", -0.8},
    {"lascia a desiderare", -0.6},
    {"meno male", 0.3},
    {"vale la pena", 0.5},
    {"ne vale la pena", 0.5},
    {"non vale la pena", -0.5},
};

constexpr std::pair<const char*, double> kIntensifiers[] = {
    {"molto", 1.5},      {"troppo", 1.5},       {"tanto", 1.3},           {"davvero", 1.4},
    {"veramente", 1.4},  {"estremamente", 1.8}, {"assolutamente", 1.6},   {"super", 1.5},
    {"proprio", 1.2},    {"decisamente", 1.5},  {"particolarmente", 1.4}, {"abbastanza", 0.8},
    {"piuttosto", 1.1},  {"così", 1.3},         {"sempre", 1.2},          {"completamente", 1.5},
    {"totalmente", 1.6}, {"per niente", 1.0},   {"leggermente", 0.6},     {"un po", 0.6},
};

std::vector<std::string> split(std::string_view phrase) {
  std::vector<std::string> out;
  std::size_t at = 0;
  while (at < phrase.size()) {
    std::size_t end = phrase.find_first_of(" '", at);
    if (end == std::string_view::npos) end = phrase.size();
    if (end > at) out.emplace_back(phrase.substr(at, end - at));
    at = end + 1;
  }
  return out;
}

}  // namespace

const Lexicon& Lexicon::italian() {
  static const Lexicon lexicon;
  return lexicon;
}

Lexicon::Lexicon() {
  const auto add = [&](std::string_view form, double polarity, Source source) {
    const std::vector<std::string> parts = split(form);
    if (parts.size() > 1) {
      phrases_[parts.front()].push_back({parts, polarity});
      return;
    }
    if (parts.empty()) return;
    WordPolarity& w = words_[parts.front()];
    // A word in both lists takes their mean; Ascolto's own list decides.
    if (source == Source::agency)
      w.polarity = polarity;
    else if (w.sources && !(w.sources & static_cast<unsigned>(Source::agency)))
      w.polarity = (w.polarity + polarity) / 2;
    else if (!w.sources)
      w.polarity = polarity;
    w.sources |= static_cast<unsigned>(source);
  };
  for (const PatternEntry& e : kPatternLexicon) {
    if (e.adverb && e.polarity == 0 && e.intensity > 1)
      intensifiers_.emplace(e.form, std::min(e.intensity, 2.0));
    else if (e.polarity != 0)
      add(e.form, e.polarity, Source::pattern);
  }
  // AFINN's weakest words (score 1 of 5) are its most often mistranslated.
  for (const AfinnEntry& e : kAfinnLexicon)
    if (std::fabs(e.polarity) >= 0.4) add(e.form, e.polarity, Source::afinn);
  for (const OwnEntry& e : kAgencyLexicon) add(e.form, e.polarity, Source::agency);
  for (const char* word : kNotSentiment) words_.erase(word);
  for (const Idiom& i : kIdioms) {
    const std::vector<std::string> parts = split(i.phrase);
    phrases_[parts.front()].insert(phrases_[parts.front()].begin(), {parts, i.polarity});
  }
  for (const auto& [word, factor] : kIntensifiers) {
    const std::vector<std::string> parts = split(word);
    if (parts.size() == 1) intensifiers_[parts.front()] = factor;
  }
  // Stems of the listed words, for the forms the lists do not have; a stem
  // whose forms disagree in sign ("rispett-" of rispettoso, rispettivo) is none.
  std::unordered_map<std::string, std::pair<double, int>> sums;
  std::unordered_map<std::string, bool> mixed;
  for (const char* word : kNotSentiment) mixed[text::italian_stem(word)] = true;
  for (const auto& [form, w] : words_) {
    const std::string stem = text::italian_stem(form);
    if (stem.size() < 4) continue;
    auto& [sum, n] = sums[stem];
    if (n > 0 && (sum > 0) != (w.polarity > 0)) mixed[stem] = true;
    sum += w.polarity;
    ++n;
  }
  for (const auto& [stem, sum_n] : sums)
    if (!mixed.count(stem)) stems_[stem] = {sum_n.first / sum_n.second, 0};
  // Longest phrases first: "non c è male" before "non male".
  for (auto& [first, list] : phrases_)
    std::stable_sort(list.begin(), list.end(), [](const Phrase& a, const Phrase& b) {
      return a.words.size() > b.words.size();
    });
}

const WordPolarity* Lexicon::word(std::string_view word) const {
  const auto it = words_.find(std::string(word));
  if (it != words_.end()) return &it->second;
  if (word.size() < 5) return nullptr;
  const auto stem = stems_.find(text::italian_stem(word));
  return stem == stems_.end() ? nullptr : &stem->second;
}

const WordInfo& Lexicon::info(std::string_view word) const {
  if (const auto it = infos_.find(word); it != infos_.end()) return it->second;
  WordInfo w;
  if (const WordPolarity* p = this->word(word)) w.polarity = p->polarity;
  w.intensifier = intensifier(word);
  w.negator = word == "non" || word == "mai" || word == "né" || word == "nessuno" ||
              word == "nessuna" || word == "nessun" || word == "niente" || word == "nulla" ||
              word == "senza" || word == "neanche" || word == "nemmeno" || word == "neppure";
  w.contrast = word == "ma" || word == "però" || word == "tuttavia" || word == "eppure" ||
               word == "comunque";
  w.diminisher = word == "poco" || word == "poca" || word == "pochi" || word == "poche";
  w.phrases = phrases(word) != nullptr;
  // Remembered up to a bound on memory (about 20 MB); past it, worked out each time.
  if (infos_.size() >= 200000) {
    static WordInfo scratch;
    scratch = w;
    return scratch;
  }
  owned_.emplace_back(word);
  return infos_.emplace(owned_.back(), w).first->second;
}

double Lexicon::intensifier(std::string_view word) const {
  const auto it = intensifiers_.find(std::string(word));
  return it == intensifiers_.end() ? 0 : it->second;
}

const std::vector<Lexicon::Phrase>* Lexicon::phrases(std::string_view first) const {
  const auto it = phrases_.find(std::string(first));
  return it == phrases_.end() ? nullptr : &it->second;
}

}  // namespace ascolto::sentiment
