package ore.location;

import io.micronaut.runtime.Micronaut;
import io.swagger.v3.oas.annotations.OpenAPIDefinition;
import io.swagger.v3.oas.annotations.enums.SecuritySchemeType;
import io.swagger.v3.oas.annotations.info.Info;
import io.swagger.v3.oas.annotations.security.SecurityScheme;

@OpenAPIDefinition(info = @Info(title = "ORE location-service", version = "1",
        description = "GPS updates with anti-cheat verdicts, nearby players (opt-in, coarsened), no-play zones, and "
                + "the proximity check for game-service. Errors are application/problem+json (RFC 9457)."))
@SecurityScheme(name = "bearer", type = SecuritySchemeType.HTTP, scheme = "bearer", bearerFormat = "JWT")
public class Application {

    public static void main(String[] args) {
        Micronaut.build(args).banner(false).start();
    }
}
