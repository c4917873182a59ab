package org.natterjack.it;

import org.natterjack.testing.PostgresServer;

/** The configuration file of a gateway node on a shared PostgreSQL store, as the cluster tests write it. */
public final class SharedStoreNode {

    private SharedStoreNode() {
    }

    /** Node {@code name} listening on {@code listen} (HOST:PORT) for {@code domain}, its store at {@code url}. */
    public static String yaml(String name, String listen, String domain, String url) {
        return """
                sip:
                  listen: [%s]
                  domains: [%s]
                nat:
                  keepalive-seconds: 0
                store:
                  engine: postgresql
                  url: %s
                  username: %s
                  password: %s
                node:
                  name: %s
                """.formatted(listen, domain, url, PostgresServer.USER, PostgresServer.PASSWORD, name);
    }
}
