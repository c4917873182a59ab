package org.natterjack.config;

/** A configuration problem the operator must fix; the message names the file, line and setting. */
public final class ConfigException extends RuntimeException {

    public ConfigException(String message) {
        super(message);
    }
}
