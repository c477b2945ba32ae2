/**
 * Sign-In with Ethereum (EIP-4361): the message, its strict parser and canonical formatter, the
 * relying-party policy and the verifier. Plain Java; signature recovery is behind
 * {@link ore.auth.domain.siwe.SignatureRecovery}, implemented in {@code ore.auth.adapter.out.crypto}.
 */
package ore.auth.domain.siwe;
