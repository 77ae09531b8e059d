#include "runtime/path_match.hpp"

namespace actordev {

bool path_under(std::string_view path, std::string_view root) {
  while (root.size() > 1 && root.ends_with('/'))
    root.remove_suffix(1);
  if (!path.starts_with(root))
    return false;
  return path.size() == root.size() || root == "/" || path[root.size()] == '/';
}

} // namespace actordev
