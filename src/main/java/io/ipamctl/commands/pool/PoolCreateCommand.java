package io.ipamctl.commands.pool;

import io.ipamctl.IpamctlException;
import io.ipamctl.SafeText;
import io.ipamctl.commands.ClusterScoped;
import io.ipamctl.commands.IpamctlCommand;
import io.ipamctl.commands.Session;
import io.ipamctl.commands.ValueForms;
import io.ipamctl.commands.WriteOptions;
import io.ipamctl.ipam.Cidr;
import io.ipamctl.ipam.IpAddress;
import io.ipamctl.ipam.IpamSource;
import io.ipamctl.ipam.Overlaps;
import io.ipamctl.ipam.PoolCapacity;
import io.ipamctl.ipam.PoolDefinition;
import io.ipamctl.ipam.PoolRangeSpec;
import io.ipamctl.ipam.PoolUsage;
import io.ipamctl.ipam.PoolValidator;
import io.ipamctl.kube.IpPoolStore;
import io.ipamctl.kube.PoolCreation;
import io.ipamctl.kube.PoolManifest;
import io.ipamctl.kube.PoolRecord;
import io.ipamctl.output.OutputFormat;
import io.ipamctl.sources.IpamInventory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(
        name = "create",
        header = "Create an Antrea IPPool, validated before it reaches the server.",
        description = {
            "Checks every rule of Antrea's IPPool webhook (gateway, prefix length, ranges inside the "
                    + "subnet, no overlap inside the pool), and what Antrea does not check: overlap with any "
                    + "existing pool of any source (Antrea IPPools, Nodes' podCIDRs, Whereabouts ranges), a gateway "
                    + "inside a start-end range, mixed IPv4/IPv6, VLAN 0-4094 and a DNS-1123 name. Each problem is "
                    + "one line; nothing is sent while any remains (exit 2).",
            "A CIDR with host bits set (10.5.0.7/24) is refused: Antrea's parser (Go's net.ParseCIDR) "
                    + "keeps only its network, so the pool would hold 10.5.0.0/24; write the network, or a "
                    + "start-end range.",
            "A pool that can give no address to a new Pod (a /31 or /32 CIDR, a CIDR holding only the "
                    + "gateway) is created, as Antrea allows it, with a warning that says why; pool usage shows it "
                    + "100%% full.",
            "When another client creates an overlapping pool at the same moment, the pool the server "
                    + "stored first stays; the other is deleted again and that run fails naming both pools (exit "
                    + "1).",
            "The pool is created as crd.antrea.io/v1beta1 where served, else v1alpha2.",
            "Output: a kubectl-style line (default), yaml, json or name."
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  # seed scenario: 172.16.19.11-50, gateway .254/24, VLAN 19",
            "  ipamctl pool create pool-ap --range 172.16.19.11-172.16.19.50 --gateway 172.16.19.254 --prefix-length 24 --vlan 19",
            "  ipamctl pool create pool-web --cidr 10.2.0.0/24            # gateway 10.2.0.1, /24 by default",
            "  ipamctl pool create -f pool-db.yaml --dry-run=server -o yaml"
        })
public final class PoolCreateCommand implements Callable<Integer>, ClusterScoped {

    @Parameters(index = "0", arity = "0..1", paramLabel = "NAME", description = "The pool name (a DNS-1123 subdomain).")
    String name;

    @Option(names = "--range", paramLabel = "START-END", description = "An inclusive address range; repeatable.")
    List<String> ranges = new ArrayList<>();

    @Option(
            names = "--cidr",
            paramLabel = "CIDR",
            description = "A CIDR range (network address and gateway never handed out); repeatable.")
    List<String> cidrs = new ArrayList<>();

    @Option(
            names = "--gateway",
            paramLabel = "IP",
            converter = ValueForms.Ip.class,
            description = "The subnet's gateway (default with a single --cidr: its first address).")
    String gateway;

    @Option(
            names = "--prefix-length",
            paramLabel = "N",
            converter = ValueForms.PrefixLength.class,
            description = "The subnet's prefix length (default with a single --cidr: its prefix).")
    Integer prefixLength;

    @Option(
            names = "--vlan",
            paramLabel = "ID",
            defaultValue = "0",
            converter = ValueForms.VlanId.class,
            description = "VLAN ID 0-4094, 0 = untagged (default: ${DEFAULT-VALUE}).")
    int vlan;

    @Option(
            names = "--ip-version",
            paramLabel = "4|6",
            converter = ValueForms.IpVersion.class,
            completionCandidates = ValueForms.IpVersions.class,
            description = "Address family; must match the gateway (default: the gateway's).")
    Integer ipVersion;

    @Mixin
    WriteOptions write;

    @Spec
    CommandSpec spec;

    @Override
    public String whyNoNamespace() {
        return "Antrea IPPools are cluster-scoped";
    }

    @Override
    public Integer call() {
        OutputFormat format = write.format();
        name = AntreaPoolName.ofNew(name);
        PoolManifest.Parsed parsed = write.file() != null ? fromFile() : new PoolManifest.Parsed(fromFlags(), 0, null);
        PoolDefinition def = parsed.definition();
        int version = checkedIpVersion(def, ipVersion != null ? ipVersion : parsed.ipVersion());
        // Problems of the pool itself first: they need no server, and nothing is sent while any remains.
        List<String> problems = PoolValidator.validate(def, List.of());
        if (!problems.isEmpty()) {
            throw IpamctlException.invalid(problems);
        }
        Session session = IpamctlCommand.session(spec);
        IpPoolStore store = new IpPoolStore(session.client(), session.cache());
        List<PoolRecord> existing = store.list();
        if (existing.stream().anyMatch(p -> p.name().equals(def.name()))) {
            throw IpamctlException.failed("IPPool \"" + def.name() + "\" already exists");
        }
        problems = new ArrayList<>(PoolValidator.validate(
                def, existing.stream().map(PoolRecord::definition).toList()));
        // Antrea's own pools are checked again after the create (PoolCreation); the other sources' pools are not
        // created by a racing ipamctl, so this look suffices
        problems.addAll(Overlaps.with(
                def.name(),
                def.spans(),
                IpamInventory.allBut(session.client(), IpamSource.ANTREA, IpamInventory.Purpose.USAGE, session::warn)
                        .blocks()));
        if (!problems.isEmpty()) {
            throw IpamctlException.invalid(problems);
        }
        Object shown = switch (write.dryRun()) {
            case CLIENT -> store.manifest(def, version);
            case SERVER -> store.manifest(store.create(def, version, true).definition(), version);
            case NONE ->
                store.manifest(new PoolCreation(store).create(def, version).definition(), version);
        };
        // a pool that gives no address to a new Pod is legal for Antrea, but almost never what was meant
        PoolUsage.capacityWarnings(def, PoolCapacity.of(def)).forEach(session::warn);
        session.printer()
                .printChange(
                        "ippool.crd.antrea.io/" + def.name() + " created" + write.dryRunSuffix(),
                        "ippool.crd.antrea.io/" + def.name(),
                        shown,
                        format);
        return 0;
    }

    private PoolManifest.Parsed fromFile() {
        if (!ranges.isEmpty() || !cidrs.isEmpty() || gateway != null || prefixLength != null || vlan != 0) {
            throw IpamctlException.invalid(
                    "-f cannot be combined with --range, --cidr, --gateway, --prefix-length or --vlan");
        }
        String file = write.file();
        PoolManifest.Parsed parsed = PoolManifest.read(
                file,
                IpamctlCommand.session(spec).environment().cwd(),
                IpamctlCommand.session(spec).environment().stdin());
        String fileName = parsed.definition().name();
        if (name != null && fileName != null && !name.equals(fileName)) {
            throw IpamctlException.invalid("the name " + SafeText.printable(name) + " differs from metadata.name "
                    + SafeText.printable(fileName) + " in " + SafeText.printable(file));
        }
        if (fileName == null) {
            PoolDefinition d = parsed.definition();
            return new PoolManifest.Parsed(
                    new PoolDefinition(name, d.ranges(), d.gateway(), d.prefixLength(), d.vlan()),
                    parsed.ipVersion(),
                    parsed.apiVersion());
        }
        return parsed;
    }

    private PoolDefinition fromFlags() {
        if (name == null) {
            throw IpamctlException.invalid(
                    "a pool name is required: ipamctl pool create NAME --range START-END --gateway IP --prefix-length N");
        }
        List<PoolRangeSpec> specs = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        for (String r : ranges) {
            String[] parts = r.split("-", -1);
            if (parts.length != 2 || parts[0].isBlank() || parts[1].isBlank()) {
                problems.add("invalid --range \"" + SafeText.printable(r)
                        + "\": expected START-END, e.g. 172.16.19.11-172.16.19.50");
            } else {
                specs.add(PoolRangeSpec.ofStartEnd(parts[0].trim(), parts[1].trim()));
            }
        }
        cidrs.forEach(c -> specs.add(PoolRangeSpec.ofCidr(c)));
        if (specs.isEmpty() && problems.isEmpty()) {
            problems.add("a pool needs at least one --range START-END or --cidr CIDR");
        }
        String gw = gateway;
        Integer plen = prefixLength;
        if ((gw == null || plen == null) && cidrs.size() == 1 && ranges.isEmpty()) {
            var cidr = Cidr.tryParse(cidrs.get(0));
            if (cidr.isPresent()) {
                gw = gw != null ? gw : cidr.get().network().plus(1).toString();
                plen = plen != null ? plen : cidr.get().prefixLength();
            }
        }
        if (gw == null) {
            problems.add("--gateway is required (the subnet's router, e.g. 172.16.19.254)");
        }
        if (plen == null) {
            problems.add("--prefix-length is required (the subnet's prefix, e.g. 24)");
        }
        if (!problems.isEmpty()) {
            throw IpamctlException.invalid(problems);
        }
        return new PoolDefinition(name, specs, gw, plen, vlan);
    }

    private static int checkedIpVersion(PoolDefinition def, int requested) {
        var gw = IpAddress.tryParse(def.gateway());
        int actual = gw.map(g -> g.family().version()).orElse(requested);
        if (requested != 0 && requested != 4 && requested != 6) {
            throw IpamctlException.invalid("--ip-version must be 4 or 6, got " + requested);
        }
        if (requested != 0 && gw.isPresent() && requested != actual) {
            throw IpamctlException.invalid("--ip-version " + requested + " does not match the gateway " + def.gateway()
                    + " (IPv" + actual + "); a pool holds one address family");
        }
        return actual;
    }
}
