package io.connectors.core.http;

import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Where a source may redirect us. Never from https to http; never to a loopback, link-local (cloud metadata
 * services), private or unspecified address, unless the configured base URL is on one itself (an on-premises Jira
 * at 10.0.0.5 may redirect within its network; a cloud Jira may not send us to 169.254.169.254).
 */
final class RedirectPolicy {

    /** Resolves a host name to its addresses (a function so tests need no DNS). */
    interface Resolver {
        List<InetAddress> resolve(String host) throws UnknownHostException;
    }

    private RedirectPolicy() {}

    static List<InetAddress> addresses(String host) throws UnknownHostException {
        return List.of(InetAddress.getAllByName(host));
    }

    /** Why following a redirect from {@code from} to {@code target} is refused, or null. May block on DNS. */
    static @Nullable String refusal(URI from, boolean baseInternal, URI target, Resolver resolver) {
        if ("https".equalsIgnoreCase(from.getScheme()) && !"https".equalsIgnoreCase(target.getScheme())) {
            return "a redirect from https to " + target.getScheme() + ": is refused (it would send the request unencrypted)";
        }
        if (baseInternal || target.getHost() == null) {
            return null;
        }
        try {
            for (InetAddress address : resolver.resolve(host(target))) {
                if (internal(address)) {
                    return "a redirect to " + target.getHost() + " (" + address.getHostAddress() + ", a loopback, link-local"
                            + " or private address) is refused: the base URL is a public address";
                }
            }
            return null;
        } catch (UnknownHostException unknown) {
            return "a redirect to " + target.getHost() + " is refused: the host cannot be resolved";
        }
    }

    /** Whether the base URL's host is itself loopback, link-local or private (then redirects there are fine). */
    static boolean internal(URI base, Resolver resolver) {
        try {
            for (InetAddress address : resolver.resolve(host(base))) {
                if (internal(address)) {
                    return true;
                }
            }
            return false;
        } catch (UnknownHostException unknown) {
            return false;
        }
    }

    static boolean internal(InetAddress address) {
        if (address.isLoopbackAddress() || address.isLinkLocalAddress() || address.isSiteLocalAddress()
                || address.isAnyLocalAddress() || address.isMulticastAddress()) {
            return true;
        }
        byte[] bytes = address.getAddress();
        if (address instanceof Inet6Address) {
            return (bytes[0] & 0xFE) == 0xFC; // fc00::/7, unique local
        }
        int first = bytes[0] & 0xFF;
        int second = bytes[1] & 0xFF;
        return first == 0 || first == 100 && second >= 64 && second < 128; // 0/8, carrier-grade NAT 100.64/10
    }

    private static String host(URI uri) {
        String host = uri.getHost();
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
