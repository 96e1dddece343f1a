package io.yuqing.core.config;

/** A configuration that cannot be used. The message names the file, the line and what is wrong. */
public final class ConfigException extends Exception {
    public ConfigException(String message) {
        super(message);
    }

    public ConfigException(String message, Throwable cause) {
        super(message, cause);
    }
}
