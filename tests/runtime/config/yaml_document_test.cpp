// The file as a whole: YAML syntax, emptiness, documents, top-level keys.
#include "config_fixture.hpp"

using namespace actordev::config;
using namespace actordev::config::test;

TEST_CASE("a YAML syntax error names its line and column", "[config]") {
  CHECK(error_text(R"(
resources:
  api:
    cmd: make
   serve_cmd: run
)") == at + "4:4: error: invalid YAML: end of map not found\n"
            "  hint: check the indentation and quoting here and on the line "
            "above; quote values that contain ': ' or start with '[', '{', "
            "'*', '&' or '!'");
}

TEST_CASE("an unclosed flow list is a syntax error", "[config]") {
  auto e = only_error("resources: {a: {cmd: [make, build}}\n");
  CHECK(e.message.rfind("invalid YAML: ", 0) == 0);
  CHECK(e.line >= 1);
}

TEST_CASE("tab indentation gets a hint to indent with spaces", "[config]") {
  CHECK(error_text("resources:\n  api:\n\tcmd: make\n") ==
        at + "3:2: error: invalid YAML: end of map not found\n"
             "  hint: YAML does not allow tabs for indentation: indent "
             "with spaces");
}

TEST_CASE("an empty file is an error", "[config]") {
  CHECK(error_text("") ==
        at + " error: the config is empty\n"
             "  hint: add a 'resources:' map; docs/config.md shows an "
             "example");
}

TEST_CASE("a file of only comments is an empty config", "[config]") {
  CHECK(only_error("# nothing here\n\n# yet\n").message ==
        "the config is empty");
}

TEST_CASE("a top level that is a list is an error", "[config]") {
  CHECK(error_text("- api\n- db\n") ==
        at + "1:1: error: the top level of the config must be a map of "
             "keys (version, settings, resources), found a list\n"
             "  hint: start with 'resources:' and list the resources "
             "below it");
}

TEST_CASE("a top level that is a scalar is an error", "[config]") {
  CHECK(only_error("hello\n").message ==
        "the top level of the config must be a map of keys (version, "
        "settings, resources), found the string 'hello'");
}

TEST_CASE("two YAML documents are an error", "[config]") {
  CHECK(error_text("resources: {}\n---\nresources: {}\n") ==
        at + "2:1: error: the config has more than one YAML document; "
             "actordev reads exactly one\n"
             "  hint: remove the '---' separators and merge the documents");
  CHECK(only_error("a: b\n--- ,\n").line == 2);
}

TEST_CASE("a stray comma is a syntax error, not a hang", "[config]") {
  // yaml-cpp 0.7's LoadAll loops forever on these (jbeder/yaml-cpp#1040).
  CHECK(error_text(",") ==
        at + "1:1: error: invalid YAML: unexpected ','\n"
             "  hint: check the indentation and quoting here and on the "
             "line above; quote values that contain ': ' or start with "
             "'[', '{', '*', '&' or '!'");
  CHECK(only_error("[a]\n,\n").message == "invalid YAML: unexpected ','");
  CHECK(only_error("&a ,").message == "invalid YAML: unexpected ','");
  CHECK(only_error(", a").line == 1);
}

TEST_CASE("deep nesting is an error, not a crash", "[config]") {
  std::string deep(5000, '[');
  auto e = only_error(deep);
  CHECK(e.message == "invalid YAML: nested too deeply");
}

TEST_CASE("an unknown top-level key suggests the closest one", "[config]") {
  CHECK(error_text(R"(
resource:
  api: {cmd: make}
)") == at + "1:1: error: unknown key 'resource' at the top level; expected "
            "one of: version, settings, images, resources, k8s_yaml, builders\n"
            "  hint: did you mean 'resources'?");
}

TEST_CASE("an unknown top-level key without a close match points at the "
          "docs",
          "[config]") {
  CHECK(only_error("plugins: [a]\n").hint ==
        "remove it; docs/config.md lists every key");
}

TEST_CASE("a YAML merge key gets its own hint", "[config]") {
  auto e = only_error(R"(
<<: {version: 1}
resources: {}
)");
  CHECK(e.message.rfind("unknown key '<<' at the top level", 0) == 0);
  CHECK(e.hint ==
        "YAML merge keys ('<<') are not supported; repeat the keys instead");
}

TEST_CASE("version 1 is accepted and may be left out", "[config]") {
  CHECK(loaded("version: 1\nresources: {}\n").version == 1);
  CHECK(loaded("resources: {}\n").version == 1);
}

TEST_CASE("another version is an error", "[config]") {
  CHECK(error_text("version: 2\nresources: {}\n") ==
        at + "1:10: error: unsupported config version 2; this actordev "
             "reads version 1\n"
             "  hint: write version: 1, or use the actordev release that "
             "reads version 2");
}

TEST_CASE("a version that is not an integer is an error", "[config]") {
  CHECK(error_text("version: \"1\"\n") ==
        at + "1:10: error: 'version' at the top level: expected the "
             "integer 1, found the string '1'\n"
             "  hint: write version: 1");
  CHECK(only_error("version: 1.0\n").message ==
        "'version' at the top level: expected the integer 1, found the "
        "number 1.0");
}

TEST_CASE("a top-level key given twice is an error", "[config]") {
  CHECK(error_text("resources: {}\nresources: {}\n") ==
        at + "2:1: error: duplicate key 'resources' at the top level; "
             "first given at line 1, column 1\n"
             "  hint: YAML map keys must be unique: rename or remove one "
             "of them");
}

TEST_CASE("a key that is not a name is an error", "[config]") {
  CHECK(only_error("? [a, b]\n: 1\n").message ==
        "expected a name as the key at the top level, found a list");
}

TEST_CASE("every error of a config is reported, in file order", "[config]") {
  auto errors = errors_of(R"(
version: 3
settings:
  max_parallel_updates: 0
resources:
  api:
    comand: make
  db:
    cmd: [make, {a: b}]
)");
  REQUIRE(errors.size() == 4);
  CHECK(errors[0].line == 1);
  CHECK(errors[1].line == 3);
  CHECK(errors[2].line == 6);
  CHECK(errors[3].line == 8);
}
