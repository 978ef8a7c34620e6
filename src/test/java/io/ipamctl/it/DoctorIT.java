package io.ipamctl.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ipamctl.commands.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * `doctor` on the real test cluster, which cli/test-cluster sets up as a healthy install: every check is ok but
 * pool-check (seed 001's leaked Whereabouts address). Each test breaks one thing with kubectl, reads the
 * finding, and puts it back.
 */
class DoctorIT {

    @TempDir
    static Path dir;

    private static final ObjectMapper JSON = new ObjectMapper();

    private static JsonNode report(CliRun.Result r) throws IOException {
        return JSON.readTree(r.out());
    }

    private static JsonNode check(JsonNode report, String name) {
        for (JsonNode c : report.path("checks")) {
            if (name.equals(c.path("name").asText())) {
                return c;
            }
        }
        throw new AssertionError("no check " + name + " in " + report);
    }

    /** The checks of the install; the pools' checks depend on what other ITs left (the sandbox tests cover them). */
    private static final String[] INSTALL = {
        "--check",
        "feature-gate",
        "--check",
        "secondary-networks",
        "--check",
        "crds",
        "--check",
        "agents",
        "--check",
        "agent-ovs",
        "--check",
        "controller",
        "--check",
        "webhook",
        "--check",
        "whereabouts",
        "--check",
        "rbac"
    };

    private static String[] doctor(String... more) {
        String[] all = new String[1 + INSTALL.length + more.length];
        all[0] = "doctor";
        System.arraycopy(INSTALL, 0, all, 1, INSTALL.length);
        System.arraycopy(more, 0, all, 1 + INSTALL.length, more.length);
        return all;
    }

    @Test
    void theTestClusterIsHealthy() throws IOException {
        var r = RealCluster.ipamctl(dir, doctor("-o", "json"));
        assertEquals(0, r.code(), r.out() + r.err());
        JsonNode report = report(r);
        assertEquals(
                "{\"ok\":9,\"warning\":0,\"failed\":0}", report.path("summary").toString(), r.out());
        assertEquals(
                "IPPool v1beta1 (and v1alpha2), ExternalIPPool v1beta1, Whereabouts IPPool v1alpha1, "
                        + "NetworkAttachmentDefinition v1 served",
                check(report, "crds").path("finding").asText());
        assertEquals(
                "antrea-ovs answered on all 2 nodes and has bridge br-int",
                check(report, "agent-ovs").path("finding").asText());
        assertEquals(
                "webhook ippoolvalidator.antrea.io is registered (crdvalidator.antrea.io), Service kube-system/antrea has "
                        + "1 ready endpoint",
                check(report, "webhook").path("finding").asText());
        assertEquals(
                "you may run every ipamctl command (19 permissions checked)",
                check(report, "rbac").path("finding").asText());
    }

    @Test
    void gateOffInTheConfigMap() throws IOException {
        String conf =
                "featureGates:\n  AntreaIPAM: false\ntrafficEncapMode: noEncap\nnoSNAT: true\nenableBridgingMode: true\n";
        String before = RealCluster.kubectl(
                "-n", "kube-system", "get", "configmap", "antrea-config", "-o", "jsonpath={.data.antrea-agent\\.conf}");
        patchAgentConf(conf);
        try {
            var r = RealCluster.ipamctl(dir, "doctor", "--check", "feature-gate", "--no-headers");
            assertEquals(3, r.code(), r.err());
            assertTrue(
                    r.out()
                            .startsWith("feature-gate   failed   AntreaIPAM is off in antrea-agent.conf of ConfigMap "
                                    + "kube-system/antrea-config: no Pod gets an address from an IPPool\n"),
                    r.out());
        } finally {
            patchAgentConf(before);
        }
        assertEquals(
                0, RealCluster.ipamctl(dir, "doctor", "--check", "feature-gate").code());
    }

    private static void patchAgentConf(String conf) throws IOException {
        Path patch = dir.resolve("patch.json");
        Files.writeString(
                patch,
                JSON.writeValueAsString(JSON.createObjectNode()
                        .set("data", JSON.createObjectNode().put("antrea-agent.conf", conf))));
        RealCluster.kubectl(
                "-n",
                "kube-system",
                "patch",
                "configmap",
                "antrea-config",
                "--type=merge",
                "--patch-file",
                patch.toString());
    }

    @Test
    void webhookCallingAMissingService() {
        String path = "/webhooks/0/clientConfig/service/name";
        RealCluster.kubectl(
                "patch",
                "validatingwebhookconfiguration",
                "crdvalidator.antrea.io",
                "--type=json",
                "-p",
                "[{\"op\":\"replace\",\"path\":\"" + path + "\",\"value\":\"antrea-gone\"}]");
        try {
            var r = RealCluster.ipamctl(dir, "doctor", "--check", "webhook", "--no-headers");
            assertEquals(3, r.code(), r.err());
            assertTrue(
                    r.out()
                            .startsWith(
                                    "webhook   failed   webhook ippoolvalidator.antrea.io (crdvalidator.antrea.io) calls "
                                            + "Service kube-system/antrea-gone, which does not exist: every IPPool create, update and delete fails\n"),
                    r.out());
        } finally {
            RealCluster.kubectl(
                    "patch",
                    "validatingwebhookconfiguration",
                    "crdvalidator.antrea.io",
                    "--type=json",
                    "-p",
                    "[{\"op\":\"replace\",\"path\":\"" + path + "\",\"value\":\"antrea\"}]");
        }
    }

    @Test
    void aNodeWithoutItsAgent() {
        // relabelled, the Pod is no agent any more: node-02 has none
        RealCluster.kubectl(
                "-n", "kube-system", "label", "pod", "antrea-agent-j28lw", "component=not-antrea-agent", "--overwrite");
        try {
            var r = RealCluster.ipamctl(dir, "doctor", "--check", "agents", "--check", "agent-ovs", "--no-headers");
            assertEquals(3, r.code(), r.err());
            assertTrue(
                    r.out()
                            .startsWith(
                                    "agents      failed   not Ready on 1 of 2 nodes (node-02: no agent Pod): Pods there get "
                                            + "no address\nagent-ovs   ok       antrea-ovs answered on the node and has bridge br-int\n"),
                    r.out());
        } finally {
            RealCluster.kubectl(
                    "-n", "kube-system", "label", "pod", "antrea-agent-j28lw", "component=antrea-agent", "--overwrite");
        }
    }

    @Test
    void aViewerLearnsWhatItMayNotDo() throws IOException {
        String ns = "ipamctl-doctor"; // kept: the test cluster runs no namespace controller
        RealCluster.kubectl("apply", "-f", Path.of("deploy", "rbac.yaml").toString());
        RealCluster.kubectlResult("create", "namespace", ns);
        RealCluster.kubectlResult("create", "serviceaccount", "viewer", "-n", ns);
        RealCluster.kubectlResult(
                "create",
                "clusterrolebinding",
                "ipamctl-doctor-it",
                "--clusterrole=ipamctl-viewer",
                "--serviceaccount=" + ns + ":viewer");
        try {
            String token =
                    RealCluster.kubectl("create", "token", "viewer", "-n", ns).strip();
            Path kubeconfig = dir.resolve("viewer.kubeconfig");
            Files.copy(RealCluster.kubeconfig(), kubeconfig, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            RealCluster.kubectl(
                    "--kubeconfig", kubeconfig.toString(), "config", "set-credentials", "viewer", "--token=" + token);
            RealCluster.kubectl(
                    "--kubeconfig", kubeconfig.toString(), "config", "set-context", "--current", "--user=viewer");
            String[] args = doctor("-o", "json");
            String[] all = new String[args.length + 2];
            all[0] = "--kubeconfig";
            all[1] = kubeconfig.toString();
            System.arraycopy(args, 0, all, 2, args.length);
            var r = new CliRun(dir).run(all);
            assertEquals(0, r.code(), r.out() + r.err());
            JsonNode report = report(r);
            JsonNode rbac = check(report, "rbac");
            assertEquals("warning", rbac.path("status").asText());
            assertEquals(
                    "you may not run 7 of 10 commands; missing: create ippools.crd.antrea.io (pool create); delete "
                            + "ippools.crd.antrea.io (pool delete); patch ippools.crd.antrea.io/status (pool release); patch "
                            + "ippools.whereabouts.cni.cncf.io (pool release); patch namespaces (ns bind/unbind); create pods (pod pin-ip); "
                            + "delete pods (pod pin-ip); create pods/exec in kube-system (ovs show/flows, trace --local); create "
                            + "traceflows.crd.antrea.io (trace); delete traceflows.crd.antrea.io (trace)",
                    rbac.path("finding").asText());
            assertEquals(
                    "ask for the ipamctl-admin role of deploy/rbac.yaml, or for the permissions named",
                    rbac.path("fix").asText());
            JsonNode ovs = check(report, "agent-ovs");
            assertEquals("warning", ovs.path("status").asText());
            assertTrue(
                    ovs.path("finding").asText().startsWith("not checked: you may not exec into the agent Pods"),
                    r.out());
            // every other read of doctor is allowed to a viewer
            assertEquals(
                    "{\"ok\":7,\"warning\":2,\"failed\":0}",
                    report.path("summary").toString(),
                    r.out());
            assertEquals("", r.err());
        } finally {
            RealCluster.kubectlResult("delete", "clusterrolebinding", "ipamctl-doctor-it", "--ignore-not-found");
        }
    }
}
