package io.ipamctl.trace;

import java.time.Duration;

/**
 * What to trace: a source Pod, a destination (Pod, Service or IP), the packet and how to run it.
 * Independent of how the trace is made (an Antrea Traceflow, or ofproto/trace on one node).
 *
 * @param timeout how long to wait for the result
 * @param keep    leave the cluster object of the trace in place afterwards
 */
public record TraceRequest(
        Endpoint source,
        Endpoint destination,
        TracePacket packet,
        boolean live,
        boolean droppedOnly,
        Duration timeout,
        boolean keep) {

    /** Antrea's own default Traceflow timeout (DefaultTraceflowTimeout). */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(20);
    /** antctl traceflow refuses longer waits. */
    public static final Duration MAX_TIMEOUT = Duration.ofHours(12);
    /** The Traceflow CRD accepts spec.timeout from 1 to 300 seconds: Antrea stops looking after that. */
    public static final Duration ANTREA_MAX_TIMEOUT = Duration.ofSeconds(300);

    /** A source or destination; namespace is null until defaulted, name null for an IP. */
    public record Endpoint(Kind kind, String namespace, String name, String ip) {

        public static Endpoint pod(String namespace, String name) {
            return new Endpoint(Kind.POD, namespace, name, null);
        }

        public static Endpoint service(String namespace, String name) {
            return new Endpoint(Kind.SERVICE, namespace, name, null);
        }

        public static Endpoint ip(String ip) {
            return new Endpoint(Kind.IP, null, null, ip);
        }

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
        POD("Pod"),
        SERVICE("Service"),
        IP("IP");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        public String label() {
            return label;
        }
    }
}
