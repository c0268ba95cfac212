package dev.backprop.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The host names under which a page can only be this service's own: an IP address (a page loaded from
 * it came from whatever listens there, this service), {@code localhost} and its subdomains (browsers
 * resolve them to loopback without asking DNS) and this machine's own names. Any other name may be an
 * attacker's domain rebound to this machine's address; its pages pass only when their origin is in
 * {@code backprop.security.allowed-origins}.
 */
final class OwnHostNames {

    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final Set<String> machineNames;

    OwnHostNames(Set<String> machineNames) {
        this.machineNames = machineNames.stream()
                .map(name -> name.toLowerCase(Locale.ROOT))
                .collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /** This machine's host name, looked up once (no reverse DNS, which may hang); none when it has none. */
    static OwnHostNames ofThisMachine() {
        try {
            InetAddress local = InetAddress.getLocalHost();
            return new OwnHostNames(Set.of(local.getHostName()));
        } catch (UnknownHostException | SecurityException e) {
            return new OwnHostNames(Set.of());
        }
    }

    boolean isOwn(String host) {
        String name = host.toLowerCase(Locale.ROOT);
        return name.startsWith("[")
                || IPV4.matcher(name).matches()
                || name.equals("localhost")
                || name.endsWith(".localhost")
                || machineNames.contains(name);
    }
}
