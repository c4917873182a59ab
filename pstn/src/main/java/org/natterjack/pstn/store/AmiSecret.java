package org.natterjack.pstn.store;

import java.time.Clock;
import java.util.HexFormat;
import org.natterjack.store.SecretRepository;
import org.natterjack.store.Store;

/** The AMI account's secret: generated once, kept in the store, written into manager.conf. */
public final class AmiSecret {

    private AmiSecret() {
    }

    public static String of(Store store, Clock clock) {
        return HexFormat.of().formatHex(new SecretRepository(store, clock).key("pstn-ami"), 0, 16);
    }
}
