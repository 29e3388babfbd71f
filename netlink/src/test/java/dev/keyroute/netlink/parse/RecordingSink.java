package dev.keyroute.netlink.parse;

import dev.keyroute.netlink.RtnlEvent;
import java.util.ArrayList;
import java.util.List;

/** A {@link ParseSink} that records everything, for tests. */
public final class RecordingSink implements ParseSink {
    public record Control(String what, NlHeader header, int errno, String extAck) {}

    public final List<RtnlEvent> messages = new ArrayList<>();
    public final List<NlHeader> headers = new ArrayList<>();
    public final List<Control> controls = new ArrayList<>();
    public final List<String> malformed = new ArrayList<>();

    @Override
    public void message(NlHeader header, RtnlEvent message) {
        headers.add(header);
        messages.add(message);
    }

    @Override
    public void error(NlHeader header, int errno, String extAck) {
        controls.add(new Control("error", header, errno, extAck));
    }

    @Override
    public void done(NlHeader header, int errno, String extAck) {
        controls.add(new Control("done", header, errno, extAck));
    }

    @Override
    public void malformed(NlHeader header, String reason) {
        malformed.add(reason);
    }
}
