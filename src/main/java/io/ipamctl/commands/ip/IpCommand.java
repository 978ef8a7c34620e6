package io.ipamctl.commands.ip;

import io.ipamctl.ExitCode;
import io.ipamctl.IpamctlException;
import io.ipamctl.SafeText;
import io.ipamctl.commands.IpamctlCommand;
import io.ipamctl.commands.OutputOptions;
import io.ipamctl.commands.Session;
import io.ipamctl.commands.pool.SourceOption;
import io.ipamctl.ipam.IpAddress;
import io.ipamctl.output.AddressView;
import io.ipamctl.output.OutputFormat;
import io.ipamctl.sources.IpamInventory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "ip",
        header =
                "Who holds an address: every pool that includes it, its state there and its owner; exit 3 if held twice.",
        description = {
            "For each IP (IPv4 or IPv6), one row per pool of every source (Antrea IPPools, Whereabouts IPPools, "
                    + "Node podCIDRs, Antrea ExternalIPPools, ServiceCIDRs) whose addresses include it, with its "
                    + "STATE there:",
            "  free  the source may hand it out and nobody holds it",
            "  allocated  handed out; OWNER holds it (a Pod with its NODE, an Egress, a Service)",
            "  reserved  kept for an owner that does not hold it now (an Antrea StatefulSet reservation)",
            "  excluded  taken out by the pool's config (Whereabouts exclude, outside range_start..range_end)",
            "  gateway, network, broadcast  never handed out (broadcast: IPv4 only)",
            "  unusable  inside the pool but never handed out for another reason (past Antrea's 65536 cap, "
                    + "an IPv6 ServiceCIDR shorter than /64)",
            "  outside every pool  no pool of any source read includes it (a running Pod that still has it is its OWNER)",
            "An address is held twice when two owners hold it (two-owners; Whereabouts pools of networks kept "
                    + "apart may each hand it out) or pools of two sources record it as handed out (two-sources: "
                    + "overlapping pools); each such address gets a line after the table and the exit code is 3.",
            "Output: table (default), wide (KIND, PHASE, CONTAINER-ID, DETAIL), json, yaml; the json/yaml schema is "
                    + "ipamctl/v1 AddressReport, fields in the README. Exit codes: 0 none held twice, 2 an argument "
                    + "is not an IP address (nothing is read), 3 some address is held twice."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  ipamctl ip 172.16.19.11                     # a duplicate-IP alarm fired: who has this address?",
            "  ipamctl ip 10.211.1.2 192.168.20.13 -o wide  # several at once, with why (DETAIL)",
            "  ipamctl ip fd00:10:96::20 --source servicecidr",
            "  ipamctl ip 10.96.0.1 -o json | jq '.items[0].states'"
        })
public final class IpCommand implements Callable<Integer> {

    @Parameters(arity = "1..*", paramLabel = "IP", description = "The addresses to look up (IPv4 or IPv6).")
    List<String> ips = new ArrayList<>();

    @Mixin
    SourceOption source;

    @Mixin
    OutputOptions output = new OutputOptions(
            OutputFormat.TABLE, OutputFormat.TABLE, OutputFormat.WIDE, OutputFormat.JSON, OutputFormat.YAML);

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        List<IpAddress> addresses = new ArrayList<>();
        for (String text : ips) {
            addresses.add(IpAddress.tryParse(text)
                    .orElseThrow(() -> IpamctlException.invalid("\"" + SafeText.printable(text)
                            + "\" is not a valid IP address (expected e.g. 172.16.19.11 or fd00:10:96::20)")));
        }
        var only = source.only();
        OutputFormat format = output.format();
        Session session = IpamctlCommand.session(spec);
        IpamInventory inventory = IpamInventory.load(
                session.client(), session.cache(), only, IpamInventory.Purpose.OWNERS, session::warn);
        AddressView view = new AddressView(
                inventory.sources(), addresses.stream().map(inventory::lookUp).toList());
        session.printer().print(view, format, output.headers());
        return view.heldTwice() == 0 ? ExitCode.OK : ExitCode.THRESHOLD;
    }
}
