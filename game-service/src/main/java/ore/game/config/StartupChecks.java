package ore.game.config;

import io.micronaut.context.annotation.Context;
import ore.game.app.port.PlayerProximity;
import ore.game.domain.node.NodeSpawner;

/**
 * Builds at start-up what would otherwise be built on the first request, so a deployment without
 * its secrets (the node secret, the client secret for service tokens) or with a broken H3 native
 * library refuses to start instead of failing requests later.
 */
@Context
class StartupChecks {

    StartupChecks(NodeSpawner spawner, PlayerProximity proximity) {
        // Constructing the beans is the check.
    }
}
