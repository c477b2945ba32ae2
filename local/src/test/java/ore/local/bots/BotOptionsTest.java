package ore.local.bots;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class BotOptionsTest {

    @Test
    void defaults() throws Exception {
        BotOptions o = BotOptions.parse("--players", "20", "--duration", "120");
        assertThat(o.players()).isEqualTo(20);
        assertThat(o.duration()).isEqualTo(Duration.ofSeconds(120));
        assertThat(o.url()).isEqualTo(URI.create("http://localhost:8080"));
        assertThat(o.rpc()).isEqualTo(URI.create("http://127.0.0.1:8545"));
        assertThat(o.rampUp()).isEqualTo(Duration.ofSeconds(10));
        assertThat(o.settle()).isEqualTo(Duration.ofSeconds(90));
        assertThat(o.siweOrigin()).isEqualTo("http://localhost:8080");
        assertThat(o.chainId()).isEqualTo(31337);
        assertThat(o.tokenAddress()).isEqualTo("0x5fbdb2315678afecb367f032d93f642f64180aa3");
        assertThat(o.distinctAddresses()).isTrue();
        assertThat(o.seed()).isEmpty();
        assertThat(o.webSocketUri()).isEqualTo(URI.create("ws://localhost:8080/ws"));
    }

    @Test
    void everyOptionInBothSpellings() throws Exception {
        BotOptions o = BotOptions.parse("--players=3", "--duration=30", "--url=http://localhost:8580/",
                "--rpc", "http://127.0.0.1:9045", "--ramp-up", "0", "--settle=5", "--siwe-origin", "localhost:8080",
                "--siwe-uri", "http://localhost:8080/play", "--chain-id", "80002", "--token",
                "0xABCDEF0123456789abcdef0123456789ABCDEF01", "--same-address", "--seed", "-7");
        assertThat(o.url()).isEqualTo(URI.create("http://localhost:8580"));
        assertThat(o.webSocketUri()).isEqualTo(URI.create("ws://localhost:8580/ws"));
        assertThat(o.rpc()).isEqualTo(URI.create("http://127.0.0.1:9045"));
        assertThat(o.rampUp()).isZero();
        assertThat(o.settle()).isEqualTo(Duration.ofSeconds(5));
        assertThat(o.siweOrigin()).isEqualTo("localhost:8080");
        assertThat(o.siweUri()).isEqualTo("http://localhost:8080/play");
        assertThat(o.chainId()).isEqualTo(80002);
        assertThat(o.tokenAddress()).isEqualTo("0xabcdef0123456789abcdef0123456789abcdef01");
        assertThat(o.distinctAddresses()).isFalse();
        assertThat(o.seed()).hasValue(-7);
    }

    @Test
    void shortRunsRampUpOverAQuarter() throws Exception {
        assertThat(BotOptions.parse("--players", "1", "--duration", "8").rampUp()).isEqualTo(Duration.ofSeconds(2));
        assertThat(BotOptions.parse("--players", "1", "--duration", "1").rampUp()).isZero();
    }

    @Test
    void httpsGivesWss() throws Exception {
        assertThat(BotOptions.parse("--players", "1", "--duration", "5", "--url", "https://play.ore.game").webSocketUri())
                .isEqualTo(URI.create("wss://play.ore.game/ws"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "--duration 10                            | --players is required",
            "--players 5                              | --duration is required",
            "--players 0 --duration 10                | --players must be between 1 and 5000",
            "--players 5001 --duration 10             | --players must be between 1 and 5000",
            "--players five --duration 10             | --players must be a whole number",
            "--players 2 --duration 0                 | --duration must be between 1",
            "--players 2 --duration 10 --url ftp://x  | --url must be an http(s) URL",
            "--players 2 --duration 10 --url nohost   | --url must be an http(s) URL",
            "--players 2 --duration 10 --token 0x12   | --token must be an address",
            "--players 2 --duration 10 --ramp-up 11   | --ramp-up (11 s) must not exceed --duration (10 s)",
            "--players 2 --duration 10 --frobnicate   | unknown argument --frobnicate",
            "--players 2 --duration                   | --duration needs a value",
            "--players 2 --duration 10 extra          | unknown argument extra",
            "--players 2 --duration 10 --same-address=1 | --same-address takes no value",
    })
    void badArguments(String line, String message) {
        assertThatThrownBy(() -> BotOptions.parse(line.trim().split("\\s+")))
                .isInstanceOf(BotOptions.UsageException.class).hasMessageContaining(message);
    }

    @Test
    void help() {
        assertThatThrownBy(() -> BotOptions.parse("--players", "2", "-h")).isInstanceOf(BotOptions.HelpRequested.class);
        assertThatThrownBy(() -> BotOptions.parse("--help")).isInstanceOf(BotOptions.HelpRequested.class);
        assertThat(BotOptions.USAGE).contains("--players N", "--duration SECONDS", "--url", "--rpc", "Exit 0");
    }

    @Test
    void loopbackTargetsGetOneClientAddressPerPlayer() throws Exception {
        var addresses = BotsMain.sourceAddresses(BotOptions.parse("--players", "300", "--duration", "5",
                "--url", "http://127.0.0.1:8580"));
        assertThat(addresses).hasSize(300);
        assertThat(addresses.getFirst().getHostAddress()).isEqualTo("127.0.0.2");
        assertThat(addresses.get(253).getHostAddress()).isEqualTo("127.0.0.255");
        assertThat(addresses.get(254).getHostAddress()).isEqualTo("127.0.1.0");
        assertThat(addresses).doesNotHaveDuplicates();
        assertThat(BotsMain.sourceAddresses(BotOptions.parse("--players", "3", "--duration", "5", "--same-address")))
                .isEmpty();
    }
}
