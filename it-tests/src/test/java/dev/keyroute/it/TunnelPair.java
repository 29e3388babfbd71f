package dev.keyroute.it;

/** {@link TwoHosts} with an engine on each side, configured from a {@link TunnelPlan}. */
public final class TunnelPair implements AutoCloseable {
    private final TwoHosts hosts;
    private final TunnelPlan plan;
    private final WgDevice left;
    private final WgDevice right;

    private TunnelPair(TwoHosts hosts, TunnelPlan plan, WgDevice left, WgDevice right) {
        this.hosts = hosts;
        this.plan = plan;
        this.left = left;
        this.right = right;
    }

    public static TunnelPair start(Engine leftEngine, Engine rightEngine) {
        TunnelPlan plan = TunnelPlan.generate();
        TwoHosts hosts = TwoHosts.create();
        WgDevice l = null;
        try {
            l = leftEngine.start(hosts.left(), Names.ifname(), plan.leftConfig());
            WgDevice r = rightEngine.start(hosts.right(), Names.ifname(), plan.rightConfig());
            return new TunnelPair(hosts, plan, l, r);
        } catch (RuntimeException | AssertionError e) {
            try {
                if (l != null) {
                    l.close();
                }
            } finally {
                hosts.close();
            }
            throw e;
        }
    }

    public TunnelPlan plan() {
        return plan;
    }

    public WgDevice left() {
        return left;
    }

    public WgDevice right() {
        return right;
    }

    @Override
    public void close() {
        try {
            try {
                right.close();
            } finally {
                left.close();
            }
        } finally {
            hosts.close();
        }
    }

    @Override
    public String toString() {
        return left + " <-> " + right;
    }
}
