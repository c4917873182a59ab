package org.natterjack.pstn.asterisk;

import java.util.Map;
import java.util.TreeMap;

/**
 * The configuration generated from the store: Asterisk's files by name, and DAHDI's system.conf.
 */
public record GeneratedConfig(Map<String, String> asteriskFiles, String dahdiSystemConf) {

    public static final String PJSIP = "pjsip.conf";
    public static final String EXTENSIONS = "extensions.conf";
    public static final String CHAN_DAHDI = "chan_dahdi.conf";
    public static final String MANAGER = "manager.conf";
    public static final String SYSTEM = "system.conf";

    public GeneratedConfig {
        asteriskFiles = Map.copyOf(asteriskFiles);
    }

    public static GeneratedConfig of(ConfigInputs in) {
        Map<String, String> files = new TreeMap<>();
        files.put(PJSIP, PjsipConf.render(in));
        files.put(EXTENSIONS, ExtensionsConf.render(in));
        files.put(CHAN_DAHDI, ChanDahdiConf.render(in));
        files.put(MANAGER, ManagerConf.render(in));
        return new GeneratedConfig(files, SystemConf.render(in));
    }
}
