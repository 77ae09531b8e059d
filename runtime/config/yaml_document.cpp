#include "runtime/config/yaml_document.hpp"

#include <yaml-cpp/depthguard.h>
#include <yaml-cpp/eventhandler.h>

#include <sstream>

namespace actordev::config::detail {

namespace {

// Line `n` (0-based) of `text`, or "" past the end.
std::string_view line_of(std::string_view text, int n) {
  std::size_t begin = 0;
  for (int i = 0; i < n; ++i) {
    begin = text.find('\n', begin);
    if (begin == std::string_view::npos)
      return {};
    ++begin;
  }
  return text.substr(begin, text.find('\n', begin) - begin);
}

bool indented_with_tab(std::string_view line) {
  auto end = line.find_first_not_of(" \t");
  return line.substr(0, end).find('\t') != std::string_view::npos;
}

// yaml-cpp reports a tab-indented line at that line or the next one.
std::string syntax_hint(std::string_view text, const YAML::Mark& at) {
  if (at.line >= 0 &&
      (indented_with_tab(line_of(text, at.line)) ||
       (at.line > 0 && indented_with_tab(line_of(text, at.line - 1)))))
    return "YAML does not allow tabs for indentation: indent with spaces";
  return "check the indentation and quoting here and on the line above; "
         "quote values that contain ': ' or start with '[', '{', '*', '&' "
         "or '!'";
}

// Notes where each document starts, and nothing else.
class document_starts final : public YAML::EventHandler {
public:
  std::vector<YAML::Mark> starts;

  void OnDocumentStart(const YAML::Mark& mark) override {
    starts.push_back(mark);
  }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t,
                const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}
};

// yaml-cpp 0.7 does not consume a stray token such as ',' outside a flow
// collection: the parser starts an empty document there again and again,
// so YAML::LoadAll never returns and eats all memory (jbeder/yaml-cpp#1040;
// fixed upstream by #1319, after 0.8.0). Documents are therefore counted here,
// at most three, and a document that starts where the previous one did is that
// stray token. Returns false, having recorded why, when the text is not
// exactly one document.
bool check_documents(yaml_reader& r, std::string_view text) {
  std::istringstream in{std::string{text}};
  YAML::Parser parser{in};
  document_starts docs;
  for (int i = 0; i < 3 && parser.HandleNextDocument(docs); ++i) {
    const auto& s = docs.starts;
    if (s.size() >= 2 && s[s.size() - 1].pos == s[s.size() - 2].pos) {
      const auto pos = static_cast<std::size_t>(s.back().pos);
      const std::string stray =
          pos < text.size() ? shorten(text.substr(pos, 1)) : "";
      r.error(s.back(), "invalid YAML: unexpected '" + stray + "'",
              syntax_hint(text, s.back()));
      return false;
    }
  }
  if (docs.starts.size() > 1) {
    r.error(docs.starts[1],
            "the config has more than one YAML document; actordev reads "
            "exactly one",
            "remove the '---' separators and merge the documents");
    return false;
  }
  return true;
}

// The first document, after `check_documents` made sure it is the only one.
std::optional<YAML::Node> load_one(yaml_reader& r, std::string_view text) {
  try {
    if (!check_documents(r, text))
      return std::nullopt;
    return YAML::Load(std::string{text});
  } catch (const YAML::DeepRecursion& e) {
    r.error(e.mark, "invalid YAML: nested too deeply",
            "the config needs only a few levels of nesting");
  } catch (const YAML::Exception& e) {
    r.error(e.mark, "invalid YAML: " + e.msg, syntax_hint(text, e.mark));
  }
  return std::nullopt;
}

} // namespace

std::optional<YAML::Node> parse_document(yaml_reader& r,
                                         std::string_view text) {
  auto root = load_one(r, text);
  if (!root)
    return std::nullopt;
  if (root->IsNull()) {
    r.error(position{}, "the config is empty",
            "add a 'resources:' map; docs/config.md shows an example");
    return std::nullopt;
  }
  if (!root->IsMap()) {
    r.error(root->Mark(),
            "the top level of the config must be a map of keys (version, "
            "settings, resources), found " +
                describe(*root),
            "start with 'resources:' and list the resources below it");
    return std::nullopt;
  }
  return root;
}

} // namespace actordev::config::detail
