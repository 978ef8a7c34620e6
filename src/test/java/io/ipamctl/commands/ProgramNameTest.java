package io.ipamctl.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.api.parallel.ResourceLock;

/** Run as "kubectl ipam" (cli/kubectl-ipam says so), every hint names what the user can type. */
@ResourceLock("open-vswitch") // one class at a time starts OVS nodes and sandboxes (README)
class ProgramNameTest {

    @RegisterExtension
    static final SandboxExtension sandbox = new SandboxExtension();

    @TempDir
    Path state;

    private CliRun plugin() {
        return new CliRun(state).env(ProgramName.PLUGIN_VARIABLE, "1");
    }

    @Test
    void mistakesAndHintsSayKubectlIpam() {
        CliRun.Result bogus = plugin().run("bogus");
        assertEquals(2, bogus.code());
        assertEquals(
                "error: unknown command \"bogus\" for \"kubectl ipam\" (see 'kubectl ipam --help')\n", bogus.err());
        CliRun.Result missing = sandbox.cli()
                .env(ProgramName.PLUGIN_VARIABLE, "1")
                .sandbox("pool", "usage", "pool-zz", "--source", "antrea");
        assertEquals(
                "error: IPPool \"pool-zz\" not found (list pools with: kubectl ipam pool list)\n",
                missing.errWithoutSandboxLine());
        CliRun.Result args = plugin().run("ns", "unbind", "a", "b");
        assertEquals(
                "error: unexpected argument \"b\": kubectl ipam ns unbind takes NAMESPACE (see 'kubectl ipam ns unbind --help')\n",
                args.err());
    }

    @Test
    void helpShowsTheCommandsAsTyped() {
        String help = plugin().run("pool", "check", "--help").out();
        assertTrue(help.contains("Usage: kubectl ipam pool check [-l SELECTOR] [--no-headers]"), help);
        assertTrue(
                help.replaceAll("\\s+", " ")
                        .contains("free a leaked address with: kubectl ipam pool release IP --pool POOL."),
                help);
        assertTrue(help.contains("\n  kubectl ipam pool check -o json > report.json"), help);
        assertTrue(
                help.endsWith(
                        "Use 'kubectl ipam options' for a list of global command-line options (applies to\nall commands).\n"),
                help);
        assertTrue(!help.contains("ipamctl pool"), help);
        // names of files and schemas keep their spelling
        assertTrue(help.replaceAll("\\s+", " ").contains("ipamctl/v1 PoolCheckReport"), help);
    }

    @Test
    void standaloneKeepsItsName() {
        assertEquals(
                "error: unknown command \"bogus\" for \"ipamctl\" (see 'ipamctl --help')\n",
                new CliRun(state).run("bogus").err());
        assertEquals("ipamctl pool usage", ProgramName.inText("ipamctl pool usage", ProgramName.STANDALONE));
        assertEquals(
                "see cli/ipamctl and completions/ipamctl.bash; run kubectl ipam pool list",
                ProgramName.inText(
                        "see cli/ipamctl and completions/ipamctl.bash; run ipamctl pool list", ProgramName.PLUGIN));
    }
}
