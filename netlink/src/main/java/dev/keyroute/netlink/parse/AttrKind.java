package dev.keyroute.netlink.parse;

/** Expected shape of an attribute payload, checked before any value is read. */
public enum AttrKind {
    /** Exactly 1 byte. */
    U8,
    /** Exactly 2 bytes. */
    U16,
    /** Exactly 4 bytes. */
    U32,
    /** NUL-terminated within the payload, at most {@code maxLength} bytes including the NUL. */
    STRING,
    /** Exactly the address length of the message's family (4 or 16). */
    ADDRESS,
    /** {@code struct rtvia}: 2-byte family (AF_INET/AF_INET6) plus that family's address. */
    VIA,
    /** Nested attributes or structs; structure checked by the decoder that reads it. */
    NESTED,
    /** Opaque bytes of any length up to {@code maxLength}. */
    BINARY
}
