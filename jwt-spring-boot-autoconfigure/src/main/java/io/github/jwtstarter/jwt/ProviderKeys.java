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

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.KeySourceException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKMatcher;
import com.nimbusds.jose.jwk.JWKSelector;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.OctetSequenceKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.jwk.source.JWKSource;
import com.nimbusds.jose.proc.SecurityContext;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.ssl.SslBundle;
import org.springframework.core.io.Resource;
import org.springframework.util.Assert;
import org.springframework.util.unit.DataSize;

/**
 * One provider's own verification keys, a value: a local key set, or a remote one (a JWK
 * Set URL or OpenID Connect discovery) cached, refreshed ahead of expiry, rate limited
 * and outage tolerant (see {@link RemoteKeys}). Built by {@link JwtProviderFactory}, the
 * one way in. Keys are never shared between providers.
 */
public final class ProviderKeys implements Closeable {

	/**
	 * The JWS algorithms a provider can accept, in this order: Nimbus' RSA, EC, HMAC and
	 * EdDSA families without ES256K and Ed448, whose keys the key quality gate refuses
	 * (secp256k1 is not an allowed curve, Ed448 cannot be verified).
	 */
	public static final Set<JWSAlgorithm> SUPPORTED_ALGORITHMS = supported(List.of(JWSAlgorithm.Family.RSA,
			JWSAlgorithm.Family.EC, JWSAlgorithm.Family.HMAC_SHA, JWSAlgorithm.Family.ED),
			Set.of(JWSAlgorithm.ES256K, JWSAlgorithm.Ed448));

	/**
	 * What remote keys accept when no algorithm is configured: the supported algorithms
	 * but HMAC, which needs a local secret.
	 */
	static final Set<JWSAlgorithm> ASYMMETRIC = supported(List.of(SUPPORTED_ALGORITHMS), JWSAlgorithm.Family.HMAC_SHA);

	private static final JWKSelector ANY_KEY = new JWKSelector(new JWKMatcher.Builder().build());

	private final JWKSource<SecurityContext> source;

	private final Set<JWSAlgorithm> defaultAlgorithms;

	private final boolean local;

	private final @Nullable Closeable closeable;

	private final Supplier<KeySetStatus> status;

	ProviderKeys(JWKSource<SecurityContext> source, Set<JWSAlgorithm> defaultAlgorithms, boolean local,
			@Nullable Closeable closeable, Supplier<KeySetStatus> status) {
		this.source = source;
		this.defaultAlgorithms = Set.copyOf(defaultAlgorithms);
		this.local = local;
		this.closeable = closeable;
		this.status = status;
	}

	/**
	 * Local keys, already checked by the key quality gate: built through
	 * {@link JwtProviderFactory#localKeys(JWKSet)}.
	 * @param keys the keys
	 * @return the provider keys
	 */
	static ProviderKeys local(JWKSet keys) {
		Assert.notNull(keys, "keys cannot be null");
		Set<JWSAlgorithm> algorithms = new LinkedHashSet<>();
		for (JWK key : keys.getKeys()) {
			algorithms.addAll(algorithmsOf(key));
		}
		KeySetStatus status = new KeySetStatus(false, keys.getKeys().size(), null, null, null);
		return new ProviderKeys(new ImmutableJWKSet<>(keys), algorithms, true, null, () -> status);
	}

	/**
	 * Remote keys as {@link RemoteKeys} builds them, with the JVM's default trust, no
	 * bearer token, Ed25519 keys skipped and no observations: for tests of this package.
	 */
	static ProviderKeys remote(String providerId, @Nullable URL jwkSetUrl, String issuer, RemoteSettings settings,
			JwksFetchListener listener, Clock clock) {
		return RemoteKeys.create(providerId, jwkSetUrl, issuer, settings, Access.DEFAULT, listener, clock,
				VerificationCrypto.jdk().supportsEdDsa(), ObservationRegistry.NOOP);
	}

	private static Set<JWSAlgorithm> supported(List<? extends Set<JWSAlgorithm>> families, Set<JWSAlgorithm> excluded) {
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
	 * Fetches remote keys now, unless cached ones are still fresh, as the first token
	 * would: rate limited, reported to the fetch listeners, bounded by the timeouts. Does
	 * nothing for local keys. A failure is reported as any fetch failure is, and shows in
	 * {@link #status()}.
	 */
	public void fetch() {
		if (this.local) {
			return;
		}
		try {
			this.source.get(ANY_KEY, null);
		}
		catch (KeySourceException | RuntimeException ex) {
			// reported to the fetch listeners and in the status
		}
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
	 * How a provider's discovery and JWKS endpoints are reached, beyond the JVM's
	 * defaults.
	 *
	 * @param sslBundle the SSL bundle of https requests (trust, client keys, protocols
	 * and ciphers), asked on every request so that a reloaded bundle takes effect, or
	 * {@code null} for the JVM's default trust
	 * @param bearerToken a file whose token is sent as {@code Authorization: Bearer} on
	 * this provider's https requests to the issuer's origin and the configured JWK Set
	 * URL's, read anew each time, or {@code null}
	 */
	public record Access(@Nullable Supplier<SslBundle> sslBundle, @Nullable Resource bearerToken) {

		/** The JVM's default trust and no credentials. */
		public static final Access DEFAULT = new Access(null, null);

	}

}
