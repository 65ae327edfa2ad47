package io.github.jwtstarter.jwt;

import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWKSet;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.util.Assert;

/**
 * Builds one {@link JwtProvider}, from
 * {@link JwtProviderFactory#provider(String, String)}. Keys and the authentication
 * converter are required; the rest defaults as {@code jwt.providers.*} does: any
 * algorithm the keys allow, any {@code typ}, no audience or claim checked, 60 seconds of
 * clock skew, {@code exp} required, no lifetime bound, DPoP allowed (proofs accepted for
 * 60 seconds, 100,000 proof ids remembered in memory, a tenth of them per client key,
 * {@code htu} compared with the request URL), no check of the application's own.
 * <p>
 * An issuer with a {@code {tenant}} placeholder builds a multi-tenant provider
 * ({@link JwtProviderTenants}): any one path segment is a tenant unless
 * {@link #tenants(Collection)} or {@link #tenantPattern(String)} says otherwise; its keys
 * are either one set shared by every tenant ({@link #keys(Supplier)}) or each tenant's
 * own ({@link #tenantKeys(BiFunction)}): <pre class="code">
 * JwtProvider customers = factory.provider("customers", "https://kc.example.com/realms/{tenant}")
 * 	.tenants(List.of("acme", "globex"))
 * 	.tenantKeys((tenant, issuer) -&gt; factory.remoteKeys("customers", tenant, null, issuer, settings, access, listener))
 * 	.authenticationConverter(converter)
 * 	.build();
 * </pre> Each tenant's provider knows its tenant ({@link JwtProvider#getTenant()}); for
 * the Authentication to know it too (RBAC principals, {@code @jwt.tenant()}, the tenant
 * predicates read it there), make it with a {@code ProviderJwtAuthenticationConverter}
 * given the provider's {@link IssuerTemplate}.
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

	private byte @Nullable [] dpopNonceSecret;

	private Duration dpopNonceLifetime = Duration.ofMinutes(5);

	private @Nullable Converter<Jwt, ? extends AbstractAuthenticationToken> authenticationConverter;

	private List<OAuth2TokenValidator<Jwt>> validators = List.of();

	private @Nullable IssuerTemplate template;

	private @Nullable String tenantClaim;

	private int maxTenants = 100;

	private @Nullable BiFunction<String, String, ProviderKeys> tenantKeys;

	JwtProviderBuilder(String id, String issuer, VerificationCrypto crypto, Clock clock) {
		this.id = id;
		this.issuer = issuer;
		this.crypto = crypto;
		this.clock = clock;
		this.template = IssuerTemplate.isTemplate(issuer) ? IssuerTemplate.of(issuer) : null;
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
	 * Sets the customizers that may replace the keys, each given what the previous
	 * returned.
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
	 * Requires server-provided DPoP nonces (RFC 9449 section 8) in this provider's
	 * proofs: a proof without a current one is answered {@code use_dpop_nonce} with a
	 * fresh nonce in {@code DPoP-Nonce}. The nonces need no state; every replica given
	 * the same secret accepts the nonces of the others.
	 * @param secret the secret every replica shares, at least 32 bytes
	 * @param lifetime how long a nonce is accepted after it was issued
	 * @return this builder
	 */
	public JwtProviderBuilder dpopNonces(byte[] secret, Duration lifetime) {
		Assert.isTrue(secret != null && secret.length >= DPoPNonces.MIN_SECRET_LENGTH,
				() -> "secret must be at least " + DPoPNonces.MIN_SECRET_LENGTH + " bytes");
		Assert.isTrue(lifetime != null && lifetime.getSeconds() > 0, "lifetime must be at least one second");
		this.dpopNonceSecret = secret.clone();
		this.dpopNonceLifetime = lifetime;
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
	 * Sets checks of the application's own, run in order on every token that passes the
	 * provider's checks. A failure, or an exception a check throws, rejects the token as
	 * {@link JwtFailure#CUSTOM}: the client gets that reason's generic description, never
	 * the check's own, and metrics count it under the check's error code when that is a
	 * short simple word (see {@link JwtVerificationException#getReason()}).
	 * @param validators the checks
	 * @return this builder
	 */
	public JwtProviderBuilder validators(List<OAuth2TokenValidator<Jwt>> validators) {
		Assert.notNull(validators, "validators cannot be null");
		Assert.noNullElements(validators, "validators cannot contain null elements");
		this.validators = List.copyOf(validators);
		return this;
	}

	/**
	 * Accepts only these tenants (an issuer with {@code {tenant}} only).
	 * @param tenants the tenants, each a valid tenant
	 * ({@link IssuerTemplate#isValidTenant})
	 * @return this builder
	 */
	public JwtProviderBuilder tenants(Collection<String> tenants) {
		this.template = template().withTenants(tenants);
		return this;
	}

	/**
	 * Accepts the tenants that match a regular expression as a whole (an issuer with
	 * {@code {tenant}} only).
	 * @param regex the regular expression
	 * @return this builder
	 */
	public JwtProviderBuilder tenantPattern(String regex) {
		this.template = template().withTenantPattern(regex);
		return this;
	}

	/**
	 * Requires a claim to equal the tenant taken from the token's issuer (an issuer with
	 * {@code {tenant}} only), e.g. {@code tid} for Microsoft Entra ID.
	 * @param claim the claim path
	 * @return this builder
	 */
	public JwtProviderBuilder tenantClaim(String claim) {
		Assert.hasText(claim, "claim cannot be empty");
		template();
		ClaimPath.of(claim);
		this.tenantClaim = claim;
		return this;
	}

	/**
	 * Sets the most tenants kept (an issuer with {@code {tenant}} only); default 100.
	 * @param maxTenants the bound
	 * @return this builder
	 */
	public JwtProviderBuilder maxTenants(int maxTenants) {
		Assert.isTrue(maxTenants > 0, "maxTenants must be positive");
		template();
		this.maxTenants = maxTenants;
		return this;
	}

	/**
	 * Sets how each tenant's own keys are made (an issuer with {@code {tenant}} only),
	 * instead of one key set for all ({@link #keys(Supplier)}). Called once per tenant,
	 * when the tenant is first used (again after it was evicted), and passed through the
	 * keys customizers.
	 * @param tenantKeys makes the keys of a tenant, given the tenant and its issuer, e.g.
	 * {@link JwtProviderFactory#remoteKeys(String, String, java.net.URL, String, ProviderKeys.RemoteSettings, ProviderKeys.Access, JwksFetchListener)}
	 * @return this builder
	 */
	public JwtProviderBuilder tenantKeys(BiFunction<String, String, ProviderKeys> tenantKeys) {
		Assert.notNull(tenantKeys, "tenantKeys cannot be null");
		template();
		this.tenantKeys = tenantKeys;
		return this;
	}

	private IssuerTemplate template() {
		Assert.state(this.template != null, () -> "the issuer of provider '" + this.id + "' has no "
				+ IssuerTemplate.PLACEHOLDER + ": tenants apply to multi-tenant providers only");
		return this.template;
	}

	private @Nullable DPoPNonces dpopNonces() {
		byte[] secret = this.dpopNonceSecret;
		return (secret != null) ? new DPoPNonces(this.id, secret, this.dpopNonceLifetime, this.clockSkew, this.clock)
				: null;
	}

	/**
	 * Builds the provider: keys (through the customizers), validators, decoder and DPoP
	 * checks.
	 * @return the provider
	 */
	public JwtProvider build() {
		Assert.state(this.authenticationConverter != null, "authenticationConverter must be set");
		Assert.state(this.keys == null || this.tenantKeys == null, "keys and tenantKeys cannot both be set");
		JwtTimeValidator time = new JwtTimeValidator(this.clockSkew, this.requireExpiration, this.maxLifetime,
				this.clock);
		long quotaPerKey = (this.dpopReplayQuotaPerKey > 0) ? this.dpopReplayQuotaPerKey
				: DPoPProofVerifier.defaultQuota(this.dpopReplayCacheSize);
		SenderConstraints senderConstraints = new SenderConstraints(this.dpopMode,
				new DPoPProofVerifier(this.dpopProofMaxAge, this.clockSkew, this.dpopReplayCacheSize, quotaPerKey,
						this.dpopOrigins, this.dpopReplayStore, dpopNonces(), this.clock));
		ApplicationValidators application = new ApplicationValidators(this.id, this.validators);
		if (this.template != null) {
			return buildTenants(this.template, time, senderConstraints, application);
		}
		Assert.state(this.keys != null, "keys must be set");
		ProviderKeys providerKeys = customizedKeys(this.keys);
		ProviderJwtDecoder decoder = new ProviderJwtDecoder(this.id, providerKeys, this.algorithms, ProviderValidators
			.create(this.types, this.issuer, this.audiences, this.requiredClaims, time, null, application),
				this.crypto);
		return new JwtProvider(this.id, this.issuer, providerKeys, decoder, time, this.authenticationConverter,
				senderConstraints);
	}

	/**
	 * The configured provider of a template holds the tenants; each tenant's provider is
	 * made from a copy of this builder's settings, so that later calls to this builder
	 * change nothing.
	 */
	private JwtProvider buildTenants(IssuerTemplate template, JwtTimeValidator time,
			SenderConstraints senderConstraints, ApplicationValidators application) {
		Assert.state(this.keys != null || this.tenantKeys != null, "keys or tenantKeys must be set");
		ProviderKeys shared = (this.keys != null) ? customizedKeys(this.keys) : null;
		BiFunction<String, String, ProviderKeys> tenantKeys = this.tenantKeys;
		Converter<Jwt, ? extends AbstractAuthenticationToken> converter = this.authenticationConverter;
		String id = this.id;
		// each setter replaces these collections, never changes them
		Set<JWSAlgorithm> algorithms = this.algorithms;
		Collection<String> types = this.types;
		Collection<String> audiences = this.audiences;
		Map<String, Object> requiredClaims = this.requiredClaims;
		String tenantClaim = this.tenantClaim;
		VerificationCrypto crypto = this.crypto;
		List<JwtProviderKeysCustomizer> keysCustomizers = this.keysCustomizers;
		JwtProviderTenants tenants = new JwtProviderTenants(id, template, tenantClaim, this.maxTenants, shared,
				(tenant, owner) -> {
					String issuer = template.issuer(tenant);
					ProviderKeys keys = (shared != null) ? shared
							: customizedKeys(id, keysCustomizers, () -> tenantKeys.apply(tenant, issuer), false);
					ProviderValidators.TenantClaim claim = (tenantClaim != null)
							? new ProviderValidators.TenantClaim(tenantClaim, tenant) : null;
					ProviderJwtDecoder decoder = new ProviderJwtDecoder(id, keys, algorithms, ProviderValidators
						.create(types, issuer, audiences, requiredClaims, time, claim, application), crypto);
					return new JwtProvider(id, issuer, tenant, owner, keys, decoder, time, converter,
							senderConstraints);
				});
		ProviderKeys keys = (shared != null) ? shared : ProviderKeys.local(new JWKSet());
		return new JwtProvider(id, template.getTemplate(), null, tenants, keys, null, time, converter,
				senderConstraints);
	}

	/**
	 * Applies the keys customizers, and says once when one of them replaced the keys it
	 * was given: the keys configured under {@code jwt.providers.<id>.jwks} are then not
	 * the ones tokens are verified with.
	 */
	private ProviderKeys customizedKeys(Supplier<ProviderKeys> configured) {
		return customizedKeys(this.id, this.keysCustomizers, configured, true);
	}

	private static ProviderKeys customizedKeys(String id, List<JwtProviderKeysCustomizer> customizers,
			Supplier<ProviderKeys> configured, boolean announce) {
		Supplier<ProviderKeys> keys = configured;
		Set<String> replacedBy = new LinkedHashSet<>();
		for (JwtProviderKeysCustomizer customizer : customizers) {
			Supplier<ProviderKeys> previous = keys;
			keys = () -> {
				HandedOut given = new HandedOut(previous);
				ProviderKeys result = customizer.customize(id, given);
				if (!given.isHandedOut(result)) {
					replacedBy.add(customizer.getClass().getName());
				}
				return result;
			};
		}
		ProviderKeys result = keys.get();
		if (announce && !replacedBy.isEmpty() && logger.isInfoEnabled()) {
			logger.info("Provider '" + id + "' verifies tokens with keys from JwtProviderKeysCustomizer "
					+ String.join(", ", replacedBy) + ", not with those configured under jwt.providers." + id
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
