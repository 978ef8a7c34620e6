package io.ipamctl.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * `doctor` on the sandbox, whose seed is a healthy install (antrea-config, controller, webhook, Whereabouts);
 * each test breaks one thing the way an admin would meet it and reads the finding. The sandbox is back to
 * its seed before each test.
 */
@ResourceLock("open-vswitch") // one class at a time starts OVS nodes and sandboxes (README)
class DoctorCommandTest {

    @RegisterExtension
    static final SandboxExtension sandbox = new SandboxExtension();

    /** Every check that does not depend on OVS or on which pool sources exist. */
    static final List<String> STABLE = List.of(
            "--check",
            "feature-gate",
            "--check",
            "secondary-networks",
            "--check",
            "agents",
            "--check",
            "controller",
            "--check",
            "webhook",
            "--check",
            "whereabouts",
            "--check",
            "bindings",
            "--check",
            "rbac");

    static CliRun cli;
    static KubernetesClient client;

    @BeforeAll
    static void start() {
        cli = sandbox.cli();
        client = sandbox.client();
    }

    private static CliRun.Result doctor(String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("doctor"));
        args.addAll(List.of(more));
        return cli.sandbox(args.toArray(String[]::new));
    }

    private static CliRun.Result stable(String... more) {
        List<String> args = new java.util.ArrayList<>(STABLE);
        args.addAll(List.of(more));
        return doctor(args.toArray(String[]::new));
    }

    @Test
    void theSeedIsHealthy() {
        var r = stable();
        assertEquals(0, r.code(), r.err());
        Golden.assertMatches("doctor-sandbox.txt", r.out());
        assertEquals("", r.errWithoutSandboxLine());
    }

    @Test
    void jsonIsTheDoctorReport() throws Exception {
        var r = doctor("--check", "controller", "--check", "agents", "-o", "json");
        assertEquals(0, r.code(), r.err());
        JsonNode doc = new ObjectMapper().readTree(r.out());
        assertEquals("ipamctl/v1", doc.path("apiVersion").asText());
        assertEquals("DoctorReport", doc.path("kind").asText());
        assertEquals(
                "{\"ok\":2,\"warning\":0,\"failed\":0}", doc.path("summary").toString());
        // report order, not argument order
        assertEquals(
                "{\"name\":\"agents\",\"status\":\"ok\",\"finding\":\"an Antrea agent is Ready on all 2 nodes\"}",
                doc.path("checks").get(0).toString());
        assertEquals("controller", doc.path("checks").get(1).path("name").asText());
    }

    @Test
    void gateOffFailsWithTheFix() {
        ConfigMap cm = client.configMaps()
                .inNamespace("kube-system")
                .withName("antrea-config")
                .get();
        cm.getData().put("antrea-agent.conf", "featureGates:\n  AntreaIPAM: false\n");
        client.resource(cm).update();
        var r = doctor("--check", "feature-gate", "--no-headers");
        assertEquals(3, r.code(), r.err());
        assertEquals(
                "feature-gate   failed   AntreaIPAM is off in antrea-agent.conf of ConfigMap kube-system/antrea-config: "
                        + "no Pod gets an address from an IPPool\n\n"
                        + "fix feature-gate: set featureGates: {AntreaIPAM: true} in antrea-controller.conf and antrea-agent.conf, "
                        + "then restart Antrea: kubectl -n kube-system rollout restart deployment/antrea-controller daemonset/antrea-agent\n"
                        + "1 check failed (of 1 check)\n",
                r.out());
    }

    @Test
    void bridgingOffIgnoresTheBoundNamespaces() {
        ConfigMap cm = client.configMaps()
                .inNamespace("kube-system")
                .withName("antrea-config")
                .get();
        cm.getData().put("antrea-agent.conf", "featureGates:\n  AntreaIPAM: true\n");
        client.resource(cm).update();
        var r = doctor("--check", "feature-gate", "-o", "json");
        assertEquals(3, r.code(), r.err());
        assertTrue(
                r.out()
                        .contains(
                                "\"finding\": \"enableBridgingMode is off in antrea-agent.conf, so the IPPools of 1 bound "
                                        + "Namespace are ignored and their Pods get podCIDR addresses\""),
                r.out());
    }

    @Test
    void missingWebhookWarnsAndStrictMakesItCount() {
        client.admissionRegistration()
                .v1()
                .validatingWebhookConfigurations()
                .withName("crdvalidator.antrea.io")
                .delete();
        var r = doctor("--check", "webhook", "--no-headers");
        assertEquals(0, r.code(), r.err());
        assertEquals(
                "webhook   warning   no validating webhook for IPPools is registered: pools written with kubectl are not "
                        + "checked by Antrea (ipamctl checks its own)\n\nfix webhook: apply Antrea's manifest again "
                        + "(ValidatingWebhookConfiguration crdvalidator.antrea.io, webhook ippoolvalidator.antrea.io)\n"
                        + "1 warning (of 1 check)\n",
                r.out());
        assertEquals(3, doctor("--check", "webhook", "--strict").code());
    }

    @Test
    void webhookWithoutReadyEndpointFailsEveryPoolWrite() {
        client.discovery()
                .v1()
                .endpointSlices()
                .inNamespace("kube-system")
                .withName("antrea-7k2mp")
                .edit(s -> {
                    s.getEndpoints().get(0).getConditions().setReady(false);
                    return s;
                });
        var r = doctor("--check", "webhook", "-o", "wide", "--no-headers");
        assertEquals(3, r.code(), r.err());
        assertTrue(
                r.out()
                        .startsWith(
                                "webhook   failed   webhook ippoolvalidator.antrea.io (crdvalidator.antrea.io) calls Service "
                                        + "kube-system/antrea, which has no ready endpoint: every IPPool create, update and delete fails   get "
                                        + "antrea-controller running (see the controller check)\n"),
                r.out());
    }

    @Test
    void aNodeWithoutAgentAndAControllerNotReady() {
        client.pods().inNamespace("kube-system").withName("antrea-agent-j28lw").delete();
        client.pods()
                .inNamespace("kube-system")
                .withName("antrea-controller-6c7b9d5f4-q2x8k")
                .editStatus(p -> {
                    p.getStatus().setPhase("Pending");
                    return p;
                });
        var r = doctor("--check", "agents", "--check", "controller", "-o", "json");
        assertEquals(3, r.code(), r.err());
        assertTrue(
                r.out()
                        .contains("\"finding\": \"not Ready on 1 of 2 nodes (node-02: no agent Pod): Pods there get no "
                                + "address\""),
                r.out());
        assertTrue(
                r.out()
                        .contains("\"finding\": \"antrea-controller is not Ready (antrea-controller-6c7b9d5f4-q2x8k is "
                                + "Pending): IPPool writes fail while it serves their webhook\""),
                r.out());
    }

    @Test
    void namespaceBoundToAMissingPool() {
        client.namespaces().withName("ns-db").edit(n -> {
            n.getMetadata().setAnnotations(Map.of("ipam.antrea.io/ippools", "pool-gone"));
            return n;
        });
        var r = doctor("--check", "bindings", "--no-headers");
        assertEquals(3, r.code(), r.err());
        assertTrue(
                r.out()
                        .startsWith(
                                "bindings   failed   ns-db → pool-gone (not found): their new Pods get no address\n"),
                r.out());
    }

    @Test
    void thresholdWarnsAboutFullishPools() {
        var r = doctor("--check", "pool-usage", "--threshold", "5", "-o", "json");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("\"status\": \"warning\""), r.out());
        assertTrue(
                r.out()
                        .contains(
                                "at or above 5%: pool pool-ap (3 of 40 used (7.5%)), pool pool-db (2 of 40 used (5.0%))"),
                r.out());
        assertEquals(
                3,
                doctor("--check", "pool-usage", "--threshold", "5", "--strict").code());
    }

    @Test
    void progressOnlyOnATerminal() {
        var r = cli.terminal(true).sandbox("doctor", "--check", "agents", "--check", "controller", "--no-color");
        assertEquals(0, r.code(), r.err());
        String line = "\r\u001b[K";
        assertTrue(
                r.err()
                        .endsWith(line + "doctor: 0 of 2 checks done" + line + "doctor: 1 of 2 checks done" + line
                                + "doctor: 2 of 2 checks done" + line),
                r.err());
        assertEquals(
                "", cli.terminal(false).sandbox("doctor", "--check", "agents").errWithoutSandboxLine());
    }
}
