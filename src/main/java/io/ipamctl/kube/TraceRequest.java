package io.ipamctl.kube;

import java.time.Duration;
import java.util.List;

import io.ipamctl.DnsNames;
import io.ipamctl.SafeText;
import io.ipamctl.ipam.IpAddress;

/**
 * What to trace, checked without a server: a source Pod, a destination (Pod, Service or IP), the
 * packet and how to run it. Independent of how the trace is made (Antrea Traceflow today).
 *
 * @param timeout how long to wait for the result
 * @param keep    leave the cluster object of the trace in place afterwards
 */
public record TraceRequest(Endpoint source, Endpoint destination, TracePacket packet, boolean live, boolean droppedOnly,
                           Duration timeout, boolean keep) {

    /** Antrea's own default Traceflow timeout (DefaultTraceflowTimeout). */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);
    /** antctl traceflow refuses longer waits. */
    public static final Duration MAX_TIMEOUT = Duration.ofHours(12);


    /** A source or destination; namespace is null until defaulted, name null for an IP. */
    public record Endpoint(Kind kind, String namespace, String name, String ip) {

        /** "ns/name", or the IP. */
        public String text() {
            return kind == Kind.IP ? ip : namespace + "/" + name;
        }

        /** The kind and the text, for messages: Pod "default/frontend", Service "default/web", IP 10.0.0.1. */
        public String describe() {
            return kind == Kind.IP ? "IP " + ip : kind.label() + " \"" + text() + "\"";
        }

        public Endpoint inNamespace(String defaultNamespace) {
            return kind == Kind.IP || namespace != null ? this : new Endpoint(kind, defaultNamespace, name, ip);
        }
    }

    /** What an endpoint names. */
    public enum Kind {
        POD("Pod"), SERVICE("Service"), IP("IP");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }

    /** SRC: NAMESPACE/POD or POD (namespace from -n later). Adds a problem and returns null when invalid. */
    public static Endpoint parseSource(String text, List<String> problems) {
        var pod = PodRef.parse(text);
        if (pod.isPresent()) {
            return new Endpoint(Kind.POD, pod.get().namespace(), pod.get().name(), null);
        }
        problems.add("invalid source \"" + SafeText.printable(text) + "\": use NAMESPACE/POD, or POD with -n");
        return null;
    }

    /**
     * DST: an IP address, svc/NAMESPACE/SERVICE, NAMESPACE/POD or POD (in the source's namespace).
     * Adds a problem and returns null when invalid.
     */
    public static Endpoint parseDestination(String text, List<String> problems) {
        var ip = IpAddress.tryParse(text);
        if (ip.isPresent()) {
            return new Endpoint(Kind.IP, null, null, ip.get().toString());
        }
        String[] parts = text.split("/", -1);
        if (parts.length == 3 && "svc".equals(parts[0]) && DnsNames.isLabel(parts[1]) && DnsNames.isLabel(parts[2])) {
            return new Endpoint(Kind.SERVICE, parts[1], parts[2], null);
        }
        var pod = PodRef.parse(text);
        if (pod.isPresent()) {
            return new Endpoint(Kind.POD, pod.get().namespace(), pod.get().name(), null);
        }
        problems.add("invalid destination \"" + SafeText.printable(text)
                + "\": use NAMESPACE/POD, POD, an IP address, or svc/NAMESPACE/SERVICE");
        return null;
    }

    /** --timeout: more than nothing, at most antctl's 12 hours. */
    public static void checkTimeout(Duration timeout, List<String> problems) {
        if (timeout.compareTo(Duration.ofSeconds(1)) < 0 || timeout.compareTo(MAX_TIMEOUT) > 0) {
            problems.add("--timeout must be from 1s to 12h");
        }
    }

}
