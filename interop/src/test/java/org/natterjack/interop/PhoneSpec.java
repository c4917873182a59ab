package org.natterjack.interop;

import java.nio.file.Path;
import java.util.List;

/**
 * Where and as whom a {@link Phone} runs.
 *
 * @param user the SIP user name (address-of-record {@code user@domain})
 * @param password its digest password
 * @param domain the SIP domain (the gateway's address when it has no domain name)
 * @param gateway the gateway's SIP address, {@code IP:PORT} (UDP); the client's registrar and outbound proxy
 * @param netns the command prefix that runs a process in the client's namespace ({@code ip netns exec NS})
 * @param localAddress the client's own (private) address in that namespace
 * @param workDir a directory of the client's own for configuration, logs and recordings
 * @param toneHz the frequency of the tone it sends while in a call
 */
record PhoneSpec(String user, String password, String domain, String gateway, List<String> netns,
                 String localAddress, Path workDir, int toneHz) {

    PhoneSpec {
        netns = List.copyOf(netns);
    }

    /** The client's address-of-record, {@code sip:user@domain}. */
    String aor() {
        return "sip:" + user + "@" + domain;
    }
}
