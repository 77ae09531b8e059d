// The index of manifests by name: every name finds its position, anything
// else finds nothing, however the names' hashes fall.
#include "runtime/name_index.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

using namespace actordev;

namespace {

name_index index_of(const std::vector<std::string>& names) {
  std::vector<std::string_view> views(names.begin(), names.end());
  name_index out;
  out.assign(views);
  return out;
}

} // namespace

TEST_CASE("every name finds its position and no other string finds one",
          "[runtime]") {
  for (std::size_t n : {1u, 2u, 3u, 7u, 64u, 1000u, 5000u}) {
    INFO(n << " names");
    std::vector<std::string> names;
    for (std::size_t i = 0; i < n; ++i)
      names.push_back("svc-" + std::to_string(i));
    auto index = index_of(names);
    std::size_t found = 0;
    for (std::size_t i = 0; i < n; ++i)
      found += index.find(names[i]) == i ? 1 : 0;
    CHECK(found == n);
    std::size_t strays = 0;
    for (std::size_t i = 0; i < n; ++i) {
      strays += index.find("svc-" + std::to_string(n + i)) ? 1 : 0;
      strays += index.find(names[i] + " ") ? 1 : 0;
      strays += index.find("x" + names[i]) ? 1 : 0;
    }
    CHECK(strays == 0);
  }
}

TEST_CASE("names that differ only in case, length or a NUL are apart",
          "[runtime]") {
  std::vector<std::string> names = {"api",    "API", "ap",
                                    "api\0x", "",    std::string(300, 'a')};
  names[3] = std::string("api\0x", 5);
  auto index = index_of(names);
  for (std::size_t i = 0; i < names.size(); ++i) {
    INFO("name " << i);
    CHECK(index.find(names[i]) == i);
  }
  CHECK_FALSE(index.find(std::string(299, 'a')));
  CHECK_FALSE(index.find(std::string("api\0", 4)));
}

TEST_CASE("a name given twice keeps its first position", "[runtime]") {
  auto index = index_of({"web", "api", "web", "db", "api"});
  CHECK(index.find("web") == 0u);
  CHECK(index.find("api") == 1u);
  CHECK(index.find("db") == 3u);
}

TEST_CASE("an empty index or a replaced one finds only what it holds",
          "[runtime]") {
  name_index index;
  CHECK_FALSE(index.find("api"));
  CHECK_FALSE(index.find(""));
  index = index_of({"api", "web"});
  CHECK(index.find("web") == 1u);
  std::vector<std::string_view> again = {"db"};
  index.assign(again);
  CHECK(index.find("db") == 0u);
  CHECK_FALSE(index.find("api"));
  CHECK_FALSE(index.find("web"));
  index.assign({});
  CHECK_FALSE(index.find("db"));
}
