package ore.local.router;

import java.util.List;
import java.util.Map;

/**
 * The ALB's routing rules bound to the services this local stack actually runs. Rules whose
 * service is not running stay in the table, so a client calling a service that is not there yet gets
 * a clear 503 instead of a confusing 404.
 */
public final class RouteTable {

    private final List<AlbRoute> routes;
    private final Map<String, Integer> runningPorts;

    /**
     * @param routes       the ALB rules, in the order the ALB evaluates them
     * @param runningPorts service name to the local port it listens on, for the services that run
     */
    public RouteTable(List<AlbRoute> routes, Map<String, Integer> runningPorts) {
        this.routes = List.copyOf(routes);
        this.runningPorts = Map.copyOf(runningPorts);
    }

    public Resolution resolve(String path) {
        for (AlbRoute route : routes) {
            if (route.matches(path)) {
                Integer port = runningPorts.get(route.service());
                return port == null
                        ? new Resolution.Unavailable(route.service())
                        : new Resolution.Forward(route.service(), port);
            }
        }
        return new Resolution.NoRoute();
    }

    public List<AlbRoute> routes() {
        return routes;
    }

    public boolean isRunning(String service) {
        return runningPorts.containsKey(service);
    }
}
