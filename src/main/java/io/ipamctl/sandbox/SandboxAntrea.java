package io.ipamctl.sandbox;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.PodIPBuilder;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.ipamctl.health.AntreaIpamFailure;
import io.ipamctl.ipam.Cidr;
import io.ipamctl.ipam.IpAddress;
import io.ipamctl.ipam.IpFamily;
import io.ipamctl.ipam.PoolCapacity;
import io.ipamctl.kube.Annotations;
import io.ipamctl.kube.PodDirectory;
import io.ipamctl.kube.crd.v1beta1.IPPool;
import io.ipamctl.kube.crd.v1beta1.IPPoolStatus;
import io.ipamctl.kube.crd.v1beta1.ippoolstatus.IpAddresses;
import io.ipamctl.kube.crd.v1beta1.ippoolstatus.Usage;
import io.ipamctl.kube.crd.v1beta1.ippoolstatus.ipaddresses.Owner;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Sandbox-only stand-in for Antrea's agent and controller IPAM: gives each new Pod scheduled on a node
 * an address the way Antrea would (pool from the Pod's or its Namespace's annotation, the pinned
 * address, a status entry in the pool), has its OVS port made before the Pod runs (as the CNI ADD
 * does), and frees the entries of deleted Pods. A Pod without a node stays Pending without an
 * address, as there is no scheduler. Never used outside --sandbox; called on the sandbox's
 * controller thread whenever Pods, pools or namespaces change.
 */
final class SandboxAntrea {

    private final KubernetesClient client;
    private final Consumer<Pod> beforeRunning;

    /**
     * @param beforeRunning called with a Pod as it is about to run (address and container set, not yet
     *                      stored): the node's OVS gets its port then
     */
    SandboxAntrea(KubernetesClient client, Consumer<Pod> beforeRunning) {
        this.client = client;
        this.beforeRunning = beforeRunning;
    }

    /** Brings pool status and Pod addresses in line, like the agent (CNI ADD) and the controller (GC). */
    void reconcile() {
        List<Pod> pods = client.pods().inAnyNamespace().list().getItems();
        List<IPPool> pools = client.resources(IPPool.class).list().getItems();
        Map<String, Pod> live = new HashMap<>();
        pods.forEach(p -> live.put(PodDirectory.key(p), p));
        for (IPPool pool : pools) {
            releaseGone(pool, live);
        }
        for (Pod pod : pods) {
            boolean scheduled = pod.getSpec() != null
                    && pod.getSpec().getNodeName() != null
                    && !pod.getSpec().getNodeName().isEmpty();
            if (scheduled
                    && (pod.getStatus() == null || pod.getStatus().getPodIP() == null)
                    && pod.getMetadata().getDeletionTimestamp() == null) {
                admit(pod, pools, pods);
            }
        }
    }

    private void releaseGone(IPPool pool, Map<String, Pod> live) {
        IPPoolStatus status = pool.getStatus();
        if (status == null || status.getIpAddresses() == null) {
            return;
        }
        List<IpAddresses> kept = new ArrayList<>();
        for (IpAddresses a : status.getIpAddresses()) {
            var owner = a.getOwner();
            boolean podGone = owner != null
                    && owner.getPod() != null
                    && !holds(
                            live.get(owner.getPod().getNamespace() + "/"
                                    + owner.getPod().getName()),
                            owner.getPod().getContainerID(),
                            a.getIpAddress());
            if (podGone && owner.getStatefulSet() == null) {
                continue;
            }
            if (podGone) {
                owner.setPod(null);
                a.setPhase("Reserved");
            }
            kept.add(a);
        }
        if (kept.size() != status.getIpAddresses().size()) {
            writeStatus(pool, kept);
        }
    }

    /**
     * Whether the live Pod of that name is the one the entry was made for: a Pod deleted and created
     * again under the same name (pod pin-ip --recreate) is a new sandbox, and its old entry is freed
     * as Antrea's CNI DEL would free it.
     */
    private static boolean holds(Pod pod, String entryContainerId, String entryIp) {
        if (pod == null) {
            return false;
        }
        if (entryContainerId == null || entryContainerId.isEmpty()) {
            return true;
        }
        List<String> running = pod.getStatus() == null || pod.getStatus().getContainerStatuses() == null
                ? List.of()
                : pod.getStatus().getContainerStatuses().stream()
                        .map(c -> c.getContainerID())
                        .filter(Objects::nonNull)
                        .map(id -> id.contains("://") ? id.substring(id.indexOf("://") + 3) : id)
                        .toList();
        if (running.isEmpty()) {
            // no container reported yet: only the Pod's own address ties it to the entry
            return pod.getStatus() != null && Objects.equals(pod.getStatus().getPodIP(), entryIp);
        }
        return running.contains(entryContainerId);
    }

    private void admit(Pod pod, List<IPPool> pools, List<Pod> pods) {
        if (pod.getSpec() != null && Boolean.TRUE.equals(pod.getSpec().getHostNetwork())) {
            setRunning(pod, nodeAddress(pod).orElse("127.0.1.1"));
            return;
        }
        List<String> poolNames = poolsFor(pod);
        if (poolNames.isEmpty()) {
            nodeCidrAddress(pod, pods).ifPresent(ip -> setRunning(pod, ip));
            return;
        }
        List<String> existing = poolNames.stream()
                .filter(n ->
                        pools.stream().anyMatch(p -> p.getMetadata().getName().equals(n)))
                .toList();
        if (existing.isEmpty()) {
            fail(pod, new AntreaIpamFailure.NoValidPool(poolNames));
            return;
        }
        // Antrea reads the whole pod-ips annotation before it looks at a pool: every item an address, one per family
        String podIps = annotation(pod, Annotations.POD_IPS);
        List<String> requested = new ArrayList<>();
        for (String item : Annotations.podIps(podIps)) {
            Optional<IpAddress> ip = IpAddress.tryParse(item);
            if (ip.isEmpty()) {
                fail(pod, new AntreaIpamFailure.InvalidPodIp(item, podIps));
                return;
            }
            if (ip.get().isV4()) {
                requested.add(item);
            }
        }
        if (requested.size() > 1) {
            fail(pod, new AntreaIpamFailure.SeveralAddresses(IpFamily.V4, podIps));
            return;
        }
        if (!requested.isEmpty() && existing.size() > 1) {
            fail(pod, new AntreaIpamFailure.SeveralPoolsForAddress(IpFamily.V4, requested.get(0), existing));
            return;
        }
        for (String name : poolNames) {
            Optional<IPPool> pool = pools.stream()
                    .filter(p -> p.getMetadata().getName().equals(name))
                    .findFirst();
            if (pool.isEmpty()) {
                continue;
            }
            var def = io.ipamctl.kube.PoolDefinitions.of(pool.get());
            PoolCapacity capacity = PoolCapacity.of(def);
            Set<IpAddress> taken = new HashSet<>();
            List<IpAddresses> entries =
                    pool.get().getStatus() == null || pool.get().getStatus().getIpAddresses() == null
                            ? new ArrayList<>()
                            : new ArrayList<>(pool.get().getStatus().getIpAddresses());
            entries.forEach(e -> IpAddress.tryParse(e.getIpAddress()).ifPresent(taken::add));
            IpAddress ip;
            if (!requested.isEmpty()) {
                Optional<IpAddress> want = IpAddress.tryParse(requested.get(0));
                if (!capacity.covers(want.get())) {
                    fail(pod, new AntreaIpamFailure.OutsidePool(want.get().toString(), name));
                    return;
                }
                if (taken.contains(want.get())) {
                    fail(pod, new AntreaIpamFailure.AlreadyAllocated(want.get().toString()));
                    return;
                }
                if (!capacity.isAllocatable(want.get())) {
                    fail(pod, new AntreaIpamFailure.ReservedAddress(want.get().toString()));
                    return;
                }
                ip = want.get();
            } else {
                Optional<IpAddress> free = capacity.firstFree(taken);
                if (free.isEmpty()) {
                    continue;
                }
                ip = free.get();
            }
            IpAddresses entry = new IpAddresses();
            entry.setIpAddress(ip.toString());
            entry.setPhase("Allocated");
            Owner owner = new Owner();
            var podOwner = new io.ipamctl.kube.crd.v1beta1.ippoolstatus.ipaddresses.owner.Pod();
            podOwner.setName(pod.getMetadata().getName());
            podOwner.setNamespace(pod.getMetadata().getNamespace());
            podOwner.setContainerID(containerId(pod));
            owner.setPod(podOwner);
            entry.setOwner(owner);
            entries.add(entry);
            writeStatus(pool.get(), entries);
            setRunning(pod, ip.toString());
            return;
        }
        fail(pod, new AntreaIpamFailure.PoolsExhausted(IpFamily.V4, PodDirectory.key(pod)));
    }

    private List<String> poolsFor(Pod pod) {
        String own = annotation(pod, Annotations.IPPOOLS);
        if (own != null) {
            return Annotations.pools(own);
        }
        Namespace ns =
                client.namespaces().withName(pod.getMetadata().getNamespace()).get();
        if (ns == null || ns.getMetadata().getAnnotations() == null) {
            return List.of();
        }
        return Annotations.pools(ns.getMetadata().getAnnotations().get(Annotations.IPPOOLS));
    }

    private Optional<String> nodeAddress(Pod pod) {
        Node node = pod.getSpec().getNodeName() == null
                ? null
                : client.nodes().withName(pod.getSpec().getNodeName()).get();
        if (node == null || node.getStatus() == null || node.getStatus().getAddresses() == null) {
            return Optional.empty();
        }
        return node.getStatus().getAddresses().stream()
                .filter(a -> "InternalIP".equals(a.getType()))
                .map(a -> a.getAddress())
                .findFirst();
    }

    /** Per-node IPAM: the lowest free address of the node's podCIDR after the gateway (.1). */
    private Optional<String> nodeCidrAddress(Pod pod, List<Pod> pods) {
        Node node = pod.getSpec() == null || pod.getSpec().getNodeName() == null
                ? null
                : client.nodes().withName(pod.getSpec().getNodeName()).get();
        if (node == null || node.getSpec() == null || node.getSpec().getPodCIDR() == null) {
            return Optional.empty();
        }
        Cidr cidr = Cidr.parse(node.getSpec().getPodCIDR());
        Set<String> used = new HashSet<>();
        pods.forEach(p -> {
            if (p.getStatus() != null && p.getStatus().getPodIP() != null) {
                used.add(p.getStatus().getPodIP());
            }
        });
        IpAddress ip = cidr.network().plus(2);
        while (cidr.contains(ip) && !ip.equals(cidr.last())) {
            if (!used.contains(ip.toString())) {
                return Optional.of(ip.toString());
            }
            ip = ip.plus(1);
        }
        return Optional.empty();
    }

    private void writeStatus(IPPool pool, List<IpAddresses> entries) {
        IPPoolStatus status = pool.getStatus() == null ? new IPPoolStatus() : pool.getStatus();
        status.setIpAddresses(entries);
        Usage usage = new Usage();
        usage.setUsed((long) entries.size());
        usage.setTotal(PoolCapacity.of(io.ipamctl.kube.PoolDefinitions.of(pool))
                .total()
                .longValue());
        status.setUsage(usage);
        pool.setStatus(status);
        IPPool stored = client.resources(IPPool.class).resource(pool).updateStatus();
        // the next Pod of this reconcile writes the same pool again, on top of this write
        pool.getMetadata().setResourceVersion(stored.getMetadata().getResourceVersion());
    }

    private void setRunning(Pod pod, String ip) {
        PodStatus status = new PodStatus();
        status.setPhase("Running");
        status.setPodIP(ip);
        status.setPodIPs(List.of(new PodIPBuilder().withIp(ip).build()));
        status.setHostIP(nodeAddress(pod).orElse(null));
        status.setConditions(List.of(
                new PodConditionBuilder().withType("Ready").withStatus("True").build()));
        if (pod.getSpec() != null && pod.getSpec().getContainers() != null) {
            status.setContainerStatuses(pod.getSpec().getContainers().stream()
                    .map(c -> new ContainerStatusBuilder()
                            .withName(c.getName())
                            .withReady(true)
                            .withImage(c.getImage())
                            .withContainerID("containerd://" + containerId(pod))
                            .build())
                    .toList());
        }
        pod.setStatus(status);
        beforeRunning.accept(pod);
        client.pods()
                .inNamespace(pod.getMetadata().getNamespace())
                .resource(pod)
                .updateStatus();
    }

    /** The Pod stays in ContainerCreating with the CNI error, as with a real Antrea agent. */
    /** The Pod stays Pending, and gets the kubelet's FailedCreatePodSandBox Event with Antrea's text. */
    private void fail(Pod pod, AntreaIpamFailure failure) {
        PodStatus status = new PodStatus();
        status.setPhase("Pending");
        status.setConditions(List.of(new PodConditionBuilder()
                .withType("Ready")
                .withStatus("False")
                .withReason("ContainerCreating")
                .withMessage("antrea-ipam: " + failure.text())
                .build()));
        pod.setStatus(status);
        client.pods()
                .inNamespace(pod.getMetadata().getNamespace())
                .resource(pod)
                .updateStatus();
        String now = java.time.Instant.now()
                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                .toString();
        String id = containerId(pod);
        client.v1()
                .events()
                .inNamespace(pod.getMetadata().getNamespace())
                .resource(new EventBuilder()
                        .withNewMetadata()
                        .withName(pod.getMetadata().getName() + "." + id.substring(0, 16))
                        .withNamespace(pod.getMetadata().getNamespace())
                        .endMetadata()
                        .withNewInvolvedObject()
                        .withKind("Pod")
                        .withApiVersion("v1")
                        .withNamespace(pod.getMetadata().getNamespace())
                        .withName(pod.getMetadata().getName())
                        .withUid(pod.getMetadata().getUid())
                        .endInvolvedObject()
                        .withReason(AntreaIpamFailure.EVENT_REASON)
                        .withType("Warning")
                        .withMessage(AntreaIpamFailure.eventMessage(id, failure))
                        .withNewSource()
                        .withComponent("kubelet")
                        .withHost(pod.getSpec().getNodeName())
                        .endSource()
                        .withFirstTimestamp(now)
                        .withLastTimestamp(now)
                        .withCount(1)
                        .build())
                .createOr(e -> e.update());
    }

    private static String annotation(Pod pod, String key) {
        Map<String, String> a = pod.getMetadata().getAnnotations();
        return a == null ? null : a.get(key);
    }

    private static String containerId(Pod pod) {
        try {
            byte[] h = MessageDigest.getInstance("SHA-256")
                    .digest((PodDirectory.key(pod) + "/" + pod.getMetadata().getUid())
                            .getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(h);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
