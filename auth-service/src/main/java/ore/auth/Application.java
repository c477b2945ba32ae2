package ore.auth;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.info.License;
import io.swagger.v3.oas.annotations.servers.Server;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;

@OpenAPIDefinition(info = @Info(title = "ORE auth-service", version = "1",
        description = "Accounts, sessions (ES256 access tokens + rotating refresh tokens), wallet link with "
                + "Sign-In with Ethereum, GDPR export and deletion. Errors are application/problem+json (RFC 9457) "
                + "with a stable code per error. Operations marked with the bearer scheme need an access token "
                + "(Authorization: Bearer <accessToken>); the others are open. See docs/client-guide.md.",
        license = @License(name = "Proprietary")),
        servers = {
                @Server(url = "http://localhost:8080", description = "Local: bin/ore-local's router"),
                @Server(url = "https://play.ore.game", description = "Production")
        })
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
public class Application {

    public static void main(String[] args) {
        Micronaut.build(args).banner(false).start();
    }
}
