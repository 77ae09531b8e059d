#pragma once

// The objects of a Kubernetes YAML file, one by one, for a resource's
// `k8s: {yaml: [files]}` and the top-level `k8s_yaml:`. Pure: the caller
// reads the file and passes its text.

#include "runtime/config/config_error.hpp"
#include "runtime/config/k8s_spec.hpp"
#include "runtime/result.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace actordev::k8s {

/// One object of a YAML file.
using object = config::k8s_object;

/// The objects of a multi-document YAML file, in order. Empty documents
/// are skipped and a `List` gives its items. An error names file, line and
/// column: YAML that does not parse, a document that is not a mapping, an
/// object with no `kind` or no `metadata.name`.
result<std::vector<object>, config::config_error>
split_objects(std::string_view text, const std::string& file);

} // namespace actordev::k8s
