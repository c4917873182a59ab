package org.natterjack.tunnel.gateway;

import java.net.InetSocketAddress;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The tunnel sessions logged in now, for status pages and logs. */
final class TunnelSessions {

    /** One session as an operator sees it. */
    record Info(String user, InetSocketAddress publicAddress, String privateAddress, String device, Instant since) {
    }

    private final Map<Object, Info> open = new ConcurrentHashMap<>();

    void opened(Object session, Info info) {
        open.put(session, info);
    }

    void closed(Object session) {
        open.remove(session);
    }

    List<Info> list() {
        return open.values().stream().sorted(Comparator.comparing(Info::since)).toList();
    }
}
