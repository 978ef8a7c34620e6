package io.ipamctl.commands;

import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.HashMap;

/**
 * A fabric8 mock API server in expectations mode on loopback (it answers only what a test expects, 404
 * otherwise, and counts every request), and a kubeconfig in dir that points ipamctl at it.
 */
final class MockApiServer implements AutoCloseable {

    final KubernetesMockServer server;
    final Path kubeconfig;

    private MockApiServer(KubernetesMockServer server, Path kubeconfig) {
        this.server = server;
        this.kubeconfig = kubeconfig;
    }

    static MockApiServer start(Path dir, String token) {
        KubernetesMockServer server =
                new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(), false);
        server.start(InetAddress.getLoopbackAddress(), 0);
        Path kubeconfig = CliRun.kubeconfig(dir, server.url("/"), token);
        return new MockApiServer(server, kubeconfig);
    }

    /**
     * A fabric8 mock API server in CRUD mode that serves Antrea's IPPools and their discovery, on loopback (the
     * sandbox's resources), for tests that create objects and read them back through ipamctl.
     */
    static KubernetesMockServer startAntreaCrud() {
        var responses = new HashMap<
                io.fabric8.mockwebserver.ServerRequest, java.util.Queue<io.fabric8.mockwebserver.ServerResponse>>();
        KubernetesMockServer server = new KubernetesMockServer(
                new Context(),
                new MockWebServer(),
                responses,
                new io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher(
                        responses, io.ipamctl.sandbox.SandboxServer.antreaResources()),
                false);
        server.start(InetAddress.getLoopbackAddress(), 0);
        io.ipamctl.sandbox.SandboxServer.expectAntreaDiscovery(server);
        return server;
    }

    /** ipamctl --kubeconfig (this server) ARGS, in-process with cli's environment. */
    CliRun.Result run(CliRun cli, String... args) {
        String[] all = new String[args.length + 2];
        all[0] = "--kubeconfig";
        all[1] = kubeconfig.toString();
        System.arraycopy(args, 0, all, 2, args.length);
        return cli.run(all);
    }

    @Override
    public void close() {
        server.shutdown();
    }
}
