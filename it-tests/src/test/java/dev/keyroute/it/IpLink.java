package dev.keyroute.it;

import java.util.Arrays;

/** Reads interface state with the stock {@code ip} tool. */
public final class IpLink {
    private IpLink() {
    }

    /** Whether {@code ifname} exists in {@code ns}. */
    public static boolean exists(Netns ns, String ifname) {
        try {
            ns.exec("ip", "link", "show", "dev", ifname);
            return true;
        } catch (CommandFailedException e) {
            return false;
        }
    }

    /** Whether the link's flags include UP (administratively up). */
    public static boolean isUp(Netns ns, String ifname) {
        if (!exists(ns, ifname)) {
            return false;
        }
        String line = ns.exec("ip", "-o", "link", "show", "dev", ifname);
        int open = line.indexOf('<');
        int close = line.indexOf('>', open);
        return open >= 0 && close > open && Arrays.asList(line.substring(open + 1, close).split(",")).contains("UP");
    }

    /** {@code ip -d -o link show}: the details line, which names the link kind (e.g. {@code tun}). */
    public static String details(Netns ns, String ifname) {
        return ns.exec("ip", "-d", "-o", "link", "show", "dev", ifname);
    }

    /** Adds an address; IPv6 ones with {@code nodad} so they are usable at once. */
    public static void addAddress(Netns ns, String ifname, String cidr) {
        if (cidr.contains(":")) {
            ns.exec("ip", "addr", "add", cidr, "dev", ifname, "nodad");
        } else {
            ns.exec("ip", "addr", "add", cidr, "dev", ifname);
        }
    }

    public static void setUp(Netns ns, String ifname, int mtu) {
        if (mtu != 0) {
            ns.exec("ip", "link", "set", "dev", ifname, "mtu", Integer.toString(mtu));
        }
        ns.exec("ip", "link", "set", "dev", ifname, "up");
    }
}
