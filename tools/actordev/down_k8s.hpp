#pragma once

#include <string>

namespace actordev::cli {

/// `actordev down` for Kubernetes resources: deletes what `up` applied, as
/// recorded in `<dir>/.actordev/k8s/NAME.yaml` (and NAME.yaml.removed,
/// objects taken out of the config whose delete failed) (`kubectl delete -f
/// FILE
/// --ignore-not-found --wait=false`), `uncategorized` last since it holds
/// what the others need (namespaces, config maps). It needs no config, so
/// a resource since removed from it is deleted too. A file whose objects
/// are gone is removed. Prints one line per resource; returns how many
/// could not be deleted.
int down_k8s(const std::string& dir);

} // namespace actordev::cli
