package ore.realtime.adapter.in.ws;

import io.micronaut.context.event.BeanCreatedEvent;
import io.micronaut.context.event.BeanCreatedEventListener;
import io.micronaut.http.server.netty.NettyServerCustomizer;
import io.netty.channel.Channel;
import jakarta.inject.Singleton;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import ore.realtime.app.Engine;
import ore.realtime.app.EngineMetrics;
import ore.realtime.config.ConnectionSettings;

/** Puts {@link WsUpgradeHandler} into every HTTP/1.1 connection of Micronaut's Netty server. */
@Singleton
final class WsPipelineCustomizer implements BeanCreatedEventListener<NettyServerCustomizer.Registry> {

    private final jakarta.inject.Provider<Engine> engine;
    private final ConnectionSettings settings;
    private final jakarta.inject.Provider<EngineMetrics> metrics;
    private final Set<String> origins;

    WsPipelineCustomizer(jakarta.inject.Provider<Engine> engine, ConnectionSettings settings,
                         jakarta.inject.Provider<EngineMetrics> metrics) {
        this.engine = engine;
        this.settings = settings;
        this.metrics = metrics;
        this.origins = settings.allowedOrigins() == null ? Set.of() : settings.allowedOrigins().stream()
                .filter(o -> !o.isBlank()).map(o -> o.trim().toLowerCase(Locale.ROOT)).collect(Collectors.toUnmodifiableSet());
    }

    @Override
    public NettyServerCustomizer.Registry onCreated(BeanCreatedEvent<NettyServerCustomizer.Registry> event) {
        event.getBean().register(new NettyServerCustomizer() {
            @Override
            public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
                return role == ChannelRole.CONNECTION ? new PerConnection(channel) : this;
            }
        });
        return event.getBean();
    }

    private final class PerConnection implements NettyServerCustomizer {
        private final Channel channel;

        PerConnection(Channel channel) {
            this.channel = channel;
        }

        @Override
        public NettyServerCustomizer specializeForChannel(Channel channel, ChannelRole role) {
            return this;
        }

        @Override
        public void onStreamPipelineBuilt() {
            var pipeline = channel.pipeline();
            if (pipeline.get(WsUpgradeHandler.CODEC) != null && pipeline.get(WsUpgradeHandler.NAME) == null) {
                pipeline.addAfter(WsUpgradeHandler.CODEC, WsUpgradeHandler.NAME,
                        new WsUpgradeHandler(engine.get(), settings, metrics.get(), origins));
            }
        }
    }
}
