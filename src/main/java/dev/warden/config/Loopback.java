package dev.warden.config;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Whether a host, as written in a URL, names this machine: {@code localhost}, {@code ::1} (bracketed or not) or a
 * dotted-quad address in 127.0.0.0/8. Judged by the name alone, never resolved: a name that resolves to loopback
 * today may not tomorrow, and nothing on the network answers to these. The rule of both plain-http exceptions, the
 * issuer's keys and the database.
 */
public final class Loopback {

    private static final Pattern IPV4 = Pattern.compile("127(\\.(25[0-5]|2[0-4]\\d|1?\\d?\\d)){3}");

    private Loopback() {
    }

    public static boolean isLoopback(String host) {
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        return h.equals("localhost") || h.equals("::1") || h.equals("[::1]") || IPV4.matcher(h).matches();
    }
}
