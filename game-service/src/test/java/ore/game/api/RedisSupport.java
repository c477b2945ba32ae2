package ore.game.api;

import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

final class RedisSupport {

    private RedisSupport() {
    }

    static <T> T await(CompletionStage<T> call) {
        try {
            return call.toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
