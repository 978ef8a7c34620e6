package io.ipamctl.kube;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.utils.Serialization;
import io.ipamctl.ExitCode;
import io.ipamctl.IpamctlException;
import io.ipamctl.SafeText;
import io.ipamctl.ipam.IpAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/**
 * pod pin-ip as a service: a new Pod from a manifest, or an existing stand-alone Pod re-created, gets
 * a fixed address. Every check runs before anything is written, and a dry run reaches the verdict the
 * real run would (the same refusals, in the same order); only then does it stop short of writing.
 */
public final class PodPinService {

    /** What pinning did, or (dry run) would do. */
    public sealed interface Outcome permits Unchanged, Created, Recreated, DryRan {
        PodPinning.Plan plan();

        /** The Pod as the server stored it (or, for a client dry run, as it would be sent), for -o yaml/json. */
        Pod pod();

        /** The node the Pod is scheduled to, or null. */
        default String node() {
            return pod().getSpec() == null ? null : pod().getSpec().getNodeName();
        }
    }

    /** The Pod already asks for the address from the pool; nothing was written. */
    public record Unchanged(PodPinning.Plan plan, Pod pod) implements Outcome {

        /** True when it runs on a node with the address, not merely asks for it. */
        public boolean running() {
            return pod.getStatus() != null
                    && "Running".equals(pod.getStatus().getPhase())
                    && node() != null
                    && plan.ip().toString().equals(pod.getStatus().getPodIP());
        }

        /** Why it does not run with the address yet: "it is not scheduled to a node (phase Pending)", "phase Pending on node-01". */
        public String notRunning() {
            return node() == null
                    ? "it is not scheduled to a node (" + PodPinning.describe(pod) + ")"
                    : PodPinning.describe(pod) + " on " + node();
        }
    }
    /** A new Pod was created from a manifest with the address pinned. */
    public record Created(PodPinning.Plan plan, Pod pod) implements Outcome {}

    /** The Pod was deleted and created again with the address pinned, and runs with it. */
    public record Recreated(PodPinning.Plan plan, Pod pod, Path savedManifest) implements Outcome {}

    /** A dry run that passed every check: pod is what would be created (as the server returned it for a server dry run). */
    public record DryRan(PodPinning.Plan plan, Pod pod, DryRun mode, boolean recreate) implements Outcome {}

    /** The address, the pool (null: the bound one), the dry-run mode and how long to wait for Pods. */
    public record Pin(IpAddress ip, String pool, DryRun dryRun, Duration timeout) {}

    private final PodPinning pinning;
    private final Cleanups cleanups;
    private final Consumer<String> warn;

    /**
     * @param cleanups where a re-create registers its rollback for an interruption
     * @param warn     what the rollback tells the user
     */
    public PodPinService(KubernetesClient client, Cleanups cleanups, Consumer<String> warn) {
        this.pinning = new PodPinning(client);
        this.cleanups = cleanups;
        this.warn = warn;
    }

    /** A Pod read from a manifest, to be created with an address pinned; namespace null when the manifest has none. */
    public static final class NewPod {
        private final Pod pod;

        NewPod(Pod pod) {
            this.pod = pod;
        }

        public String name() {
            return pod.getMetadata().getName();
        }

        public String namespace() {
            return pod.getMetadata().getNamespace();
        }

        /** The same Pod in this namespace (for a manifest without one). */
        public NewPod inNamespace(String namespace) {
            Pod copy = Serialization.clone(pod);
            copy.getMetadata().setNamespace(namespace);
            return new NewPod(copy);
        }
    }

    /**
     * The Pod of a manifest (kind Pod, apiVersion v1, metadata.name and spec.containers present); source
     * names the file in messages.
     */
    public static NewPod podOf(JsonNode doc, String source) {
        String shown = SafeText.printable(source);
        if (!"Pod".equals(doc.path("kind").asText())
                || !"v1".equals(doc.path("apiVersion").asText())) {
            throw IpamctlException.invalid(shown + " holds "
                    + SafeText.printable(doc.path("apiVersion").asText()) + " "
                    + SafeText.printable(doc.path("kind").asText()) + "; expected a v1 Pod");
        }
        requireField(doc, shown, "metadata", "name");
        requireField(doc, shown, "spec", "containers");
        if (!doc.path("spec").path("containers").isArray()
                || doc.path("spec").path("containers").isEmpty()) {
            throw IpamctlException.invalid(shown + ": spec.containers must list at least one container");
        }
        try {
            return new NewPod(Serialization.unmarshal(doc.toString(), Pod.class));
        } catch (RuntimeException e) {
            throw IpamctlException.invalid(shown + " is not a valid Pod: " + wrongField(e) + " has the wrong type");
        }
    }

    /** The manifest path of the field the mapper choked on (spec.containers[0].ports), in words, not the mapper's text. */
    private static String wrongField(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof com.fasterxml.jackson.databind.JsonMappingException m
                    && !m.getPath().isEmpty()) {
                StringBuilder path = new StringBuilder();
                for (var ref : m.getPath()) {
                    if (ref.getFieldName() != null) {
                        path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
                    } else if (ref.getIndex() >= 0) {
                        path.append('[').append(ref.getIndex()).append(']');
                    }
                }
                return SafeText.printable(path.toString());
            }
        }
        return "a field";
    }

    private static void requireField(JsonNode doc, String shown, String parent, String field) {
        JsonNode p = doc.path(parent);
        if (!p.isObject()
                || p.path(field).isMissingNode()
                || p.path(field).isNull()
                || (p.path(field).isTextual() && p.path(field).asText().isEmpty())) {
            throw IpamctlException.invalid(shown + ": " + parent + "." + field + " is missing");
        }
    }

    /** Creates the manifest's Pod (namespace set) with the address pinned. */
    public Outcome create(NewPod manifest, Pin pin) {
        Pod pod = manifest.pod;
        String ns = pod.getMetadata().getNamespace();
        String name = pod.getMetadata().getName();
        PodPinning.checkInput(name, pin.ip().toString());
        if (pinning.find(ns, name).isPresent()) {
            throw new Refusal(Refusal.Reason.POD_EXISTS, ExitCode.ERROR, "pod " + ns + "/" + name + " already exists");
        }
        PodPinning.Plan plan = pinning.plan(pod, pin.ip(), pin.pool());
        Pod annotated = PodPinning.annotated(pod, plan);
        return switch (pin.dryRun()) {
            case CLIENT -> new DryRan(plan, annotated, DryRun.CLIENT, false);
            case SERVER -> new DryRan(plan, pinning.create(annotated, true), DryRun.SERVER, false);
            case NONE -> {
                Pod created = pinning.create(annotated, false);
                pinning.requireFirst(created, plan, pin.timeout(), null, null);
                yield new Created(plan, created);
            }
        };
    }

    /**
     * Pins the address on an existing stand-alone Pod. Without recreate the verdict is "unchanged" (it
     * already asks for it) or a refusal (Antrea reads the annotations only at creation), dry run or not.
     * With recreate the original manifest is saved in saveDir first (onSaved is told where, before the
     * delete), the Pod is deleted and created again, and the run waits until it runs with the address.
     */
    // "try": the resource only guards the block (a lock, a clean-up), so the body never names it
    @SuppressWarnings("try")
    public Outcome repin(
            String namespace, String name, Pin pin, boolean recreate, Path saveDir, Consumer<Path> onSaved) {
        Pod pod = pinning.find(namespace, name)
                .orElseThrow(() -> new Refusal(
                        Refusal.Reason.POD_NOT_FOUND,
                        ExitCode.ERROR,
                        "pod " + name + " not found in namespace " + namespace));
        PodPinning.requireStandalone(pod);
        PodPinning.Plan plan = pinning.plan(pod, pin.ip(), pin.pool());
        if (alreadyPinned(pod, plan)) {
            return new Unchanged(plan, pod);
        }
        if (!recreate) {
            throw new Refusal(
                    Refusal.Reason.NEEDS_RECREATE,
                    ExitCode.USAGE,
                    "pod " + namespace + "/" + name
                            + " exists, and Antrea assigns addresses only when a Pod is created: it has to be deleted and created "
                            + "again to take " + pin.ip() + " from pool " + plan.pool());
        }
        Pod annotated = PodPinning.annotated(pod, plan);
        switch (pin.dryRun()) {
            case CLIENT:
                return new DryRan(plan, annotated, DryRun.CLIENT, true);
            case SERVER:
                return new DryRan(plan, withName(pinning.create(renamed(annotated), true), name), DryRun.SERVER, true);
            default:
                break;
        }
        Path saved = PodPinning.saveManifest(pod, saveDir);
        onSaved.accept(saved);
        // From the delete until the pinned Pod is stored there would be no Pod at all: an interruption
        // (Ctrl-C) in that window creates the original again from its manifest
        java.util.concurrent.atomic.AtomicBoolean stored = new java.util.concurrent.atomic.AtomicBoolean();
        try (CleanupOnExit rollback = cleanups.register("recreate-" + name, () -> {
            if (!stored.get()) {
                pinning.restore(pod, saved).ifPresent(warn);
            }
        })) {
            pinning.delete(pod, pin.timeout());
            Pod created = pinning.create(annotated, false);
            stored.set(true);
            pinning.requireFirst(created, plan, pin.timeout(), pod, saved);
        }
        Pod running = pinning.awaitRunning(plan, pin.timeout());
        String got = running.getStatus().getPodIP();
        if (!pin.ip().toString().equals(got)) {
            throw IpamctlException.failed("pod " + namespace + "/" + name + " was re-created but "
                    + (got == null
                            ? "has no address: " + PodPinning.describe(running)
                            : "got " + got + " instead of " + pin.ip())
                    + " (original manifest: " + saved + ")");
        }
        return new Recreated(plan, running, saved);
    }

    /** Both annotations already say what the plan writes, and the Pod has not been given another address. */
    private static boolean alreadyPinned(Pod pod, PodPinning.Plan plan) {
        Map<String, String> a = pod.getMetadata().getAnnotations();
        boolean annotated = a != null
                && plan.podIpsAnnotation().equals(a.get(Annotations.POD_IPS))
                && plan.poolsAnnotation().equals(a.get(Annotations.IPPOOLS));
        String podIp = pod.getStatus() == null ? null : pod.getStatus().getPodIP();
        return annotated && (podIp == null || plan.ip().toString().equals(podIp));
    }

    /** A server dry-run create of an existing name would conflict; the server checks a renamed copy. */
    private static Pod renamed(Pod pod) {
        Pod copy = Serialization.clone(pod);
        copy.getMetadata().setGenerateName(pod.getMetadata().getName() + "-");
        copy.getMetadata().setName(null);
        return copy;
    }

    /** The server's answer for the renamed copy, shown under the Pod's own name. */
    private static Pod withName(Pod pod, String name) {
        pod.getMetadata().setName(name);
        pod.getMetadata().setGenerateName(null);
        return pod;
    }
}
