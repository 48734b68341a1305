package io.livecount.demo.admin;

import io.livecount.demo.DemoSettings;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The one admin login. Credentials are compared as SHA-256 digests with {@link
 * MessageDigest#isEqual} (constant time, and the digests have one length whatever the input), user
 * and password both, so the answer time tells nothing about which part or how much was right.
 */
@ApplicationScoped
public class AdminAccount {

    private byte[] userDigest;
    private byte[] passwordDigest;

    @Inject
    void configure(DemoSettings settings) {
        this.userDigest = sha256(settings.adminUser());
        this.passwordDigest = sha256(settings.adminPassword());
    }

    public boolean matches(String user, String password) {
        if (user == null || password == null) {
            return false;
        }
        boolean userMatches = MessageDigest.isEqual(userDigest, sha256(user));
        boolean passwordMatches = MessageDigest.isEqual(passwordDigest, sha256(password));
        return userMatches & passwordMatches; // both compared, always
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
