package io.github.jwtstarter.jwt;

import java.io.Closeable;
import java.io.IOException;
import java.net.URL;
import java.time.Clock;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

import javax.net.ssl.SSLSocketFactory;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.CachingJWKSetSource;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSetBasedJWKSource;
import com.nimbusds.jose.jwk.source.JWKSetSource;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.jwk.source.JWKSourceBuilder;
import com.nimbusds.jose.jwk.source.URLBasedJWKSetSource;
import com.nimbusds.jose.proc.SecurityContext;
import org.jspecify.annotations.Nullable;

import org.springframework.core.io.Resource;
import org.springframework.util.Assert;
import org.springframework.util.unit.DataSize;

/**
 * One provider's own verification keys: a local key set, or a remote one (a JWK Set
 * URL or OpenID Connect discovery) cached, refreshed ahead of expiry, rate limited and
 * outage tolerant through Nimbus' {@link JWKSourceBuilder}. Keys are never shared
 * between providers.
 */
public final class ProviderKeys implements Closeable {

	/**
	 * The JWS algorithms a provider can accept, in this order: Nimbus' RSA, EC, HMAC and
	 * EdDSA families without ES256K and Ed448, whose keys the key quality gate
	 * refuses (secp256k1 is not an allowed curve, Ed448 cannot be verified).
	 */
	public static final Set<JWSAlgorithm> SUPPORTED_ALGORITHMS = supported(
			List.of(JWSAlgorithm.Family.RSA, JWSAlgorithm.Family.EC, JWSAlgorithm.Family.HMAC_SHA,
					JWSAlgorithm.Family.ED),
			Set.of(JWSAlgorithm.ES256K, JWSAlgorithm.Ed448));

	/**
	 * What remote keys accept when no algorithm is configured: the supported algorithms
	 * but HMAC, which needs a local secret.
	 */
	private static final Set<JWSAlgorithm> ASYMMETRIC = supported(List.of(SUPPORTED_ALGORITHMS),
			JWSAlgorithm.Family.HMAC_SHA);

	private final JWKSource<SecurityContext> source;

	private final Set<JWSAlgorithm> defaultAlgorithms;

	private final boolean local;

	private final @Nullable Closeable closeable;

	private final Supplier<KeySetStatus> status;

	private ProviderKeys(JWKSource<SecurityContext> source, Set<JWSAlgorithm> defaultAlgorithms, boolean local,
			@Nullable Closeable closeable, Supplier<KeySetStatus> status) {
		this.source = source;
		this.defaultAlgorithms = Set.copyOf(defaultAlgorithms);
		this.local = local;
		this.closeable = closeable;
		this.status = status;
	}

	/**
	 * Local keys, already checked by the key quality gate.
	 * @param keys the keys
	 * @return the provider keys
	 */
	public static ProviderKeys local(JWKSet keys) {
		Assert.notNull(keys, "keys cannot be null");
		Set<JWSAlgorithm> algorithms = new LinkedHashSet<>();
		for (JWK key : keys.getKeys()) {
			algorithms.addAll(algorithmsOf(key));
		}
		KeySetStatus status = new KeySetStatus(false, keys.getKeys().size(), null, null, null);
		return new ProviderKeys(new ImmutableJWKSet<>(keys), algorithms, true, null, () -> status);
	}

	/**
	 * Remote keys: fetched on first use through {@link JwksResourceRetriever}, passed
	 * through the key quality gate, cached for {@code cache-duration} and refreshed
	 * in the background ahead of expiry, fetched at most once per
	 * {@code min-refresh-interval} (an unknown {@code kid} included, concurrent misses
	 * sharing one fetch), and kept in use while the endpoint fails until
	 * {@code outage-tolerance} (or {@code cache-duration}, if longer) after the last
	 * successful fetch.
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
		return remote(providerId, jwkSetUrl, issuer, settings, Access.DEFAULT, listener, clock,
				VerificationCrypto.jdk().supportsEdDsa());
	}

	/**
	 * Remote keys, as {@link #remote(String, URL, String, RemoteSettings, JwksFetchListener,
	 * Clock)} describes, fetched with the provider's own TLS settings and bearer token, and
	 * Ed25519 keys skipped unless {@code edDsa}.
	 * @param providerId the provider's id
	 * @param jwkSetUrl the JWK Set URL, or {@code null} for discovery from the issuer
	 * @param issuer the issuer, for discovery
	 * @param settings how keys are fetched and cached
	 * @param access how the discovery and JWKS endpoints are reached
	 * @param listener told of every fetch
	 * @param clock the clock of fetch events
	 * @param edDsa whether Ed25519 keys can be verified (Google Tink is present)
	 * @return the provider keys
	 */
	public static ProviderKeys remote(String providerId, @Nullable URL jwkSetUrl, String issuer,
			RemoteSettings settings, Access access, JwksFetchListener listener, Clock clock, boolean edDsa) {
		Assert.hasText(providerId, "providerId cannot be empty");
		Assert.notNull(settings, "settings cannot be null");
		Assert.notNull(access, "access cannot be null");
		Assert.notNull(listener, "listener cannot be null");
		Assert.notNull(clock, "clock cannot be null");
		Duration usableFor = (settings.outageTolerance().compareTo(settings.cacheDuration()) > 0)
				? settings.outageTolerance() : settings.cacheDuration();
		RemoteKeyState state = new RemoteKeyState(usableFor);
		JwksFetchListener listeners = (event) -> {
			state.onFetch(event);
			listener.onFetch(event);
		};
		JwksResourceRetriever retriever = new JwksResourceRetriever(settings.connectTimeout(), settings.readTimeout(),
				settings.maxSize(), access.sslSocketFactory(),
				(access.bearerToken() != null) ? new BearerTokenFile(access.bearerToken()) : null);
		JWKSetSource<SecurityContext> fetching = (jwkSetUrl != null)
				? new URLBasedJWKSetSource<>(jwkSetUrl, retriever) : new DiscoveryJwkSetSource(issuer, retriever);
		ObservedJwkSetSource observed = new ObservedJwkSetSource(fetching, providerId, listeners, clock, edDsa);
		JWKSetSource<SecurityContext> limited = new FetchRateLimiter(observed, settings.minRefreshInterval());
		long ttl = settings.cacheDuration().toMillis();
		// how long concurrent misses wait for the one fetch in flight
		long refreshTimeout = Math.min(ttl - 1, settings.connectTimeout().plus(settings.readTimeout()).toMillis());
		// Nimbus requires refresh-ahead time + refresh timeout <= time-to-live
		long refreshAhead = Math.max(0, Math.min(Math.min(30_000L, ttl / 10), ttl - refreshTimeout - 1));
		JWKSetBasedJWKSource<SecurityContext> built = (JWKSetBasedJWKSource<SecurityContext>) JWKSourceBuilder
			.create(limited)
			.cache(ttl, refreshTimeout)
			.refreshAheadCache(refreshAhead, false, (event) -> {
				// after the new set is cached (a request's fetch or a refresh ahead of expiry)
				if (event instanceof CachingJWKSetSource.RefreshCompletedEvent) {
					observed.announceFetched();
				}
			})
			.rateLimited(false)
			.outageTolerant(Math.max(1, usableFor.toMillis()))
			.build();
		JWKSetBasedJWKSource<SecurityContext> source = new JWKSetBasedJWKSource<>(
				new OutageBoundJwkSetSource(built.getJWKSetSource(), state, clock));
		return new ProviderKeys(source, ASYMMETRIC, false, source, state::status);
	}

	private static Set<JWSAlgorithm> supported(List<? extends Set<JWSAlgorithm>> families,
			Set<JWSAlgorithm> excluded) {
		Set<JWSAlgorithm> algorithms = new LinkedHashSet<>();
		families.forEach(algorithms::addAll);
		algorithms.removeAll(excluded);
		return Collections.unmodifiableSet(algorithms);
	}

	static Set<JWSAlgorithm> algorithmsOf(JWK key) {
		if (key.getAlgorithm() != null) {
			return Set.of(JWSAlgorithm.parse(key.getAlgorithm().getName()));
		}
		if (key instanceof RSAKey) {
			return Set.copyOf(JWSAlgorithm.Family.RSA);
		}
		if (key instanceof ECKey ec) {
			return Set.copyOf(JWSAlgorithm.Family.EC.stream()
				.filter((algorithm) -> Curve.forJWSAlgorithm(algorithm).contains(ec.getCurve()))
				.toList());
		}
		if (key instanceof OctetKeyPair okp && Curve.Ed25519.equals(okp.getCurve())) {
			return Set.of(JWSAlgorithm.EdDSA, JWSAlgorithm.Ed25519);
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
	Set<JWSAlgorithm> defaultAlgorithms() {
		return this.defaultAlgorithms;
	}

	/**
	 * Returns whether the keys are local.
	 * @return whether the keys are local
	 */
	public boolean isLocal() {
		return this.local;
	}

	/**
	 * Returns what is known of the keys, without any network call.
	 * @return the status of the keys
	 */
	public KeySetStatus status() {
		return this.status.get();
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

	/**
	 * How a provider's discovery and JWKS endpoints are reached, beyond the JVM's defaults.
	 *
	 * @param sslSocketFactory the TLS socket factory of https requests (asked on every
	 * request, so a reloaded SSL bundle takes effect), or {@code null} for the JVM's
	 * default trust
	 * @param bearerToken a file whose token is sent as {@code Authorization: Bearer} on
	 * every https request of this provider, read anew each time, or {@code null}
	 */
	public record Access(@Nullable Supplier<SSLSocketFactory> sslSocketFactory, @Nullable Resource bearerToken) {

		/** The JVM's default trust and no credentials. */
		public static final Access DEFAULT = new Access(null, null);

	}

}
