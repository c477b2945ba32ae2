package ore.testkit;

/** A piece of infrastructure a test asks {@link OreInfra#micronautProperties} for. */
public enum Need {
    POSTGRES,
    REDIS,
    KAFKA
}
