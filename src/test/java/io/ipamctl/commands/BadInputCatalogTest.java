package io.ipamctl.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.parallel.ResourceLock;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input across all commands: each case gets exactly one "error:" line naming the bad value,
 * its documented exit code, nothing on stdout, and the sandbox cluster's objects are unchanged.
 */
@ResourceLock("open-vswitch") // one class at a time starts OVS nodes and sandboxes (README)
class BadInputCatalogTest {

    @RegisterExtension
    static final SandboxExtension sandbox = new SandboxExtension();

    /** The manifests the cases name. */
    static Path dir;

    static CliRun cli;

    @BeforeAll
    static void seed() throws IOException {
        dir = Files.createTempDirectory("ipamctl-bad-input");
        cli = sandbox.cli();
        if (Files.isExecutable(Path.of("/usr/bin/ovs-vsctl"))) {
            cli.sandbox("ovs", "show"); // starts the sandbox's OVS nodes, whose start notice is no part of a case
        }
        Files.writeString(dir.resolve("broken.yaml"), "apiVersion: crd.antrea.io/v1beta1\nkind: IPPool\nspec: [\n");
        Files.writeString(
                dir.resolve("usage.json"),
                "{\"apiVersion\": \"ipamctl/v1\", \"kind\": \"PoolUsageList\", \"items\": []}");
        Files.writeString(dir.resolve("ns.yaml"), "apiVersion: v1\nkind: Namespace\nmetadata:\n  name: x\n");
        Files.writeString(
                dir.resolve("wb.yaml"),
                "apiVersion: whereabouts.cni.cncf.io/v1alpha1\nkind: IPPool\n"
                        + "metadata:\n  name: x\nspec:\n  range: 192.168.20.0/24\n");
        Files.writeString(
                dir.resolve("two.yaml"),
                "apiVersion: crd.antrea.io/v1beta1\nkind: IPPool\nmetadata:\n  name: a\n"
                        + "---\napiVersion: crd.antrea.io/v1beta1\nkind: IPPool\nmetadata:\n  name: b\n");
        Files.writeString(
                dir.resolve("typo.yaml"),
                "apiVersion: crd.antrea.io/v1beta1\nkind: IPPool\nmetadata:\n  name: a\n"
                        + "spec:\n  ipRange:\n  - cidr: 10.0.0.0/24\n");
        Files.writeString(
                dir.resolve("strprefix.yaml"),
                "apiVersion: crd.antrea.io/v1beta1\nkind: IPPool\nmetadata:\n"
                        + "  name: a\nspec:\n  ipRanges:\n  - cidr: 10.0.0.0/24\n  subnetInfo:\n    gateway: 10.0.0.1\n"
                        + "    prefixLength: \"24\"\n");
        Files.write(dir.resolve("bin.yaml"), new byte[] {0x7f, 'E', 'L', 'F', 0, 1});
        Files.write(dir.resolve("huge.yaml"), new byte[(1 << 20) + 1]);
        Files.createDirectories(dir.resolve("adir"));
        Files.writeString(
                dir.resolve("ca-not-pem.kubeconfig"),
                kubeconfig("certificate-authority-data: "
                        + java.util.Base64.getEncoder().encodeToString("not a certificate".getBytes())));
        Files.writeString(
                dir.resolve("ca-missing.kubeconfig"), kubeconfig("certificate-authority: " + dir.resolve("no-ca.crt")));
        // issue 15 #12: manifests without a required field name the field
        String beta = "apiVersion: crd.antrea.io/v1beta1\nkind: IPPool\nmetadata:\n  name: a\n";
        String pod = "apiVersion: v1\nkind: Pod\nmetadata:\n  namespace: ns-db\n";
        Map<String, String> manifests = Map.of(
                "nogw.yaml", beta + "spec:\n  ipRanges:\n  - cidr: 10.0.0.0/24\n  subnetInfo:\n    prefixLength: 24\n",
                "nosubnet.yaml", beta + "spec:\n  ipRanges:\n  - cidr: 10.0.0.0/24\n",
                "noranges.yaml", beta + "spec:\n  subnetInfo:\n    gateway: 10.0.0.1\n",
                "nospec.yaml", beta,
                "alpha-bare.yaml",
                        beta.replace("v1beta1", "v1alpha2")
                                + "spec:\n  ipRanges:\n  - start: 10.0.0.10\n    end: 10.0.0.20\n",
                "hostbits.yaml",
                        beta + "spec:\n  ipRanges:\n  - cidr: 10.5.0.7/24\n  subnetInfo:\n    gateway: 10.5.0.1\n"
                                + "    prefixLength: 24\n",
                "pod-noname.yaml", pod + "spec:\n  containers:\n  - name: db\n    image: registry.k8s.io/pause:3.10\n",
                "pod-nocontainers.yaml", pod + "  name: db-07\nspec:\n  nodeName: node-01\n",
                "pod-badtype.yaml",
                        pod + "  name: db-07\nspec:\n  containers:\n  - name: db\n    image: x\n    ports: 5432\n");
        for (var m : manifests.entrySet()) {
            Files.writeString(dir.resolve(m.getKey()), m.getValue());
        }
        PodManifest.write(dir, "db-01");
    }

    /** Cases on pool-bound: a pool nothing is allocated from, that namespace ns-db is bound to (made per case:
     * the sandbox is back at the seed before each test). */
    static Stream<Arguments> boundPoolCases() {
        return Stream.of(
                c(
                        2,
                        "error: IP 10.60.0.0 is the network address of the subnet 10.60.0.0/24 of IP pool pool-bound; it is never given "
                                + "to a Pod",
                        "pod",
                        "pin-ip",
                        "db-02",
                        "10.60.0.0",
                        "-n",
                        "ns-db",
                        "--pool",
                        "pool-bound"),
                // issue 15 #13: a pool a namespace is bound to is not deleted without --force
                c(
                        1,
                        "error: IPPool \"pool-bound\" is still named in ipam.antrea.io/ippools by namespace ns-db (its new Pods would "
                                + "get no address); point them at another pool first (a namespace: ipamctl ns bind NAMESPACE IPPOOL --overwrite), "
                                + "or pass --force",
                        "pool",
                        "delete",
                        "pool-bound"),
                c(
                        1,
                        "error: IPPool \"pool-bound\" is still named in ipam.antrea.io/ippools by namespace ns-db (its new Pods would "
                                + "get no address); point them at another pool first (a namespace: ipamctl ns bind NAMESPACE IPPOOL --overwrite), "
                                + "or pass --force",
                        "pool",
                        "delete",
                        "pool-bound",
                        "--dry-run=server"));
    }

    /** A kubeconfig of a server on a closed loopback port with that TLS setting of its cluster. */
    private static String kubeconfig(String clusterTls) {
        return "apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n    server: https://127.0.0.1:1\n    "
                + clusterTls + "\ncontexts:\n- name: c\n  context:\n    cluster: c\n    user: u\ncurrent-context: c\n"
                + "users:\n- name: u\n  user:\n    token: t\n";
    }

    /** Bad kubeconfigs: refused before any request, so nothing can change. */
    static Stream<Arguments> kubeconfigCases() {
        String d = dir.toString();
        return Stream.of(
                c(
                        1,
                        "error: cannot use the certificate-authority of the kubeconfig: it holds no PEM certificate",
                        "--kubeconfig",
                        d + "/ca-not-pem.kubeconfig",
                        "pool",
                        "usage"),
                c(
                        1,
                        "error: cannot read the certificate-authority file " + d
                                + "/no-ca.crt of the kubeconfig: no such file",
                        "--kubeconfig",
                        d + "/ca-missing.kubeconfig",
                        "pool",
                        "list"));
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("kubeconfigCases")
    void badKubeconfigRefusedWithOneLine(String title, int code, String error, String[] args) {
        var r = cli.run(args);
        assertEquals(error + "\n", r.err(), title);
        assertEquals(code, r.code(), title);
        assertEquals("", r.out(), title);
    }

    static Stream<Arguments> cases() {
        String d = dir.toString();
        String gw = "--gateway";
        String pl = "--prefix-length";
        // what a POOL argument that can name no pool is told (ipam.PoolNames)
        String noPool = ": expected NAME, NAMESPACE/NAME or SOURCE/NAME as -o name prints it (e.g. pool-ap, "
                + "kube-system/192.168.20.0-24, antrea/pool-ap)";
        return Stream.of(
                // pool create: names, ranges, subnet
                c(
                        2,
                        "error: a pool name is required: ipamctl pool create NAME --range START-END --gateway IP --prefix-length N",
                        "pool",
                        "create"),
                c(
                        2,
                        "error: invalid end ip address 10.0.0.300",
                        "pool",
                        "create",
                        "p",
                        "--range",
                        "10.0.0.1-10.0.0.300",
                        gw,
                        "10.0.0.254",
                        pl,
                        "24"),
                c(
                        2,
                        "error: range start 10.0.0.9 should not be greater than range end 10.0.0.1",
                        "pool",
                        "create",
                        "p",
                        "--range",
                        "10.0.0.9-10.0.0.1",
                        gw,
                        "10.0.0.254",
                        pl,
                        "24"),
                c(
                        2,
                        "error: invalid --range \"10.0.0.1\": expected START-END, e.g. 172.16.19.11-172.16.19.50",
                        "pool",
                        "create",
                        "p",
                        "--range",
                        "10.0.0.1",
                        gw,
                        "10.0.0.254",
                        pl,
                        "24"),
                c(
                        2,
                        "error: range start fd00::1 and range end 10.0.0.5 should belong to same family",
                        "pool",
                        "create",
                        "p",
                        "--range",
                        "fd00::1-10.0.0.5",
                        gw,
                        "10.0.0.254",
                        pl,
                        "24"),
                c(
                        2,
                        "error: range [fd00::1-fd00::5] must be a strict subset of the subnet 10.0.0.0/24",
                        "pool",
                        "create",
                        "p",
                        "--range",
                        "fd00::1-fd00::5",
                        gw,
                        "10.0.0.254",
                        pl,
                        "24"),
                c(
                        2,
                        "error: invalid cidr 10.0.0.0/33",
                        "pool",
                        "create",
                        "p",
                        "--cidr",
                        "10.0.0.0/33",
                        gw,
                        "10.0.0.1",
                        pl,
                        "24"),
                c(
                        2,
                        "error: invalid cidr 10.0.0/24",
                        "pool",
                        "create",
                        "p",
                        "--cidr",
                        "10.0.0/24",
                        gw,
                        "10.0.0.1",
                        pl,
                        "24"),
                c(
                        2,
                        "error: invalid argument \"0\" for \"--prefix-length\": expected a prefix length from 1 to 127, e.g. 24"
                                + " (see 'ipamctl pool create --help')",
                        "pool",
                        "create",
                        "p",
                        "--range",
                        "10.0.0.1-10.0.0.9",
                        gw,
                        "10.0.0.254",
                        pl,
                        "0"),
                c(
                        2,
                        "error: invalid prefixLength 32: must be 1..31 for an IPv4 gateway",
                        "pool",
                        "create",
                        "p",
                        "--range",
                        "10.0.0.1-10.0.0.9",
                        gw,
                        "10.0.0.254",
                        pl,
                        "32"),
                c(
                        2,
                        "error: invalid argument \"128\" for \"--prefix-length\": expected a prefix length from 1 to 127, e.g. 24"
                                + " (see 'ipamctl pool create --help')",
                        "pool",
                        "create",
                        "p",
                        "--range",
                        "fd00::1-fd00::9",
                        gw,
                        "fd00::ff",
                        pl,
                        "128"),
                c(
                        2,
                        "error: invalid argument \"10.0.0.256\" for \"--gateway\": expected an IP address such as 172.16.20.50 or "
                                + "fd00::50 (see 'ipamctl pool create --help')",
                        "pool",
                        "create",
                        "p",
                        "--range",
                        "10.0.0.1-10.0.0.9",
                        gw,
                        "10.0.0.256",
                        pl,
                        "24"),
                c(
                        2,
                        "error: invalid argument \"router.example.com\" for \"--gateway\": expected an IP address such as "
                                + "172.16.20.50 or fd00::50 (see 'ipamctl pool create --help')",
                        "pool",
                        "create",
                        "p",
                        "--range",
                        "10.0.0.1-10.0.0.9",
                        gw,
                        "router.example.com",
                        pl,
                        "24"),
                c(
                        2,
                        "error: invalid argument \"4095\" for \"--vlan\": expected a VLAN ID from 0 to 4094 (0 = untagged)"
                                + " (see 'ipamctl pool create --help')",
                        "pool",
                        "create",
                        "p",
                        "--range",
                        "10.0.0.1-10.0.0.9",
                        gw,
                        "10.0.0.254",
                        pl,
                        "24",
                        "--vlan",
                        "4095"),
                c(
                        2,
                        "error: invalid argument \"-1\" for \"--vlan\": expected a VLAN ID from 0 to 4094 (0 = untagged)"
                                + " (see 'ipamctl pool create --help')",
                        "pool",
                        "create",
                        "p",
                        "--range",
                        "10.0.0.1-10.0.0.9",
                        gw,
                        "10.0.0.254",
                        pl,
                        "24",
                        "--vlan",
                        "-1"),
                c(
                        2,
                        "error: invalid argument \"abc\" for \"--vlan\": expected a VLAN ID from 0 to 4094 (0 = untagged)"
                                + " (see 'ipamctl pool create --help')",
                        "pool",
                        "create",
                        "p",
                        "--vlan",
                        "abc"),
                c(
                        2,
                        "error: invalid argument \"24x\" for \"--prefix-length\": expected a prefix length from 1 to 127, e.g. 24"
                                + " (see 'ipamctl pool create --help')",
                        "pool",
                        "create",
                        "p",
                        pl,
                        "24x"),
                c(
                        2,
                        "error: invalid pool name \"Pool-A\": must be a DNS-1123 subdomain (lower case letters, digits, '-' and '.', "
                                + "starting and ending with a letter or digit, at most 253 characters)",
                        "pool",
                        "create",
                        "Pool-A",
                        "--range",
                        "10.0.0.1-10.0.0.9",
                        gw,
                        "10.0.0.254",
                        pl,
                        "24"),
                c(
                        2,
                        "error: invalid pool name \"pool\\x0aevil\": must be a DNS-1123 subdomain (lower case letters, digits, '-' and '.', "
                                + "starting and ending with a letter or digit, at most 253 characters)",
                        "pool",
                        "create",
                        "pool\nevil",
                        "--range",
                        "10.0.0.1-10.0.0.9",
                        gw,
                        "10.0.0.254",
                        pl,
                        "24"),
                c(
                        2,
                        "error: invalid pool name \"p;rm -rf /\": must be a DNS-1123 subdomain (lower case letters, digits, '-' and '.', "
                                + "starting and ending with a letter or digit, at most 253 characters)",
                        "pool",
                        "create",
                        "p;rm -rf /",
                        "--range",
                        "10.0.0.1-10.0.0.9",
                        gw,
                        "10.0.0.254",
                        pl,
                        "24"),
                c(
                        2,
                        "error: invalid pool name \"" + "a".repeat(254)
                                + "\": must be a DNS-1123 subdomain (lower case letters, digits, "
                                + "'-' and '.', starting and ending with a letter or digit, at most 253 characters)",
                        "pool",
                        "create",
                        "a".repeat(254),
                        "--range",
                        "10.0.0.1-10.0.0.9",
                        gw,
                        "10.0.0.254",
                        pl,
                        "24"),
                c(
                        2,
                        "error: range [10.0.0.5-10.0.0.20] overlaps with range [10.0.0.1-10.0.0.9]",
                        "pool",
                        "create",
                        "p",
                        "--range",
                        "10.0.0.1-10.0.0.9",
                        "--range",
                        "10.0.0.5-10.0.0.20",
                        gw,
                        "10.0.0.254",
                        pl,
                        "24"),
                c(
                        2,
                        "error: pool p overlaps with pool pool-db at 172.16.20.40-172.16.20.50: pools must not share addresses",
                        "pool",
                        "create",
                        "p",
                        "--range",
                        "172.16.20.40-172.16.20.60",
                        gw,
                        "172.16.20.254",
                        pl,
                        "24"),
                c(
                        2,
                        "error: gateway 10.0.0.5 lies inside range [10.0.0.1-10.0.0.9]: Antrea would hand it out to a Pod; shrink "
                                + "the range or use a CIDR range",
                        "pool",
                        "create",
                        "p",
                        "--range",
                        "10.0.0.1-10.0.0.9",
                        gw,
                        "10.0.0.5",
                        pl,
                        "24"),
                c(
                        2,
                        "error: invalid argument \"5\" for \"--ip-version\": expected 4 or 6 (see 'ipamctl pool create --help')",
                        "pool",
                        "create",
                        "p",
                        "--range",
                        "10.0.0.1-10.0.0.9",
                        gw,
                        "10.0.0.254",
                        pl,
                        "24",
                        "--ip-version",
                        "5"),
                c(
                        2,
                        "error: --ip-version 6 does not match the gateway 10.0.0.254 (IPv4); a pool holds one address family",
                        "pool",
                        "create",
                        "p",
                        "--range",
                        "10.0.0.1-10.0.0.9",
                        gw,
                        "10.0.0.254",
                        pl,
                        "24",
                        "--ip-version",
                        "6"),
                c(
                        1,
                        "error: IPPool \"pool-ap\" already exists",
                        "pool",
                        "create",
                        "pool-ap",
                        "--range",
                        "10.0.0.1-10.0.0.9",
                        gw,
                        "10.0.0.254",
                        pl,
                        "24"),
                c(
                        2,
                        "error: invalid argument \"maybe\" for \"--dry-run\": expected none, client or server"
                                + " (see 'ipamctl pool create --help')",
                        "pool",
                        "create",
                        "p",
                        "--range",
                        "10.0.0.1-10.0.0.9",
                        gw,
                        "10.0.0.254",
                        pl,
                        "24",
                        "--dry-run=maybe"),
                c(
                        2,
                        "error: invalid argument \"xml\" for \"-o\": expected yaml, json or name (see 'ipamctl pool create --help')",
                        "pool",
                        "create",
                        "p",
                        "--range",
                        "10.0.0.1-10.0.0.9",
                        gw,
                        "10.0.0.254",
                        pl,
                        "24",
                        "-o",
                        "xml"),
                // pool create -f: files
                c(
                        2,
                        "error: -f cannot be combined with --range, --cidr, --gateway, --prefix-length or --vlan",
                        "pool",
                        "create",
                        "-f",
                        d + "/ns.yaml",
                        "--range",
                        "10.0.0.1-10.0.0.9"),
                c(2, "error: file " + d + "/nope.yaml does not exist", "pool", "create", "-f", d + "/nope.yaml"),
                c(
                        2,
                        "error: " + d + "/adir is a directory; pass one manifest file",
                        "pool",
                        "create",
                        "-f",
                        d + "/adir"),
                c(
                        2,
                        "error: " + d + "/bin.yaml is a binary file, not a YAML or JSON manifest",
                        "pool",
                        "create",
                        "-f",
                        d + "/bin.yaml"),
                c(
                        2,
                        "error: " + d + "/huge.yaml is 1048577 bytes; a manifest is at most 1048576 bytes",
                        "pool",
                        "create",
                        "-f",
                        d + "/huge.yaml"),
                c(
                        2,
                        "error: " + d + "/ns.yaml holds kind \"Namespace\"; expected kind IPPool",
                        "pool",
                        "create",
                        "-f",
                        d + "/ns.yaml"),
                c(
                        2,
                        "error: " + d
                                + "/wb.yaml has apiVersion \"whereabouts.cni.cncf.io/v1alpha1\"; expected crd.antrea.io/v1beta1 or "
                                + "crd.antrea.io/v1alpha2 (whereabouts IPPools are not Antrea pools)",
                        "pool",
                        "create",
                        "-f",
                        d + "/wb.yaml"),
                c(
                        2,
                        "error: " + d + "/two.yaml holds 2 documents; pass exactly one",
                        "pool",
                        "create",
                        "-f",
                        d + "/two.yaml"),
                c(
                        2,
                        "error: " + d + "/typo.yaml: unknown field spec.ipRange (known: ipRanges, subnetInfo)",
                        "pool",
                        "create",
                        "-f",
                        d + "/typo.yaml"),
                c(
                        2,
                        "error: " + d + "/strprefix.yaml: prefixLength must be an integer, got \"24\"",
                        "pool",
                        "create",
                        "-f",
                        d + "/strprefix.yaml"),
                // pool usage / get / delete
                c(
                        2,
                        "error: invalid argument \"-1\" for \"--threshold\": expected a number from 0 to 100"
                                + " (see 'ipamctl pool usage --help')",
                        "pool",
                        "usage",
                        "--threshold",
                        "-1"),
                c(
                        2,
                        "error: invalid argument \"100.5\" for \"--threshold\": expected a number from 0 to 100"
                                + " (see 'ipamctl pool usage --help')",
                        "pool",
                        "usage",
                        "--threshold=100.5"),
                c(
                        2,
                        "error: invalid argument \"high\" for \"--threshold\": expected a number from 0 to 100"
                                + " (see 'ipamctl pool usage --help')",
                        "pool",
                        "usage",
                        "--threshold",
                        "high"),
                c(
                        1,
                        "error: IPPool \"pool-zz\" not found (list pools with: ipamctl pool list)",
                        "pool",
                        "usage",
                        "pool-zz",
                        "--source",
                        "antrea"),
                c(
                        2,
                        "error: invalid argument \"jsonpath\" for \"--output\": expected table, wide, json, yaml, name, prometheus, jsonpath=TEMPLATE,"
                                + " jsonpath-file=FILE, custom-columns=SPEC or custom-columns-file=FILE"
                                + " (see 'ipamctl pool usage --help')",
                        "pool",
                        "usage",
                        "--output",
                        "jsonpath"),
                // issue 18: -n where it would be ignored, templates, --sort-by, several names
                c(
                        2,
                        "error: invalid label selector \"a b\": cannot parse \"a b\"; expected key=value, key!=value, key, !key,"
                                + " key in (a,b) or key notin (a,b), comma-separated",
                        "ns",
                        "list",
                        "-l",
                        "a b"),
                // issue 18: -l on the pool commands, refused as kubectl refuses it
                c(
                        2,
                        "error: invalid label selector \"team=(db\": cannot parse \"team=(db\"; expected key=value, key!=value,"
                                + " key, !key, key in (a,b) or key notin (a,b), comma-separated",
                        "pool",
                        "usage",
                        "-l",
                        "team=(db"),
                c(
                        2,
                        "error: invalid label selector \"team in db\": cannot parse \"team in db\"; expected key=value,"
                                + " key!=value, key, !key, key in (a,b) or key notin (a,b), comma-separated",
                        "pool",
                        "list",
                        "--selector",
                        "team in db"),
                c(
                        2,
                        "error: invalid label selector \"=web\": cannot parse \"=web\"; expected key=value, key!=value, key,"
                                + " !key, key in (a,b) or key notin (a,b), comma-separated",
                        "pool",
                        "check",
                        "-l",
                        "=web"),
                c(
                        2,
                        "error: name cannot be provided when a selector is specified",
                        "pool",
                        "usage",
                        "pool-ap",
                        "-l",
                        "team=web"),
                c(
                        2,
                        "error: name cannot be provided when a selector is specified",
                        "pool",
                        "list",
                        "--selector=team=web",
                        "pool-ap",
                        "pool-db"),
                c(
                        2,
                        "error: name cannot be provided when a selector is specified",
                        "pool",
                        "usage",
                        "pool-ap",
                        "-l",
                        "team=web",
                        "--watch"),
                c(
                        2,
                        "error: -n/--namespace does not apply to pool list: IP pools are cluster-wide (name a Whereabouts pool as"
                                + " NAMESPACE/NAME)",
                        "pool",
                        "list",
                        "-n",
                        "ns-db"),
                c(
                        2,
                        "error: -n/--namespace does not apply to trace delete: Traceflows are cluster-scoped",
                        "trace",
                        "delete",
                        "--all",
                        "-n",
                        "default"),
                c(
                        2,
                        "error: error parsing jsonpath {range .items[*]}{.name}, {range} not closed with {end}",
                        "pool",
                        "usage",
                        "-o",
                        "jsonpath={range .items[*]}{.name}"),
                c(
                        2,
                        "error: error parsing jsonpath {.items[?(@.x==]}, invalid expression \".items[?(@.x==]\"",
                        "pool",
                        "list",
                        "-o",
                        "jsonpath={.items[?(@.x==]}"),
                c(
                        2,
                        "error: unexpected custom-columns spec: USED, expected <header>:<json-path-expr>",
                        "pool",
                        "get",
                        "pool-ap",
                        "-o",
                        "custom-columns=NAME:.name,USED"),
                c(
                        2,
                        "error: invalid --sort-by \"a b\": expected a JSONPath such as .name or {.used}, or a column name such as NAME",
                        "pool",
                        "usage",
                        "--sort-by",
                        "a b"),
                c(
                        2,
                        "error: invalid --sort-by \"AGE\": no such column; use one of NAMESPACE, POOL, TOTAL, USED, FREE, USE%,"
                                + " or a JSONPath such as .name",
                        "ns",
                        "list",
                        "--sort-by",
                        "AGE"),
                c(
                        2,
                        "error: template file /nonexistent.tmpl does not exist",
                        "trace",
                        "list",
                        "-o",
                        "jsonpath-file=/nonexistent.tmpl"),
                c(
                        2,
                        "error: invalid argument \"jsonpath\" for \"-o\": expected table, wide, json, yaml or prometheus"
                                + " (see 'ipamctl pool check --help')",
                        "pool",
                        "check",
                        "-o",
                        "jsonpath"),
                c(
                        2,
                        "error: \"node-01\" is node node-01 podCIDR 10.211.1.0/24, not an Antrea IPPool: pool delete works on Antrea IPPools only",
                        "pool",
                        "delete",
                        "pool-ap",
                        "node-01"),
                c(2, "error: invalid pool name \"a/b/c\"" + noPool, "pool", "delete", "pool-ap", "a/b/c", "pool-db"),
                c(
                        2,
                        "error: missing argument IPPOOL: ipamctl pool delete takes IPPOOL... (see 'ipamctl pool delete --help')",
                        "pool",
                        "delete"),
                c(
                        2,
                        "error: unexpected argument \"ns-db\": ipamctl ns unbind takes NAMESPACE (see 'ipamctl ns unbind --help')",
                        "ns",
                        "unbind",
                        "ns-ap",
                        "ns-db"),
                c(
                        2,
                        "error: unexpected argument \"pool-ap\": ipamctl ns list takes no arguments (see 'ipamctl ns list --help')",
                        "ns",
                        "list",
                        "pool-ap"),
                c(
                        2,
                        "error: unknown flag: --forse (see 'ipamctl pool delete --help')\nDid you mean this?\n\t--force",
                        "pool",
                        "delete",
                        "pool-db",
                        "--forse"),
                c(
                        2,
                        "error: flag needs an argument: --threshold PCT (see 'ipamctl pool usage --help')",
                        "pool",
                        "usage",
                        "--threshold"),
                c(
                        2,
                        "error: invalid argument \"yes\" for \"--watch\": expected true or false (see 'ipamctl pool usage --help')",
                        "pool",
                        "usage",
                        "--watch=yes"),
                c(
                        1,
                        "error: IPPool \"pool-db\" still has 2 allocated address(es): 172.16.20.48 (ns-db/db-01), 172.16.20.50 "
                                + "(ns-db/db-02) and is still named in ipam.antrea.io/ippools by pods ns-db/db-01, ns-db/db-02 (they would "
                                + "get no address when re-created); point them at another pool first (a namespace: ipamctl ns bind NAMESPACE "
                                + "IPPOOL --overwrite), or pass --force",
                        "pool",
                        "delete",
                        "pool-db"),
                c(
                        1,
                        "error: IPPool \"pool-zz\" not found (list pools with: ipamctl pool list)",
                        "pool",
                        "delete",
                        "pool-zz"),
                // pod why
                c(2, "error: invalid pod \"a/b/c\": use NAMESPACE/POD, or POD with -n", "pod", "why", "a/b/c"),
                c(
                        2,
                        "error: the Pod is given in namespace ns-db but -n says ns-ap: give the namespace once",
                        "pod",
                        "why",
                        "ns-db/db-01",
                        "-n",
                        "ns-ap"),
                c(1, "error: pod nope not found in namespace ns-ap", "pod", "why", "nope", "-n", "ns-ap"),
                c(
                        2,
                        "error: invalid argument \"wide\" for \"-o\": expected table, json or yaml (see 'ipamctl pod why --help')",
                        "pod",
                        "why",
                        "ns-db/db-01",
                        "-o",
                        "wide"),
                // doctor
                c(
                        2,
                        "error: unknown check bogus; --check takes one of: feature-gate, secondary-networks, crds, agents, agent-ovs, "
                                + "controller, webhook, whereabouts, bindings, pool-usage, pool-check, rbac",
                        "doctor",
                        "--check",
                        "bogus"),
                c(
                        2,
                        "error: invalid argument \"101\" for \"--threshold\": expected a number from 0 to 100 (see 'ipamctl doctor "
                                + "--help')",
                        "doctor",
                        "--threshold",
                        "101"),
                c(
                        2,
                        "error: invalid argument \"name\" for \"-o\": expected table, wide, json or yaml (see 'ipamctl doctor "
                                + "--help')",
                        "doctor",
                        "-o",
                        "name"),
                // ns
                c(
                        2,
                        "error: invalid namespace name \"ns_db\": must be a DNS-1123 label (lower case letters, digits and '-', at most 63 "
                                + "characters)",
                        "ns",
                        "bind",
                        "ns_db",
                        "pool-db"),
                c(
                        2,
                        "error: missing argument IPPOOL: ipamctl ns bind takes NAMESPACE IPPOOL [IPPOOL_V6] (see 'ipamctl ns bind --help')",
                        "ns",
                        "bind",
                        "ns-db"),
                c(
                        1,
                        "error: IPPool \"pool-zz\" not found (list pools with: ipamctl pool list)",
                        "ns",
                        "bind",
                        "ns-db",
                        "pool-zz"),
                c(
                        2,
                        "error: the same pool is named twice; pass one IPv4 pool and optionally one IPv6 pool",
                        "ns",
                        "bind",
                        "ns-db",
                        "pool-db",
                        "pool-db"),
                c(
                        2,
                        "error: pools pool-ap and pool-db are both IPv4: a namespace takes at most one pool per family (one IPv4 and one "
                                + "IPv6 for dual stack)",
                        "ns",
                        "bind",
                        "ns-db",
                        "pool-ap",
                        "pool-db"),
                c(1, "error: namespace \"ns-none\" not found", "ns", "bind", "ns-none", "pool-db"),
                c(
                        1,
                        "error: namespace ns-ap is already bound to pool-ap; pass --overwrite to bind it to pool-db instead",
                        "ns",
                        "bind",
                        "ns-ap",
                        "pool-db"),
                c(
                        2,
                        "error: invalid namespace name \"NS\": must be a DNS-1123 label (lower case letters, digits and '-', at most 63 "
                                + "characters)",
                        "ns",
                        "unbind",
                        "NS"),
                // pod pin-ip
                c(
                        2,
                        "error: \"172.16.20.256\" is not a valid IP address (expected e.g. 172.16.20.50 or fd00::50)",
                        "pod",
                        "pin-ip",
                        "db-02",
                        "172.16.20.256",
                        "-n",
                        "ns-db"),
                c(
                        2,
                        "error: \"fd00:::1\" is not a valid IP address (expected e.g. 172.16.20.50 or fd00::50)",
                        "pod",
                        "pin-ip",
                        "db-02",
                        "fd00:::1",
                        "-n",
                        "ns-db"),
                c(
                        2,
                        "error: \"$(reboot)\" is not a valid IP address (expected e.g. 172.16.20.50 or fd00::50)",
                        "pod",
                        "pin-ip",
                        "db-02",
                        "$(reboot)",
                        "-n",
                        "ns-db"),
                c(
                        2,
                        "error: invalid pod name \"DB_02\": must be a DNS-1123 subdomain",
                        "pod",
                        "pin-ip",
                        "DB_02",
                        "172.16.20.33",
                        "-n",
                        "ns-db"),
                c(
                        2,
                        "error: invalid pod \"ns-db/db/02\": use NAMESPACE/POD, or POD with -n",
                        "pod",
                        "pin-ip",
                        "ns-db/db/02",
                        "172.16.20.33"),
                c(
                        2,
                        "error: the Pod is given in namespace ns-db but -n says ns-ap: give the namespace once",
                        "pod",
                        "pin-ip",
                        "ns-db/db-02",
                        "172.16.20.33",
                        "-n",
                        "ns-ap"),
                c(
                        2,
                        "error: both POD and IP are required: ipamctl pod pin-ip POD IP (or -f FILE IP)",
                        "pod",
                        "pin-ip",
                        "db-02"),
                c(
                        2,
                        "error: --recreate works on an existing Pod; -f creates a new one: use one of them",
                        "pod",
                        "pin-ip",
                        "-f",
                        d + "/ns.yaml",
                        "172.16.20.33",
                        "--recreate"),
                c(
                        2,
                        "error: IP 172.16.19.30 does not belong to IP pool pool-db (ranges 172.16.20.11-172.16.20.50)",
                        "pod",
                        "pin-ip",
                        "db-02",
                        "172.16.19.30",
                        "-n",
                        "ns-db",
                        "--pool",
                        "pool-db"),
                c(
                        1,
                        "error: IP 172.16.20.48 is already allocated in IP pool pool-db to ns-db/db-01",
                        "pod",
                        "pin-ip",
                        "db-02",
                        "172.16.20.48",
                        "-n",
                        "ns-db"),
                c(
                        2,
                        "error: pod ns-ap/web-6d4cf56db6-8m2vn is managed by ReplicaSet web-6d4cf56db6, which would replace it without the "
                                + "pinned address; put the annotations on the ReplicaSet's Pod template instead",
                        "pod",
                        "pin-ip",
                        "web-6d4cf56db6-8m2vn",
                        "172.16.19.40",
                        "-n",
                        "ns-ap"),
                c(
                        1,
                        "error: pod db-09 not found in namespace ns-db (to create a new Pod with a pinned address, use -f FILE)",
                        "pod",
                        "pin-ip",
                        "db-09",
                        "172.16.20.33",
                        "-n",
                        "ns-db"),
                c(
                        2,
                        "error: invalid argument \"soon\" for \"--timeout\": expected a duration such as 500ms, 30s, 2m or 1h"
                                + " (see 'ipamctl pod pin-ip --help')",
                        "pod",
                        "pin-ip",
                        "db-02",
                        "172.16.20.33",
                        "--timeout",
                        "soon"),
                c(
                        2,
                        "error: " + d + "/ns.yaml holds v1 Namespace; expected a v1 Pod",
                        "pod",
                        "pin-ip",
                        "-f",
                        d + "/ns.yaml",
                        "172.16.20.33"),
                // global flags and commands
                c(
                        2,
                        "error: unknown command \"pools\" for \"ipamctl\" (see 'ipamctl --help')\nDid you mean this?\n\tpool",
                        "pools"),
                c(2, "error: unknown command \"bogus\" for \"ipamctl\" (see 'ipamctl --help')", "bogus"),
                c(
                        2,
                        "error: unknown command \"usge\" for \"ipamctl pool\" (see 'ipamctl pool --help')\nDid you mean this?\n\tusage",
                        "pool",
                        "usge"),
                c(
                        2,
                        "error: unknown command \"usge\" for \"ipamctl pool\" (see 'ipamctl pool --help')\nDid you mean this?\n\tusage",
                        "help",
                        "pool",
                        "usge"),
                c(2, "error: unknown flag: --foo (see 'ipamctl pool usage --help')", "pool", "usage", "--foo"),
                c(2, "error: unknown command \"nope\" for \"ipamctl\" (see 'ipamctl --help')", "help", "nope"),
                c(
                        2,
                        "error: unexpected argument \"all\": ipamctl options takes no arguments (see 'ipamctl options --help')",
                        "options",
                        "all"),
                c(
                        2,
                        "error: invalid argument \"name\" for \"-o\": expected json or yaml (see 'ipamctl version --help')",
                        "version",
                        "-o",
                        "name"),
                c(
                        2,
                        "error: invalid argument \"tcsh\" for \"SHELL\": expected bash, zsh or fish (see 'ipamctl completion --help')",
                        "completion",
                        "tcsh"),
                c(
                        2,
                        "error: unknown flag: --namespce (see 'ipamctl ns list --help')\nDid you mean this?\n\t--namespace",
                        "ns",
                        "list",
                        "--namespce"),
                c(
                        2,
                        "error: invalid argument \"5x\" for \"--request-timeout\": expected a duration such as 500ms, 30s, 2m or 1h"
                                + " (see 'ipamctl pool usage --help')",
                        "pool",
                        "usage",
                        "--request-timeout",
                        "5x"),
                c(
                        2,
                        "error: invalid argument \"0\" for \"--dst-port\": expected a port number from 1 to 65535"
                                + " (see 'ipamctl trace --help')",
                        "trace",
                        "default/frontend",
                        "default/backend1",
                        "--dst-port",
                        "0"),
                c(
                        2,
                        "error: invalid argument \"http\" for \"--src-port\": expected a port number from 1 to 65535"
                                + " (see 'ipamctl trace --help')",
                        "trace",
                        "default/frontend",
                        "default/backend1",
                        "--src-port",
                        "http"),
                c(
                        2,
                        "error: invalid argument \"xyz\" for \"--protocol\": expected tcp, udp, sctp, icmp or a protocol number from 0 to 255"
                                + " (see 'ipamctl trace --help')",
                        "trace",
                        "default/frontend",
                        "default/backend1",
                        "--protocol",
                        "xyz"),
                c(
                        2,
                        "error: invalid argument \"XMAS\" for \"--tcp-flags\": expected a number from 0 to 255 or flag names joined by"
                                + " commas (FIN,SYN,RST,PSH,ACK,URG,ECE,CWR), e.g. SYN,ACK (see 'ipamctl trace --help')",
                        "trace",
                        "default/frontend",
                        "default/backend1",
                        "--tcp-flags",
                        "XMAS"),
                c(
                        2,
                        "error: --sandbox cannot be combined with --kubeconfig or --context",
                        "pool",
                        "usage",
                        "--context",
                        "prod"),
                // ovs
                c(
                        2,
                        "error: --pod must be NAMESPACE/NAME (or NAME with -n), got \"a/b/c\"",
                        "ovs",
                        "show",
                        "--pod",
                        "a/b/c"),
                c(
                        2,
                        "error: --pod picks the node itself; do not combine it with --node",
                        "ovs",
                        "show",
                        "--pod",
                        "ns-db/db-01",
                        "--node",
                        "node-01"),
                c(
                        2,
                        "error: invalid argument \"1.2.3\" for \"--ip\": expected an IP address such as 172.16.20.50 or fd00::50"
                                + " (see 'ipamctl ovs flows --help')",
                        "ovs",
                        "flows",
                        "--ip",
                        "1.2.3"),
                c(
                        2,
                        "error: invalid argument \"xml\" for \"-o\": expected table, wide, json, yaml, name or raw"
                                + " (see 'ipamctl ovs show --help')",
                        "ovs",
                        "show",
                        "-o",
                        "xml"),
                c(
                        2,
                        "error: --pod takes a Pod (NAMESPACE/NAME), not an address like \"10.211.1.14\"; for the flows of an address "
                                + "use: ipamctl ovs flows --ip 10.211.1.14",
                        "ovs",
                        "flows",
                        "--pod",
                        "10.211.1.14"),
                c(
                        2,
                        "error: --table must be a table name or an ID from 0 to 254, got 255",
                        "ovs",
                        "flows",
                        "--table",
                        "255"),
                onOvs(
                        2,
                        "error: unknown table \"99\" on node node-01; its tables are " + ANTREA_TABLES,
                        "ovs",
                        "flows",
                        "--node",
                        "node-01",
                        "--table",
                        "99"),
                onOvs(
                        2,
                        "error: unknown table \"Nope\" on node node-01; its tables are " + ANTREA_TABLES,
                        "ovs",
                        "flows",
                        "--table",
                        "Nope",
                        "--summary"),
                c(
                        2,
                        "error: --diff with one side compares a saved dump with now; to compare nodes, name two: --diff node-01 node-02",
                        "ovs",
                        "flows",
                        "--diff",
                        "node-01"),
                c(2, "error: file " + d + "/nope.json does not exist", "ovs", "flows", "--diff", d + "/nope.json"),
                c(
                        2,
                        "error: " + d
                                + "/ns.yaml is not a saved flow dump: it is not JSON (save one with: ipamctl ovs flows -o json)",
                        "ovs",
                        "flows",
                        "--diff",
                        d + "/ns.yaml",
                        "node-01"),
                c(
                        2,
                        "error: " + d
                                + "/usage.json is not a saved flow dump: it is no ipamctl/v1 OvsFlowList (save one with: ipamctl "
                                + "ovs flows -o json)",
                        "ovs",
                        "flows",
                        "--diff",
                        d + "/usage.json"),
                c(
                        2,
                        "error: --diff takes node names or dumps saved with ipamctl ovs flows -o json, got \"Node_1\"",
                        "ovs",
                        "flows",
                        "--diff",
                        "Node_1",
                        "node-02"),
                c(
                        2,
                        "error: --diff compares whole flows: it cannot be combined with --summary, --pod or -o name",
                        "ovs",
                        "flows",
                        "--diff",
                        "node-01",
                        "node-02",
                        "--summary"),
                c(
                        2,
                        "error: --diff names the two sides itself; --node only picks the nodes of one saved dump",
                        "ovs",
                        "flows",
                        "--diff",
                        "node-01",
                        "node-02",
                        "--node",
                        "node-01"),
                // trace
                c(
                        2,
                        "error: missing arguments SRC DST: ipamctl trace takes SRC DST (see 'ipamctl trace --help')",
                        "trace"),
                c(
                        2,
                        "error: missing argument DST: ipamctl trace takes SRC DST (see 'ipamctl trace --help')",
                        "trace",
                        "default/frontend"),
                c(
                        2,
                        "error: trace list is a command of its own; to trace from or to a Pod named list, write it with its namespace, "
                                + "e.g. default/list",
                        "trace",
                        "list",
                        "backend1",
                        "-n",
                        "default"),
                c(
                        2,
                        "error: trace list is a command of its own; to trace from or to a Pod named list, write it with its namespace, "
                                + "e.g. default/list",
                        "trace",
                        "frontend",
                        "list",
                        "-n",
                        "default"),
                c(
                        2,
                        "error: invalid argument \"xml\" for \"-o\": expected table, wide, json, yaml, name,"
                                + " jsonpath=TEMPLATE, jsonpath-file=FILE, custom-columns=SPEC or custom-columns-file=FILE (see 'ipamctl trace list --help')",
                        "trace",
                        "list",
                        "-o",
                        "xml"),
                c(2, "error: give the Traceflows to delete (see: ipamctl trace list), or --all", "trace", "delete"),
                c(
                        2,
                        "error: give Traceflow names or --all, not both",
                        "trace",
                        "delete",
                        "--all",
                        "ipamctl-a-to-b-x1y2z"),
                c(2, "error: invalid Traceflow name \"Tf_1\": must be a DNS-1123 subdomain", "trace", "delete", "Tf_1"),
                c(
                        2,
                        "error: invalid argument \"maybe\" for \"--dry-run\": expected none, client or server (see 'ipamctl trace "
                                + "delete --help')",
                        "trace",
                        "delete",
                        "--all",
                        "--dry-run=maybe"),
                c(1, "error: Traceflow \"ipamctl-gone\" not found", "trace", "delete", "ipamctl-gone"),
                c(
                        2,
                        "error: destination \"999.1.1.1\" is not a valid IP address",
                        "trace",
                        "default/frontend",
                        "999.1.1.1"),
                c(
                        2,
                        "error: destination \"fd00::zz\" is not a valid IP address",
                        "trace",
                        "frontend",
                        "fd00::zz",
                        "-n",
                        "default"),
                c(
                        2,
                        "error: destination \"10.211.2.0/24\" is a CIDR: trace to one IP address",
                        "trace",
                        "default/frontend",
                        "10.211.2.0/24"),
                c(
                        2,
                        "error: invalid source \"10.211.1.14\": a trace starts at a Pod (NAMESPACE/POD, or POD with -n), not at an address",
                        "trace",
                        "10.211.1.14",
                        "default/backend1"),
                c(
                        2,
                        "error: invalid destination \"svc/default/Web\": use NAMESPACE/POD, POD, an IP address, or svc/NAMESPACE/SERVICE",
                        "trace",
                        "default/frontend",
                        "svc/default/Web"),
                c(
                        2,
                        "error: invalid source \"default/Frontend\": use NAMESPACE/POD, or POD with -n",
                        "trace",
                        "default/Frontend",
                        "default/backend1"),
                c(
                        2,
                        "error: Antrea's Traceflow has no SCTP ports (only TCP and UDP); drop the port, or trace on the node with --local",
                        "trace",
                        "default/frontend",
                        "default/backend1",
                        "--protocol",
                        "sctp",
                        "--dst-port",
                        "38412"),
                c(
                        2,
                        "error: --protocol 0 cannot be traced with a Traceflow: Antrea reads it as ICMP (as any protocol with --live); "
                                + "use --local",
                        "trace",
                        "default/frontend",
                        "default/backend1",
                        "--protocol",
                        "0"),
                c(
                        2,
                        "error: --dst-port works only with --protocol tcp, udp or sctp, not icmp",
                        "trace",
                        "default/frontend",
                        "default/backend1",
                        "--local",
                        "--protocol",
                        "icmp",
                        "--dst-port",
                        "7"),
                c(
                        2,
                        "error: --local traces to a Pod or an IP; a Service needs the controller's trace (drop --local)",
                        "trace",
                        "default/frontend",
                        "svc/default/frontend",
                        "--local"),
                // ns bind / unbind --dry-run, sandbox status
                c(
                        2,
                        "error: invalid argument \"maybe\" for \"--dry-run\": expected none, client or server"
                                + " (see 'ipamctl ns bind --help')",
                        "ns",
                        "bind",
                        "ns-db",
                        "pool-db",
                        "--dry-run=maybe"),
                c(
                        2,
                        "error: invalid argument \"all\" for \"--dry-run\": expected none, client or server"
                                + " (see 'ipamctl ns unbind --help')",
                        "ns",
                        "unbind",
                        "ns-ap",
                        "--dry-run=all"),
                c(
                        2,
                        "error: invalid argument \"wide\" for \"-o\": expected table, json or yaml (see 'ipamctl sandbox status --help')",
                        "sandbox",
                        "status",
                        "-o",
                        "wide"),
                // pool usage / check / release across sources
                c(
                        2,
                        "error: invalid argument \"calico\" for \"--source\": expected antrea, whereabouts, node, externalippool, servicecidr or all"
                                + " (see 'ipamctl pool usage --help')",
                        "pool",
                        "usage",
                        "--source",
                        "calico"),
                c(
                        2,
                        "error: invalid argument \"node\\x0a\" for \"--source\": expected antrea, whereabouts, node, externalippool, servicecidr or all"
                                + " (see 'ipamctl pool check --help')",
                        "pool",
                        "check",
                        "--source",
                        "node\n"),
                c(
                        2,
                        "error: invalid argument \"name\" for \"-o\": expected table, wide, json, yaml or prometheus (see 'ipamctl pool check --help')",
                        "pool",
                        "check",
                        "-o",
                        "name"),
                // -o prometheus and metrics serve
                c(
                        2,
                        "error: -o prometheus exports pool totals, not single addresses: leave out --allocations",
                        "pool",
                        "usage",
                        "--allocations",
                        "-o",
                        "prometheus"),
                c(
                        2,
                        "error: -o prometheus cannot be combined with --watch: to serve metrics that follow the pools, run: ipamctl metrics serve",
                        "pool",
                        "usage",
                        "-w",
                        "-o",
                        "prometheus"),
                c(
                        2,
                        "error: invalid argument \"openmetrics\" for \"-o\": expected table, wide, json, yaml, name, prometheus,"
                                + " jsonpath=TEMPLATE, jsonpath-file=FILE, custom-columns=SPEC or custom-columns-file=FILE (see 'ipamctl pool usage --help')",
                        "pool",
                        "usage",
                        "-o",
                        "openmetrics"),
                c(
                        2,
                        "error: invalid argument \":9447\" for \"--listen\": expected IP:PORT, e.g. 127.0.0.1:9447, [::1]:9447, or 0.0.0.0:9447"
                                + " for every interface (see 'ipamctl metrics serve --help')",
                        "metrics",
                        "serve",
                        "--listen",
                        ":9447"),
                c(
                        2,
                        "error: invalid argument \"localhost:9447\" for \"--listen\": expected IP:PORT, e.g. 127.0.0.1:9447, [::1]:9447, or"
                                + " 0.0.0.0:9447 for every interface (see 'ipamctl metrics serve --help')",
                        "metrics",
                        "serve",
                        "--listen",
                        "localhost:9447"),
                c(
                        2,
                        "error: invalid argument \"127.0.0.1:65536\" for \"--listen\": expected IP:PORT, e.g. 127.0.0.1:9447, [::1]:9447, or"
                                + " 0.0.0.0:9447 for every interface (see 'ipamctl metrics serve --help')",
                        "metrics",
                        "serve",
                        "--listen",
                        "127.0.0.1:65536"),
                c(
                        2,
                        "error: invalid argument \"::1:9447\" for \"--listen\": expected IP:PORT, e.g. 127.0.0.1:9447, [::1]:9447, or"
                                + " 0.0.0.0:9447 for every interface (see 'ipamctl metrics serve --help')",
                        "metrics",
                        "serve",
                        "--listen",
                        "::1:9447"),
                c(
                        2,
                        "error: invalid argument \"calico\" for \"--source\": expected antrea, whereabouts, node, externalippool, servicecidr or all"
                                + " (see 'ipamctl metrics serve --help')",
                        "metrics",
                        "serve",
                        "--source",
                        "calico"),
                c(
                        1,
                        "error: pool \"10.0.0.0-24\" not found in antrea, whereabouts, node, externalippool, servicecidr (list them with: ipamctl pool usage)",
                        "pool",
                        "usage",
                        "10.0.0.0-24"),
                c(
                        1,
                        "error: pool \"default/192.168.20.0-24\" not found in whereabouts (list them with: ipamctl pool usage)",
                        "pool",
                        "usage",
                        "default/192.168.20.0-24",
                        "--source",
                        "whereabouts"),
                c(
                        2,
                        "error: \"192.168.20.300\" is not a valid IP address (expected e.g. 192.168.20.13 or fd00::13)",
                        "pool",
                        "release",
                        "192.168.20.300",
                        "--pool",
                        "192.168.20.0-24"),
                c(
                        2,
                        "error: missing required flag: --pool POOL (see 'ipamctl pool release --help')",
                        "pool",
                        "release",
                        "192.168.20.13"),
                // ip: every argument is checked before anything is read
                c(
                        2,
                        "error: \"10.0.0\" is not a valid IP address (expected e.g. 172.16.19.11 or fd00:10:96::20)",
                        "ip",
                        "172.16.19.11",
                        "10.0.0"),
                c(
                        2,
                        "error: \"router.example.com\" is not a valid IP address (expected e.g. 172.16.19.11 or fd00:10:96::20)",
                        "ip",
                        "router.example.com"),
                c(
                        2,
                        "error: \"fd00:::1\" is not a valid IP address (expected e.g. 172.16.19.11 or fd00:10:96::20)",
                        "ip",
                        "fd00:::1"),
                c(
                        2,
                        "error: \"10.0.0.0/24\" is not a valid IP address (expected e.g. 172.16.19.11 or fd00:10:96::20)",
                        "ip",
                        "10.0.0.0/24"),
                c(2, "error: missing argument IP: ipamctl ip takes IP... (see 'ipamctl ip --help')", "ip"),
                c(
                        2,
                        "error: invalid argument \"calico\" for \"--source\": expected antrea, whereabouts, node, externalippool, servicecidr or all"
                                + " (see 'ipamctl ip --help')",
                        "ip",
                        "10.0.0.1",
                        "--source",
                        "calico"),
                c(
                        2,
                        "error: flag needs an argument: --pool POOL (see 'ipamctl pool release --help')",
                        "pool",
                        "release",
                        "192.168.20.13",
                        "--pool"),
                c(
                        2,
                        "error: invalid --pool \"a\\x0ab\"" + noPool,
                        "pool",
                        "release",
                        "192.168.20.13",
                        "--pool",
                        "a\nb"),
                c(
                        1,
                        "error: pool \"nope\" not found: no Antrea IPPool and no Whereabouts IPPool has that name (list them with: "
                                + "ipamctl pool usage)",
                        "pool",
                        "release",
                        "192.168.20.13",
                        "--pool",
                        "nope"),
                c(
                        2,
                        "error: \"kube-system/slicenet\" is the range of whereabouts node slices kube-system/slicenet, which holds "
                                + "no allocations itself: give the slice pool of the address's node (list them with: ipamctl pool "
                                + "usage kube-system/slicenet)",
                        "pool",
                        "release",
                        "192.168.32.1",
                        "--pool",
                        "kube-system/slicenet",
                        "--yes"),
                c(
                        1,
                        "error: 192.168.20.99 is not allocated in whereabouts pool kube-system/192.168.20.0-24; nothing to release",
                        "pool",
                        "release",
                        "192.168.20.99",
                        "--pool",
                        "192.168.20.0-24",
                        "--yes"),
                c(
                        1,
                        "error: refusing to release 192.168.20.12 from whereabouts pool kube-system/192.168.20.0-24: its owner pod "
                                + "default/pod1 exists (only addresses of pods that are gone can be released)",
                        "pool",
                        "release",
                        "192.168.20.12",
                        "--pool",
                        "192.168.20.0-24",
                        "--yes"),
                c(
                        1,
                        "error: refusing to release 172.16.19.11 from pool pool-ap: its owner pod ns-ap/web-6d4cf56db6-4lq2x exists "
                                + "(only addresses of pods that are gone can be released)",
                        "pool",
                        "release",
                        "172.16.19.11",
                        "--pool",
                        "pool-ap",
                        "--yes"),
                // issue 15 #4: a dry run gives the real run's verdict (see PinIpDryRunVerdictTest for every
                // combination)
                c(
                        2,
                        "error: pod ns-db/db-01 exists, and Antrea assigns addresses only when a Pod is created: it has to be deleted "
                                + "and created again to take 172.16.20.20 from pool pool-db; pass --recreate to do that (see the new manifest "
                                + "first with --recreate --dry-run=client -o yaml)",
                        "pod",
                        "pin-ip",
                        "db-01",
                        "172.16.20.20",
                        "-n",
                        "ns-db",
                        "--dry-run=client"),
                c(
                        2,
                        "error: pod ns-db/db-01 exists, and Antrea assigns addresses only when a Pod is created: it has to be deleted "
                                + "and created again to take 172.16.20.20 from pool pool-db; pass --recreate to do that (see the new manifest "
                                + "first with --recreate --dry-run=client -o yaml)",
                        "pod",
                        "pin-ip",
                        "db-01",
                        "172.16.20.20",
                        "-n",
                        "ns-db",
                        "--dry-run=server"),
                c(
                        1,
                        "error: pod ns-db/db-01 already exists; to re-create it with the address pinned use: ipamctl pod pin-ip "
                                + "ns-db/db-01 172.16.20.20 --recreate",
                        "pod",
                        "pin-ip",
                        "-f",
                        d + "/db-01.yaml",
                        "172.16.20.20",
                        "--dry-run=client"),
                // issue 15 #8: the subnet is named as a network, not as gateway/prefix
                c(
                        2,
                        "error: range [10.1.0.1-10.1.0.9] must be a strict subset of the subnet 10.0.0.0/24",
                        "pool",
                        "create",
                        "p",
                        "--range",
                        "10.1.0.1-10.1.0.9",
                        gw,
                        "10.0.0.254",
                        pl,
                        "24"),
                // issue 15 #11: host bits are refused, naming what Antrea would use
                c(
                        2,
                        "error: cidr 10.5.0.7/24 has host bits set: Antrea would use it as 10.5.0.0/24; write 10.5.0.0/24, or a "
                                + "start-end range 10.5.0.7-10.5.0.255 for the addresses from 10.5.0.7",
                        "pool",
                        "create",
                        "p",
                        "--cidr",
                        "10.5.0.7/24"),
                c(
                        2,
                        "error: cidr 10.5.0.7/24 has host bits set: Antrea would use it as 10.5.0.0/24; write 10.5.0.0/24, or a "
                                + "start-end range 10.5.0.7-10.5.0.255 for the addresses from 10.5.0.7",
                        "pool",
                        "create",
                        "-f",
                        d + "/hostbits.yaml"),
                // issue 15 #12: what the address is, and which manifest field is missing
                c(
                        2,
                        "error: IP 172.16.20.0 is the network address of the subnet 172.16.20.0/24 of IP pool pool-db; it is never "
                                + "given to a Pod",
                        "pod",
                        "pin-ip",
                        "db-02",
                        "172.16.20.0",
                        "-n",
                        "ns-db"),
                c(
                        2,
                        "error: IP 172.16.20.255 is the broadcast address of the subnet 172.16.20.0/24 of IP pool pool-db; it is never "
                                + "given to a Pod",
                        "pod",
                        "pin-ip",
                        "db-02",
                        "172.16.20.255",
                        "-n",
                        "ns-db"),
                c(
                        2,
                        "error: IP 172.16.20.254 is the gateway of IP pool pool-db (subnet 172.16.20.0/24)",
                        "pod",
                        "pin-ip",
                        "db-02",
                        "172.16.20.254",
                        "-n",
                        "ns-db"),
                c(
                        2,
                        "error: " + d + "/nogw.yaml: spec.subnetInfo.gateway is missing",
                        "pool",
                        "create",
                        "-f",
                        d + "/nogw.yaml"),
                c(
                        2,
                        "error: " + d + "/nosubnet.yaml: spec.subnetInfo (with gateway and prefixLength) is missing",
                        "pool",
                        "create",
                        "-f",
                        d + "/nosubnet.yaml"),
                c(
                        2,
                        "error: " + d + "/noranges.yaml: spec.ipRanges is missing\nerror: " + d + "/noranges.yaml: "
                                + "spec.subnetInfo.prefixLength is missing",
                        "pool",
                        "create",
                        "-f",
                        d + "/noranges.yaml"),
                c(2, "error: " + d + "/nospec.yaml: spec is missing", "pool", "create", "-f", d + "/nospec.yaml"),
                c(
                        2,
                        "error: " + d + "/alpha-bare.yaml: spec.ipRanges[0].gateway is missing\nerror: " + d
                                + "/alpha-bare.yaml: " + "spec.ipRanges[0].prefixLength is missing\nerror: " + d
                                + "/alpha-bare.yaml: spec.ipVersion is missing",
                        "pool",
                        "create",
                        "-f",
                        d + "/alpha-bare.yaml"),
                c(
                        2,
                        "error: " + d + "/pod-noname.yaml: metadata.name is missing",
                        "pod",
                        "pin-ip",
                        "-f",
                        d + "/pod-noname.yaml",
                        "172.16.20.33"),
                c(
                        2,
                        "error: " + d + "/pod-nocontainers.yaml: spec.containers is missing",
                        "pod",
                        "pin-ip",
                        "-f",
                        d + "/pod-nocontainers.yaml",
                        "172.16.20.33"),
                c(
                        2,
                        "error: " + d
                                + "/pod-badtype.yaml is not a valid Pod: spec.containers[0].ports has the wrong type",
                        "pod",
                        "pin-ip",
                        "-f",
                        d + "/pod-badtype.yaml",
                        "172.16.20.33"),
                // issue 15 #15: every name checked before the first request (the forms of every source are taken, see
                // below)
                c(
                        2,
                        "error: invalid pool name \"ippool/pool-ap\": write it without kubectl's \"ippool/\": pool-ap or antrea/pool-ap "
                                + "(a Whereabouts pool in namespace ippool: whereabouts/ippool/pool-ap)",
                        "pool",
                        "get",
                        "ippool/pool-ap"),
                c(
                        2,
                        "error: invalid pool name \"ippools.crd.antrea.io/pool-ap\": write it without kubectl's \"ippools.crd.antrea.io/\": "
                                + "pool-ap or antrea/pool-ap",
                        "pool",
                        "delete",
                        "ippools.crd.antrea.io/pool-ap"),
                c(2, "error: invalid pool name \"../pool-ap\"" + noPool, "pool", "get", "../pool-ap"),
                c(2, "error: invalid pool name \"%2F\"" + noPool, "pool", "delete", "%2F"),
                c(2, "error: invalid pool name \"a/b/c\"" + noPool, "pool", "usage", "a/b/c"),
                c(2, "error: invalid pool name \"kube.system/pool-ap\"" + noPool, "pool", "get", "kube.system/pool-ap"),
                c(
                        2,
                        "error: invalid namespace \"\" given with -n: it is empty (omit -n for the context's namespace)",
                        "pod",
                        "pin-ip",
                        "db-01",
                        "172.16.20.20",
                        "-n",
                        ""),
                c(
                        2,
                        "error: invalid namespace \"NS-DB\" given with -n: a namespace is a DNS-1123 label (lower case letters, digits "
                                + "and '-', at most 63 characters)",
                        "pool",
                        "list",
                        "-n",
                        "NS-DB"),
                c(
                        2,
                        "error: invalid --context \"\": it is empty (omit --context for the kubeconfig's current context)",
                        "pool",
                        "list",
                        "--context",
                        ""),
                c(
                        2,
                        "error: invalid --pool \"Pool-DB\": expected an Antrea IPPool name",
                        "pod",
                        "pin-ip",
                        "db-02",
                        "172.16.20.33",
                        "-n",
                        "ns-db",
                        "--pool",
                        "Pool-DB"),
                c(
                        2,
                        "error: invalid --pool \"node/node-01\": node pools keep no allocations to release (their addresses are freed "
                                + "with their Pods); release frees Antrea IPPool and Whereabouts IPPool addresses",
                        "pool",
                        "release",
                        "10.211.1.4",
                        "--pool",
                        "node/node-01",
                        "--yes"),
                c(
                        2,
                        "error: invalid --pool \"node-01\": node pools keep no allocations to release (their addresses are freed "
                                + "with their Pods); release frees Antrea IPPool and Whereabouts IPPool addresses",
                        "pool",
                        "release",
                        "10.211.1.4",
                        "--pool",
                        "node-01"),
                // POOL arguments of every source, checked before any request; Antrea-only commands name another
                // source's pool
                c(2, "error: invalid pool name \"a/b/c\"" + noPool, "pool", "get", "a/b/c"),
                c(2, "error: invalid pool name \"../pool-ap\"" + noPool, "pool", "usage", "../pool-ap"),
                c(2, "error: invalid pool name \"\"" + noPool, "pool", "get", ""),
                c(
                        2,
                        "error: invalid argument \"calico\" for \"--source\": expected antrea, whereabouts, node, externalippool, servicecidr or all"
                                + " (see 'ipamctl pool list --help')",
                        "pool",
                        "list",
                        "--source",
                        "antrea,calico"),
                c(
                        2,
                        "error: \"node-01\" is node node-01 podCIDR 10.211.1.0/24, not an Antrea IPPool: pool delete works on Antrea "
                                + "IPPools only",
                        "pool",
                        "delete",
                        "node-01"),
                c(
                        2,
                        "error: \"192.168.20.0-24\" is whereabouts pool kube-system/192.168.20.0-24, not an Antrea IPPool: pool delete "
                                + "works on Antrea IPPools only",
                        "pool",
                        "delete",
                        "192.168.20.0-24",
                        "--force"),
                c(
                        2,
                        "error: \"kube-system/192.168.20.0-24\" is a namespaced pool (Antrea IPPools have no namespace), not an Antrea "
                                + "IPPool: pool delete works on Antrea IPPools only",
                        "pool",
                        "delete",
                        "kube-system/192.168.20.0-24"),
                c(
                        2,
                        "error: \"whereabouts/kube-system/192.168.20.0-24\" is a whereabouts pool, not an Antrea IPPool: pool delete works "
                                + "on Antrea IPPools only",
                        "pool",
                        "delete",
                        "whereabouts/kube-system/192.168.20.0-24"),
                c(
                        2,
                        "error: \"node/pool-x\" is a node pool name, not an Antrea IPPool: pool create works on Antrea IPPools only",
                        "pool",
                        "create",
                        "node/pool-x",
                        "--cidr",
                        "10.9.0.0/24"),
                // issue 15.10: overlap with the pools of every source ipamctl reads
                c(
                        2,
                        "error: pool ovl-node overlaps with node node-01 podCIDR 10.211.1.0/24 at 10.211.1.0-10.211.1.255: pools must not "
                                + "share addresses",
                        "pool",
                        "create",
                        "ovl-node",
                        "--cidr",
                        "10.211.1.0/24"),
                c(
                        2,
                        "error: pool ovl-wb overlaps with whereabouts pool kube-system/192.168.20.0-24 (range 192.168.20.0/24) at "
                                + "192.168.20.150-192.168.20.160: pools must not share addresses",
                        "pool",
                        "create",
                        "ovl-wb",
                        "--range",
                        "192.168.20.150-192.168.20.160",
                        gw,
                        "192.168.20.254",
                        pl,
                        "24",
                        "--vlan",
                        "30"));
    }

    /** The tables of the sandbox's OVS nodes (cli/ovs-node names them as Antrea does), as an unknown --table lists them. */
    private static final String ANTREA_TABLES =
            "PipelineRootClassifier (0), ARPSpoofGuard (1), ARPResponder (2), Classifier (3), "
                    + "SpoofGuard (4), IPv6 (5), PipelineIPClassifier (6), UnSNAT (7), ConntrackZone (8), ConntrackState (9), "
                    + "PreRoutingClassifier (10), NodePortMark (11), SessionAffinity (12), ServiceLB (13), DSRServiceMark (14), "
                    + "EndpointDNAT (15), DNAT (16), EgressSecurityClassifier (17), AntreaPolicyEgressRule (18), EgressRule (19), "
                    + "EgressDefaultRule (20), EgressMetric (21), L3Forwarding (22), EgressMark (23), EgressQoS (24), L3DecTTL (25), "
                    + "SNATMark (26), SNAT (27), L2ForwardingCalc (28), TrafficControl (29), IngressSecurityClassifier (30), "
                    + "AntreaPolicyIngressRule (31), IngressRule (32), IngressDefaultRule (33), IngressMetric (34), ConntrackCommit (35), "
                    + "VLAN (36), Output (37)";

    private static Arguments c(int code, String error, String... args) {
        return Arguments.of(String.join(" ", args).replace("\n", "\\n"), code, error, args, false);
    }

    /** A case the sandbox's local Open vSwitch nodes answer (skipped where OVS is not installed). */
    private static Arguments onOvs(int code, String error, String... args) {
        return Arguments.of(String.join(" ", args), code, error, args, true);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("boundPoolCases")
    void refusedOnABoundPoolWithOneLineAndNothingChanged(String title, int code, String error, String[] args) {
        cli.sandbox("pool", "create", "pool-bound", "--cidr", "10.60.0.0/24");
        cli.sandbox("ns", "bind", "ns-db", "pool-bound");
        refusedWithOneLineAndNothingChanged(title, code, error, args, false);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @MethodSource("cases")
    void refusedWithOneLineAndNothingChanged(String title, int code, String error, String[] args, boolean onOvs) {
        if (onOvs) {
            Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/ovs-vsctl")), "Open vSwitch is not installed");
        }
        String before = ServerState.of(sandbox.state());
        var r = cli.sandbox(args);
        assertEquals(error + "\n", r.errWithoutSandboxLine(), title);
        assertEquals(code, r.code(), title);
        assertEquals("", r.out(), title);
        assertEquals(before, ServerState.of(sandbox.state()), "server state changed by: " + title);
    }
}
