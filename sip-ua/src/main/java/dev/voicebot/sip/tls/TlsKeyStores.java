package dev.voicebot.sip.tls;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.Collections;

/**
 * Opens the configured stores before the stack does. JAIN-SIP only logs a store it cannot open
 * and then listens without TLS; checking first turns that into a start failure that says which
 * file is wrong (never with the password).
 */
public final class TlsKeyStores {

  private TlsKeyStores() {}

  /** @throws IllegalArgumentException naming the store that cannot be used, and why */
  public static void check(TlsSettings tls) {
    KeyStore keys = load(tls.keyStore(), tls.keyStorePassword(), tls.keyStoreType(), "key store");
    try {
      boolean hasKey = false;
      for (String alias : Collections.list(keys.aliases())) {
        hasKey |= keys.isKeyEntry(alias);
      }
      if (!hasKey) {
        throw new IllegalArgumentException(
            "TLS key store " + tls.keyStore() + " holds no private key and certificate");
      }
    } catch (GeneralSecurityException e) {
      throw new IllegalArgumentException("TLS key store " + tls.keyStore() + ": " + e.getMessage(), e);
    }
    tls.trustStore()
        .ifPresent(t -> load(t, tls.trustStorePassword(), tls.trustStoreType(), "trust store"));
  }

  private static KeyStore load(Path file, String password, String type, String what) {
    if (!Files.isReadable(file)) {
      throw new IllegalArgumentException("TLS " + what + " " + file + " is not a readable file");
    }
    try (InputStream in = Files.newInputStream(file)) {
      KeyStore store = KeyStore.getInstance(type);
      store.load(in, password.toCharArray());
      return store;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalArgumentException(
          "TLS " + what + " " + file + " (" + type + ") cannot be opened, wrong password or type? "
              + e.getMessage(),
          e);
    }
  }
}
