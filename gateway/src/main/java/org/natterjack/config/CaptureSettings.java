package org.natterjack.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * SIP capture ({@code capture} in the configuration file, fixed at start): the memory the ring of recent SIP
 * messages may take, and a Homer server that gets a copy of each (HEPv3).
 *
 * @param memoryMegabytes the ring's budget; 0: nothing is captured
 */
public record CaptureSettings(int memoryMegabytes, HepSettings hep) {

    public CaptureSettings {
        if (memoryMegabytes < 0 || memoryMegabytes > 1024) {
            throw new IllegalArgumentException("capture.memory-mb must be 0-1024");
        }
    }

    public static CaptureSettings defaults() {
        return of(null, null);
    }

    @JsonCreator
    static CaptureSettings of(@JsonProperty("memory-mb") Integer memoryMegabytes,
                              @JsonProperty("hep") HepSettings hep) {
        return new CaptureSettings(memoryMegabytes == null ? 32 : memoryMegabytes,
                hep == null ? HepSettings.defaults() : hep);
    }
}
