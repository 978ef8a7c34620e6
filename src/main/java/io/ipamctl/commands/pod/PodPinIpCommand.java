package io.ipamctl.commands.pod;

import io.ipamctl.ExitCode;
import io.ipamctl.IpamctlException;
import io.ipamctl.SafeText;
import io.ipamctl.commands.DurationConverter;
import io.ipamctl.commands.IpamctlCommand;
import io.ipamctl.commands.LiveName;
import io.ipamctl.commands.Session;
import io.ipamctl.commands.WriteOptions;
import io.ipamctl.ipam.IpAddress;
import io.ipamctl.ipam.PoolValidator;
import io.ipamctl.kube.ManifestDocument;
import io.ipamctl.kube.PodPinService;
import io.ipamctl.kube.PodPinning;
import io.ipamctl.kube.PodRef;
import io.ipamctl.kube.Refusal;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "pin-ip",
        header = "Give a Pod a fixed IP from a pool (ipam.antrea.io/ippools + ipam.antrea.io/pod-ips).",
        synopsisHeading = "Usage: ",
        customSynopsis = {
            "ipamctl pod pin-ip POD IP [--pool IPPOOL] [--recreate] [-n NAMESPACE] [--dry-run[=MODE]] [-o FORMAT]",
            "       ipamctl pod pin-ip -f FILE [POD] IP [--pool IPPOOL] [--dry-run[=MODE]] [-o FORMAT]"
        },
        description = {
            "Checks, before changing anything: the address is inside the pool's ranges, is not its "
                    + "gateway, a network or broadcast address or otherwise reserved, is not allocated to another "
                    + "owner and not used by another Pod. The pool defaults to the one of the address's family "
                    + "bound to the Pod or its namespace.",
            "Antrea reads the annotations only when a Pod is created, so:",
            "  -f FILE  adds the annotations to a Pod manifest and creates it;",
            "  --recreate  deletes a running stand-alone Pod and creates it again with the same spec plus "
                    + "the annotations, then waits until it runs with that IP. The original manifest is saved first "
                    + "and its path printed, so an interrupted re-create can be finished.",
            "Pods managed by a controller (Deployment, StatefulSet, ...) are refused: the controller "
                    + "would replace them without the pin.",
            "A dry run (--dry-run=client|server) gives the verdict of the same command without it (the "
                    + "same refusals and exit codes), then prints what would be created instead of writing it.",
            "When another client pins the same address at the same moment, the Pod the server stored "
                    + "first keeps it; the other is deleted again (--recreate: its original is created again) and "
                    + "that run fails naming the winner (exit 1)."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  ipamctl pod pin-ip db-02 172.16.20.50 -n ns-db --pool pool-db --recreate",
            "  ipamctl pod pin-ip -f db-03.yaml 172.16.20.33 --pool pool-db",
            "  ipamctl pod pin-ip -f db-03.yaml 172.16.20.33 --pool pool-db --dry-run=client -o yaml"
        })
public final class PodPinIpCommand implements Callable<Integer> {

    @Parameters(
            arity = "1..2",
            paramLabel = "POD IP",
            completionCandidates = LiveName.PodThenAddress.class,
            description = "The Pod (NAME with -n, or NAMESPACE/NAME; omit with -f) and the address.")
    List<String> args;

    @Option(
            names = "--pool",
            paramLabel = "IPPOOL",
            completionCandidates = LiveName.IpPools.class,
            description = "The Antrea IPPool (default: the one bound to the Pod or namespace).")
    String pool;

    @Option(
            names = "--recreate",
            description = "Delete and re-create an existing stand-alone Pod with the address pinned.")
    boolean recreate;

    @Option(
            names = "--timeout",
            paramLabel = "DURATION",
            defaultValue = "2m",
            converter = DurationConverter.class,
            description =
                    "How long to wait for a deleted Pod to be gone and for a re-created Pod to run (default: ${DEFAULT-VALUE}).")
    Duration timeout;

    @Mixin
    WriteOptions write;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        var format = write.format();
        PodRef pod = podArgument();
        IpAddress ip = PodPinning.checkInput(pod == null ? null : pod.name(), args.get(args.size() - 1));
        if (pool != null && !PoolValidator.validateName(pool).isEmpty()) {
            throw IpamctlException.invalid(
                    "invalid --pool \"" + SafeText.printable(pool) + "\": expected an Antrea IPPool name");
        }
        Session session = IpamctlCommand.session(spec);
        PodPinService service = new PodPinService(session.client(), session.cleanups(), session::warn);
        PodPinService.Pin pin = new PodPinService.Pin(ip, pool, write.dryRun(), timeout);
        PodPinService.NewPod manifest = write.file() == null ? null : manifestPod(session, pod);
        String key = manifest != null
                ? manifest.namespace() + "/" + manifest.name()
                : namespaceOf(session, pod) + "/" + pod.name();
        PodPinService.Outcome outcome;
        try {
            outcome = manifest != null
                    ? service.create(manifest, pin)
                    : service.repin(
                            namespaceOf(session, pod),
                            pod.name(),
                            pin,
                            recreate,
                            session.environment().stateDir().resolve("recreate"),
                            saved -> {
                                session.err().println("saved the original manifest of pod " + key + " to " + saved);
                                session.err().flush();
                            });
        } catch (Refusal r) {
            throw withHint(r, key, ip);
        }
        print(session, outcome);
        return ExitCode.OK;
    }

    /** POD as NAME or NAMESPACE/NAME; null with -f and only IP given. Refused before any request. */
    private PodRef podArgument() {
        if (args.size() == 1 && write.file() == null) {
            throw IpamctlException.invalid("both POD and IP are required: ipamctl pod pin-ip POD IP (or -f FILE IP)");
        }
        if (write.file() != null && recreate) {
            throw IpamctlException.invalid(
                    "--recreate works on an existing Pod; -f creates a new one: use one of them");
        }
        if (args.size() == 1) {
            return null;
        }
        String given = args.get(0);
        if (given.contains("/")) {
            return PodRef.parse(given)
                    .orElseThrow(() -> IpamctlException.invalid(
                            "invalid pod \"" + SafeText.printable(given) + "\": use NAMESPACE/POD, or POD with -n"));
        }
        PodPinning.checkInput(given, args.get(1));
        return new PodRef(null, given);
    }

    /** The namespace of NAMESPACE/POD, of -n, or the context's; refused when the first two disagree. */
    static String namespaceOf(Session session, PodRef pod) {
        String flag = session.explicitNamespace();
        String given = pod == null ? null : pod.namespace();
        if (given != null && flag != null && !flag.equals(given)) {
            throw IpamctlException.invalid(
                    "the Pod is given in namespace " + given + " but -n says " + flag + ": give the namespace once");
        }
        return given != null ? given : session.namespace();
    }

    /** The manifest's Pod, its name and namespace reconciled with POD and -n. */
    private PodPinService.NewPod manifestPod(Session session, PodRef pod) {
        String file = write.file();
        PodPinService.NewPod manifest = PodPinService.podOf(
                ManifestDocument.read(
                        file, session.environment().cwd(), session.environment().stdin()),
                file.equals("-") ? "stdin" : file);
        if (pod != null && !pod.name().equals(manifest.name())) {
            throw IpamctlException.invalid(
                    "POD " + pod.name() + " differs from metadata.name " + SafeText.printable(manifest.name()));
        }
        String ns = manifest.namespace();
        String given = pod != null && pod.namespace() != null ? pod.namespace() : session.explicitNamespace();
        if (ns == null) {
            return manifest.inNamespace(namespaceOf(session, pod));
        }
        if (given != null && !given.equals(ns)) {
            throw IpamctlException.invalid("the manifest's namespace " + SafeText.printable(ns) + " differs from "
                    + (pod != null && pod.namespace() != null ? pod.namespace() + "/" + pod.name() : "-n " + given));
        }
        return manifest;
    }

    /** The flag that would change the service's answer, appended to its refusal. */
    private IpamctlException withHint(Refusal r, String key, IpAddress ip) {
        return switch (r.reason()) {
            case POD_NOT_FOUND -> r.hint(" (to create a new Pod with a pinned address, use -f FILE)");
            case POD_EXISTS ->
                r.hint("; to re-create it with the address pinned use: ipamctl pod pin-ip " + key + " " + ip
                        + " --recreate");
            case NEEDS_RECREATE ->
                r.hint("; pass --recreate to do that (see the new manifest first with --recreate "
                        + "--dry-run=client -o yaml)");
            case NO_POOL_BOUND -> r.hint("; pass --pool POOL (see: ipamctl pool list)");
            case SEVERAL_POOLS -> r.hint(": pass --pool POOL");
            case PIN_NOT_VERIFIED -> r.hint(" (look for other pods with: ipamctl pool usage --allocations)");
            default -> r;
        };
    }

    private void print(Session session, PodPinService.Outcome outcome) {
        PodPinning.Plan plan = outcome.plan();
        String what = "pod/" + plan.pod();
        String pinned = plan.ip() + " pinned from pool " + plan.pool();
        if (outcome instanceof PodPinService.Unchanged u) {
            session.out()
                    .println(
                            u.running()
                                    ? what + " already runs with " + pinned + " (unchanged)"
                                    : what + " already has " + pinned + " (unchanged), but does not run with it yet: "
                                            + u.notRunning());
            session.out().flush();
            return;
        }
        String line;
        if (outcome instanceof PodPinService.DryRan d) {
            line = what + (d.recreate() ? " re-created with " : " created with ") + pinned + write.dryRunSuffix();
        } else if (outcome instanceof PodPinService.Recreated && outcome.node() != null) {
            line = what + " re-created with " + pinned + " on " + outcome.node();
        } else {
            line = what
                    + (outcome instanceof PodPinService.Recreated ? " re-created with " : " created with ")
                    + pinned;
        }
        session.printer().printChange(line, what, outcome.pod(), write.format());
    }
}
