// glob: the pattern language of `ignore`, settings.watch.ignore and
// .actordevignore.
#include "runtime/watch/glob.hpp"

#include <catch2/catch.hpp>

#include <string>

using namespace actordev::watch;

namespace {

glob compiled(std::string_view pattern) {
  auto g = glob::compile(pattern);
  REQUIRE(g.ok());
  return std::move(g.value());
}

bool matches(std::string_view pattern, std::string_view path) {
  return compiled(pattern).matches(path);
}

} // namespace

TEST_CASE("a star stays within one path component", "[watch]") {
  CHECK(matches("*.log", "app.log"));
  CHECK(matches("*.log", ".log"));
  CHECK(matches("src/*.go", "src/main.go"));
  CHECK_FALSE(matches("*.log", "logs/app.log"));
  CHECK_FALSE(matches("src/*.go", "src/cmd/main.go"));
  CHECK(matches("a*b*c", "aXbYc"));
  CHECK_FALSE(matches("a*b*c", "aXbY"));
}

TEST_CASE("a double star crosses any number of components, zero included",
          "[watch]") {
  CHECK(matches("**/*.log", "app.log"));
  CHECK(matches("**/*.log", "a/b/c/app.log"));
  CHECK(matches("src/**/test", "src/test"));
  CHECK(matches("src/**/test", "src/a/b/test"));
  CHECK(matches("src/**", "src"));
  CHECK(matches("src/**", "src/a/b"));
  CHECK_FALSE(matches("src/**/test", "lib/a/test"));
  CHECK_FALSE(matches("**/*.log", "a/app.log/x"));
}

TEST_CASE("a double star inside a component is an ordinary star", "[watch]") {
  CHECK(matches("a**b", "aXYb"));
  CHECK_FALSE(matches("a**b", "a/b"));
}

TEST_CASE("a question mark matches exactly one character", "[watch]") {
  CHECK(matches("file?.txt", "file1.txt"));
  CHECK_FALSE(matches("file?.txt", "file.txt"));
  CHECK_FALSE(matches("file?.txt", "file12.txt"));
  CHECK_FALSE(matches("a?b", "a/b"));
}

TEST_CASE("character classes match one character of a set, a range or its "
          "complement",
          "[watch]") {
  CHECK(matches("[abc].txt", "b.txt"));
  CHECK_FALSE(matches("[abc].txt", "d.txt"));
  CHECK(matches("v[0-9]", "v7"));
  CHECK_FALSE(matches("v[0-9]", "vx"));
  CHECK(matches("[!a]x", "bx"));
  CHECK_FALSE(matches("[!a]x", "ax"));
  CHECK(matches("[^a]x", "bx"));
  CHECK(matches("[]]", "]"));
  CHECK(matches("[a-]", "-"));
}

TEST_CASE("an escaped wildcard is literal", "[watch]") {
  CHECK(matches("\\*.txt", "*.txt"));
  CHECK_FALSE(matches("\\*.txt", "a.txt"));
  CHECK(matches("what\\?", "what?"));
  CHECK(matches("\\[x]", "[x]"));
}

TEST_CASE("an absolute pattern matches only absolute paths", "[watch]") {
  CHECK(matches("/proj/**/node_modules", "/proj/web/node_modules"));
  CHECK_FALSE(matches("/proj/*.log", "proj/a.log"));
  CHECK_FALSE(matches("*.log", "/a.log"));
  CHECK(matches("/**", "/"));
}

TEST_CASE("empty components and a trailing slash are dropped", "[watch]") {
  CHECK(matches("a//b/", "a/b"));
  CHECK(matches("a/b", "a//b/"));
}

TEST_CASE("a folder pattern covers everything below it", "[watch]") {
  auto g = compiled("/proj/**/node_modules");
  CHECK(g.covers("/proj/web/node_modules"));
  CHECK(g.covers("/proj/web/node_modules/react/index.js"));
  CHECK_FALSE(g.covers("/proj/web/src/index.js"));
  CHECK_FALSE(g.matches("/proj/web/node_modules/react/index.js"));
  CHECK(compiled("/proj/*.log").covers("/proj/a.log"));
  CHECK_FALSE(compiled("/proj/*.log").covers("/proj/sub/a.log"));
}

TEST_CASE("an unclosed bracket is an error value, not a crash", "[watch]") {
  auto g = glob::compile("src/[ab.txt");
  REQUIRE_FALSE(g.ok());
  CHECK(g.error().offset == 4);
  CHECK(g.error().pattern == "src/[ab.txt");
  CHECK_THAT(g.error().message, Catch::Contains("never closed"));
  CHECK_FALSE(glob::compile("[").ok());
  CHECK_FALSE(glob::compile("[!").ok());
  CHECK_FALSE(glob::compile("[]").ok());
  CHECK_FALSE(glob::compile("a[b/c]").ok());
}

TEST_CASE("a reversed range, a trailing backslash and an empty pattern are "
          "errors",
          "[watch]") {
  auto reversed = glob::compile("[z-a]");
  REQUIRE_FALSE(reversed.ok());
  CHECK_THAT(reversed.error().message, Catch::Contains("'z-a'"));
  CHECK_FALSE(glob::compile("abc\\").ok());
  CHECK_FALSE(glob::compile("").ok());
}

TEST_CASE("many stars do not backtrack exponentially", "[watch]") {
  std::string pattern;
  for (int i = 0; i < 40; ++i)
    pattern += "*a";
  pattern += "*b";
  std::string name(20000, 'a');
  auto g = compiled(pattern);
  CHECK_FALSE(g.matches(name));
  CHECK(g.matches(name + "b"));
}

TEST_CASE("many double stars do not backtrack exponentially", "[watch]") {
  std::string pattern;
  for (int i = 0; i < 30; ++i)
    pattern += "**/a/";
  pattern += "b";
  std::string path = "a";
  for (int i = 0; i < 2000; ++i)
    path += "/a";
  auto g = compiled(pattern);
  CHECK_FALSE(g.matches(path));
  CHECK(g.matches(path + "/b"));
  CHECK_FALSE(g.covers(path));
}
