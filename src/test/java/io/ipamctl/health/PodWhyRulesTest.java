package io.ipamctl.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ipamctl.health.PodDiagnosis.Verdict;
import io.ipamctl.ipam.Allocation;
import io.ipamctl.ipam.AntreaPool;
import io.ipamctl.ipam.Fill;
import io.ipamctl.ipam.IpFamily;
import io.ipamctl.ipam.PoolDefinition;
import io.ipamctl.ipam.PoolRangeSpec;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** `pod why`'s rules on Events as the kubelet words them (fixtures) and on the cluster's state alone. */
class PodWhyRulesTest {

    static final Map<String, String> EVENTS = new HashMap<>();

    @BeforeAll
    static void fixtures() throws IOException {
        try (InputStream in = PodWhyRulesTest.class.getResourceAsStream("/podwhy/failed-create-pod-sandbox.txt")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (!line.startsWith("#") && line.contains("\t")) {
                    EVENTS.put(line.substring(0, line.indexOf('\t')), line.substring(line.indexOf('\t') + 1));
                }
            }
        }
    }

    private static PodCase.Pod pending(String ns, String name, String node, List<String> ownPools, String podIps) {
        return new PodCase.Pod(ns, name, node, "Pending", false, List.of(), ownPools, podIps, null);
    }

    private static PodCase.Pool pool(
            String name, String gateway, String start, String end, long total, List<Allocation> allocations) {
        var def = new PoolDefinition(name, List.of(PoolRangeSpec.ofStartEnd(start, end)), gateway, 24, 0);
        return new PodCase.Pool(
                new AntreaPool(def, allocations, null, null, "crd.antrea.io/v1beta1", List.of(), null),
                new Fill(BigInteger.valueOf(total), allocations.size()));
    }

    private static final PodCase.Agent READY = new PodCase.Agent("node-01", "antrea-agent-bj42h", null);

    private static List<PodCase.SandboxFailure> event(String key, int count) {
        return List.of(new PodCase.SandboxFailure(EVENTS.get(key), count, "2026-12-05T01:00:00Z"));
    }

    @Test
    void poolsExhaustedWithTheirFill() {
        var full = pool(
                "pool-ap",
                "172.16.19.254",
                "172.16.19.11",
                "172.16.19.12",
                2,
                List.of(
                        new Allocation("172.16.19.11", "Allocated", "ns-ap/web-1", "c1", null, null),
                        new Allocation("172.16.19.12", "Allocated", "ns-ap/web-2", "c2", null, null)));
        var c = new PodCase(
                pending("ns-ap", "web-4", "node-01", List.of(), null),
                List.of("pool-ap"),
                List.of(full),
                READY,
                null,
                event("exhausted", 3));
        PodDiagnosis d = PodWhyRules.diagnose(c);
        assertEquals(Verdict.CAUSE_FOUND, d.verdict());
        assertEquals("pool-exhausted", d.cause());
        assertEquals("gets no address: its pool is full: pool pool-ap 2 of 2 used (100.0%)", d.finding());
        assertEquals(
                "FailedCreatePodSandBox (3 times, last at 2026-12-05T01:00:00Z): failed to allocate IPv4 address for "
                        + "Pod ns-ap/web-4: all IPPools exhausted",
                d.evidence());
        assertEquals(
                List.of(
                        "Pod ns-ap/web-4: phase Pending, node node-01, no address",
                        "pools named by Namespace ns-ap's ipam.antrea.io/ippools: pool-ap",
                        "pool pool-ap: 2 of 2 used (100.0%)",
                        "Antrea agent on node-01: antrea-agent-bj42h Ready",
                        "Events: 1 FailedCreatePodSandBox (3 times, last at 2026-12-05T01:00:00Z)"),
                d.checked());
    }

    @Test
    void addressReservedForAStatefulSet() {
        var db = pool(
                "pool-db",
                "172.16.20.254",
                "172.16.20.11",
                "172.16.20.50",
                40,
                List.of(new Allocation("172.16.20.12", "Reserved", null, null, "ns-db/db", 1)));
        var c = new PodCase(
                pending("ns-db", "other", "node-01", List.of("pool-db"), "172.16.20.12"),
                List.of(),
                List.of(db),
                READY,
                null,
                event("taken", 1));
        PodDiagnosis d = PodWhyRules.diagnose(c);
        assertEquals("address-reserved-for-statefulset", d.cause());
        assertEquals(
                "asks for 172.16.20.12, which pool pool-db keeps reserved for StatefulSet ns-db/db (replica 1)",
                d.finding());
    }

    @Test
    void theNodePodCidrIsFull() {
        var range = new PodCase.NodeRange("node-01", "10.211.1.0/24", new Fill(BigInteger.valueOf(253), 253));
        var c = new PodCase(
                pending("default", "p", "node-01", List.of(), null),
                List.of(),
                List.of(),
                READY,
                range,
                event("node-full", 1));
        PodDiagnosis d = PodWhyRules.diagnose(c);
        assertEquals("node-podcidr-full", d.cause());
        assertEquals(
                "gets no address: node node-01's podCIDR 10.211.1.0/24 (253 of 253 used (100.0%)) has no free address",
                d.finding());
    }

    @Test
    void theAgentIsDown() {
        var down = new PodCase.Agent(
                "node-01", "antrea-agent-bj42h", "antrea-agent-bj42h has container antrea-agent not ready");
        var c = new PodCase(
                pending("default", "p", "node-01", List.of(), null),
                List.of(),
                List.of(),
                down,
                null,
                event("agent-down", 2));
        PodDiagnosis d = PodWhyRules.diagnose(c);
        assertEquals("agent-not-ready", d.cause());
        assertEquals(
                "cannot reach the Antrea agent on node node-01: antrea-agent-bj42h has container antrea-agent not ready",
                d.finding());
        // without an Event yet, the agent's state alone says it
        var quiet = new PodCase(
                pending("default", "p", "node-01", List.of(), null), List.of(), List.of(), down, null, List.of());
        assertEquals(
                "waits for the Antrea agent on node node-01: antrea-agent-bj42h has container antrea-agent not ready",
                PodWhyRules.diagnose(quiet).finding());
    }

    @Test
    void theStandInsWordingIsReadToo() {
        var ap = pool("pool-ap", "172.16.19.254", "172.16.19.11", "172.16.19.50", 40, List.of());
        var c = new PodCase(
                pending("ns-ap", "p", "node-01", List.of(), "10.9.9.9"),
                List.of("pool-ap"),
                List.of(ap),
                READY,
                null,
                event("standin-outside", 1));
        PodDiagnosis d = PodWhyRules.diagnose(c);
        assertEquals("address-outside-pool", d.cause());
        assertEquals(
                "asks for 10.9.9.9 (ipam.antrea.io/pod-ips), which lies outside pool pool-ap (ranges "
                        + "172.16.19.11-172.16.19.50)",
                d.finding());
    }

    @Test
    void anotherCniFailureIsQuoted() {
        var c = new PodCase(
                pending("default", "p", "node-01", List.of(), null),
                List.of(),
                List.of(),
                READY,
                null,
                event("other", 1));
        PodDiagnosis d = PodWhyRules.diagnose(c);
        assertEquals("cni-failed", d.cause());
        assertEquals(
                "cannot get its sandbox (and so its network) created: netplugin failed with no error message: signal: "
                        + "killed",
                d.finding());
    }

    @Test
    void theGatewayAskedForBeforeAnyTry() {
        var def = new PoolDefinition("pool-ap", List.of(PoolRangeSpec.ofCidr("172.16.19.0/24")), "172.16.19.1", 24, 0);
        var ap = new PodCase.Pool(
                new AntreaPool(def, List.of(), null, null, "crd.antrea.io/v1beta1", List.of(), null),
                new Fill(BigInteger.valueOf(253), 0));
        var c = new PodCase(
                pending("ns-ap", "p", "node-01", List.of(), "172.16.19.1"),
                List.of("pool-ap"),
                List.of(ap),
                READY,
                null,
                List.of());
        PodDiagnosis d = PodWhyRules.diagnose(c);
        assertEquals("address-reserved", d.cause());
        assertEquals(
                "asks for 172.16.19.1, which is the gateway of pool pool-ap: Antrea never hands it out", d.finding());
    }

    @Test
    void nothingExplainsItSaysWhatWasChecked() {
        var ap = pool("pool-ap", "172.16.19.254", "172.16.19.11", "172.16.19.50", 40, List.of());
        var c = new PodCase(
                pending("ns-ap", "p", "node-01", List.of(), null),
                List.of("pool-ap"),
                List.of(ap),
                READY,
                null,
                List.of());
        PodDiagnosis d = PodWhyRules.diagnose(c);
        assertEquals(Verdict.NO_CAUSE_FOUND, d.verdict());
        assertEquals("has no address, and nothing Antrea reports or keeps explains it", d.finding());
        assertEquals(
                "Events: no FailedCreatePodSandBox", d.checked().get(d.checked().size() - 1));
    }

    @Test
    void everyFailureTextReadsBack() {
        List<AntreaIpamFailure> all = List.of(
                new AntreaIpamFailure.PoolsExhausted(IpFamily.V6, "ns/p"),
                new AntreaIpamFailure.PoolExhausted("pool-a"),
                new AntreaIpamFailure.OutsidePool("10.0.0.9", "pool-a"),
                new AntreaIpamFailure.AlreadyAllocated("10.0.0.9"),
                new AntreaIpamFailure.ReservedAddress("10.0.0.1"),
                new AntreaIpamFailure.NoValidPool(List.of("a", "b")),
                new AntreaIpamFailure.InvalidPodIp("x\"y", "x\"y,10.0.0.1"),
                new AntreaIpamFailure.SeveralAddresses(IpFamily.V4, "10.0.0.1,10.0.0.2"),
                new AntreaIpamFailure.SeveralPoolsForAddress(IpFamily.V4, "10.0.0.5", List.of("a", "b")),
                new AntreaIpamFailure.ConflictingVlans(10, 20),
                new AntreaIpamFailure.NodeRangeFull("10.0.0.1-10.0.0.254"),
                new AntreaIpamFailure.AgentUnreachable(AntreaIpamFailure.AgentUnreachable.DOWN));
        for (AntreaIpamFailure f : all) {
            assertEquals(Optional.of(f), AntreaIpamFailure.parse(AntreaIpamFailure.eventMessage("abc", f)), f.text());
        }
        assertEquals(Optional.empty(), AntreaIpamFailure.parse(EVENTS.get("other")));
    }
}
