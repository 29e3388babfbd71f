package dev.keyroute.netlink.parse;

/** A copy of one {@code nlmsghdr}, handed to a {@link ParseSink} with each message. */
public record NlHeader(int length, int type, int flags, int seq, int pid) {
    public boolean hasFlag(int flag) {
        return (flags & flag) != 0;
    }
}
