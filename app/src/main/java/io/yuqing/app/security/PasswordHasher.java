package io.yuqing.app.security;

import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * Argon2id password hashes in the self-describing PHC format ($argon2id$v=19$m=...,t=...,p=...$salt$hash), computed by
 * Spring Security's encoder on Bouncy Castle. Parameters are OWASP's minimum for Argon2id (19 MiB, 2 passes).
 */
public final class PasswordHasher {
    private final Argon2PasswordEncoder encoder = new Argon2PasswordEncoder(16, 32, 1, 19 * 1024, 2);
    /** Compared against when the user does not exist, so an unknown name costs as much time as a wrong password. */
    private final String decoy = encoder.encode("decoy password for unknown users");

    public String hash(String password) {
        return encoder.encode(password);
    }

    public boolean matches(String password, String hash) {
        return password != null && hash != null && encoder.matches(password, hash);
    }

    /** Spends the time of one comparison and returns false. */
    public boolean burn(String password) {
        encoder.matches(password == null ? "" : password, decoy);
        return false;
    }
}
