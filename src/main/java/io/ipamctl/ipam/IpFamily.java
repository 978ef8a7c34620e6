package io.ipamctl.ipam;

/** An address family, with the bit width that all range arithmetic depends on. */
public enum IpFamily {
    V4(32, "IPv4"),
    V6(128, "IPv6");

    private final int bits;
    private final String label;

    IpFamily(int bits, String label) {
        this.bits = bits;
        this.label = label;
    }

    public int bits() {
        return bits;
    }

    /** 4 or 6, as Antrea's v1alpha2 {@code ipVersion} field spells it. */
    public int version() {
        return this == V4 ? 4 : 6;
    }

    @Override
    public String toString() {
        return label;
    }
}
