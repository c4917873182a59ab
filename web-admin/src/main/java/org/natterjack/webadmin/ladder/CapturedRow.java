package org.natterjack.webadmin.ladder;

import java.net.InetSocketAddress;
import org.natterjack.capture.CapturedMessage;

/** A captured SIP message as the API and the ladder page show it: credentials masked. */
public record CapturedRow(String time, String direction, String transport, String local, String remote,
                          String firstLine, String text) {

    public static CapturedRow of(CapturedMessage m) {
        return new CapturedRow(m.time().toString(), m.sent() ? "sent" : "received", m.transport().name(),
                text(m.local()), text(m.remote()), m.firstLine(), m.maskedText());
    }

    private static String text(InetSocketAddress a) {
        String host = a.getAddress().getHostAddress();
        return (host.contains(":") ? "[" + host + "]" : host) + ":" + a.getPort();
    }
}
