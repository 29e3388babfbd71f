package dev.keyroute.wgcore.bind;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.socket.DatagramPacket;
import io.netty.util.ReferenceCountUtil;
import java.nio.ByteBuffer;
import java.util.concurrent.atomic.LongAdder;

/**
 * Hands each received datagram to the {@link Bind.Receiver} as a view of Netty's receive buffer
 * (no copy; released when the callback returns), with the sender normalised to plain IPv4 when it
 * arrived v4-mapped. Datagrams that filled their receive slot were truncated by the kernel: they
 * are counted and dropped.
 */
final class ReceiveHandler extends ChannelInboundHandlerAdapter {
    private final Bind.Receiver receiver;
    private final int maxDatagramSize;
    private final LongAdder oversizeDrops;
    private final LongAdder receiverErrors;

    ReceiveHandler(Bind.Receiver receiver, int maxDatagramSize, LongAdder oversizeDrops, LongAdder receiverErrors) {
        this.receiver = receiver;
        this.maxDatagramSize = maxDatagramSize;
        this.oversizeDrops = oversizeDrops;
        this.receiverErrors = receiverErrors;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        try {
            if (!(msg instanceof DatagramPacket packet)) {
                return;
            }
            ByteBuf content = packet.content();
            int len = content.readableBytes();
            if (len > maxDatagramSize) {
                oversizeDrops.increment();
                return;
            }
            ByteBuffer view = content.nioBufferCount() == 1
                    ? content.internalNioBuffer(content.readerIndex(), len)
                    : content.nioBuffer();
            receiver.onDatagram(view, Endpoints.normalise(packet.sender()));
        } catch (RuntimeException e) {
            receiverErrors.increment();
        } finally {
            ReferenceCountUtil.release(msg);
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        receiverErrors.increment();
    }
}
