package ore.auth.adapter.out.crypto;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class Argon2PasswordHasherTest {

    final Argon2PasswordHasher hasher = new Argon2PasswordHasher(19456, 2, 1, 2, 3000);

    @Test
    void hashesAsPhcAndVerifies() {
        String hash = hasher.hash("correct horse battery");
        assertThat(hash).startsWith("$argon2id$v=19$m=19456,t=2,p=1$");
        assertThat(hasher.verify(hash, "correct horse battery")).isTrue();
        assertThat(hasher.verify(hash, "correct horse batterY")).isFalse();
        assertThat(hasher.hash("correct horse battery")).isNotEqualTo(hash);
    }

    @Test
    void malformedHashesNeverVerify() {
        assertThat(hasher.verify("$2a$10$bcrypt", "x")).isFalse();
        assertThat(hasher.verify(null, "x")).isFalse();
    }

    @Test
    void weakerHashesAskForARehash() {
        var weak = new Argon2PasswordHasher(8192, 1, 1, 1, 3000);
        String old = weak.hash("correct horse battery");
        assertThat(hasher.verify(old, "correct horse battery")).isTrue();
        assertThat(hasher.needsRehash(old)).isTrue();
        assertThat(hasher.needsRehash(hasher.hash("x"))).isFalse();
    }
}
