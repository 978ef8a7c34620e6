package io.ipamctl.commands;

import io.ipamctl.ipam.IpAddress;
import io.ipamctl.ipam.IpFamily;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Converters for typed option values that say what form a value must have. A bad value is refused while
 * the command line is parsed, as {@code invalid argument "abc" for "--threshold": expected a number from 0
 * to 100} (ErrorHandler names the flag); the expected form is written once, here, next to the check.
 */
public final class ValueForms {

    private ValueForms() {}

    /** A value of the wrong form, and the form expected ("a number from 0 to 100"). */
    public static final class Invalid extends TypeConversionException {
        private static final long serialVersionUID = 1L;

        private final String expected;

        public Invalid(String value, String expected) {
            super("invalid value \"" + value + "\": expected " + expected);
            this.expected = expected;
        }

        public String expected() {
            return expected;
        }
    }

    /** "a, b or c". */
    public static String oneOf(java.util.List<String> choices) {
        if (choices.size() == 1) {
            return choices.get(0);
        }
        return String.join(", ", choices.subList(0, choices.size() - 1)) + " or " + choices.get(choices.size() - 1);
    }

    /** A whole number from min to max, or Invalid naming the form. */
    static int whole(String value, int min, int max, String expected) {
        if (!value.matches("-?\\d{1,10}")) {
            throw new Invalid(value, expected);
        }
        long n = Long.parseLong(value);
        if (n < min || n > max) {
            throw new Invalid(value, expected);
        }
        return (int) n;
    }

    /** trace --protocol: a protocol by name or number, as the packet's parser reads it. */
    public static final class Protocol implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            if (io.ipamctl.trace.TracePacket.protocolNumber(value) == null) {
                java.util.List<String> forms = new java.util.ArrayList<>();
                new io.ipamctl.trace.TracePacket.Protocols().forEach(forms::add);
                forms.add("a protocol number from 0 to 255");
                throw new Invalid(value, oneOf(forms));
            }
            return value;
        }
    }

    /** --threshold: a percentage, 0 to 100, fractions allowed. */
    public static final class Percent implements ITypeConverter<Double> {
        @Override
        public Double convert(String value) {
            String expected = "a number from 0 to 100";
            if (!value.matches("\\d{1,3}(\\.\\d+)?")) {
                throw new Invalid(value, expected);
            }
            double d = Double.parseDouble(value);
            if (d > 100) {
                throw new Invalid(value, expected);
            }
            return d;
        }
    }

    /** --src-port, --dst-port. */
    public static final class Port implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return whole(value, 1, 65535, "a port number from 1 to 65535");
        }
    }

    /** trace --tcp-flags: a number or flag names, as the packet's parser reads them. */
    public static final class TcpFlags implements ITypeConverter<String> {
        public static final String EXPECTED = "a number from 0 to 255 or flag names joined by commas ("
                + String.join(",", io.ipamctl.trace.TracePacket.TCP_FLAG_NAMES) + "), e.g. SYN,ACK";

        @Override
        public String convert(String value) {
            if (io.ipamctl.trace.TracePacket.tcpFlags(value) == null) {
                throw new Invalid(value, EXPECTED);
            }
            return value;
        }
    }

    /** --vlan: Antrea's VLAN ID range. */
    public static final class VlanId implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return whole(value, 0, 4094, "a VLAN ID from 0 to 4094 (0 = untagged)");
        }
    }

    /** --prefix-length: its upper bound depends on the family, which the pool's validation checks. */
    public static final class PrefixLength implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            return whole(value, 1, 127, "a prefix length from 1 to 127, e.g. 24");
        }
    }

    /** --ip-version. */
    public static final class IpVersion implements ITypeConverter<Integer> {
        @Override
        public Integer convert(String value) {
            java.util.List<String> versions = new java.util.ArrayList<>();
            new IpVersions().forEach(versions::add);
            if (!versions.contains(value)) {
                throw new Invalid(value, oneOf(versions));
            }
            return Integer.valueOf(value);
        }
    }

    /** The values of --ip-version: the address families' version numbers. */
    public static final class IpVersions implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return java.util.Arrays.stream(IpFamily.values())
                    .map(f -> String.valueOf(f.version()))
                    .iterator();
        }
    }

    /** An IP address option; the text is kept as written (validation messages quote it). */
    public static final class Ip implements ITypeConverter<String> {
        @Override
        public String convert(String value) {
            if (IpAddress.tryParse(value).isEmpty()) {
                throw new Invalid(value, "an IP address such as 172.16.20.50 or fd00::50");
            }
            return value;
        }
    }
}
