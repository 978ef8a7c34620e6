package io.ipamctl.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the warm server leaves to the caller's process, from the arguments alone. */
class InProcessOnlyTest {

    @TempDir
    Path dir;

    private Optional<String> reason(Map<String, String> env, String... args) {
        return InProcessOnly.reason(
                args, new Environment(env, dir, java.io.InputStream.nullInputStream(), Environment.Terminal.NONE, dir));
    }

    private Optional<String> reason(String... args) {
        return reason(Map.of("HOME", dir.toString()), args);
    }

    @Test
    void theTerminalOwnersAndTheServerCommandsStayInTheCallersProcess() {
        assertEquals(Optional.of("ipamctl shell runs in the caller's process"), reason("--sandbox", "shell"));
        assertEquals(Optional.of("ipamctl shell runs in the caller's process"), reason("-n", "shell", "shell"));
        assertEquals(Optional.of("ipamctl server runs in the caller's process"), reason("-v", "server", "stop"));
        for (String watch : new String[] {"--watch", "-w", "-wA", "--watch=true"}) {
            assertEquals(
                    Optional.of("--watch runs in the caller's process"),
                    reason("--sandbox", "pool", "usage", watch),
                    watch);
        }
    }

    @Test
    void everythingElseIsServedSandboxIncluded() {
        assertEquals(Optional.empty(), reason("--sandbox", "pool", "usage", "-o", "wide"));
        assertEquals(Optional.empty(), reason("--sandbox", "pool", "get", "shell"), "a pool named shell");
        assertEquals(Optional.empty(), reason("--version"));
        assertEquals(Optional.empty(), reason("completion", "bash"));
        assertEquals(Optional.empty(), reason("pool", "usage"), "no kubeconfig: the server says so itself");
    }

    @Test
    void aCredentialPluginOfTheSelectedUserWherePicoCliWouldFindIt() throws IOException {
        io.ipamctl.kube.PluginKubeconfig.write(dir.resolve("kc"), "https://10.0.0.1:6443");
        String plugin = "the kubeconfig user runs an exec credential plugin, which must run in the caller's process";
        assertEquals(Optional.empty(), reason("--kubeconfig", "kc", "pool", "list"));
        assertEquals(Optional.of(plugin), reason("--kubeconfig", "kc", "--context", "cloud", "pool", "list"));
        assertEquals(Optional.of(plugin), reason("--kubeconfig=kc", "--context=cloud", "pool", "list"));
        assertEquals(Optional.of(plugin), reason("pool", "list", "--context", "cloud", "--kubeconfig", "kc"));
        assertEquals(Optional.of(plugin), reason(Map.of("KUBECONFIG", "kc"), "--context", "cloud", "ns", "list"));
        assertEquals(Optional.empty(), reason("--kubeconfig", "kc", "--context", "cloud", "pool", "list", "--help"));
    }
}
