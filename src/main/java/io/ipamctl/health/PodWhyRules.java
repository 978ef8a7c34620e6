package io.ipamctl.health;

import io.ipamctl.health.PodCase.Pool;
import io.ipamctl.health.PodDiagnosis.Verdict;
import io.ipamctl.ipam.Allocation;
import io.ipamctl.ipam.Cidr;
import io.ipamctl.ipam.IpAddress;
import io.ipamctl.ipam.IpFamily;
import io.ipamctl.ipam.PoolCapacity;
import io.ipamctl.ipam.PoolDefinition;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Why a Pod has no address (or not the one it asked for), in one sentence and a fix. The Pod's own
 * FailedCreatePodSandBox Events come first (Antrea's texts say exactly what failed); without them the
 * state of the cluster is checked as Antrea would: the agent of its node, the pools its annotations name,
 * the address it asks for, the fill of those pools or of the node's podCIDR.
 */
public final class PodWhyRules {

    private static final String RECREATE = "Antrea reads the annotations only when a Pod is created: re-create the Pod "
            + "(ipamctl pod pin-ip re-creates a stand-alone Pod with an address checked first)";

    private final PodCase c;
    private final PodCase.Pod pod;
    private final List<String> checked = new ArrayList<>();

    private PodWhyRules(PodCase c) {
        this.c = c;
        this.pod = c.pod();
    }

    public static PodDiagnosis diagnose(PodCase c) {
        return new PodWhyRules(c).run();
    }

    private PodDiagnosis run() {
        checked.add("Pod " + pod.key() + ": phase " + (pod.phase() == null ? "unknown" : pod.phase())
                + (pod.node() == null ? ", no node" : ", node " + pod.node())
                + (pod.ips().isEmpty() ? ", no address" : ", address " + String.join(", ", pod.ips())));
        if (pod.hostNetwork()) {
            return pod.ips().isEmpty()
                    ? noCause(
                            "uses its node's network (hostNetwork), so Antrea gives it no address; the node has none for it yet")
                    : hasAddress("uses its node's address " + String.join(", ", pod.ips()) + " (hostNetwork)", null);
        }
        if ("Succeeded".equals(pod.phase()) || "Failed".equals(pod.phase())) {
            return cause(
                    "finished",
                    "has finished (" + pod.phase() + "): a finished Pod gives its address back",
                    "nothing to do; a Pod that should run again must be created again",
                    null);
        }
        notePools();
        if (!pod.ips().isEmpty()) {
            return withAddress();
        }
        if (pod.node() == null) {
            return cause(
                    "not-scheduled",
                    "is not scheduled on a node yet, and a Pod gets its address only on its node",
                    "see why it is not scheduled: kubectl describe pod -n " + pod.namespace() + " " + pod.name(),
                    null);
        }
        noteAgent();
        Optional<PodCase.SandboxFailure> event = c.failures().stream()
                .filter(f -> AntreaIpamFailure.parse(f.message()).isPresent())
                .findFirst();
        checked.add(
                c.failures().isEmpty()
                        ? "Events: no FailedCreatePodSandBox"
                        : "Events: " + c.failures().size() + " FailedCreatePodSandBox ("
                                + times(c.failures().get(0)) + ")");
        if (event.isPresent()) {
            return fromEvent(
                    event.get(), AntreaIpamFailure.parse(event.get().message()).orElseThrow());
        }
        if (!c.failures().isEmpty()) {
            PodCase.SandboxFailure last = c.failures().get(0);
            String plugin = pluginType(last.message());
            return cause(
                    "cni-failed",
                    "cannot get its sandbox (and so its network) created: " + cniPart(last.message()),
                    plugin == null || plugin.equals("antrea")
                            ? "read the agent's log on " + pod.node() + ": kubectl logs -n kube-system " + agentName()
                                    + " -c antrea-agent"
                            // Multus (secondary networks) failed before or after Antrea: its networks, not Antrea
                            : "the " + plugin + " plugin failed, not Antrea: check the networks its "
                                    + "k8s.v1.cni.cncf.io/networks names (kubectl get network-attachment-definitions -n "
                                    + pod.namespace() + ") and the " + plugin + " log on " + pod.node(),
                    evidence(last));
        }
        return fromState();
    }

    // ---------------------------------------------------------------- a Pod with an address

    private PodDiagnosis withAddress() {
        List<String> configured = c.configuredPools();
        String ips = String.join(", ", pod.ips());
        if (configured.isEmpty()) {
            PodCase.NodeRange range = c.nodeRange();
            boolean inRange = range != null && pod.ips().stream().anyMatch(ip -> inCidr(ip, range.cidr()));
            return hasAddress(
                    "has " + ips + (inRange ? " from node " + range.node() + "'s podCIDR " + range.cidr() : ""),
                    inRange ? "node/" + range.node() : null);
        }
        for (String asked : requestedAddresses()) {
            if (pod.ips().stream().noneMatch(ip -> sameAddress(ip, asked))) {
                return notTheAskedAddress(asked, ips);
            }
        }
        Optional<Pool> from = c.pools().stream()
                .filter(p -> pod.ips().stream().anyMatch(ip -> covers(p, ip)))
                .findFirst();
        if (from.isPresent()) {
            return hasAddress(
                    "has " + ips + " from pool " + from.get().name() + " ("
                            + FillText.of(from.get().fill()) + ")",
                    from.get().name());
        }
        if (c.pools().isEmpty()) {
            return hasAddress(
                    "has " + ips + "; " + c.poolsSource() + " names " + names(configured) + ", which "
                            + (configured.size() == 1 ? "does" : "do")
                            + " not exist, so re-created it would get no address",
                    null);
        }
        return cause(
                "address-not-from-pool",
                "has " + ips + ", which is not from " + names(configured) + " named by "
                        + c.poolsSource()
                        + ": the annotation came after the Pod got its address, and Antrea does not move "
                        + "running Pods",
                RECREATE + ", and it gets an address of " + names(configured),
                null);
    }

    /** pod-ips asks for an address the Pod does not have: another family than its pools, or set too late. */
    private PodDiagnosis notTheAskedAddress(String asked, String ips) {
        Optional<IpFamily> family = IpAddress.tryParse(asked).map(IpAddress::family);
        Set<IpFamily> poolFamilies = poolFamilies();
        if (family.isPresent() && !poolFamilies.isEmpty() && !poolFamilies.contains(family.get())) {
            return cause(
                    "mixed-families",
                    "has " + ips + ", not " + asked + " that its ipam.antrea.io/pod-ips asks for: "
                            + asked + " is " + family.get() + " but " + names(poolNames())
                            + (poolNames().size() == 1 ? " is " : " are ")
                            + familiesText(poolFamilies) + ", so Antrea ignored it",
                    "name an " + family.get() + " pool in " + c.poolsSource() + " (one pool per family) or ask for an "
                            + familiesText(poolFamilies) + " address of " + names(poolNames())
                            + "; then re-create the Pod",
                    null);
        }
        return cause(
                "address-not-as-asked",
                "has " + ips + ", but its ipam.antrea.io/pod-ips asks for " + asked
                        + ": the annotation came after the Pod got its address",
                RECREATE,
                null);
    }

    // ---------------------------------------------------------------- what the Events say

    private PodDiagnosis fromEvent(PodCase.SandboxFailure event, AntreaIpamFailure failure) {
        String evidence = evidence(event);
        if (failure instanceof AntreaIpamFailure.PoolsExhausted f) {
            return exhausted(Optional.of(f.family()), evidence);
        }
        if (failure instanceof AntreaIpamFailure.PoolExhausted f) {
            return exhausted(pool(f.pool()).flatMap(Pool::family), evidence);
        }
        if (failure instanceof AntreaIpamFailure.OutsidePool f) {
            return outside(f.ip(), f.pool(), evidence);
        }
        if (failure instanceof AntreaIpamFailure.AlreadyAllocated f) {
            return taken(f.ip(), evidence);
        }
        if (failure instanceof AntreaIpamFailure.ReservedAddress f) {
            return reserved(f.ip(), evidence);
        }
        if (failure instanceof AntreaIpamFailure.NoValidPool f) {
            return noPool(f.pools(), evidence);
        }
        if (failure instanceof AntreaIpamFailure.InvalidPodIp f) {
            return cause(
                    "invalid-pod-ips",
                    "its ipam.antrea.io/pod-ips \"" + f.value() + "\" holds \"" + f.item()
                            + "\", which is not an IP address",
                    fixPodIps(),
                    evidence);
        }
        if (failure instanceof AntreaIpamFailure.SeveralAddresses f) {
            return cause(
                    "invalid-pod-ips",
                    "its ipam.antrea.io/pod-ips \"" + f.value() + "\" names more than one " + f.family()
                            + " address; Antrea takes one per family",
                    fixPodIps(),
                    evidence);
        }
        if (failure instanceof AntreaIpamFailure.SeveralPoolsForAddress f) {
            return cause(
                    "several-pools-for-address",
                    "asks for " + f.ip() + " while " + c.poolsSource() + " names "
                            + f.pools().size() + " " + f.family() + " pools (" + String.join(", ", f.pools())
                            + "): an address can be asked of one pool per family only",
                    "name one " + f.family() + " pool in " + c.poolsSource()
                            + ", or drop ipam.antrea.io/pod-ips; then re-create the Pod",
                    evidence);
        }
        if (failure instanceof AntreaIpamFailure.ConflictingVlans f) {
            return cause(
                    "conflicting-vlans",
                    "its IPv4 and IPv6 pools carry VLANs " + f.first() + " and " + f.second()
                            + ", and a dual-stack Pod gets one interface on one VLAN",
                    "pair pools of one VLAN (or untagged) in " + c.poolsSource() + ", then re-create the Pod",
                    evidence);
        }
        if (failure instanceof AntreaIpamFailure.NodeRangeFull f) {
            return nodeFull(f.rangeSet(), evidence);
        }
        return agentDown(evidence); // AgentUnreachable, the last kind
    }

    private PodDiagnosis exhausted(Optional<IpFamily> family, String evidence) {
        List<Pool> pools = c.pools().stream()
                .filter(p -> family.isEmpty() || p.family().equals(family))
                .toList();
        if (pools.isEmpty()) {
            return cause(
                    "pool-exhausted",
                    "found every " + family.map(Object::toString).orElse("") + " pool it may use full",
                    "free addresses or add a range to its pools",
                    evidence);
        }
        String fills = String.join(
                "; ",
                pools.stream()
                        .map(p -> "pool " + p.name() + " " + FillText.of(p.fill()))
                        .toList());
        boolean stillFull = pools.stream().allMatch(p -> FillText.full(p.fill()));
        String finding = stillFull
                ? (pools.size() == 1
                                ? "gets no address: its pool is full: "
                                : "gets no address: all its pools are full: ")
                        + fills
                : "found its pools full at the last try, and now there is room (" + fills
                        + "): the kubelet retries by itself";
        return cause(
                "pool-exhausted",
                finding,
                stillFull ? growFix(pools) : "wait for the next try, or re-create the Pod",
                evidence);
    }

    private static String growFix(List<Pool> pools) {
        String names = String.join(", ", pools.stream().map(Pool::name).toList());
        return "free addresses (ipamctl pool check lists leaked ones, each with its release command), add a range to "
                + names + " (IPPools may grow), or name a second pool of the family in the binding";
    }

    private PodDiagnosis outside(String ip, String poolName, String evidence) {
        Optional<Pool> pool = pool(poolName);
        String ranges = pool.map(p -> " (ranges " + p.pool().definition().rangesText() + ")")
                .orElse("");
        return cause(
                "address-outside-pool",
                "asks for " + ip + " (ipam.antrea.io/pod-ips), which lies outside pool " + poolName + ranges,
                "ask for a free address of " + poolName + " (ipamctl pool usage " + poolName
                        + " shows its allocations), then re-create the Pod",
                evidence);
    }

    private PodDiagnosis taken(String ip, String evidence) {
        for (Pool p : c.pools()) {
            for (Allocation a : p.pool().allocations()) {
                if (sameAddress(a.ip(), ip)) {
                    return takenBy(ip, p.name(), a, evidence);
                }
            }
        }
        return cause(
                "address-taken",
                "asks for " + ip + ", which was allocated at its last try; "
                        + "it is free now, so the kubelet's next try should get it",
                "wait for the next try, or re-create the Pod",
                evidence);
    }

    private PodDiagnosis takenBy(String ip, String pool, Allocation a, String evidence) {
        if (a.podOwner() == null && a.statefulSetOwner() != null) {
            return cause(
                    "address-reserved-for-statefulset",
                    "asks for " + ip + ", which pool " + pool + " keeps reserved for StatefulSet "
                            + a.statefulSetOwner() + " (replica " + a.statefulSetIndex() + ")",
                    "ask for another address of " + pool + "; the reservation goes away with the StatefulSet",
                    evidence);
        }
        String owner = a.ownerText() == null ? "an entry without owner" : a.ownerText();
        return cause(
                "address-taken",
                "asks for " + ip + ", which pool " + pool + " has given to " + owner,
                "ask for a free address of " + pool + " (ipamctl pool usage " + pool + " lists who holds which), or "
                        + "free " + ip + " first (ipamctl pool release frees it once its owner is gone)",
                evidence);
    }

    private PodDiagnosis reserved(String ip, String evidence) {
        String what = c.pools().stream()
                .filter(p -> sameAddress(p.pool().definition().gateway(), ip))
                .findFirst()
                .map(p -> "the gateway of pool " + p.name())
                .orElse("the gateway or the broadcast address of a CIDR range");
        return cause(
                "address-reserved",
                "asks for " + ip + ", which is " + what + ": Antrea never hands it out",
                "ask for another address of the pool, then re-create the Pod",
                evidence);
    }

    private PodDiagnosis noPool(List<String> named, String evidence) {
        return cause(
                "pool-not-found",
                "gets no address: " + c.poolsSource() + " names " + names(named)
                        + (named.size() == 1 ? ", which does not exist" : ", none of which exists"),
                "create the pool (ipamctl pool create) or name an existing one (ipamctl ns bind for a Namespace); "
                        + "the kubelet retries by itself",
                evidence);
    }

    private PodDiagnosis nodeFull(String rangeSet, String evidence) {
        PodCase.NodeRange r = c.nodeRange();
        String where = r == null
                ? "its node's podCIDR (" + rangeSet + ")"
                : "node " + r.node() + "'s podCIDR " + r.cidr() + " (" + FillText.of(r.fill()) + ")";
        return cause(
                "node-podcidr-full",
                "gets no address: " + where + " has no free address",
                "delete finished Pods on " + pod.node() + ", run the Pod on another node, or bind its Namespace to an "
                        + "IPPool",
                evidence);
    }

    private PodDiagnosis agentDown(String evidence) {
        PodCase.Agent a = c.agent();
        String state = a == null || a.pod() == null
                ? "no agent Pod runs there"
                : a.ready()
                        ? "its Pod " + a.pod() + " is Ready now, so the kubelet's next try should work"
                        : a.problem();
        return cause(
                "agent-not-ready",
                "cannot reach the Antrea agent on node " + pod.node() + ": " + state,
                "get the agent running: kubectl -n kube-system describe pod " + agentName()
                        + " (and its antrea-agent log); the kubelet retries by itself",
                evidence);
    }

    // ---------------------------------------------------------------- no Event: what the state says

    private PodDiagnosis fromState() {
        PodCase.Agent a = c.agent();
        if (a != null && !a.ready()) {
            return cause(
                    "agent-not-ready",
                    "waits for the Antrea agent on node " + pod.node() + ": " + a.problem(),
                    "get the agent running: kubectl -n kube-system describe pod " + agentName(),
                    null);
        }
        List<String> configured = c.configuredPools();
        if (!configured.isEmpty()) {
            if (c.pools().isEmpty()) {
                return noPool(configured, null);
            }
            for (String asked : requestedAddresses()) {
                Optional<PodDiagnosis> d = askedAddress(asked);
                if (d.isPresent()) {
                    return d.get();
                }
            }
            if (requestedAddresses().isEmpty()) {
                for (IpFamily f : poolFamilies()) {
                    List<Pool> ofFamily = c.pools().stream()
                            .filter(p -> p.family().equals(Optional.of(f)))
                            .toList();
                    if (ofFamily.stream().allMatch(p -> FillText.full(p.fill()))) {
                        return exhausted(Optional.of(f), null);
                    }
                }
            }
        } else if (c.nodeRange() != null && FillText.full(c.nodeRange().fill())) {
            return nodeFull(c.nodeRange().cidr(), null);
        }
        return new PodDiagnosis(
                Verdict.NO_CAUSE_FOUND,
                "unknown",
                "has no address, and nothing Antrea reports or keeps " + "explains it",
                "look at the Pod's Events and the agent's log: kubectl describe pod -n " + pod.namespace() + " "
                        + pod.name(),
                null,
                null,
                checked);
    }

    /** What the pools say about an asked-for address before Antrea tried it. */
    private Optional<PodDiagnosis> askedAddress(String asked) {
        Optional<IpAddress> ip = IpAddress.tryParse(asked);
        if (ip.isEmpty()) {
            return Optional.of(cause(
                    "invalid-pod-ips",
                    "its ipam.antrea.io/pod-ips \"" + pod.podIps() + "\" holds \"" + asked
                            + "\", which is not an IP address",
                    fixPodIps(),
                    null));
        }
        List<Pool> ofFamily = c.pools().stream()
                .filter(p -> p.family().equals(Optional.of(ip.get().family())))
                .toList();
        if (ofFamily.size() != 1) {
            return Optional.empty(); // another family's pool ignores it; several pools are Antrea's error to report
        }
        Pool p = ofFamily.get(0);
        for (Allocation a : p.pool().allocations()) {
            if (sameAddress(a.ip(), asked)) {
                return Optional.of(takenBy(asked, p.name(), a, null));
            }
        }
        PoolCapacity capacity = capacity(p.pool().definition());
        if (capacity != null && !capacity.covers(ip.get())) {
            return Optional.of(outside(asked, p.name(), null));
        }
        if (capacity != null && !capacity.isAllocatable(ip.get())) {
            return Optional.of(reserved(asked, null));
        }
        return Optional.empty();
    }

    // ---------------------------------------------------------------- helpers

    private void notePools() {
        List<String> configured = c.configuredPools();
        if (configured.isEmpty()) {
            checked.add("pools: none named (neither the Pod nor Namespace " + pod.namespace()
                    + " has ipam.antrea.io/ippools), so its address comes from its node's podCIDR");
            if (c.nodeRange() != null) {
                checked.add("node " + c.nodeRange().node() + " podCIDR "
                        + c.nodeRange().cidr() + ": "
                        + FillText.of(c.nodeRange().fill()));
            }
            return;
        }
        checked.add("pools named by " + c.poolsSource() + ": " + String.join(", ", configured));
        for (String name : configured) {
            checked.add(pool(name)
                    .map(p -> "pool " + name + ": " + FillText.of(p.fill()))
                    .orElse("pool " + name + ": not found"));
        }
        if (pod.podIps() != null) {
            checked.add("ipam.antrea.io/pod-ips: " + pod.podIps());
        }
    }

    private void noteAgent() {
        PodCase.Agent a = c.agent();
        if (a != null) {
            checked.add("Antrea agent on " + a.node() + ": " + (a.pod() == null ? "" : a.pod() + " ")
                    + (a.ready() ? "Ready" : a.problem()));
        }
    }

    private String agentName() {
        return c.agent() != null && c.agent().pod() != null
                ? c.agent().pod()
                : "<the antrea-agent Pod of " + pod.node() + ">";
    }

    /** The addresses of pod-ips, as Antrea reads it (spaces removed, split on ","), only where pools apply. */
    private List<String> requestedAddresses() {
        if (pod.podIps() == null || c.configuredPools().isEmpty()) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String s : pod.podIps().replace(" ", "").split(",")) {
            if (!s.isEmpty()) {
                out.add(s);
            }
        }
        return out;
    }

    private Set<IpFamily> poolFamilies() {
        Set<IpFamily> out = new HashSet<>();
        c.pools().forEach(p -> p.family().ifPresent(out::add));
        return out;
    }

    private List<String> poolNames() {
        return c.pools().stream().map(Pool::name).toList();
    }

    private static String familiesText(Set<IpFamily> families) {
        return families.size() == 1 ? families.iterator().next().toString() : "IPv4 and IPv6";
    }

    private Optional<Pool> pool(String name) {
        return c.pools().stream().filter(p -> p.name().equals(name)).findFirst();
    }

    private static boolean covers(Pool p, String ip) {
        PoolCapacity capacity = capacity(p.pool().definition());
        return capacity != null && IpAddress.tryParse(ip).map(capacity::covers).orElse(false);
    }

    private static PoolCapacity capacity(PoolDefinition d) {
        try {
            return PoolCapacity.of(d);
        } catch (IllegalArgumentException e) {
            return null; // a pool Antrea cannot read either; pool usage warns about it
        }
    }

    private static boolean inCidr(String ip, String cidr) {
        Optional<IpAddress> a = IpAddress.tryParse(ip);
        return a.isPresent()
                && Cidr.tryParse(cidr).map(x -> x.contains(a.get())).orElse(false);
    }

    private static boolean sameAddress(String a, String b) {
        Optional<IpAddress> x = IpAddress.tryParse(a);
        return x.isPresent() && x.equals(IpAddress.tryParse(b));
    }

    private static String names(List<String> pools) {
        return pools.size() == 1 ? "pool " + pools.get(0) : "pools " + String.join(", ", pools);
    }

    private String fixPodIps() {
        return "write one address per family in ipam.antrea.io/pod-ips (ipamctl pod pin-ip checks it first), "
                + "then re-create the Pod";
    }

    private static String times(PodCase.SandboxFailure f) {
        return (f.count() > 1 ? f.count() + " times, " : "") + "last at " + f.lastSeen();
    }

    private static final Pattern PLUGIN_TYPE = Pattern.compile("plugin type=\"([^\"]+)\"");

    /** The CNI plugin a kubelet Event names (containerd's `plugin type="..."`), or null. */
    private static String pluginType(String message) {
        Matcher m = PLUGIN_TYPE.matcher(message);
        return m.find() ? m.group(1) : null;
    }

    /** The CNI's own words in a kubelet Event: what follows "failed (add): ", else the whole message. */
    private static String cniPart(String message) {
        int at = message.indexOf("failed (add): ");
        return (at < 0 ? message : message.substring(at + "failed (add): ".length())).strip();
    }

    private static String evidence(PodCase.SandboxFailure f) {
        return AntreaIpamFailure.EVENT_REASON + " (" + times(f) + "): " + cniPart(f.message());
    }

    private PodDiagnosis hasAddress(String finding, String pool) {
        return new PodDiagnosis(Verdict.HAS_ADDRESS, "has-address", finding, null, null, pool, checked);
    }

    private PodDiagnosis noCause(String finding) {
        return new PodDiagnosis(Verdict.NO_CAUSE_FOUND, "unknown", finding, null, null, null, checked);
    }

    private PodDiagnosis cause(String cause, String finding, String fix, String evidence) {
        return new PodDiagnosis(Verdict.CAUSE_FOUND, cause, finding, fix, evidence, null, checked);
    }
}
