package io.ipamctl;

import java.util.regex.Pattern;

/** Kubernetes object names: the two DNS-1123 shapes the API server accepts. */
public final class DnsNames {

    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");

    private DnsNames() {}

    /** Namespaces and Services: lower case letters, digits and '-', at most 63 characters. */
    public static boolean isLabel(String s) {
        return s != null && s.length() <= 63 && LABEL.matcher(s).matches();
    }

    /** Pods, IPPools and most other objects: labels joined by '.', at most 253 characters. */
    public static boolean isSubdomain(String s) {
        return s != null && s.length() <= 253 && SUBDOMAIN.matcher(s).matches();
    }
}
