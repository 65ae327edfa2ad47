package io.github.jwtstarter.jwt;

import java.io.Closeable;
import java.io.IOException;
import java.net.URL;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Set;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.URLBasedJWKSetSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;
import org.springframework.util.unit.DataSize;

/**
 * One provider's own verification keys: a local key set, or a remote one (a JWK Set
 * URL or OpenID Connect discovery) cached, refreshed ahead of expiry, rate limited and
 * outage tolerant through Nimbus' {@link JWKSourceBuilder}. Keys are never shared
 * between providers.
 *
 * @author jwt-spring-boot-starter
 */
public final class ProviderKeys implements Closeable {

	private static final Set<JWSAlgorithm> ASYMMETRIC = Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384,
			JWSAlgorithm.RS512, JWSAlgorithm.PS256, JWSAlgorithm.PS384, JWSAlgorithm.PS512, JWSAlgorithm.ES256,
			JWSAlgorithm.ES384, JWSAlgorithm.ES512);

	private final JWKSource<SecurityContext> source;

	private final Set<JWSAlgorithm> defaultAlgorithms;

	private final boolean local;

	private final @Nullable Closeable closeable;

	private ProviderKeys(JWKSource<SecurityContext> source, Set<JWSAlgorithm> defaultAlgorithms, boolean local,
			@Nullable Closeable closeable) {
		this.source = source;
		this.defaultAlgorithms = Set.copyOf(defaultAlgorithms);
		this.local = local;
		this.closeable = closeable;
	}

	/**
	 * Local keys, already checked by the {@link JwkQualityGate}.
	 * @param keys the keys
	 * @return the provider keys
	 */
	public static ProviderKeys local(JWKSet keys) {
		Assert.notNull(keys, "keys cannot be null");
		Set<JWSAlgorithm> algorithms = new LinkedHashSet<>();
		for (JWK key : keys.getKeys()) {
			algorithms.addAll(algorithmsOf(key));
		}
		return new ProviderKeys(new ImmutableJWKSet<>(keys), algorithms, true, null);
	}

	/**
	 * Remote keys.
	 * @param providerId the provider's id
	 * @param jwkSetUrl the JWK Set URL, or {@code null} for discovery from the issuer
	 * @param issuer the issuer, for discovery
	 * @param settings how keys are fetched and cached
	 * @param listener told of every fetch
	 * @param clock the clock of fetch events
	 * @return the provider keys
	 */
	public static ProviderKeys remote(String providerId, @Nullable URL jwkSetUrl, String issuer,
			RemoteSettings settings, JwksFetchListener listener, Clock clock) {
		JwksResourceRetriever retriever = new JwksResourceRetriever(settings.connectTimeout(), settings.readTimeout(),
				settings.maxSize());
		JWKSetSource<SecurityContext> fetching = (jwkSetUrl != null)
				? new URLBasedJWKSetSource<>(jwkSetUrl, retriever) : new DiscoveryJwkSetSource(issuer, retriever);
		JWKSetSource<SecurityContext> limited = new FetchRateLimiter(
				new ObservedJwkSetSource(fetching, providerId, listener, clock), settings.minRefreshInterval());
		long ttl = settings.cacheDuration().toMillis();
		long refreshTimeout = settings.connectTimeout().plus(settings.readTimeout()).toMillis();
		long refreshAhead = Math.max(0, Math.min(30_000L, ttl - refreshTimeout - 1));
		JWKSource<SecurityContext> source = JWKSourceBuilder.create(limited)
			.cache(ttl, refreshTimeout)
			.refreshAheadCache(refreshAhead, false)
			.rateLimited(false)
			.outageTolerant(Math.max(1, settings.outageTolerance().toMillis()))
			.build();
		return new ProviderKeys(source, ASYMMETRIC, false, (source instanceof Closeable c) ? c : null);
	}

	static Set<JWSAlgorithm> algorithmsOf(JWK key) {
		if (key.getAlgorithm() != null) {
			return Set.of(JWSAlgorithm.parse(key.getAlgorithm().getName()));
		}
		if (key instanceof RSAKey) {
			return Set.of(JWSAlgorithm.RS256, JWSAlgorithm.RS384, JWSAlgorithm.RS512, JWSAlgorithm.PS256,
					JWSAlgorithm.PS384, JWSAlgorithm.PS512);
		}
		if (key instanceof ECKey ec) {
			return Set.copyOf(JWSAlgorithm.Family.EC.stream()
				.filter((algorithm) -> Curve.forJWSAlgorithm(algorithm).contains(ec.getCurve()))
				.toList());
		}
		if (key instanceof OctetSequenceKey oct) {
			Set<JWSAlgorithm> algorithms = new LinkedHashSet<>();
			algorithms.add(JWSAlgorithm.HS256);
			if (oct.size() >= 384) {
				algorithms.add(JWSAlgorithm.HS384);
			}
			if (oct.size() >= 512) {
				algorithms.add(JWSAlgorithm.HS512);
			}
			return algorithms;
		}
		return Set.of();
	}

	/**
	 * Returns the source of the keys.
	 * @return the key source
	 */
	public JWKSource<SecurityContext> source() {
		return this.source;
	}

	/**
	 * Returns the algorithms accepted when none is configured.
	 * @return the default algorithms
	 */
	public Set<JWSAlgorithm> defaultAlgorithms() {
		return this.defaultAlgorithms;
	}

	/**
	 * Returns whether the keys are local.
	 * @return whether the keys are local
	 */
	public boolean isLocal() {
		return this.local;
	}

	@Override
	public void close() throws IOException {
		if (this.closeable != null) {
			this.closeable.close();
		}
	}

	/**
	 * How remote keys are fetched and cached.
	 *
	 * @param cacheDuration how long fetched keys are used before a refresh
	 * @param minRefreshInterval the shortest interval between two fetches
	 * @param outageTolerance how long cached keys outlive a failing endpoint
	 * @param connectTimeout the connect timeout
	 * @param readTimeout the read timeout
	 * @param maxSize the largest accepted response
	 */
	public record RemoteSettings(Duration cacheDuration, Duration minRefreshInterval, Duration outageTolerance,
			Duration connectTimeout, Duration readTimeout, DataSize maxSize) {

	}

}
