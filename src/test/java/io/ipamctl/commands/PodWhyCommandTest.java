package io.ipamctl.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.ResourceLock;

/**
 * `pod why` on the sandbox, whose Antrea stand-in fails a Pod with Antrea's texts in a FailedCreatePodSandBox
 * Event, as the kubelet reports a failed CNI ADD.
 */
@ResourceLock("open-vswitch") // one class at a time starts OVS nodes and sandboxes (README)
class PodWhyCommandTest {

    @RegisterExtension
    static final SandboxExtension sandbox = new SandboxExtension();

    static CliRun cli;
    static KubernetesClient client;

    @BeforeAll
    static void start() {
        cli = sandbox.cli();
        client = sandbox.client();
    }

    private static void pod(String ns, String name, Map<String, String> annotations) {
        client.pods()
                .inNamespace(ns)
                .resource(new PodBuilder()
                        .withNewMetadata()
                        .withName(name)
                        .withNamespace(ns)
                        .withAnnotations(annotations)
                        .endMetadata()
                        .withNewSpec()
                        .withNodeName("node-01")
                        .addNewContainer()
                        .withName("c")
                        .withImage("registry.k8s.io/pause:3.10")
                        .endContainer()
                        .endSpec()
                        .build())
                .create();
    }

    /**
     * pod why once the sandbox has admitted the Pod and reported the failure (it does so right after the create):
     * until then the state alone may already explain it, without the Event.
     */
    private static CliRun.Result why(String... args) throws InterruptedException {
        String[] all = new String[args.length + 2];
        all[0] = "pod";
        all[1] = "why";
        System.arraycopy(args, 0, all, 2, args.length);
        CliRun.Result r = cli.sandbox(all);
        for (int i = 0;
                i < 50 && (r.code() == 1 || (r.code() == 3 && !r.out().contains("FailedCreatePodSandBox (")));
                i++) {
            Thread.sleep(100);
            r = cli.sandbox(all);
        }
        return r;
    }

    @Test
    void aSeedPodHasItsAddress() throws Exception {
        var r = why("db-01", "-n", "ns-db");
        assertEquals(0, r.code(), r.err());
        assertEquals(
                "pod ns-db/db-01 has 172.16.20.48 from pool pool-db (2 of 40 used (5.0%))\n"
                        + "  checked:  Pod ns-db/db-01: phase Running, node node-01, address 172.16.20.48\n"
                        + "            pools named by its ipam.antrea.io/ippools: pool-db\n"
                        + "            pool pool-db: 2 of 40 used (5.0%)\n"
                        + "            ipam.antrea.io/pod-ips: 172.16.20.48\n",
                r.out());
    }

    @Test
    void aPoolThatDoesNotExist() throws Exception {
        pod("ns-ap", "lost", Map.of("ipam.antrea.io/ippools", "pool-nope"));
        var r = why("ns-ap/lost");
        assertEquals(3, r.code(), r.out() + r.err());
        assertTrue(
                r.out()
                        .startsWith(
                                "pod ns-ap/lost gets no address: its ipam.antrea.io/ippools names pool pool-nope, "
                                        + "which does not exist\n  fix:      create the pool (ipamctl pool create) or name an existing one (ipamctl ns "
                                        + "bind for a Namespace); the kubelet retries by itself\n  event:    FailedCreatePodSandBox (last at "),
                r.out());
        assertTrue(r.out().contains("): no valid IPPool found for configured pools: [pool-nope]\n"), r.out());
    }

    @Test
    void anAddressTakenByAnotherPodAsJson() throws Exception {
        pod("ns-db", "thief", Map.of("ipam.antrea.io/ippools", "pool-db", "ipam.antrea.io/pod-ips", "172.16.20.48"));
        var r = why("ns-db/thief", "-o", "json");
        assertEquals(3, r.code(), r.out() + r.err());
        assertTrue(r.out().contains("\"cause\": \"address-taken\""), r.out());
        assertTrue(
                r.out().contains("\"finding\": \"asks for 172.16.20.48, which pool pool-db has given to ns-db/db-01\""),
                r.out());
    }

    @Test
    void noSuchPod() {
        var r = cli.sandbox("pod", "why", "ns-ap/nope");
        assertEquals(1, r.code());
        assertEquals("", r.out());
        assertEquals("error: pod nope not found in namespace ns-ap\n", r.errWithoutSandboxLine());
    }
}
