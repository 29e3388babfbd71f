package dev.keyroute.it;

/** A WireGuard key pair in base64. {@link #toString()} shows only the public key. */
public record KeyPair(String privateKey, String publicKey) {
    @Override
    public String toString() {
        return "KeyPair[public=" + publicKey + "]";
    }
}
