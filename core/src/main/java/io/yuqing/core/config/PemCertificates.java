package io.yuqing.core.config;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;

/** X.509 certificates from a PEM file (one or more BEGIN CERTIFICATE blocks), e.g. a private CA's. */
public final class PemCertificates {
    private PemCertificates() {
    }

    /** The file's certificates; an unreadable file or one holding none is an IllegalArgumentException saying so. */
    public static List<X509Certificate> read(Path file) {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("certificate file " + file + " does not exist");
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read certificate file " + file + ": " + e.getMessage());
        }
        try {
            List<X509Certificate> certificates = new ArrayList<>();
            // generateCertificates reads every PEM block and skips text between them.
            for (var c : CertificateFactory.getInstance("X.509").generateCertificates(new ByteArrayInputStream(bytes))) {
                certificates.add((X509Certificate) c);
            }
            if (certificates.isEmpty()) {
                throw new IllegalArgumentException("certificate file " + file
                        + " holds no certificate (expected PEM: -----BEGIN CERTIFICATE-----)");
            }
            return List.copyOf(certificates);
        } catch (CertificateException e) {
            throw new IllegalArgumentException("certificate file " + file
                    + " is not a PEM certificate (expected -----BEGIN CERTIFICATE-----): " + e.getMessage());
        }
    }
}
