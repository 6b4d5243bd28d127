package dev.hubsso.gateway.tokens;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.hubsso.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * Per-replica memory of token hashes: known tokens (so that verification needs no database read)
 * and, for a short time, unknown ones (so that repeating a wrong token costs one read, not one per
 * request). Both are bounded. A cached token can be stale only about its own revocation, which
 * the {@link dev.hubsso.gateway.revocation.RevocationIndex} tracks by token id anyway.
 */
@ApplicationScoped
public class TokenCache {

    private final Cache<String, TokenRecord> known;
    private final Cache<String, Boolean> unknown;

    public TokenCache(GatewayConfig config) {
        GatewayConfig.Tokens t = config.tokens();
        this.known = Caffeine.newBuilder().maximumSize(t.cacheSize()).expireAfterWrite(t.cacheTtl()).build();
        this.unknown = Caffeine.newBuilder().maximumSize(t.negativeCacheSize()).expireAfterWrite(t.negativeCacheTtl())
                .build();
    }

    /** The cached token for a hash, or null. */
    public TokenRecord get(String hash) {
        return known.getIfPresent(hash);
    }

    /** True if the hash was looked up recently and no token had it. */
    public boolean isKnownUnknown(String hash) {
        return unknown.getIfPresent(hash) != null;
    }

    /** Remembers a token (just issued, or read from the database). */
    public void put(String hash, TokenRecord token) {
        unknown.invalidate(hash);
        known.put(hash, token);
    }

    /** Remembers that no token has this hash. */
    public void putUnknown(String hash) {
        unknown.put(hash, Boolean.TRUE);
    }

    /** Forgets a token, e.g. after it was revoked here. */
    public void invalidate(String hash) {
        known.invalidate(hash);
    }
}
