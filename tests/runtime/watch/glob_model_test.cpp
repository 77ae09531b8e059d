// glob checked against a naive recursive matcher (exponential, so only
// run on small generated inputs) over many seeded patterns and paths.
#include "runtime/watch/glob.hpp"

#include <catch2/catch.hpp>

#include <random>
#include <string>
#include <string_view>
#include <vector>

using namespace actordev::watch;

namespace {

std::vector<std::string_view> split(std::string_view s) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (start <= s.size()) {
    std::size_t end = s.find('/', start);
    if (end == std::string_view::npos)
      end = s.size();
    if (end > start)
      out.push_back(s.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

/// `[ab]`, `[!a]`, `[a-c]` at the start of `p`: whether `c` is in it;
/// `len` gets the class's length.
bool naive_class(std::string_view p, char c, std::size_t& len) {
  std::size_t close = p.find(']', 2);
  len = close + 1;
  std::string_view body = p.substr(1, close - 1);
  bool negated = body.starts_with('!');
  if (negated)
    body.remove_prefix(1);
  bool in = false;
  for (std::size_t i = 0; i < body.size(); ++i) {
    if (i + 2 < body.size() && body[i + 1] == '-') {
      in = in || (body[i] <= c && c <= body[i + 2]);
      i += 2;
    } else {
      in = in || body[i] == c;
    }
  }
  return in != negated;
}

bool naive_name(std::string_view p, std::string_view s) {
  if (p.empty())
    return s.empty();
  if (p[0] == '*')
    return naive_name(p.substr(1), s) ||
           (!s.empty() && naive_name(p, s.substr(1)));
  if (s.empty())
    return false;
  if (p[0] == '?')
    return naive_name(p.substr(1), s.substr(1));
  if (p[0] == '[') {
    std::size_t len = 0;
    bool in = naive_class(p, s[0], len);
    return in && naive_name(p.substr(len), s.substr(1));
  }
  return p[0] == s[0] && naive_name(p.substr(1), s.substr(1));
}

bool naive_path(const std::vector<std::string_view>& p, std::size_t i,
                const std::vector<std::string_view>& s, std::size_t j) {
  if (i == p.size())
    return j == s.size();
  if (p[i] == "**")
    return naive_path(p, i + 1, s, j) ||
           (j < s.size() && naive_path(p, i, s, j + 1));
  return j < s.size() && naive_name(p[i], s[j]) &&
         naive_path(p, i + 1, s, j + 1);
}

bool naive_matches(std::string_view pattern, std::string_view path) {
  return naive_path(split(pattern), 0, split(path), 0);
}

bool naive_covers(std::string_view pattern, std::string_view path) {
  auto names = split(path);
  auto p = split(pattern);
  for (std::size_t k = 0; k <= names.size(); ++k) {
    std::vector<std::string_view> prefix(names.begin(), names.begin() + k);
    if (naive_path(p, 0, prefix, 0))
      return true;
  }
  return false;
}

template <class T>
const T& pick(std::mt19937& rng, const std::vector<T>& from) {
  return from[std::uniform_int_distribution<std::size_t>(0,
                                                         from.size() - 1)(rng)];
}

int count(std::mt19937& rng, int lo, int hi) {
  return std::uniform_int_distribution<int>(lo, hi)(rng);
}

std::string random_pattern(std::mt19937& rng) {
  static const std::vector<std::string> atoms{"a", "b",    ".",    "*",    "*",
                                              "?", "[ab]", "[!a]", "[a-b]"};
  std::string out;
  for (int c = count(rng, 1, 4); c > 0; --c) {
    if (!out.empty())
      out += '/';
    if (count(rng, 0, 4) == 0) {
      out += "**";
      continue;
    }
    for (int a = count(rng, 1, 3); a > 0; --a)
      out += pick(rng, atoms);
  }
  return out;
}

std::string random_path(std::mt19937& rng) {
  static const std::vector<char> chars{'a', 'b', 'c', '.'};
  std::string out;
  for (int c = count(rng, 0, 5); c > 0; --c) {
    if (!out.empty())
      out += '/';
    for (int n = count(rng, 1, 3); n > 0; --n)
      out += pick(rng, chars);
  }
  return out;
}

} // namespace

TEST_CASE("glob agrees with a naive recursive matcher on generated inputs",
          "[watch]") {
  std::mt19937 rng{20240613};
  int matched = 0;
  for (int i = 0; i < 3000; ++i) {
    std::string pattern = random_pattern(rng);
    auto g = glob::compile(pattern);
    REQUIRE(g.ok());
    for (int j = 0; j < 20; ++j) {
      std::string path = random_path(rng);
      INFO("pattern '" << pattern << "', path '" << path << "'");
      bool expected = naive_matches(pattern, path);
      REQUIRE(g->matches(path) == expected);
      REQUIRE(g->covers(path) == naive_covers(pattern, path));
      matched += expected ? 1 : 0;
    }
  }
  // The generator must exercise both outcomes, not only misses.
  CHECK(matched > 1000);
}
