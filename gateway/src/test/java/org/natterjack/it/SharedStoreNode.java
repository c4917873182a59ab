package org.natterjack.it;

import org.natterjack.testing.PostgresServer;

/** The configuration file of a gateway node on a shared PostgreSQL store, as the cluster tests write it. */
public final class SharedStoreNode {

    private SharedStoreNode() {
    }

    /** Node {@code name} listening on {@code listen} (HOST:PORT) for {@code domain}, its store at {@code url}. */
    public static String yaml(String name, String listen, String domain, String url) {
        return yaml(name, listen, domain, url, "");
    }

    /** As {@link #yaml(String, String, String, String)}, with more keys of the store section (one per line). */
    public static String yaml(String name, String listen, String domain, String url, String storeKeys) {
        String more = storeKeys.lines().map(line -> "  " + line + "\n").reduce("", String::concat);
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
                %snode:
                  name: %s
                """.formatted(listen, domain, url, PostgresServer.USER, PostgresServer.PASSWORD, more, name);
    }
}
