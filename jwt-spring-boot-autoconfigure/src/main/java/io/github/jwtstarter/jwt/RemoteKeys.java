package io.github.jwtstarter.jwt;

import java.net.URL;
import java.time.Clock;
import java.time.Duration;

import com.nimbusds.jose.jwk.source.CachingJWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSetBasedJWKSource;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.OutageTolerantJWKSetSource;
import com.nimbusds.jose.jwk.source.URLBasedJWKSetSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Builds the source of one provider's remote keys, from the network up:
 * <ol>
 * <li>{@link JwksResourceRetriever}: the HTTP client, Spring's {@code RestClient} on
 * Boot's JDK request factory (no redirects, size cap, total deadline, SSL bundle and
 * bearer token of the provider, HTTP caching and {@code Retry-After});</li>
 * <li>the JWK Set URL, or {@link DiscoveryJwkSetSource} from the issuer;</li>
 * <li>{@link ObservedJwkSetSource}: key quality gate, fetch events and observations;</li>
 * <li>{@link FetchRateLimiter}: one fetch per {@code min-refresh-interval}, longer after
 * a {@code Retry-After};</li>
 * <li>Nimbus' outage-tolerant source, then {@link KeySetCache}: cached for the
 * {@code Cache-Control: max-age} bounded by the provider's settings, with jitter, and
 * refreshed ahead of expiry;</li>
 * <li>{@link OutageBoundJwkSetSource}: no key used past the outage tolerance.</li>
 * </ol>
 */
final class RemoteKeys {

	private RemoteKeys() {
	}

	static ProviderKeys create(String providerId, @Nullable URL jwkSetUrl, String issuer,
			ProviderKeys.RemoteSettings settings, ProviderKeys.Access access, JwksFetchListener listener, Clock clock,
			boolean edDsa, ObservationRegistry observations) {
		Assert.hasText(providerId, "providerId cannot be empty");
		Assert.hasText(issuer, "issuer cannot be empty");
		Assert.notNull(settings, "settings cannot be null");
		Assert.notNull(access, "access cannot be null");
		Assert.notNull(listener, "listener cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		Assert.notNull(observations, "observations cannot be null");
		Duration usableFor = (settings.outageTolerance().compareTo(settings.cacheDuration()) > 0)
				? settings.outageTolerance() : settings.cacheDuration();
		RemoteKeyState state = new RemoteKeyState(usableFor);
		JwksFetchListener listeners = (event) -> {
			state.onFetch(event);
			listener.onFetch(event);
		};
		KeySetLifetime lifetime = new KeySetLifetime(settings.cacheDuration(), settings.minRefreshInterval());
		JwksResourceRetriever retriever = new JwksResourceRetriever(settings.connectTimeout(), settings.readTimeout(),
				settings.maxSize(), access.sslBundle(),
				(access.bearerToken() != null) ? new BearerTokenFile(access.bearerToken()) : null,
				JwksResourceRetriever.bearerOrigins(issuer, jwkSetUrl), lifetime::maxAge, observations);
		JWKSetSource<SecurityContext> fetching = (jwkSetUrl != null) ? new URLBasedJWKSetSource<>(jwkSetUrl, retriever)
				: new DiscoveryJwkSetSource(issuer, retriever);
		ObservedJwkSetSource observed = new ObservedJwkSetSource(fetching, providerId, listeners, clock, edDsa,
				observations);
		JWKSetSource<SecurityContext> limited = new FetchRateLimiter(observed, settings.minRefreshInterval(),
				settings.cacheDuration());
		long ttl = settings.cacheDuration().toMillis();
		// how long concurrent misses wait for the one fetch in flight
		long refreshTimeout = Math.min(ttl - 1, settings.connectTimeout().plus(settings.readTimeout()).toMillis());
		// Nimbus requires refresh-ahead time + refresh timeout <= time-to-live
		long refreshAhead = Math.max(0, Math.min(Math.min(30_000L, ttl / 10), ttl - refreshTimeout - 1));
		JWKSetSource<SecurityContext> tolerant = new OutageTolerantJWKSetSource<>(limited,
				Math.max(1, usableFor.toMillis()), null);
		KeySetCache cache = new KeySetCache(tolerant, lifetime, refreshTimeout, refreshAhead, (event) -> {
			// after the new set is cached (a request's fetch or a refresh ahead of
			// expiry)
			if (event instanceof CachingJWKSetSource.RefreshCompletedEvent) {
				observed.announceFetched();
			}
		});
		JWKSetBasedJWKSource<SecurityContext> source = new JWKSetBasedJWKSource<>(
				new OutageBoundJwkSetSource(cache, state, clock));
		return new ProviderKeys(source, ProviderKeys.ASYMMETRIC, false, source, state::status);
	}

}
