#pragma once

// Built image refs put into a Kubernetes object before it is applied: a
// container whose `image` names one of the built images (by repository,
// whatever its tag or digest) runs the ref that was built, with
// imagePullPolicy IfNotPresent (the image is local, there is nothing to
// pull), as Tilt does.

#include "runtime/config/k8s_spec.hpp"
#include "runtime/result.hpp"

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace actordev::k8s {

/// An object with its images replaced.
struct injected {
  std::string yaml;                ///< the object, to apply
  std::vector<std::string> images; ///< the image names it runs, in order
};

/// The repository of an image reference: without its tag (the part after
/// the last ':' that follows the last '/') and without a digest ('@...').
/// "localhost:5000/web:1" → "localhost:5000/web".
std::string image_repository(std::string_view ref);

/// Replaces the images of every container and init container of the pod
/// specs in `object_yaml` (a Pod's, a pod template's, a CronJob's job
/// template's) whose repository is a key of `refs` with its value, and
/// adds `pod_labels` to the labels of the pods it makes (the Pod's own, a
/// template's), so they can be watched by label. An error when the YAML
/// does not parse.
result<injected, std::string>
inject_images(std::string_view object_yaml,
              const std::map<std::string, std::string>& refs,
              const std::map<std::string, std::string>& pod_labels = {});

/// A resource's objects as one file to apply.
struct rendered {
  std::string yaml;                   ///< the objects, `---` between them
  std::vector<std::string> templates; ///< the workloads' template hashes
};

/// Each object of `objects` with the built `refs` injected, the pods it
/// makes labelled `actordev.dev/resource: resource` and, for a workload,
/// `actordev.dev/template:` a hash of its pod template as applied (the
/// label itself aside), so that the pods of this deploy can be told from
/// an earlier one's. An error names the object that does not parse.
result<rendered, std::string>
render_objects(const std::vector<config::k8s_object>& objects,
               const std::map<std::string, std::string>& refs,
               const std::string& resource);

} // namespace actordev::k8s
