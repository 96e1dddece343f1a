package io.yuqing.crawler.fetch;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Optional;

/**
 * Keeps the crawler away from the machine itself and the office network: a crawled page must not be able to make us
 * request an internal service (SSRF). Every address a host resolves to is checked, on every redirect hop.
 *
 * <p>The HTTP client resolves the name again when it connects; a DNS server that answers differently within that
 * moment (rebinding) is not caught here.
 */
public final class UrlGuard {

    /** Name resolution, replaceable so tests can pretend a name resolves to a private address. */
    @FunctionalInterface
    public interface Resolver {
        List<InetAddress> resolve(String host) throws UnknownHostException;
    }

    /** Why a URL may not be fetched. */
    public sealed interface Verdict {
        record Allowed() implements Verdict {
        }

        record Blocked(String message) implements Verdict {
        }

        record Unresolvable(String message) implements Verdict {
        }
    }

    private final Resolver resolver;

    public UrlGuard() {
        this(host -> List.of(InetAddress.getAllByName(host)));
    }

    public UrlGuard(Resolver resolver) {
        this.resolver = resolver;
    }

    public Verdict check(URI uri, boolean allowPrivateNetwork) {
        String host = uri.getHost();
        if (host == null || host.isEmpty()) {
            return new Verdict.Blocked("URL has no host: " + uri);
        }
        if (allowPrivateNetwork) {
            return new Verdict.Allowed();
        }
        String bare = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        List<InetAddress> addresses;
        try {
            addresses = resolver.resolve(bare);
        } catch (UnknownHostException e) {
            return new Verdict.Unresolvable("host " + host + " does not resolve");
        }
        if (addresses.isEmpty()) {
            return new Verdict.Unresolvable("host " + host + " does not resolve");
        }
        for (InetAddress address : addresses) {
            Optional<String> why = blockedBecause(address);
            if (why.isPresent()) {
                return new Verdict.Blocked("refusing " + host + " (" + address.getHostAddress() + "): " + why.get()
                        + " address; set allowPrivateNetwork on the source to allow it");
            }
        }
        return new Verdict.Allowed();
    }

    static Optional<String> blockedBecause(InetAddress address) {
        if (address.isLoopbackAddress()) {
            return Optional.of("loopback");
        }
        if (address.isAnyLocalAddress()) {
            return Optional.of("any-local");
        }
        if (address.isLinkLocalAddress()) {
            return Optional.of("link-local");
        }
        if (address.isSiteLocalAddress()) {
            return Optional.of("private");
        }
        if (address.isMulticastAddress()) {
            return Optional.of("multicast");
        }
        byte[] b = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = b[0] & 0xff;
            int second = b[1] & 0xff;
            if (first == 0) {
                return Optional.of("unspecified");
            }
            if (first == 100 && second >= 64 && second <= 127) {
                return Optional.of("carrier-grade NAT (private)");
            }
            if (first >= 240) {
                return Optional.of("reserved");
            }
        }
        if (address instanceof Inet6Address) {
            if ((b[0] & 0xfe) == 0xfc) {
                return Optional.of("unique-local (private)");
            }
            if (isIpv4Embedded(b)) {
                try {
                    InetAddress embedded = InetAddress.getByAddress(new byte[]{b[12], b[13], b[14], b[15]});
                    return blockedBecause(embedded);
                } catch (UnknownHostException e) {
                    return Optional.of("malformed");
                }
            }
        }
        return Optional.empty();
    }

    /** IPv4-compatible (::a.b.c.d) and NAT64 (64:ff9b::a.b.c.d) forms that reach an IPv4 address. */
    private static boolean isIpv4Embedded(byte[] b) {
        boolean compatible = true;
        for (int i = 0; i < 12; i++) {
            compatible &= b[i] == 0;
        }
        boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b;
        for (int i = 4; i < 12 && nat64; i++) {
            nat64 = b[i] == 0;
        }
        return compatible || nat64;
    }
}
