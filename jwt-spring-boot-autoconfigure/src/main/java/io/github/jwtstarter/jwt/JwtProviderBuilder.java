package io.github.jwtstarter.jwt;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import com.nimbusds.jose.JWSAlgorithm;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.util.Assert;

/**
 * Builds one {@link JwtProvider}, from {@link JwtProviderFactory#provider(String, String)}.
 * Keys and the authentication converter are required; the rest defaults as
 * {@code jwt.providers.*} does: any algorithm the keys allow, any {@code typ}, no audience
 * or claim checked, 60 seconds of clock skew, {@code exp} required, no lifetime bound, DPoP
 * allowed (proofs accepted for 60 seconds, 100,000 proof ids remembered in memory, a
 * tenth of them per client key, {@code htu} compared with the request URL).
 */
public final class JwtProviderBuilder {

	private static final Log logger = LogFactory.getLog(JwtProviderBuilder.class);

	private final String id;

	private final String issuer;

	private final VerificationCrypto crypto;

	private final Clock clock;

	private @Nullable Supplier<ProviderKeys> keys;

	private List<JwtProviderKeysCustomizer> keysCustomizers = List.of();

	private Set<JWSAlgorithm> algorithms = Set.of();

	private Collection<String> types = List.of();

	private Collection<String> audiences = List.of();

	private Map<String, Object> requiredClaims = Map.of();

	private Duration clockSkew = Duration.ofSeconds(60);

	private boolean requireExpiration = true;

	private @Nullable Duration maxLifetime;

	private DPoPMode dpopMode = DPoPMode.ALLOWED;

	private Duration dpopProofMaxAge = Duration.ofSeconds(60);

	private long dpopReplayCacheSize = 100_000;

	private long dpopReplayQuotaPerKey;

	private List<String> dpopOrigins = List.of();

	private DPoPProofVerifier.@Nullable SharedStore dpopReplayStore;

	private @Nullable Converter<Jwt, ? extends AbstractAuthenticationToken> authenticationConverter;

	JwtProviderBuilder(String id, String issuer, VerificationCrypto crypto, Clock clock) {
		this.id = id;
		this.issuer = issuer;
		this.crypto = crypto;
		this.clock = clock;
	}

	/**
	 * Sets the keys, built by {@link #build()} unless no keys customizer asks for them.
	 * @param keys supplies the keys, e.g. {@link JwtProviderFactory#localKeys(String)}
	 * @return this builder
	 */
	public JwtProviderBuilder keys(Supplier<ProviderKeys> keys) {
		Assert.notNull(keys, "keys cannot be null");
		this.keys = keys;
		return this;
	}

	/**
	 * Sets the customizers that may replace the keys, each given what the previous returned.
	 * @param keysCustomizers the customizers
	 * @return this builder
	 */
	public JwtProviderBuilder keysCustomizers(List<JwtProviderKeysCustomizer> keysCustomizers) {
		Assert.notNull(keysCustomizers, "keysCustomizers cannot be null");
		this.keysCustomizers = List.copyOf(keysCustomizers);
		return this;
	}

	/**
	 * Sets the accepted JWS algorithms; empty means what the keys allow.
	 * @param algorithms the algorithm names, e.g. {@code RS256}
	 * @return this builder
	 */
	public JwtProviderBuilder algorithms(Collection<String> algorithms) {
		Assert.notNull(algorithms, "algorithms cannot be null");
		this.algorithms = algorithms.stream()
			.map(JWSAlgorithm::parse)
			.collect(Collectors.toCollection(LinkedHashSet::new));
		return this;
	}

	/**
	 * Sets the accepted {@code typ} header values, compared case-insensitively (a token
	 * without {@code typ} is accepted); empty means any.
	 * @param types the accepted types
	 * @return this builder
	 */
	public JwtProviderBuilder types(Collection<String> types) {
		Assert.notNull(types, "types cannot be null");
		this.types = List.copyOf(types);
		return this;
	}

	/**
	 * Sets the accepted audiences, at least one of which a token must name; empty means
	 * not checked.
	 * @param audiences the accepted audiences
	 * @return this builder
	 */
	public JwtProviderBuilder audiences(Collection<String> audiences) {
		Assert.notNull(audiences, "audiences cannot be null");
		this.audiences = List.copyOf(audiences);
		return this;
	}

	/**
	 * Sets the claims a token must carry, by dotted claim path, with the value each must
	 * have: a boolean, a number or a string of the same JSON type.
	 * @param requiredClaims the claim paths and their values
	 * @return this builder
	 */
	public JwtProviderBuilder requiredClaims(Map<String, Object> requiredClaims) {
		Assert.notNull(requiredClaims, "requiredClaims cannot be null");
		this.requiredClaims = new LinkedHashMap<>(requiredClaims);
		return this;
	}

	/**
	 * Sets the time checks: {@code exp}, {@code nbf} and {@code iat} with clock skew, and
	 * a bound on {@code exp - iat}.
	 * @param clockSkew the leeway of every time check, also of DPoP proofs
	 * @param requireExpiration whether a token without {@code exp} is rejected
	 * @param maxLifetime the longest accepted lifetime, or {@code null} for no bound
	 * @return this builder
	 */
	public JwtProviderBuilder time(Duration clockSkew, boolean requireExpiration, @Nullable Duration maxLifetime) {
		Assert.notNull(clockSkew, "clockSkew cannot be null");
		this.clockSkew = clockSkew;
		this.requireExpiration = requireExpiration;
		this.maxLifetime = maxLifetime;
		return this;
	}

	/**
	 * Sets how DPoP-bound tokens (RFC 9449) are accepted.
	 * @param mode whether DPoP is disabled, allowed or required
	 * @param proofMaxAge how long after its {@code iat} a proof is accepted
	 * @param replayCacheSize the most proof ids remembered
	 * @return this builder
	 */
	public JwtProviderBuilder dpop(DPoPMode mode, Duration proofMaxAge, long replayCacheSize) {
		Assert.notNull(mode, "mode cannot be null");
		Assert.notNull(proofMaxAge, "proofMaxAge cannot be null");
		this.dpopMode = mode;
		this.dpopProofMaxAge = proofMaxAge;
		this.dpopReplayCacheSize = replayCacheSize;
		return this;
	}

	/**
	 * Sets how many DPoP proof ids one client key ({@code cnf.jkt}) may have remembered
	 * at a time; its further proofs are refused until its ids age out.
	 * @param quotaPerKey the share of one client key, at most the replay cache size
	 * @return this builder
	 */
	public JwtProviderBuilder dpopReplayQuotaPerKey(long quotaPerKey) {
		Assert.isTrue(quotaPerKey > 0, "quotaPerKey must be positive");
		this.dpopReplayQuotaPerKey = quotaPerKey;
		return this;
	}

	/**
	 * Sets the public origins a DPoP proof's {@code htu} must name, instead of the URL
	 * the server reconstructs from the request's {@code Host} and forwarded headers.
	 * @param origins absolute http(s) URIs without path, e.g.
	 * {@code https://api.example.com}; empty to compare {@code htu} with the request URL
	 * @return this builder
	 */
	public JwtProviderBuilder dpopOrigins(Collection<String> origins) {
		Assert.notNull(origins, "origins cannot be null");
		this.dpopOrigins = List.copyOf(origins);
		return this;
	}

	/**
	 * Records DPoP proof ids in a store shared with other replicas too, after the
	 * provider's in-memory replay cache.
	 * @param store the store
	 * @param keyPrefix the prefix of this provider's keys in the store
	 * @param timeout how long a request waits for the store before its proof is refused
	 * @return this builder
	 */
	public JwtProviderBuilder dpopReplayStore(DPoPReplayStore store, String keyPrefix, Duration timeout) {
		this.dpopReplayStore = new DPoPProofVerifier.SharedStore(store, keyPrefix, timeout);
		return this;
	}

	/**
	 * Sets how a verified token becomes an {@code Authentication}.
	 * @param authenticationConverter the converter
	 * @return this builder
	 */
	public JwtProviderBuilder authenticationConverter(
			Converter<Jwt, ? extends AbstractAuthenticationToken> authenticationConverter) {
		Assert.notNull(authenticationConverter, "authenticationConverter cannot be null");
		this.authenticationConverter = authenticationConverter;
		return this;
	}

	/**
	 * Builds the provider: keys (through the customizers), validators, decoder and DPoP checks.
	 * @return the provider
	 */
	public JwtProvider build() {
		Assert.state(this.keys != null, "keys must be set");
		Assert.state(this.authenticationConverter != null, "authenticationConverter must be set");
		ProviderKeys providerKeys = customizedKeys(this.keys);
		JwtTimeValidator time = new JwtTimeValidator(this.clockSkew, this.requireExpiration, this.maxLifetime,
				this.clock);
		ProviderJwtDecoder decoder = new ProviderJwtDecoder(this.id, providerKeys, this.algorithms,
				ProviderValidators.create(this.types, this.issuer, this.audiences, this.requiredClaims, time),
				this.crypto);
		long quotaPerKey = (this.dpopReplayQuotaPerKey > 0) ? this.dpopReplayQuotaPerKey
				: DPoPProofVerifier.defaultQuota(this.dpopReplayCacheSize);
		SenderConstraints senderConstraints = new SenderConstraints(this.dpopMode,
				new DPoPProofVerifier(this.dpopProofMaxAge, this.clockSkew, this.dpopReplayCacheSize, quotaPerKey,
						this.dpopOrigins, this.dpopReplayStore, this.clock));
		return new JwtProvider(this.id, this.issuer, providerKeys, decoder, time, this.authenticationConverter,
				senderConstraints);
	}

	/**
	 * Applies the keys customizers, and says once when one of them replaced the keys it
	 * was given: the keys configured under {@code jwt.providers.<id>.jwks} are then not
	 * the ones tokens are verified with.
	 */
	private ProviderKeys customizedKeys(Supplier<ProviderKeys> configured) {
		Supplier<ProviderKeys> keys = configured;
		Set<String> replacedBy = new LinkedHashSet<>();
		for (JwtProviderKeysCustomizer customizer : this.keysCustomizers) {
			Supplier<ProviderKeys> previous = keys;
			keys = () -> {
				HandedOut given = new HandedOut(previous);
				ProviderKeys result = customizer.customize(this.id, given);
				if (!given.isHandedOut(result)) {
					replacedBy.add(customizer.getClass().getName());
				}
				return result;
			};
		}
		ProviderKeys result = keys.get();
		if (!replacedBy.isEmpty() && logger.isInfoEnabled()) {
			logger.info("Provider '" + this.id + "' verifies tokens with keys from JwtProviderKeysCustomizer "
					+ String.join(", ", replacedBy) + ", not with those configured under jwt.providers." + this.id
					+ ".jwks");
		}
		return result;
	}

	/**
	 * The keys given to a customizer: built at most once, and remembered to tell whether
	 * the customizer returned them.
	 */
	private static final class HandedOut implements Supplier<ProviderKeys> {

		private final Supplier<ProviderKeys> keys;

		private @Nullable ProviderKeys handedOut;

		HandedOut(Supplier<ProviderKeys> keys) {
			this.keys = keys;
		}

		@Override
		public ProviderKeys get() {
			if (this.handedOut == null) {
				this.handedOut = this.keys.get();
			}
			return this.handedOut;
		}

		boolean isHandedOut(ProviderKeys keys) {
			return this.handedOut != null && this.handedOut == keys;
		}

	}

}
