package org.natterjack.sip.transport.parse;

import java.util.HashMap;
import java.util.Map;

/** Plausible values for sipp's [keywords], once with IPv4 and once with IPv6 addresses. */
final class SippKeywords {

    static final Map<String, String> V4 = keywords("192.0.2.10", "192.0.2.1", "10.11.12.14", "4");
    static final Map<String, String> V6 = keywords("[2001:db8::10]", "[2001:db8::1]", "2001:db8::14", "6");

    private SippKeywords() {
    }

    private static Map<String, String> keywords(String local, String remote, String media, String ipType) {
        Map<String, String> k = new HashMap<>();
        k.put("local_ip", local);
        k.put("remote_ip", remote);
        k.put("server_ip", remote);
        k.put("media_ip", media);
        k.put("local_ip_type", ipType);
        k.put("media_ip_type", ipType);
        k.put("local_port", "5061");
        k.put("remote_port", "5060");
        k.put("media_port", "40000");
        k.put("auto_media_port", "40002");
        k.put("transport", "UDP");
        k.put("service", "service");
        k.put("domain", "example.com");
        k.put("caller_domain", "example.net");
        k.put("caller", "alice");
        k.put("callee", "bob");
        k.put("user", "carol");
        k.put("call_number", "17");
        k.put("pid", "4242");
        k.put("call_id", "17-4242@" + local);
        k.put("branch", "z9hG4bK-4242-17-0");
        k.put("cseq", "2");
        k.put("cseq1", "3");
        k.put("cseq2", "4");
        k.put("expires", "3600");
        k.put("field0", "bob");
        k.put("field1", "secret");
        k.put("fieldN", "x");
        k.put("contact", "<sip:alice@" + local + ":5061>");
        k.put("target_uri", "sip:bob@example.com");
        k.put("peer_tag_param", ";tag=peer-77");
        k.put("next_url", "sip:bob@10.11.12.15:5060");
        k.put("$caller_from", "<sip:alice@example.net>;tag=a1");
        k.put("$callee_to", "<sip:bob@example.com>");
        k.put("routes", "Route: <sip:AbCd-_EfGh0123456789@" + remote + ":5060;transport=udp;lr>");
        k.put("last_Via:", "Via: SIP/2.0/UDP " + remote + ":5060;branch=z9hG4bK-gw-1f2e3d\r\n"
                + "Via: SIP/2.0/UDP " + local + ":5061;received=" + media + ";rport=5061;branch=z9hG4bK-4242-17-0");
        k.put("last_From:", "From: <sip:alice@" + local + ">;tag=4242SIPpTag0017");
        k.put("last_To:", "To: <sip:bob@example.com>");
        k.put("last_Call-ID:", "Call-ID: 17-4242@" + local);
        k.put("last_CSeq:", "CSeq: 1 INVITE");
        k.put("last_Record-Route:", "Record-Route: <sip:AbCd-_EfGh0123456789@" + remote + ":5060;transport=udp;lr>");
        k.put("authentication", "Authorization: Digest username=\"alice\", realm=\"example.com\", nonce=\"n0nce\", "
                + "uri=\"sip:example.com\", response=\"0123456789abcdef0123456789abcdef\", algorithm=MD5");
        return Map.copyOf(k);
    }
}
