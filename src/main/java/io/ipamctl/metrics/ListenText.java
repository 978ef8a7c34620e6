package io.ipamctl.metrics;

import java.net.Inet6Address;
import java.net.InetSocketAddress;

/** How messages write a listen address: 127.0.0.1:9447, [::1]:9447. */
public final class ListenText {

    private ListenText() {}

    public static String of(InetSocketAddress address) {
        String host = address.getAddress() == null
                ? address.getHostString()
                : address.getAddress().getHostAddress();
        if (address.getAddress() instanceof Inet6Address) {
            int zone = host.indexOf('%');
            host = "[" + (zone < 0 ? host : host.substring(0, zone)) + "]";
        }
        return host + ":" + address.getPort();
    }
}
