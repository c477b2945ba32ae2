package ore.auth.domain.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RefreshTokenTest {

    @Test
    void generatedTokensAreWellFormedAndDistinct() {
        var a = RefreshToken.generate();
        var b = RefreshToken.generate();
        assertThat(RefreshToken.wellFormed(a.value())).isTrue();
        assertThat(a.value()).isNotEqualTo(b.value());
        assertThat(a.hash()).hasSize(64).isNotEqualTo(b.hash());
        assertThat(a.toString()).doesNotContain(a.value());
    }

    @Test
    void rejectsTextThatIsNotOurToken() {
        assertThat(RefreshToken.wellFormed(null)).isFalse();
        assertThat(RefreshToken.wellFormed("ort_short")).isFalse();
        assertThat(RefreshToken.wellFormed("xyz_" + "a".repeat(43))).isFalse();
        assertThat(RefreshToken.wellFormed("ort_" + "a".repeat(42) + "!")).isFalse();
    }
}
