package io.github.jwtstarter.test.tokens;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.factories.DefaultJWSSignerFactory;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimNames;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.github.jwtstarter.autoconfigure.JwtProperties;
import io.github.jwtstarter.test.tokens.JwtTestToken.Placement;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Builds one token for one provider; obtained from {@link JwtTestTokens#provider(String)}.
 * Unless told otherwise a token has the provider's issuer, its first audience, its
 * {@code required-claims}, subject {@code user}, a lifetime of five minutes (or the
 * provider's {@code max-lifetime}, if shorter), the provider's first {@code types} entry as
 * {@code typ}, the test key's {@code kid}, and travels in the provider's first token
 * location.
 */
public final class JwtTestTokenBuilder {

	private static final Duration DEFAULT_LIFETIME = Duration.ofMinutes(5);

	private static final DefaultJWSSignerFactory SIGNERS = new DefaultJWSSignerFactory();

	private final String providerId;

	private final JwtProperties.Provider provider;

	private final JwtTestKeys keys;

	private final Clock clock;

	private final Map<String, Object> claims = new LinkedHashMap<>();

	private final Set<String> removedClaims = new LinkedHashSet<>();

	private @Nullable JWSAlgorithm algorithm;

	private @Nullable Instant issuedAt;

	private @Nullable Duration lifetime;

	private @Nullable Instant expiresAt;

	private boolean expired;

	private boolean unknownKey;

	private boolean withoutKid;

	private @Nullable JWK signingKey;

	private @Nullable String type;

	private @Nullable Placement placement;

	JwtTestTokenBuilder(String providerId, JwtProperties.Provider provider, JwtTestKeys keys, Clock clock) {
		this.providerId = providerId;
		this.provider = provider;
		this.keys = keys;
		this.clock = clock;
	}

	/**
	 * Sets the {@code sub} claim (default {@code user}).
	 * @param subject the subject
	 * @return this builder
	 */
	public JwtTestTokenBuilder subject(String subject) {
		return claim(JWTClaimNames.SUBJECT, subject);
	}

	/**
	 * Sets the {@code iss} claim, e.g. another provider's issuer for a negative test.
	 * @param issuer the issuer
	 * @return this builder
	 */
	public JwtTestTokenBuilder issuer(String issuer) {
		return claim(JWTClaimNames.ISSUER, issuer);
	}

	/**
	 * Sets the {@code aud} claim: one audience as a string, several as a list.
	 * @param audiences the audiences
	 * @return this builder
	 */
	public JwtTestTokenBuilder audience(String... audiences) {
		Assert.notEmpty(audiences, "audiences cannot be empty");
		return claim(JWTClaimNames.AUDIENCE, (audiences.length == 1) ? audiences[0] : List.of(audiences));
	}

	/**
	 * Sets the {@code scope} claim to the scopes, space-separated.
	 * @param scopes the scopes
	 * @return this builder
	 */
	public JwtTestTokenBuilder scopes(String... scopes) {
		return claim("scope", String.join(" ", scopes));
	}

	/**
	 * Sets a claim: a string, number, boolean, list or map.
	 * @param name the claim name
	 * @param value the value
	 * @return this builder
	 */
	public JwtTestTokenBuilder claim(String name, Object value) {
		Assert.hasText(name, "name cannot be empty");
		Assert.notNull(value, "value cannot be null; use withoutClaim(name)");
		this.claims.put(name, value);
		this.removedClaims.remove(name);
		return this;
	}

	/**
	 * Sets claims.
	 * @param claims the claims
	 * @return this builder
	 */
	public JwtTestTokenBuilder claims(Map<String, ?> claims) {
		claims.forEach(this::claim);
		return this;
	}

	/**
	 * Leaves a claim out, also one the builder adds by default ({@code exp},
	 * {@code aud}, a required claim...).
	 * @param name the claim name
	 * @return this builder
	 */
	public JwtTestTokenBuilder withoutClaim(String name) {
		this.claims.remove(name);
		this.removedClaims.add(name);
		return this;
	}

	/**
	 * Sets the {@code iat} claim (default now); {@code exp} follows it.
	 * @param issuedAt the issue time
	 * @return this builder
	 */
	public JwtTestTokenBuilder issuedAt(Instant issuedAt) {
		this.issuedAt = issuedAt;
		return this;
	}

	/**
	 * Sets the lifetime: {@code exp} is {@code iat} plus it.
	 * @param lifetime the lifetime
	 * @return this builder
	 */
	public JwtTestTokenBuilder expiresIn(Duration lifetime) {
		this.lifetime = lifetime;
		this.expiresAt = null;
		return this;
	}

	/**
	 * Sets the {@code exp} claim.
	 * @param expiresAt the expiry
	 * @return this builder
	 */
	public JwtTestTokenBuilder expiresAt(Instant expiresAt) {
		this.expiresAt = expiresAt;
		this.lifetime = null;
		return this;
	}

	/**
	 * Makes the token expired beyond the provider's clock skew.
	 * @return this builder
	 */
	public JwtTestTokenBuilder expired() {
		this.expired = true;
		return this;
	}

	/**
	 * Signs with the provider's test key for another configured algorithm (default: its
	 * first configured algorithm, or RS256).
	 * @param algorithm the JWS algorithm name, e.g. {@code ES256}
	 * @return this builder
	 */
	public JwtTestTokenBuilder algorithm(String algorithm) {
		this.algorithm = JWSAlgorithm.parse(algorithm);
		return this;
	}

	/**
	 * Signs with a freshly generated key that the provider does not know, under the
	 * {@code kid} of its test key.
	 * @return this builder
	 */
	public JwtTestTokenBuilder signedByUnknownKey() {
		this.unknownKey = true;
		return this;
	}

	/**
	 * Signs with the given private key, e.g. the real key of a provider that keeps its
	 * real keys; its {@code kid} goes into the header.
	 * @param key the private key
	 * @return this builder
	 */
	public JwtTestTokenBuilder signWith(JWK key) {
		Assert.isTrue(key.isPrivate(), "key must be a private key");
		this.signingKey = key;
		return this;
	}

	/**
	 * Leaves {@code kid} out of the header.
	 * @return this builder
	 */
	public JwtTestTokenBuilder withoutKid() {
		this.withoutKid = true;
		return this;
	}

	/**
	 * Sets the {@code typ} header (default: the provider's first {@code types} entry, else
	 * none).
	 * @param type the type, e.g. {@code at+jwt}
	 * @return this builder
	 */
	public JwtTestTokenBuilder type(String type) {
		this.type = type;
		return this;
	}

	/**
	 * Sends the token in a header.
	 * @param name the header name
	 * @param prefix what precedes the token, e.g. {@code "Bearer "}
	 * @return this builder
	 */
	public JwtTestTokenBuilder inHeader(String name, String prefix) {
		this.placement = Placement.header(name, prefix);
		return this;
	}

	/**
	 * Sends the token in the provider's first configured query parameter.
	 * @return this builder
	 */
	public JwtTestTokenBuilder inQueryParam() {
		List<String> params = this.provider.getTokenSource().getQueryParams();
		Assert.state(!params.isEmpty(), () -> "Provider '" + this.providerId + "' reads no query parameter; set jwt"
				+ ".providers." + this.providerId + ".token-source.query-params, or use inQueryParam(name)");
		return inQueryParam(params.get(0));
	}

	/**
	 * Sends the token in a query parameter.
	 * @param name the parameter name
	 * @return this builder
	 */
	public JwtTestTokenBuilder inQueryParam(String name) {
		this.placement = Placement.queryParam(name);
		return this;
	}

	/**
	 * Sends the token in the provider's first configured cookie.
	 * @return this builder
	 */
	public JwtTestTokenBuilder inCookie() {
		List<String> cookies = this.provider.getTokenSource().getCookies();
		Assert.state(!cookies.isEmpty(), () -> "Provider '" + this.providerId + "' reads no cookie; set jwt"
				+ ".providers." + this.providerId + ".token-source.cookies, or use inCookie(name)");
		return inCookie(cookies.get(0));
	}

	/**
	 * Sends the token in a cookie.
	 * @param name the cookie name
	 * @return this builder
	 */
	public JwtTestTokenBuilder inCookie(String name) {
		this.placement = Placement.cookie(name);
		return this;
	}

	/**
	 * Signs the token.
	 * @return the token
	 */
	public JwtTestToken build() {
		JWSAlgorithm algorithm = (this.algorithm != null) ? this.algorithm
				: (this.signingKey != null) ? algorithmOf(this.signingKey) : this.keys.defaultAlgorithm(this.providerId);
		JWK key = signingKey(algorithm);
		JWSHeader.Builder header = new JWSHeader.Builder(algorithm);
		if (!this.withoutKid) {
			header.keyID(key.getKeyID());
		}
		String type = (this.type != null) ? this.type
				: this.provider.getTypes().isEmpty() ? null : this.provider.getTypes().get(0);
		if (type != null) {
			header.type(new JOSEObjectType(type));
		}
		SignedJWT jwt = new SignedJWT(header.build(), claims());
		try {
			jwt.sign(SIGNERS.createJWSSigner(key, algorithm));
		}
		catch (JOSEException ex) {
			throw new IllegalStateException("Cannot sign a test token with " + algorithm, ex);
		}
		return new JwtTestToken(this.providerId, jwt.serialize(), placement());
	}

	private JWK signingKey(JWSAlgorithm algorithm) {
		if (this.signingKey != null) {
			return this.signingKey;
		}
		JWK key = this.keys.signingKey(this.providerId, algorithm);
		if (this.unknownKey) {
			return JwtTestKeys.unknownKey(algorithm, (key != null) ? key.getKeyID() : this.providerId + "-unknown");
		}
		if (key == null) {
			throw new IllegalStateException(this.keys.hasRealKeys(this.providerId)
					? "Provider '" + this.providerId + "' keeps its real keys (jwt.test.real-keys): sign with "
							+ "signWith(privateKey), or use signedByUnknownKey() for a negative test"
					: "Provider '" + this.providerId + "' has no test key for " + algorithm
							+ "; add it to jwt.providers." + this.providerId + ".algorithms");
		}
		return key;
	}

	private JWTClaimsSet claims() {
		Instant now = this.clock.instant();
		Duration lifetime = (this.lifetime != null) ? this.lifetime : defaultLifetime();
		Instant issuedAt = (this.issuedAt != null) ? this.issuedAt : now;
		Instant expiresAt = (this.expiresAt != null) ? this.expiresAt : issuedAt.plus(lifetime);
		if (this.expired) {
			expiresAt = now.minus(this.provider.getClockSkew()).minus(Duration.ofMinutes(1));
			issuedAt = expiresAt.minus(lifetime);
		}
		Map<String, Object> defaults = new LinkedHashMap<>();
		defaults.put(JWTClaimNames.ISSUER, this.provider.getIssuer());
		defaults.put(JWTClaimNames.SUBJECT, "user");
		if (!this.provider.getAudiences().isEmpty()) {
			defaults.put(JWTClaimNames.AUDIENCE, this.provider.getAudiences().get(0));
		}
		defaults.putAll(this.provider.getRequiredClaims());
		defaults.put(JWTClaimNames.JWT_ID, UUID.randomUUID().toString());
		defaults.putAll(this.claims);
		JWTClaimsSet.Builder claims = new JWTClaimsSet.Builder();
		defaults.forEach(claims::claim);
		claims.issueTime(Date.from(issuedAt)).expirationTime(Date.from(expiresAt));
		if (this.claims.get(JWTClaimNames.ISSUED_AT) != null) {
			claims.claim(JWTClaimNames.ISSUED_AT, this.claims.get(JWTClaimNames.ISSUED_AT));
		}
		if (this.claims.get(JWTClaimNames.EXPIRATION_TIME) != null) {
			claims.claim(JWTClaimNames.EXPIRATION_TIME, this.claims.get(JWTClaimNames.EXPIRATION_TIME));
		}
		this.removedClaims.forEach((name) -> claims.claim(name, null));
		return claims.build();
	}

	private Duration defaultLifetime() {
		Duration max = this.provider.getMaxLifetime();
		return (max != null && max.compareTo(DEFAULT_LIFETIME) < 0) ? max : DEFAULT_LIFETIME;
	}

	private Placement placement() {
		if (this.placement != null) {
			return this.placement;
		}
		List<JwtProperties.HeaderSource> headers = this.provider.getTokenSource().getHeaders();
		if (headers.isEmpty()) {
			return Placement.header("Authorization", "Bearer ");
		}
		JwtProperties.HeaderSource header = headers.get(0);
		return Placement.header(header.getName(), (header.getPrefix() != null) ? header.getPrefix() : "");
	}

	private static JWSAlgorithm algorithmOf(JWK key) {
		if (key.getAlgorithm() != null) {
			return JWSAlgorithm.parse(key.getAlgorithm().getName());
		}
		return switch (key.getKeyType().getValue()) {
			case "EC" -> JWSAlgorithm.Family.EC.stream()
				.filter((candidate) -> Curve.forJWSAlgorithm(candidate).contains(key.toECKey().getCurve()))
				.findFirst()
				.orElseThrow();
			case "oct" -> JWSAlgorithm.HS256;
			default -> JWSAlgorithm.RS256;
		};
	}

	@Override
	public String toString() {
		return "JwtTestTokenBuilder[provider=" + this.providerId + ", claims=" + this.claims.keySet() + "]";
	}

}
