// ignore_file: .actordevignore, with gitignore's rules.
#include "runtime/watch/ignore_file.hpp"

#include <catch2/catch.hpp>

#include <random>

#include <string>
#include <vector>

using namespace actordev::watch;

namespace {

/// A parsed file that must have no errors.
struct rules {
  explicit rules(std::string_view text) {
    std::vector<ignore_error> errors;
    file = ignore_file::parse(text, errors);
    REQUIRE(errors.empty());
  }
  bool ignored(std::string_view path, path_kind kind = path_kind::file) const {
    const auto* r = file.decide(path, kind);
    return r != nullptr && !r->negated;
  }
  ignore_file file;
};

} // namespace

TEST_CASE("comments and blank lines are not rules", "[watch]") {
  rules r{"# build output\n\n   \nbuild\n"};
  CHECK(r.file.rules().size() == 1);
  CHECK(r.file.rules()[0].line == 4);
  CHECK(r.ignored("build"));
}

TEST_CASE("a pattern without a slash matches at any depth", "[watch]") {
  rules r{"*.log\ntmp\n"};
  CHECK(r.ignored("app.log"));
  CHECK(r.ignored("a/b/app.log"));
  CHECK(r.ignored("web/tmp", path_kind::directory));
  CHECK(r.ignored("web/tmp/cache/x"));
  CHECK_FALSE(r.ignored("web/tmpfile"));
}

TEST_CASE("a leading slash anchors a pattern to the root", "[watch]") {
  rules r{"/todo.txt\n"};
  CHECK(r.ignored("todo.txt"));
  CHECK_FALSE(r.ignored("docs/todo.txt"));
}

TEST_CASE("a pattern with a slash in the middle is anchored too", "[watch]") {
  rules r{"doc/*.html\n"};
  CHECK(r.ignored("doc/index.html"));
  CHECK_FALSE(r.ignored("web/doc/index.html"));
  CHECK_FALSE(r.ignored("doc/api/index.html"));
}

TEST_CASE("a trailing slash matches directories only, and what is below "
          "them",
          "[watch]") {
  rules r{"out/\n"};
  CHECK(r.ignored("out", path_kind::directory));
  CHECK(r.ignored("web/out", path_kind::directory));
  CHECK(r.ignored("out/bin/app"));
  CHECK_FALSE(r.ignored("out"));
  CHECK_FALSE(r.ignored("web/out"));
}

TEST_CASE("a negated .actordevignore rule re-includes a file", "[watch]") {
  rules r{"*.log\n!keep.log\n"};
  CHECK(r.ignored("app.log"));
  CHECK_FALSE(r.ignored("keep.log"));
  CHECK_FALSE(r.ignored("sub/keep.log"));
  const auto* decided = r.file.decide("keep.log", path_kind::file);
  REQUIRE(decided != nullptr);
  CHECK(decided->negated);
  CHECK(decided->line == 2);
}

TEST_CASE("the last matching rule wins", "[watch]") {
  rules r{"!keep.log\n*.log\n"};
  CHECK(r.ignored("keep.log"));
}

TEST_CASE("a file under an ignored directory stays ignored even when "
          "negated",
          "[watch]") {
  rules r{"build/\n!build/keep.txt\n"};
  CHECK(r.ignored("build/keep.txt"));
  const auto* decided = r.file.decide("build/keep.txt", path_kind::file);
  REQUIRE(decided != nullptr);
  CHECK(decided->text == "build/");
}

TEST_CASE("a trailing double star ignores what is inside a folder, so a "
          "negation can re-include",
          "[watch]") {
  rules r{"build/**\n!build/keep.txt\n"};
  CHECK_FALSE(r.ignored("build", path_kind::directory));
  CHECK(r.ignored("build/a/b.o"));
  CHECK_FALSE(r.ignored("build/keep.txt"));
}

TEST_CASE("a double star in the middle matches zero or more folders",
          "[watch]") {
  rules r{"a/**/b\n**/gen/*.go\n"};
  CHECK(r.ignored("a/b"));
  CHECK(r.ignored("a/x/y/b"));
  CHECK_FALSE(r.ignored("z/a/b"));
  CHECK(r.ignored("gen/api.go"));
  CHECK(r.ignored("x/y/gen/api.go"));
}

TEST_CASE("a bad line is reported with its line number and the rest still "
          "applies",
          "[watch]") {
  std::vector<ignore_error> errors;
  auto file = ignore_file::parse("*.log\nsrc/[ab\n!\n/\n*.tmp\n", errors);
  REQUIRE(errors.size() == 3);
  CHECK(errors[0].where == ".actordevignore");
  CHECK(errors[0].line == 2);
  CHECK_THAT(errors[0].message,
             Catch::Contains("src/[ab") && Catch::Contains("never closed"));
  CHECK(errors[1].line == 3);
  CHECK(errors[2].line == 4);
  CHECK(file.rules().size() == 2);
  CHECK(file.decide("a.tmp", path_kind::file) != nullptr);
}

TEST_CASE("an escaped hash, bang or trailing space is literal", "[watch]") {
  rules r{"\\#notes\n\\!important\nspaced\\ \ntrailing   \n"};
  CHECK(r.ignored("#notes"));
  CHECK(r.ignored("!important"));
  CHECK(r.ignored("spaced "));
  CHECK(r.ignored("trailing"));
  CHECK_FALSE(r.ignored("trailing "));
}

TEST_CASE("windows line endings are accepted", "[watch]") {
  rules r{"*.log\r\n!keep.log\r\n"};
  CHECK(r.ignored("a.log"));
  CHECK_FALSE(r.ignored("keep.log"));
}

TEST_CASE("an empty file ignores nothing", "[watch]") {
  rules r{""};
  CHECK(r.file.rules().empty());
  CHECK_FALSE(r.ignored("anything"));
}

TEST_CASE("arbitrary bytes never crash the parser or the matcher", "[watch]") {
  std::mt19937 rng{7};
  const std::string alphabet = "ab/*?[]!-^\\#\r\n .";
  std::uniform_int_distribution<std::size_t> pick(0, alphabet.size() - 1);
  std::uniform_int_distribution<int> length(0, 40);
  for (int i = 0; i < 2000; ++i) {
    std::string text;
    for (int n = length(rng); n > 0; --n)
      text += alphabet[pick(rng)];
    std::vector<ignore_error> errors;
    auto file = ignore_file::parse(text, errors);
    for (const auto& e : errors)
      CHECK(e.line >= 1);
    (void)file.decide("a/b/c", path_kind::file);
    (void)file.decide("a/b", path_kind::directory);
    auto g = glob::compile(text);
    if (g)
      (void)g->covers("/a/b/c");
  }
}
