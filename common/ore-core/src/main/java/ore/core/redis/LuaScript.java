package ore.core.redis;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * A Lua script from the classpath, run by SHA with a fallback to EVAL when Redis does not have it
 * (after a restart or a failover, or on a cluster node that never saw it).
 */
public final class LuaScript {

    private final String source;
    private final String sha;

    private LuaScript(String source) {
        this.source = source;
        this.sha = sha1(source);
    }

    /** @param resource the script's absolute classpath name, e.g. {@code /ore/core/realtime/append.lua} */
    public static LuaScript load(String resource) {
        try (InputStream in = LuaScript.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing script " + resource);
            }
            return new LuaScript(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public <T> CompletableFuture<T> run(RedisClusterAsyncCommands<String, String> redis, ScriptOutputType type, String[] keys,
                                 String... args) {
        CompletableFuture<T> first = redis.<T>evalsha(sha, type, keys, args).toCompletableFuture();
        return first.handle((value, e) -> {
            Throwable cause = e instanceof CompletionException ? e.getCause() : e;
            if (cause instanceof RedisNoScriptException) {
                return redis.<T>eval(source, type, keys, args).toCompletableFuture();
            }
            return e == null ? CompletableFuture.completedFuture(value) : CompletableFuture.<T>failedFuture(cause);
        }).thenCompose(f -> f);
    }

    public static String sha1(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
