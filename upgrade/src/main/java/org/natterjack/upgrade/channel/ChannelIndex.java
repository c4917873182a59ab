package org.natterjack.upgrade.channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;

/**
 * The update channel's index, {@code {"version", "url", "size", "sha256"}}: the newest bundle, where it is (relative
 * to the index), its size and SHA-256. It is trusted only once its detached CMS signature ({@code index.json.sig})
 * verified against RAUC's keyring.
 */
public record ChannelIndex(String version, URI url, long size, String sha256) {

    private static final ObjectMapper JSON = new ObjectMapper();

    public ChannelIndex {
        if (size <= 0 || !sha256.matches("[0-9a-f]{64}") || !"https".equals(url.getScheme())) {
            throw new IllegalArgumentException("the index needs a positive size, a lower-case hex sha256 and an"
                    + " https bundle url");
        }
    }

    /** @throws IllegalArgumentException naming what is missing or wrong */
    static ChannelIndex parse(byte[] json, URI base) {
        try {
            JsonNode n = JSON.readTree(json);
            for (String field : new String[] {"version", "url", "size", "sha256"}) {
                if (n == null || !n.hasNonNull(field)) {
                    throw new IllegalArgumentException("the index has no " + field);
                }
            }
            return new ChannelIndex(n.get("version").asText(), base.resolve(n.get("url").asText()),
                    n.get("size").asLong(), n.get("sha256").asText());
        } catch (IOException e) {
            throw new IllegalArgumentException("the index is not JSON: " + e.getMessage());
        }
    }
}
