package io.yuqing.core.config;

/**
 * Where the console, API and /metrics listen, and the address staff use to reach them.
 *
 * @param managementPort when above 0, /health/* and /metrics are served on this port (same host) for monitoring,
 *                       separately from the console; 0 keeps them on the console's port
 */
public record ServerConfig(String host, int port, String publicUrl, int managementPort) {
    public ServerConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, not " + port);
        }
        if (managementPort < 0 || managementPort > 65535) {
            throw new IllegalArgumentException("managementPort must be between 0 and 65535, not " + managementPort);
        }
        host = host == null || host.isBlank() ? "127.0.0.1" : host.strip();
        publicUrl = publicUrl == null ? "" : publicUrl.strip().replaceAll("/+$", "");
    }

    public ServerConfig(String host, int port, String publicUrl) {
        this(host, port, publicUrl, 0);
    }

    public ServerConfig withPort(int newPort) {
        return new ServerConfig(host, newPort, publicUrl, managementPort);
    }
}
