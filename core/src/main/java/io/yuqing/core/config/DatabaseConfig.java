package io.yuqing.core.config;

/** The service database. An empty URL means the embedded H2 file database under the data directory. */
public record DatabaseConfig(String url, String username, String password) {
    public DatabaseConfig {
        url = url == null ? "" : url.strip();
        if (!url.isEmpty() && !url.startsWith("jdbc:")) {
            throw new IllegalArgumentException("database url must be a JDBC URL starting with jdbc:, not '" + url + "'");
        }
        username = username == null ? "" : username;
        password = password == null ? "" : password;
    }
}
