package org.natterjack.media.sdp;

/**
 * Bounds on an SDP body, so that hostile input costs little: larger bodies, longer lines, more lines are
 * refused with 400; more media streams with 488.
 */
public record SdpLimits(int maxBytes, int maxLines, int maxLineLength, int maxMedia) {

    /** 32 KiB, 1000 lines of at most 4096 characters, 32 m= lines: far beyond any phone or PBX. */
    public static final SdpLimits DEFAULT = new SdpLimits(32 * 1024, 1000, 4096, 32);

    public SdpLimits {
        if (maxBytes < 1 || maxLines < 1 || maxLineLength < 1 || maxMedia < 1) {
            throw new IllegalArgumentException("SDP limits must be positive");
        }
    }
}
