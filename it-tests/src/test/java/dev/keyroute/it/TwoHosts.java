package dev.keyroute.it;

/** Two namespaces joined by a veth pair: the underlay a tunnel runs over. */
public final class TwoHosts implements AutoCloseable {
    public static final String UNDERLAY_LEFT = "192.168.241.1";
    public static final String UNDERLAY_RIGHT = "192.168.241.2";

    private final Netns left;
    private final Netns right;

    private TwoHosts(Netns left, Netns right) {
        this.left = left;
        this.right = right;
    }

    public static TwoHosts create() {
        Netns l = Netns.create();
        Netns r = null;
        try {
            r = Netns.create();
            Netns.link(l, r, UNDERLAY_LEFT + "/24", UNDERLAY_RIGHT + "/24");
            return new TwoHosts(l, r);
        } catch (RuntimeException | AssertionError e) {
            if (r != null) {
                r.close();
            }
            l.close();
            throw e;
        }
    }

    public Netns left() {
        return left;
    }

    public Netns right() {
        return right;
    }

    @Override
    public void close() {
        try {
            right.close();
        } finally {
            left.close();
        }
    }
}
