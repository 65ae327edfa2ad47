package io.github.jwtstarter.test.tokens;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.JWTClaimNames;
import io.github.jwtstarter.autoconfigure.JwtProperties;
import io.github.jwtstarter.test.tokens.JwtTestToken.Placement;
import org.jspecify.annotations.Nullable;

import org.springframework.util.Assert;

/**
 * Builds one token for one provider; obtained from
 * {@link JwtTestTokens#provider(String)}. Unless told otherwise a token has the
 * provider's issuer, its first audience, its {@code required-claims}, subject
 * {@code user}, a lifetime of five minutes (or the provider's {@code max-lifetime}, if
 * shorter), the provider's first {@code types} entry as {@code typ}, the test key's
 * {@code kid}, and travels in the provider's first token location.
 */
public final class JwtTestTokenBuilder {

	private final String providerId;

	private final JwtProperties.Provider provider;

	private final TestTokenClaims claims;

	private final TestTokenSigner signer;

	private @Nullable Placement placement;

	JwtTestTokenBuilder(String providerId, JwtProperties.Provider provider, JwtTestKeys keys, Clock clock) {
		this.providerId = providerId;
		this.provider = provider;
		this.claims = new TestTokenClaims(providerId, provider, clock);
		this.signer = new TestTokenSigner(providerId, keys, provider.getTypes());
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
	 * Makes the token one of a tenant's, for a multi-tenant provider (an {@code issuer}
	 * with {@code {tenant}}): {@code iss} is the provider's issuer with the tenant in
	 * place of {@code {tenant}}, and the provider's {@code tenant-claim}, when it has
	 * one, holds the tenant. A token of such a provider needs a tenant (or an explicit
	 * {@link #issuer(String)}).
	 * @param tenant the tenant, e.g. {@code acme}
	 * @return this builder
	 */
	public JwtTestTokenBuilder tenant(String tenant) {
		this.claims.tenant(tenant);
		return this;
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
		this.claims.put(name, value);
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
	 * Leaves a claim out, also one the builder adds by default ({@code exp}, {@code aud},
	 * a required claim...).
	 * @param name the claim name
	 * @return this builder
	 */
	public JwtTestTokenBuilder withoutClaim(String name) {
		this.claims.remove(name);
		return this;
	}

	/**
	 * Sets the {@code iat} claim (default now); {@code exp} follows it.
	 * @param issuedAt the issue time
	 * @return this builder
	 */
	public JwtTestTokenBuilder issuedAt(Instant issuedAt) {
		this.claims.issuedAt(issuedAt);
		return this;
	}

	/**
	 * Sets the lifetime: {@code exp} is {@code iat} plus it.
	 * @param lifetime the lifetime
	 * @return this builder
	 */
	public JwtTestTokenBuilder expiresIn(Duration lifetime) {
		this.claims.lifetime(lifetime);
		return this;
	}

	/**
	 * Sets the {@code exp} claim.
	 * @param expiresAt the expiry
	 * @return this builder
	 */
	public JwtTestTokenBuilder expiresAt(Instant expiresAt) {
		this.claims.expiresAt(expiresAt);
		return this;
	}

	/**
	 * Makes the token expired beyond the provider's clock skew.
	 * @return this builder
	 */
	public JwtTestTokenBuilder expired() {
		this.claims.expired();
		return this;
	}

	/**
	 * Signs with the provider's test key for another configured algorithm (default: its
	 * first configured algorithm, or RS256).
	 * @param algorithm the JWS algorithm name, e.g. {@code ES256}
	 * @return this builder
	 */
	public JwtTestTokenBuilder algorithm(String algorithm) {
		this.signer.algorithm(JWSAlgorithm.parse(algorithm));
		return this;
	}

	/**
	 * Signs with a freshly generated key that the provider does not know, under the
	 * {@code kid} of its test key.
	 * @return this builder
	 */
	public JwtTestTokenBuilder signedByUnknownKey() {
		this.signer.unknownKey();
		return this;
	}

	/**
	 * Signs with the given private key, e.g. the real key of a provider that keeps its
	 * real keys; its {@code kid} goes into the header.
	 * @param key the private key
	 * @return this builder
	 */
	public JwtTestTokenBuilder signWith(JWK key) {
		this.signer.signingKey(key);
		return this;
	}

	/**
	 * Leaves {@code kid} out of the header.
	 * @return this builder
	 */
	public JwtTestTokenBuilder withoutKid() {
		this.signer.withoutKid();
		return this;
	}

	/**
	 * Sets the {@code typ} header (default: the provider's first {@code types} entry,
	 * else none).
	 * @param type the type, e.g. {@code at+jwt}
	 * @return this builder
	 */
	public JwtTestTokenBuilder type(String type) {
		this.signer.type(type);
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
		return new JwtTestToken(this.providerId, this.signer.sign(this.claims::build), placement());
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

	@Override
	public String toString() {
		return "JwtTestTokenBuilder[provider=" + this.providerId + ", claims=" + this.claims.names() + "]";
	}

}
