package ore.core.logging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PiiMaskerTest {

    @Test
    void masksEmailKeepingFirstLetterAndTld() {
        assertThat(PiiMasker.mask("login failed for alice.smith@example.co.kr today"))
                .isEqualTo("login failed for a***@***.kr today");
    }

    @Test
    void masksIpv4ToItsNetwork() {
        assertThat(PiiMasker.mask("from 203.0.113.77")).isEqualTo("from 203.0.x.x");
    }

    @Test
    void masksIpv6BeyondTheProviderPrefix() {
        assertThat(PiiMasker.mask("from 2001:db8:85a3:8d3:1319:8a2e:370:7348"))
                .isEqualTo("from 2001:db8:85a3:x");
    }

    @Test
    void masksWalletAddressToFirstAndLastFourHexDigits() {
        assertThat(PiiMasker.mask("wallet 0x52908400098527886E0F7030069857D2E4169EE7 linked"))
                .isEqualTo("wallet 0x5290…9EE7 linked");
    }

    @Test
    void roundsCoordinatesToTwoDecimals() {
        assertThat(PiiMasker.mask("{\"lat\": 37.566535, \"lon\": 126.977969}"))
                .isEqualTo("{\"lat\": 37.56, \"lon\": 126.97}");
        assertThat(PiiMasker.mask("fix at 37.566535,126.977969")).isEqualTo("fix at 37.56,126.97");
    }

    @Test
    void masksJwts() {
        assertThat(PiiMasker.mask("Bearer eyJhbGciOiJFUzI1NiJ9.eyJzdWIiOiIxIn0.c2lnbmF0dXJl"))
                .isEqualTo("Bearer eyJ***");
    }

    @Test
    void masksRefreshTokens() {
        assertThat(PiiMasker.mask("refresh {\"refreshToken\":\"ort_AbCdEfGhIjKlMnOpQrStUvWxYz0123456789-_abcde\"}"))
                .isEqualTo("refresh {\"refreshToken\":\"ort_***\"}");
    }

    @Test
    void leavesOrdinaryTextAlone() {
        String text = "mined 3 units of node 8c2a1072b59ffff in 12.5 ms, version 1.2.3";
        assertThat(PiiMasker.mask(text)).isEqualTo(text);
        assertThat(PiiMasker.mask(null)).isNull();
    }
}
