package io.yuqing.crawler.fetch;

import org.junit.jupiter.api.Test;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UrlGuardTest {

    private static boolean blocked(String ip) throws UnknownHostException {
        return UrlGuard.blockedBecause(InetAddress.getByName(ip)).isPresent();
    }

    @Test
    void privateAndSpecialAddressesAreBlocked() throws UnknownHostException {
        for (String ip : List.of("127.0.0.1", "127.8.9.10", "10.1.2.3", "172.16.0.1", "172.31.255.255", "192.168.1.1",
                "169.254.169.254", "0.0.0.0", "224.0.0.1", "100.64.0.1", "::1", "::", "fc00::1", "fd12:3456::1",
                "fe80::1", "ff02::1", "::ffff:127.0.0.1", "::ffff:10.0.0.1", "64:ff9b::a00:1")) {
            assertTrue(blocked(ip), ip + " must be blocked");
        }
    }

    @Test
    void publicAddressesPass() throws UnknownHostException {
        for (String ip : List.of("8.8.8.8", "93.184.216.34", "172.32.0.1", "192.169.0.1", "2001:4860:4860::8888")) {
            assertFalse(blocked(ip), ip + " must pass");
        }
    }

    @Test
    void aNameResolvingToAnyPrivateAddressIsBlocked() {
        UrlGuard guard = new UrlGuard(host -> List.of(InetAddress.getByName("8.8.8.8"), InetAddress.getByName("10.0.0.5")));
        assertInstanceOf(UrlGuard.Verdict.Blocked.class, guard.check(URI.create("http://news.example.cn/a"), false));
        assertInstanceOf(UrlGuard.Verdict.Allowed.class, guard.check(URI.create("http://news.example.cn/a"), true));
    }

    @Test
    void unresolvableNameIsReportedAsSuch() {
        UrlGuard guard = new UrlGuard(host -> {
            throw new UnknownHostException(host);
        });
        assertInstanceOf(UrlGuard.Verdict.Unresolvable.class, guard.check(URI.create("http://nowhere.invalid/"), false));
    }
}
