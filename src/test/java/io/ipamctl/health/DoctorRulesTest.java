package io.ipamctl.health;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.ipamctl.ipam.Fill;
import io.ipamctl.ipam.IpamSource;
import io.ipamctl.ipam.NamespacePools;
import io.ipamctl.ipam.Problem;
import io.ipamctl.ipam.SourceUsage;
import java.math.BigInteger;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The doctor checks' rules, on the cases the sandbox and the test cluster cannot easily show. */
class DoctorRulesTest {

    private static final String AGENT_OK =
            "featureGates:\n  AntreaIPAM: true\ntrafficEncapMode: noEncap\nnoSNAT: true\n"
                    + "enableBridgingMode: true\n";

    @Test
    void brokenAntreaConfig() {
        var config = new AntreaConfig("kube-system", true, "featureGates: [", "featureGates:\n  AntreaIPAM: true\n");
        assertEquals(
                new CheckResult(
                        "feature-gate",
                        Status.FAILED,
                        "ConfigMap kube-system/antrea-config has an antrea-agent.conf " + "that is not valid YAML",
                        "restore Antrea's configuration files in kube-system/antrea-config (see Antrea's "
                                + "manifest)"),
                AntreaSetupRules.featureGate(config, 0));
        var noController = new AntreaConfig("kube-system", true, AGENT_OK, null);
        assertEquals(
                "ConfigMap kube-system/antrea-config has no antrea-controller.conf",
                AntreaSetupRules.featureGate(noController, 0).finding());
    }

    @Test
    void bridgingNeedsNoEncapAndNoSnat() {
        var config = new AntreaConfig(
                "kube-system",
                true,
                "featureGates:\n  AntreaIPAM: true\nenableBridgingMode: true\n",
                "featureGates:\n  AntreaIPAM: true\n");
        CheckResult r = AntreaSetupRules.featureGate(config, 1);
        assertEquals(Status.FAILED, r.status());
        assertEquals(
                "enableBridgingMode is on in antrea-agent.conf but trafficEncapMode is encap: the agents refuse to start",
                r.finding());
    }

    @Test
    void secondaryNetworkNamingAMissingPoolWithTheGateOff() {
        var config = new AntreaConfig("kube-system", true, "featureGates:\n  AntreaIPAM: false\n", "");
        var net = new AntreaSetupRules.SecondaryNetwork("ns-a/vlan100", true, true, List.of("pool-v100"));
        CheckResult r = AntreaSetupRules.secondaryNetworks(config, true, List.of(net), Set.of("pool-ap"));
        assertEquals(Status.FAILED, r.status());
        assertEquals(
                "AntreaIPAM is off in antrea-agent.conf (needed for \"ipam\": {\"type\": \"antrea\"}); SecondaryNetwork is "
                        + "off in antrea-agent.conf (needed for \"type\": \"antrea\"); ns-a/vlan100 names IPPool pool-v100, which does "
                        + "not exist",
                r.finding());
        assertEquals(
                "set featureGates: {AntreaIPAM: true} in antrea-agent.conf and antrea-controller.conf; featureGates: "
                        + "{SecondaryNetwork: true} in antrea-agent.conf; restart Antrea: kubectl -n kube-system rollout restart "
                        + "deployment/antrea-controller daemonset/antrea-agent",
                r.fix());
    }

    @Test
    void crdsServedOnlyAsV1alpha2Warn() {
        CheckResult r = ApiRules.crds(Set.of(ApiRules.IPPOOL_V1ALPHA2, ApiRules.EXTERNAL_V1ALPHA2));
        assertEquals(Status.WARNING, r.status());
        assertEquals(
                "IPPool is served as v1alpha2 only (Antrea before v2.0; ipamctl uses it, kubectl warns it is deprecated) "
                        + "(IPPool v1alpha2, ExternalIPPool v1alpha2 served)",
                r.finding());
        assertEquals(Status.FAILED, ApiRules.crds(Set.of(ApiRules.NADS)).status());
    }

    @Test
    void ovsNotAnsweringOnOneNode() {
        CheckResult r = AgentRules.agentOvs(
                "kube-system",
                List.of(
                        new AgentRules.OvsProbe("node-01", "a1", null, false),
                        new AgentRules.OvsProbe("node-02", "a2", "bridge br-int does not exist", false)));
        assertEquals(
                new CheckResult(
                        "agent-ovs",
                        Status.FAILED,
                        "antrea-ovs did not answer on 1 of 2 nodes (node-02: bridge " + "br-int does not exist)",
                        "see its log: kubectl -n kube-system logs a2 -c antrea-ovs"),
                r);
    }

    @Test
    void whereaboutsWithoutReconcilerWarnsAndADaemonSetNotReadyFails() {
        var ds = new WhereaboutsRules.Workload("DaemonSet", "kube-system", "whereabouts", 3, 2);
        CheckResult r = WhereaboutsRules.whereabouts(true, true, List.of(ds), List.of());
        assertEquals(Status.FAILED, r.status());
        assertEquals(
                "DaemonSet kube-system/whereabouts is Ready on 2 of 3 nodes: Pods with a Whereabouts network may not start "
                        + "there; no ip-reconciler: leaked addresses are never reclaimed (ipamctl pool check finds them)",
                r.finding());
        assertEquals(
                Status.OK,
                WhereaboutsRules.whereabouts(true, false, List.of(), List.of()).status());
    }

    private static SourceUsage pool(String name, String gateway, long total, long used) {
        return new SourceUsage(
                IpamSource.ANTREA,
                name,
                null,
                "pool " + name,
                "crd.antrea.io/v1beta1",
                List.of(),
                null,
                gateway,
                24,
                0,
                new Fill(BigInteger.valueOf(total), used),
                null,
                List.of(),
                null);
    }

    @Test
    void aBindingWhosePoolsOfAFamilyAreFullFails() {
        var full = pool("pool-a", "10.0.0.1", 4, 4);
        CheckResult r = PoolRules.bindings(List.of(new NamespacePools("ns-a", List.of("pool-a"))), true, List.of(full));
        assertEquals("ns-a → pool-a (full: 4 of 4 used (100.0%)): their new Pods get no address", r.finding());
        assertEquals(Status.FAILED, r.status());
        CheckResult usage = PoolRules.poolUsage(List.of(full, pool("pool-b", "10.0.1.1", 10, 9)), 90);
        assertEquals(
                "full: pool pool-a (4 of 4 used (100.0%)); at or above 90%: pool pool-b (9 of 10 used (90.0%))",
                usage.finding());
    }

    @Test
    void duplicatesFailLeaksWarn() {
        var leak = new Problem(Problem.Kind.LEAKED, IpamSource.ANTREA, "pool-a", "10.0.0.5", "ns/gone", "");
        var dup = new Problem(Problem.Kind.DUPLICATE, IpamSource.ANTREA, "pool-a", "10.0.0.6", "ns/p1", "");
        assertEquals(
                Status.WARNING,
                PoolRules.poolCheck(List.of(IpamSource.ANTREA), List.of(leak)).status());
        CheckResult r = PoolRules.poolCheck(List.of(IpamSource.ANTREA), List.of(leak, dup));
        assertEquals(Status.FAILED, r.status());
        assertEquals(
                "2 problems (leaked: 1, duplicate: 1) in antrea, e.g. leaked 10.0.0.5 in antrea pool pool-a (ns/gone)",
                r.finding());
    }

    @Test
    void readingDeniedFailsRbac() {
        var needs = CommandNeeds.all("kube-system");
        Map<AccessRules.Permission, Boolean> none = new java.util.HashMap<>();
        CommandNeeds.distinct(needs).forEach(p -> none.put(p, false));
        CheckResult r = AccessRules.rbac(needs, none);
        assertEquals(Status.FAILED, r.status());
        assertEquals(
                "ask for the ipamctl-viewer role (reading) or the ipamctl-admin role of deploy/rbac.yaml, or for the "
                        + "permissions named",
                r.fix());
        assertEquals(19, CommandNeeds.distinct(needs).size());
    }
}
