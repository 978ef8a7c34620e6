package io.ipamctl.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Runs src/test/resources/conformance/antrea-ipam.yaml (one Antrea IPAM scenario as data) against a cluster
 * whose Antrea IPAM is emulated: the sandbox (SandboxAntrea) or the test cluster (the Go stand-in). Each
 * expectation is awaited, because both act asynchronously; a failure names the step and what was seen.
 * The Pods and the pool are removed at the end either way.
 */
public final class AntreaIpamScenario {

    private static final String NS = "default";
    private static final String NODE = "node-01";
    private static final String PREFIX =
            "Failed to create pod sandbox: rpc error: code = Unknown desc = failed to setup network for sandbox \"";
    private static final String PLUGIN = "\": plugin type=\"antrea\" name=\"antrea\" failed (add): ";
    private static final long WAIT_NANOS = 60_000_000_000L; // bounds a hang only: nothing is timed

    private final KubernetesClient client;
    private final Runnable settle;
    private final JsonNode scenario;
    private final List<String> pods = new ArrayList<>();

    /** @param settle lets the emulation act on everything changed so far (the sandbox's), or does nothing */
    public AntreaIpamScenario(KubernetesClient client, Runnable settle) throws IOException {
        this.client = client;
        this.settle = settle;
        try (InputStream in = AntreaIpamScenario.class.getResourceAsStream("/conformance/antrea-ipam.yaml")) {
            scenario = new ObjectMapper(new YAMLFactory()).readTree(Objects.requireNonNull(in, "antrea-ipam.yaml"));
        }
    }

    public void run() {
        try {
            createPool();
            int n = 0;
            for (JsonNode step : scenario.get("steps")) {
                n++;
                runStep("step " + n + " " + step, step);
            }
        } finally {
            cleanUp();
        }
    }

    private String poolName() {
        return scenario.at("/pool/name").asText();
    }

    private void createPool() {
        GenericKubernetesResource pool = new GenericKubernetesResource();
        pool.setApiVersion("crd.antrea.io/v1beta1");
        pool.setKind("IPPool");
        pool.setMetadata(new io.fabric8.kubernetes.api.model.ObjectMetaBuilder()
                .withName(poolName())
                .build());
        pool.setAdditionalProperty("spec", new ObjectMapper().convertValue(scenario.at("/pool/spec"), Map.class));
        pools().resource(pool).create();
        // the emulation may write status.usage meanwhile (as Antrea's controller does): on a conflict, read again
        for (int attempt = 1; ; attempt++) {
            GenericKubernetesResource stored = pools().withName(poolName()).get();
            stored.setAdditionalProperty(
                    "status", new ObjectMapper().convertValue(scenario.at("/pool/status"), Map.class));
            try {
                pools().resource(stored).updateStatus();
                break;
            } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
                if (e.getCode() != 409 || attempt == 10) {
                    throw e;
                }
            }
        }
        settle.run();
    }

    private io.fabric8.kubernetes.client.dsl.NonNamespaceOperation<
                    GenericKubernetesResource,
                    io.fabric8.kubernetes.api.model.GenericKubernetesResourceList,
                    io.fabric8.kubernetes.client.dsl.Resource<GenericKubernetesResource>>
            pools() {
        return client.genericKubernetesResources("crd.antrea.io/v1beta1", "IPPool");
    }

    private void runStep(String where, JsonNode step) {
        if (step.has("create")) {
            String name = step.get("create").asText();
            String pools = step.has("pools") ? step.get("pools").asText() : poolName();
            PodBuilder b = new PodBuilder()
                    .withNewMetadata()
                    .withName(name)
                    .withNamespace(NS)
                    .addToAnnotations("ipam.antrea.io/ippools", pools)
                    .endMetadata()
                    .withNewSpec()
                    .withNodeName(NODE)
                    .addNewContainer()
                    .withName("pause")
                    .withImage("registry.k8s.io/pause:3.10")
                    .endContainer()
                    .endSpec();
            if (step.has("podIPs")) {
                b.editMetadata()
                        .addToAnnotations(
                                "ipam.antrea.io/pod-ips", step.get("podIPs").asText())
                        .endMetadata();
            }
            client.pods().inNamespace(NS).resource(b.build()).create();
            if (!pods.contains(name)) {
                pods.add(name);
            }
            settle.run();
            expectPod(where, name, step.get("expect"));
        } else if (step.has("await")) {
            expectPod(where, step.get("await").asText(), step.get("expect"));
        } else if (step.has("delete")) {
            String name = step.get("delete").asText();
            delete(name);
            settle.run();
        } else if (step.has("expectPool")) {
            JsonNode want = step.get("expectPool");
            await(where, () -> {
                String got = poolView();
                String expected = want.get("used").asInt() + "/"
                        + want.get("total").asInt() + " " + want.get("entries").toString();
                return got.equals(expected) ? null : "pool " + got + ", want " + expected;
            });
        } else {
            throw new AssertionError(where + ": unknown step");
        }
    }

    private void delete(String name) {
        client.pods().inNamespace(NS).withName(name).delete();
        await(
                "delete " + name,
                () -> client.pods().inNamespace(NS).withName(name).get() == null ? null : "pod still there");
    }

    /** USED/TOTAL and the entries as "IP PHASE OWNER", in address order (a JSON list, as the scenario writes it). */
    private String poolView() {
        GenericKubernetesResource pool = pools().withName(poolName()).get();
        JsonNode status =
                new ObjectMapper().valueToTree(pool.getAdditionalProperties().get("status"));
        List<String> entries = new ArrayList<>();
        for (JsonNode e : status.path("ipAddresses")) {
            JsonNode owner = e.path("owner");
            String who = owner.has("pod")
                    ? owner.at("/pod/namespace").asText() + "/"
                            + owner.at("/pod/name").asText()
                    : owner.at("/statefulSet/namespace").asText() + "/"
                            + owner.at("/statefulSet/name").asText() + "["
                            + owner.at("/statefulSet/index").asInt() + "]";
            entries.add(e.path("ipAddress").asText() + " " + e.path("phase").asText() + " " + who);
        }
        entries.sort(Comparator.naturalOrder());
        return status.at("/usage/used").asInt() + "/"
                + status.at("/usage/total").asInt() + " "
                + new ObjectMapper().valueToTree(entries).toString();
    }

    private void expectPod(String where, String name, JsonNode want) {
        await(where, () -> {
            Pod pod = client.pods().inNamespace(NS).withName(name).get();
            if (pod == null) {
                return "pod " + name + " not found";
            }
            String ip = pod.getStatus() == null ? null : pod.getStatus().getPodIP();
            if (want.has("ip")) {
                return want.get("ip").asText().equals(ip)
                        ? null
                        : "pod " + name + " has address " + ip + " (event: " + lastSandboxEvent(pod) + ")";
            }
            if (ip != null) {
                return "pod " + name + " got " + ip + " instead of failing";
            }
            String event = lastSandboxEvent(pod);
            String text = event == null || !event.startsWith(PREFIX) || !event.contains(PLUGIN)
                    ? null
                    : event.substring(event.indexOf(PLUGIN) + PLUGIN.length());
            return want.get("error").asText().equals(text) ? null : "pod " + name + " event: " + event;
        });
    }

    private String lastSandboxEvent(Pod pod) {
        return client.v1().events().inNamespace(NS).list().getItems().stream()
                .filter(e -> e.getInvolvedObject() != null
                        && pod.getMetadata()
                                .getUid()
                                .equals(e.getInvolvedObject().getUid()))
                .filter(e -> "FailedCreatePodSandBox".equals(e.getReason()))
                .max(Comparator.comparing((Event e) -> Objects.toString(e.getLastTimestamp(), "")))
                .map(Event::getMessage)
                .orElse(null);
    }

    /** Waits until check returns null (met); fails with its last text. */
    private void await(String where, Supplier<String> check) {
        long deadline = System.nanoTime() + WAIT_NANOS;
        String last;
        while ((last = check.get()) != null) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError(where + ": " + last);
            }
            settle.run();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(where + ": interrupted", e);
            }
        }
    }

    private void cleanUp() {
        for (String p : pods) {
            client.pods().inNamespace(NS).withName(p).delete();
        }
        for (String p : pods) {
            await(
                    "clean-up " + p,
                    () -> client.pods().inNamespace(NS).withName(p).get() == null ? null : "pod still there");
        }
        pools().withName(poolName()).delete();
        await("clean-up pool", () -> pools().withName(poolName()).get() == null ? null : "pool still there");
        settle.run();
    }
}
