package io.ipamctl.commands.metrics;

import io.ipamctl.commands.ValueForms;
import io.ipamctl.ipam.IpAddress;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import picocli.CommandLine.ITypeConverter;

/**
 * --listen IP:PORT: an IP address, never a host name (no lookup decides where metrics are exposed),
 * and no empty host (":9447" would mean every interface without saying so); [::1]:PORT for IPv6.
 */
public final class ListenAddress implements ITypeConverter<InetSocketAddress> {

    static final String EXPECTED = "IP:PORT, e.g. 127.0.0.1:9447, [::1]:9447, or 0.0.0.0:9447 for every interface";

    @Override
    public InetSocketAddress convert(String value) {
        int colon = value.lastIndexOf(':');
        if (colon <= 0) {
            throw new ValueForms.Invalid(value, EXPECTED);
        }
        String host = value.substring(0, colon);
        String port = value.substring(colon + 1);
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
            if (host.indexOf(':') < 0) {
                throw new ValueForms.Invalid(value, EXPECTED);
            }
        } else if (host.indexOf(':') >= 0) {
            throw new ValueForms.Invalid(value, EXPECTED); // an IPv6 address needs brackets: [::1]:9447
        }
        IpAddress ip = IpAddress.tryParse(host).orElseThrow(() -> new ValueForms.Invalid(value, EXPECTED));
        if (!port.matches("\\d{1,5}") || Integer.parseInt(port) > 65535) {
            throw new ValueForms.Invalid(value, EXPECTED);
        }
        try {
            return new InetSocketAddress(
                    InetAddress.getByName(ip.toString()), Integer.parseInt(port)); // a literal: no lookup
        } catch (UnknownHostException e) {
            throw new ValueForms.Invalid(value, EXPECTED);
        }
    }
}
