package dev.keyroute.wgcore.device;

/** Why the engine dropped a packet; each reason has its own counter. */
public enum DropReason {
    NO_PEER_FOR_DESTINATION("no_peer"),
    NO_SESSION("no_session"),
    NO_ENDPOINT("no_endpoint"),
    SOURCE_NOT_ALLOWED("source_not_allowed"),
    /** Link-local multicast from a peer whose inner source it does not own (e.g. a forged LL address). */
    MULTICAST_SOURCE_NOT_ALLOWED("multicast_source_not_allowed"),
    INVALID_MAC("invalid_mac"),
    REPLAY("replay"),
    DECRYPT_FAILED("decrypt_failed"),
    UNKNOWN_INDEX("unknown_index"),
    EXPIRED_SESSION("expired_session"),
    HANDSHAKE_FAILED("handshake_failed"),
    MALFORMED("malformed"),
    QUEUE_FULL("queue_full"),
    SEND_FAILED("send_failed"),
    STAGED_OVERFLOW("staged_overflow");

    private final String label;

    DropReason(String label) {
        this.label = label;
    }

    /** Lowercase label for metrics. */
    public String label() {
        return label;
    }
}
