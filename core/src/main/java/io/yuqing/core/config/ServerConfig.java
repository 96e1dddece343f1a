package io.yuqing.core.config;

/** Where the console, API and /metrics listen, and the address staff use to reach them. */
public record ServerConfig(String host, int port, String publicUrl) {
    public ServerConfig {
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, not " + port);
        }
        host = host == null || host.isBlank() ? "127.0.0.1" : host.strip();
        publicUrl = publicUrl == null ? "" : publicUrl.strip().replaceAll("/+$", "");
    }

    public ServerConfig withPort(int newPort) {
        return new ServerConfig(host, newPort, publicUrl);
    }
}
