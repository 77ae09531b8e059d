#include "runtime/watch/glob.hpp"

#include <optional>

namespace actordev::watch {

namespace {

constexpr std::size_t none = static_cast<std::size_t>(-1);

/// The non-empty components of `path`, in order.
std::vector<std::string_view> components(std::string_view path) {
  std::vector<std::string_view> out;
  std::size_t start = 0;
  while (start <= path.size()) {
    std::size_t end = path.find('/', start);
    if (end == std::string_view::npos)
      end = path.size();
    if (end > start)
      out.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

std::string quoted(std::string_view s) {
  return "'" + std::string{s} + "'";
}

} // namespace

/// Turns a pattern into segments, one component at a time.
class glob_compiler {
public:
  explicit glob_compiler(std::string_view pattern)
      : text_(pattern) {
    out_.pattern_ = std::string{pattern};
    out_.absolute_ = pattern.starts_with('/');
  }

  result<glob, glob_error> run() {
    if (text_.empty())
      return fail(0, "an empty pattern matches nothing; remove it");
    std::size_t start = 0;
    while (start <= text_.size() && !error_) {
      std::size_t end = text_.find('/', start);
      if (end == std::string_view::npos)
        end = text_.size();
      if (end > start)
        add_component(start, end);
      start = end + 1;
    }
    if (error_)
      return result<glob, glob_error>::failure(std::move(*error_));
    return std::move(out_);
  }

private:
  void add_component(std::size_t begin, std::size_t end) {
    auto& segs = out_.segments_;
    if (text_.substr(begin, end - begin) == "**") {
      // `**/**` is one `**`: keeps matching linear.
      if (segs.empty() || !segs.back().any_depth)
        segs.push_back({.any_depth = true, .atoms = {}});
      return;
    }
    glob::segment seg;
    for (std::size_t i = begin; i < end && !error_;)
      i = add_atom(seg, i, end);
    segs.push_back(std::move(seg));
  }

  /// Parses the atom at `i`; returns where the next one starts.
  std::size_t add_atom(glob::segment& seg, std::size_t i, std::size_t end) {
    using kind = glob::atom::kind;
    char c = text_[i];
    if (c == '*') {
      if (seg.atoms.empty() || seg.atoms.back().k != kind::any_run)
        seg.atoms.push_back({.k = kind::any_run, .c = 0, .index = 0});
      return i + 1;
    }
    if (c == '?') {
      seg.atoms.push_back({.k = kind::any_char, .c = 0, .index = 0});
      return i + 1;
    }
    if (c == '[')
      return add_class(seg, i, end);
    if (c == '\\') {
      if (i + 1 >= end)
        return fail_at(i, "a lone '\\' ends a component; write '\\\\' for a "
                          "backslash");
      c = text_[++i];
    }
    seg.atoms.push_back({.k = kind::literal, .c = c, .index = 0});
    return i + 1;
  }

  /// Parses `[...]` starting at `open`.
  std::size_t add_class(glob::segment& seg, std::size_t open, std::size_t end) {
    glob::char_class cls;
    std::size_t i = open + 1;
    if (i < end && (text_[i] == '!' || text_[i] == '^')) {
      cls.negated = true;
      ++i;
    }
    for (bool first = true; i < end; first = false) {
      if (text_[i] == ']' && !first)
        break;
      i = add_range(cls, i, end);
      if (error_)
        return end;
    }
    if (i >= end)
      return fail_at(open, "'[' is never closed; close the class with ']' "
                           "or write '\\[' for a literal '['");
    seg.atoms.push_back(
        {.k = glob::atom::kind::char_class,
         .c = 0,
         .index = static_cast<std::uint32_t>(out_.classes_.size())});
    out_.classes_.push_back(std::move(cls));
    return i + 1;
  }

  /// Parses one class member (`a`, `\]`, `a-z`) at `i`.
  std::size_t add_range(glob::char_class& cls, std::size_t i, std::size_t end) {
    auto member = [&](std::size_t& at) {
      if (text_[at] == '\\' && at + 1 < end)
        ++at;
      return static_cast<unsigned char>(text_[at++]);
    };
    std::size_t start = i;
    unsigned char lo = member(i);
    unsigned char hi = lo;
    if (i + 1 < end && text_[i] == '-' && text_[i + 1] != ']') {
      ++i;
      hi = member(i);
      if (hi < lo)
        return fail_at(start, "the range " +
                                  quoted(text_.substr(start, i - start)) +
                                  " is reversed; write the lower end first");
    }
    cls.ranges.emplace_back(lo, hi);
    return i;
  }

  std::size_t fail_at(std::size_t offset, std::string message) {
    if (!error_)
      error_ = glob_error{.pattern = std::string{text_},
                          .offset = offset,
                          .message = std::move(message)};
    return text_.size();
  }

  result<glob, glob_error> fail(std::size_t offset, std::string message) {
    fail_at(offset, std::move(message));
    return result<glob, glob_error>::failure(std::move(*error_));
  }

  std::string_view text_;
  glob out_;
  std::optional<glob_error> error_;
};

result<glob, glob_error> glob::compile(std::string_view pattern) {
  return glob_compiler{pattern}.run();
}

bool glob::matches(std::string_view path) const {
  if (path.starts_with('/') != absolute_)
    return false;
  return match_components(components(path), false);
}

bool glob::covers(std::string_view path) const {
  if (path.starts_with('/') != absolute_)
    return false;
  return match_components(components(path), true);
}

// The classic wildcard walk, one level up: `**` segments are the stars and
// other segments match exactly one component. Only the latest `**` needs
// a backtrack point, which keeps the walk at O(segments * components)
// segment matches. With `open_end` the pattern ends in an implicit `**`.
bool glob::match_components(const std::vector<std::string_view>& names,
                            bool open_end) const {
  std::size_t p = 0, n = 0, star_p = none, star_n = 0;
  while (n < names.size()) {
    if (p == segments_.size() && open_end)
      return true;
    if (p < segments_.size() && segments_[p].any_depth) {
      star_p = p++;
      star_n = n;
    } else if (p < segments_.size() && match_segment(segments_[p], names[n])) {
      ++p;
      ++n;
    } else if (star_p != none) {
      p = star_p + 1;
      n = ++star_n;
    } else {
      return false;
    }
  }
  while (p < segments_.size() && segments_[p].any_depth)
    ++p;
  return p == segments_.size();
}

// The same walk within one component, with `*` as the star.
bool glob::match_segment(const segment& s, std::string_view name) const {
  const auto& atoms = s.atoms;
  std::size_t p = 0, n = 0, star_p = none, star_n = 0;
  while (n < name.size()) {
    if (p < atoms.size() && atoms[p].k == atom::kind::any_run) {
      star_p = p++;
      star_n = n;
    } else if (p < atoms.size() && match_atom(atoms[p], name[n])) {
      ++p;
      ++n;
    } else if (star_p != none) {
      p = star_p + 1;
      n = ++star_n;
    } else {
      return false;
    }
  }
  while (p < atoms.size() && atoms[p].k == atom::kind::any_run)
    ++p;
  return p == atoms.size();
}

bool glob::match_atom(const atom& a, char c) const {
  switch (a.k) {
  case atom::kind::literal:
    return a.c == c;
  case atom::kind::any_char:
    return true;
  case atom::kind::any_run:
    return false;
  case atom::kind::char_class:
    break;
  }
  const auto& cls = classes_[a.index];
  auto u = static_cast<unsigned char>(c);
  bool in = false;
  for (const auto& [lo, hi] : cls.ranges)
    in = in || (lo <= u && u <= hi);
  return in != cls.negated;
}

} // namespace actordev::watch
