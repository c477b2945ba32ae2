package ore.chain.app;

/**
 * The topic names in use (defaults in {@link ChainEvents}); configurable so that tests sharing one
 * broker, and staging stacks sharing one cluster, keep their events apart.
 */
public record EventTopics(String requested, String settled, String chainEvents) {

    public static EventTopics defaults() {
        return new EventTopics(ChainEvents.REWARDS_REQUESTED_TOPIC, ChainEvents.REWARDS_SETTLED_TOPIC,
                ChainEvents.CHAIN_EVENTS_TOPIC);
    }
}
