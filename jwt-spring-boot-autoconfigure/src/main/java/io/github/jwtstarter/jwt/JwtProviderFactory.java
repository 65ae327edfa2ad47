package io.github.jwtstarter.jwt;

import java.net.URL;
import java.time.Clock;
import java.util.List;

import com.nimbusds.jose.jwk.JWKSet;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Assembles {@link JwtProvider}s: their keys (local keys parsed and passed through the
 * key quality gate, remote keys fetched and cached), validators, decoder and the checks
 * of sender-constrained tokens. The crypto that checks signatures is chosen once, when
 * the factory is created, and shared by every provider it builds. <pre class="code">
 * JwtProviderFactory factory = JwtProviderFactory.preferAccp(classLoader, Clock.systemUTC());
 * JwtProvider corp = factory.provider("corp", "https://corp.example")
 * 	.keys(() -&gt; factory.localKeys(pem))
 * 	.audiences(List.of("api"))
 * 	.authenticationConverter(converter)
 * 	.build();
 * </pre>
 */
public final class JwtProviderFactory {

	private final VerificationCrypto crypto;

	private final Clock clock;

	private final ObservationRegistry observations;

	private JwtProviderFactory(VerificationCrypto crypto, Clock clock, ObservationRegistry observations) {
		this.crypto = crypto;
		this.clock = clock;
		this.observations = observations;
	}

	/**
	 * A factory whose providers check RSA and EC signatures with Amazon Corretto Crypto
	 * Provider when it is on the class path and loads, else with the JDK's providers (a
	 * warning says why).
	 * @param classLoader the application's class loader, or {@code null} for the default
	 * one
	 * @param clock the clock of the time checks, DPoP proofs and key fetches
	 * @return the factory
	 */
	public static JwtProviderFactory preferAccp(@Nullable ClassLoader classLoader, Clock clock) {
		Assert.notNull(clock, "clock cannot be null");
		return new JwtProviderFactory(VerificationCrypto.preferAccp(classLoader), clock, ObservationRegistry.NOOP);
	}

	/**
	 * A factory whose providers check signatures with the JDK's providers.
	 * @param classLoader the application's class loader, or {@code null} for the default
	 * one
	 * @param clock the clock of the time checks, DPoP proofs and key fetches
	 * @return the factory
	 */
	public static JwtProviderFactory jdk(@Nullable ClassLoader classLoader, Clock clock) {
		Assert.notNull(clock, "clock cannot be null");
		return new JwtProviderFactory(VerificationCrypto.jdk(classLoader), clock, ObservationRegistry.NOOP);
	}

	/**
	 * A factory like this one whose remote keys report each fetch as an observation
	 * ({@code jwt.jwks.fetch}), a span in the current trace under Micrometer Tracing.
	 * @param observations the registry; {@link ObservationRegistry#NOOP} observes nothing
	 * @return the factory
	 */
	public JwtProviderFactory observationRegistry(ObservationRegistry observations) {
		Assert.notNull(observations, "observations cannot be null");
		return new JwtProviderFactory(this.crypto, this.clock, observations);
	}

	/**
	 * Returns whether Ed25519 signatures can be verified (Google Tink is on the class
	 * path); without it, Ed25519 keys are refused.
	 * @return whether EdDSA is supported
	 */
	public boolean supportsEdDsa() {
		return this.crypto.supportsEdDsa();
	}

	/**
	 * Reads local keys: a JWK Set, a single JWK, or PEM public keys or certificates, each
	 * key passed through the key quality gate.
	 * @param text the key text
	 * @return the provider keys
	 * @throws IllegalArgumentException when the text holds no usable key; the message
	 * says what is wrong and how to fix it, and never holds key material
	 */
	public ProviderKeys localKeys(String text) {
		Assert.notNull(text, "text cannot be null");
		JWKSet keys;
		try {
			keys = JwkSetLoader.parse(text);
		}
		catch (IllegalArgumentException ex) {
			// the cause is left out: it may quote the text
			throw new IllegalArgumentException(ex.getMessage() + "; provide a JWK Set, a JWK, or PEM public key(s)");
		}
		return localKeys(keys);
	}

	/**
	 * Local keys, each passed through the key quality gate; only their public parts are
	 * kept.
	 * @param keys the keys, e.g. generated test keys
	 * @return the provider keys
	 * @throws IllegalArgumentException when the set is empty or the key quality gate
	 * refuses a key; the message never holds key material
	 */
	public ProviderKeys localKeys(JWKSet keys) {
		Assert.notNull(keys, "keys cannot be null");
		JWKSet publicKeys = JwkSetLoader.publicOnly(keys);
		if (publicKeys.getKeys().isEmpty()) {
			throw new IllegalArgumentException("holds no key");
		}
		List<String> problems = JwkQualityGate.problems(publicKeys, supportsEdDsa());
		if (!problems.isEmpty()) {
			throw new IllegalArgumentException("keys refused by the key quality gate: " + String.join("; ", problems));
		}
		return ProviderKeys.local(publicKeys);
	}

	/**
	 * Remote keys: fetched on first use (or at startup, see
	 * {@link ProviderKeys#fetch()}), passed through the key quality gate (Ed25519 keys
	 * skipped unless {@link #supportsEdDsa()}), cached for the response's
	 * {@code Cache-Control: max-age} between {@code min-refresh-interval} and
	 * {@code cache-duration} (less a random part of up to a tenth) and refreshed in the
	 * background ahead of expiry, revalidated with {@code ETag} / {@code Last-Modified},
	 * fetched at most once per {@code min-refresh-interval} (longer after a
	 * {@code Retry-After}; an unknown {@code kid} included, concurrent misses sharing one
	 * fetch), and kept in use while the endpoint fails until {@code outage-tolerance} (or
	 * {@code cache-duration}, if longer) after the last successful fetch. A bearer token
	 * goes only to the issuer's origin and the configured JWK Set URL's.
	 * @param providerId the provider's id
	 * @param jwkSetUrl the JWK Set URL, or {@code null} for discovery from the issuer
	 * @param issuer the issuer, for discovery
	 * @param settings how keys are fetched and cached
	 * @param access how the discovery and JWKS endpoints are reached
	 * @param listener told of every fetch
	 * @return the provider keys
	 */
	public ProviderKeys remoteKeys(String providerId, @Nullable URL jwkSetUrl, String issuer,
			ProviderKeys.RemoteSettings settings, ProviderKeys.Access access, JwksFetchListener listener) {
		return RemoteKeys.create(providerId, jwkSetUrl, issuer, settings, access, listener, this.clock, supportsEdDsa(),
				this.observations);
	}

	/**
	 * Remote keys of one tenant of a multi-tenant provider, as
	 * {@link #remoteKeys(String, URL, String, ProviderKeys.RemoteSettings, ProviderKeys.Access, JwksFetchListener)}
	 * describes, whose fetches are reported with the tenant
	 * ({@link JwksFetchEvent#tenant()}), so that a change of one tenant's keys drops only
	 * that tenant's verified tokens.
	 * @param providerId the provider's id
	 * @param tenant the tenant
	 * @param jwkSetUrl the tenant's JWK Set URL, or {@code null} for discovery from its
	 * issuer
	 * @param issuer the tenant's issuer, for discovery
	 * @param settings how keys are fetched and cached
	 * @param access how the discovery and JWKS endpoints are reached
	 * @param listener told of every fetch
	 * @return the tenant's keys
	 */
	public ProviderKeys remoteKeys(String providerId, String tenant, @Nullable URL jwkSetUrl, String issuer,
			ProviderKeys.RemoteSettings settings, ProviderKeys.Access access, JwksFetchListener listener) {
		Assert.hasText(tenant, "tenant cannot be empty");
		Assert.notNull(listener, "listener cannot be null");
		return remoteKeys(providerId, jwkSetUrl, issuer, settings, access,
				(event) -> listener.onFetch(event.withTenant(tenant)));
	}

	/**
	 * Starts a provider.
	 * @param id the provider's id
	 * @param issuer the exact issuer its tokens carry, or an issuer with one
	 * {@code {tenant}} placeholder for a multi-tenant provider
	 * @return the builder of the provider
	 */
	public JwtProviderBuilder provider(String id, String issuer) {
		Assert.hasText(id, "id cannot be empty");
		Assert.hasText(issuer, "issuer cannot be empty");
		return new JwtProviderBuilder(id, issuer, this.crypto, this.clock);
	}

	@Override
	public String toString() {
		return "JwtProviderFactory[crypto=" + this.crypto.providerName() + ", edDsa=" + supportsEdDsa() + "]";
	}

}
