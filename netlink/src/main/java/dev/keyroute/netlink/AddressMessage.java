package dev.keyroute.netlink;

import java.net.InetAddress;

/**
 * A parsed RTM_NEWADDR / RTM_DELADDR.
 *
 * @param kind      NEW or DEL
 * @param nlFlags   nlmsg_flags of the message
 * @param family    AF_INET or AF_INET6
 * @param ifindex   interface index
 * @param address   the interface's own address: IFA_LOCAL if present, else IFA_ADDRESS
 * @param peer      IFA_ADDRESS when it differs from IFA_LOCAL (point-to-point peer), else null
 * @param prefixLen prefix length
 * @param scope     RT_SCOPE_*
 * @param flags     IFA_F_* from IFA_FLAGS (32 bit) if present, else ifa_flags
 * @param label     IFA_LABEL or null
 */
public record AddressMessage(MessageKind kind, int nlFlags, int family, int ifindex,
        InetAddress address, InetAddress peer, int prefixLen, int scope, int flags, String label)
        implements RtnlEvent {
}
