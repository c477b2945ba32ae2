package ore.location;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.info.License;
import io.swagger.v3.oas.annotations.security.SecurityScheme;
import io.swagger.v3.oas.annotations.servers.Server;

@OpenAPIDefinition(info = @Info(title = "ORE location-service", version = "1",
        description = "GPS updates with anti-cheat verdicts, nearby players (opt-in, coarsened), no-play zones, and "
                + "the proximity check for game-service. Every operation needs a player access token from "
                + "auth-service (admin: the admin role). Errors are application/problem+json (RFC 9457) with a "
                + "stable code per error. See docs/client-guide.md.",
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
