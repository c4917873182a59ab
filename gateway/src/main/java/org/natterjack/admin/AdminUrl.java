package org.natterjack.admin;

import java.net.URI;

/**
 * Where the web admin answers, as a client on this host reaches it (a wildcard listen address becomes
 * loopback). The web-admin plug-in publishes it for the other plug-ins: the upgrade agent hands it to the boot
 * health gate, which checks the web admin from outside the process.
 */
public record AdminUrl(URI uri) {
}
