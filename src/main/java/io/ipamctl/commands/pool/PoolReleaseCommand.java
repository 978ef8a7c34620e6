package io.ipamctl.commands.pool;

import io.ipamctl.ExitCode;
import io.ipamctl.IpamctlException;
import io.ipamctl.SafeText;
import io.ipamctl.commands.ClusterScoped;
import io.ipamctl.commands.IpamctlCommand;
import io.ipamctl.commands.LiveName;
import io.ipamctl.commands.Session;
import io.ipamctl.ipam.IpAddress;
import io.ipamctl.ipam.PoolNames;
import io.ipamctl.sources.AllocationRelease;
import io.ipamctl.sources.ReleasePlan;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "release",
        header = "Free a leaked address of an Antrea or Whereabouts pool, after checking its owner is gone.",
        description = {
            "Finds the allocation of IP in the pool and checks that its owner no longer exists (the Pod, "
                    + "or for an Antrea StatefulSet reservation the StatefulSet). An address whose owner exists is "
                    + "never released.",
            "Without --yes it only says what it would free. With --yes it re-reads the pool, checks again "
                    + "and removes the entry with a resourceVersion-checked patch (retried on conflicts): Antrea: "
                    + "the status.ipAddresses entry (status.usage.used follows); Whereabouts: the spec.allocations "
                    + "entry and the address's OverlappingRangeIPReservation of that owner.",
            "Find leaked addresses with: ipamctl pool check."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  ipamctl pool release 192.168.20.13 --pool 192.168.20.0-24         # what would be freed",
            "  ipamctl pool release 192.168.20.13 --pool kube-system/192.168.20.0-24 --yes",
            "  ipamctl pool release 172.16.20.49 --pool pool-db --yes"
        })
public final class PoolReleaseCommand implements Callable<Integer>, ClusterScoped {

    @Parameters(index = "0", paramLabel = "IP", description = "The leaked address.")
    String ip;

    @Option(
            names = "--pool",
            required = true,
            paramLabel = "POOL",
            completionCandidates = LiveName.Pools.class,
            description = "The Antrea IPPool, or the Whereabouts IPPool (NAME or NAMESPACE/NAME), that lists IP; "
                    + "SOURCE/NAME as -o name prints it works too.")
    String pool;

    @Option(names = "--yes", description = "Release it (without: only show what would be released).")
    boolean yes;

    @Spec
    CommandSpec spec;

    @Override
    public String whyNoNamespace() {
        return "the pool is named with --pool (a Whereabouts pool as NAMESPACE/NAME)";
    }

    @Override
    public Integer call() {
        IpAddress address = IpAddress.tryParse(ip)
                .orElseThrow(() -> IpamctlException.invalid("\"" + SafeText.printable(ip)
                        + "\" is not a valid IP address (expected e.g. 192.168.20.13 or fd00::13)"));
        PoolNames.problem(pool).ifPresent(p -> {
            throw IpamctlException.invalid(p.replace("invalid pool name", "invalid --pool"));
        });
        Session session = IpamctlCommand.session(spec);
        AllocationRelease release = new AllocationRelease(session.client());
        if (!yes) {
            ReleasePlan plan = release.plan(pool, address);
            session.out()
                    .println("would release " + plan.ip() + " from " + plan.label() + ": " + owner(plan)
                            + "; run again with --yes to release it");
        } else {
            ReleasePlan plan = release.release(pool, address);
            session.out().println("released " + plan.ip() + " from " + plan.label() + " (" + owner(plan) + ")");
        }
        session.out().flush();
        return ExitCode.OK;
    }

    private static String owner(ReleasePlan plan) {
        return plan.owner() == null ? plan.why() : "owner " + plan.owner() + " (" + plan.why() + ")";
    }
}
