// line_splitter and output_pipe: how a process's bytes become lines.
#include "adapters/process_output.hpp"

#include <catch2/catch.hpp>

#include <fcntl.h>
#include <unistd.h>

using namespace actordev::adapters;

namespace {

using lines = std::vector<output_line>;

output_line out(std::string text, bool cut = false) {
  return {output_stream::out, std::move(text), cut};
}

lines feed(line_splitter& splitter, std::string_view bytes) {
  lines result;
  splitter.feed(bytes, result);
  return result;
}

lines finish(line_splitter& splitter) {
  lines result;
  splitter.finish(result);
  return result;
}

} // namespace

TEST_CASE("bytes become lines at each newline, the rest waits for more",
          "[process][output]") {
  line_splitter splitter(output_stream::out);
  CHECK(feed(splitter, "a\nb") == lines{out("a")});
  CHECK(feed(splitter, "c\n\nd") == lines{out("bc"), out("")});
  CHECK(finish(splitter) == lines{out("d")});
  CHECK(finish(splitter).empty());
}

TEST_CASE("lines are tagged with their stream", "[process][output]") {
  line_splitter splitter(output_stream::err);
  CHECK(feed(splitter, "oops\n") == lines{{output_stream::err, "oops", false}});
}

TEST_CASE("a line longer than the cap arrives in cut pieces",
          "[process][output]") {
  line_splitter splitter(output_stream::out, 4);
  CHECK(feed(splitter, "abcdefghij") ==
        lines{out("abcd", true), out("efgh", true)});
  CHECK(feed(splitter, "\n") == lines{out("ij")});
}

TEST_CASE("a line of exactly the cap arrives whole", "[process][output]") {
  line_splitter splitter(output_stream::out, 4);
  CHECK(feed(splitter, "abcd").empty());
  CHECK(feed(splitter, "\nabcd\n") == lines{out("abcd"), out("abcd")});
}

TEST_CASE("a cut does not split a UTF-8 sequence", "[process][output]") {
  line_splitter splitter(output_stream::out, 4);
  // "ab" then U+20AC (3 bytes): cutting at 4 would split the euro sign.
  CHECK(feed(splitter, "ab\xE2\x82\xAC!\n") ==
        lines{out("ab", true), out("\xE2\x82\xAC!")});
}

TEST_CASE("invalid UTF-8 is cut at the cap and passed through",
          "[process][output]") {
  line_splitter splitter(output_stream::out, 4);
  CHECK(feed(splitter, "\x80\x80\x80\x80\x80\x80\n") ==
        lines{out("\x80\x80\x80\x80", true), out("\x80\x80")});
}

TEST_CASE("an output pipe delivers what is there, then the partial line at "
          "end of file",
          "[process][output]") {
  int fds[2];
  REQUIRE(::pipe2(fds, O_CLOEXEC) == 0);
  output_pipe pipe(output_stream::out, fds[0], default_line_cap);
  lines got;
  pipe.read_available(got, 1 << 20);
  CHECK(got.empty()); // nothing written yet: returns at once
  REQUIRE(::write(fds[1], "a\nb", 3) == 3);
  pipe.read_available(got, 1 << 20);
  CHECK(got == lines{out("a")});
  ::close(fds[1]);
  pipe.read_available(got, 1 << 20);
  CHECK(got == lines{out("a"), out("b")});
  CHECK(pipe.fd() == -1);
}
