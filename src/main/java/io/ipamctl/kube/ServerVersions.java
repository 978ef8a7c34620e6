package io.ipamctl.kube;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The versions a cluster runs: Kubernetes (the API server's /version) and Antrea, read where a real
 * Antrea publishes it: the AntreaControllerInfo "antrea-controller" (crd.antrea.io/v1beta1, its
 * {@code version}, as {@code antctl version} reads it), else the image tag of the antrea-controller
 * or antrea-agent Pods. A source that is not served or not readable (404, 403) is skipped.
 *
 * @param kubernetes the API server's gitVersion, e.g. v1.32.4
 * @param antrea     Antrea's version, or null when nothing tells it
 * @param antreaFrom where it was read, e.g. "AntreaControllerInfo antrea-controller" or
 *                   "image of Pod kube-system/antrea-agent-bj42h"
 */
public record ServerVersions(String kubernetes, String antrea, String antreaFrom) {

    static final ResourceDefinitionContext CONTROLLER_INFO = new ResourceDefinitionContext.Builder()
            .withGroup("crd.antrea.io")
            .withVersion("v1beta1")
            .withKind("AntreaControllerInfo")
            .withPlural("antreacontrollerinfos")
            .withNamespaced(false)
            .build();
    static final String CONTROLLER_INFO_NAME = "antrea-controller";

    /** Asks the cluster; fails (as every request does) when the server cannot be reached. */
    public static ServerVersions read(KubernetesClient client, String antreaNamespace) {
        try {
            return readFrom(client, antreaNamespace);
        } catch (KubernetesClientException e) {
            throw KubeErrors.translate(e, client.getMasterUrl().toString());
        }
    }

    private static ServerVersions readFrom(KubernetesClient client, String antreaNamespace) {
        var version = client.getKubernetesVersion();
        String kubernetes = version == null || version.getGitVersion() == null ? "unknown" : version.getGitVersion();
        Optional<String> fromInfo = controllerInfo(client);
        if (fromInfo.isPresent()) {
            return new ServerVersions(kubernetes, fromInfo.get(), "AntreaControllerInfo " + CONTROLLER_INFO_NAME);
        }
        for (String component : List.of("antrea-controller", "antrea-agent")) {
            Optional<ServerVersions> fromPod = imageTag(client, antreaNamespace, component)
                    .map(found -> new ServerVersions(
                            kubernetes, found.getValue(), "image of Pod " + antreaNamespace + "/" + found.getKey()));
            if (fromPod.isPresent()) {
                return fromPod.get();
            }
        }
        return new ServerVersions(kubernetes, null, null);
    }

    private static Optional<String> controllerInfo(KubernetesClient client) {
        try {
            GenericKubernetesResource info = client.genericKubernetesResources(CONTROLLER_INFO)
                    .withName(CONTROLLER_INFO_NAME)
                    .get();
            Object version =
                    info == null ? null : info.getAdditionalProperties().get("version");
            return version instanceof String s && !s.isBlank() ? Optional.of(s) : Optional.empty();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404 || e.getCode() == 403) {
                return Optional.empty(); // not served (no Antrea, or an old one) or not ours to read
            }
            throw e;
        }
    }

    /** Pod name and the tag of the image of its container named after the component, of the first such Pod by name. */
    private static Optional<Map.Entry<String, String>> imageTag(
            KubernetesClient client, String namespace, String component) {
        List<Pod> pods;
        try {
            pods = client.pods()
                    .inNamespace(namespace)
                    .withLabels(Map.of("app", "antrea", "component", component))
                    .list()
                    .getItems();
        } catch (KubernetesClientException e) {
            if (e.getCode() == 404 || e.getCode() == 403) {
                return Optional.empty();
            }
            throw e;
        }
        return pods.stream()
                .sorted(Comparator.comparing(p -> p.getMetadata().getName()))
                .flatMap(p -> p.getSpec().getContainers().stream()
                        .filter(c -> component.equals(c.getName()))
                        .map(Container::getImage)
                        .map(ServerVersions::tag)
                        .flatMap(Optional::stream)
                        .map(tag -> Map.entry(p.getMetadata().getName(), tag)))
                .findFirst();
    }

    /** "antrea/antrea-agent-ubuntu:v2.4.0" to v2.4.0; nothing for an untagged or digest-only image. */
    static Optional<String> tag(String image) {
        if (image == null || image.contains("@")) {
            return Optional.empty();
        }
        int colon = image.lastIndexOf(':');
        boolean tagged = colon > image.lastIndexOf('/') && colon < image.length() - 1;
        return tagged ? Optional.of(image.substring(colon + 1)) : Optional.empty();
    }
}
