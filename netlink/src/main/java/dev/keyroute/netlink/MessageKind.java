package dev.keyroute.netlink;

/** Whether a message announces (RTM_NEW*) or withdraws (RTM_DEL*) an object. */
public enum MessageKind {
    NEW,
    DEL
}
