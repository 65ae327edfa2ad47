package io.github.jwtstarter.test.tokens;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jwt.SignedJWT;
import io.github.jwtstarter.autoconfigure.JwtProperties;
import io.github.jwtstarter.test.tokens.JwtTestToken.Placement;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class JwtTestTokensTests {

	static final Instant NOW = Instant.parse("2026-01-01T10:00:00Z");

	final JwtProperties properties = properties();

	final JwtTestKeys keys = new JwtTestKeys(Map.of("corp", List.of(), "partner", List.of("ES256", "RS256")),
			List.of());

	final JwtTestTokens tokens = new JwtTestTokens(this.properties, this.keys, Clock.fixed(NOW, ZoneOffset.UTC));

	static JwtProperties properties() {
		JwtProperties properties = new JwtProperties();
		JwtProperties.Provider corp = new JwtProperties.Provider();
		corp.setIssuer("https://corp.example");
		corp.setAudiences(List.of("pets-api", "orders-api"));
		corp.setRequiredClaims(Map.of("email_verified", true));
		properties.getProviders().put("corp", corp);
		JwtProperties.Provider partner = new JwtProperties.Provider();
		partner.setIssuer("https://partner.example");
		partner.setAlgorithms(List.of("ES256", "RS256"));
		partner.setTypes(List.of("at+jwt"));
		partner.setMaxLifetime(Duration.ofMinutes(1));
		JwtProperties.HeaderSource header = new JwtProperties.HeaderSource();
		header.setName("X-Token");
		header.setPrefix(null);
		partner.getTokenSource().setHeaders(List.of(header));
		partner.getTokenSource().setQueryParams(List.of("access_token"));
		properties.getProviders().put("partner", partner);
		return properties;
	}

	static SignedJWT parse(JwtTestToken token) throws Exception {
		return SignedJWT.parse(token.value());
	}

	@Test
	void buildWhenDefaultsThenIssuerFirstAudienceRequiredClaimsAndFiveMinutes() throws Exception {
		SignedJWT jwt = parse(this.tokens.provider("corp").build());
		assertThat(jwt.getJWTClaimsSet().getIssuer()).isEqualTo("https://corp.example");
		assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly("pets-api");
		assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo("user");
		assertThat(jwt.getJWTClaimsSet().getBooleanClaim("email_verified")).isTrue();
		assertThat(jwt.getJWTClaimsSet().getIssueTime().toInstant()).isEqualTo(NOW);
		assertThat(jwt.getJWTClaimsSet().getExpirationTime().toInstant()).isEqualTo(NOW.plusSeconds(300));
		assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.RS256);
		assertThat(jwt.getHeader().getKeyID()).isEqualTo("corp-test-rsa");
		assertThat(jwt.getHeader().getType()).isNull();
		assertThat(jwt.verify(new RSASSAVerifier(this.keys.signingKey("corp", JWSAlgorithm.RS256).toRSAKey())))
			.isTrue();
	}

	@Test
	void buildWhenDefaultsThenTokenTravelsInTheProvidersFirstHeader() {
		assertThat(this.tokens.provider("corp").build().placement())
			.isEqualTo(Placement.header("Authorization", "Bearer "));
		assertThat(this.tokens.provider("partner").build().placement()).isEqualTo(Placement.header("X-Token", ""));
		assertThat(this.tokens.provider("partner").inQueryParam().build().placement())
			.isEqualTo(Placement.queryParam("access_token"));
	}

	@Test
	void buildWhenProviderConfiguresAlgorithmsTypesAndMaxLifetimeThenTheTokenFollowsThem() throws Exception {
		SignedJWT jwt = parse(this.tokens.provider("partner").build());
		assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.ES256);
		assertThat(jwt.getHeader().getType().getType()).isEqualTo("at+jwt");
		assertThat(jwt.getJWTClaimsSet().getAudience()).isEmpty();
		assertThat(jwt.getJWTClaimsSet().getExpirationTime().toInstant()).isEqualTo(NOW.plusSeconds(60));
		assertThat(jwt.verify(new ECDSAVerifier(this.keys.signingKey("partner", JWSAlgorithm.ES256).toECKey())))
			.isTrue();
		assertThat(parse(this.tokens.provider("partner").algorithm("RS256").build()).getHeader().getKeyID())
			.isEqualTo("partner-test-rsa");
	}

	@Test
	void buildWhenClaimsSetThenTheyOverrideTheDefaults() throws Exception {
		SignedJWT jwt = parse(this.tokens.provider("corp")
			.subject("alice")
			.audience("a", "b")
			.scopes("pets.read", "pets.write")
			.claim("org", "solo.io")
			.claim("email_verified", false)
			.withoutClaim("jti")
			.expiresIn(Duration.ofHours(1))
			.build());
		assertThat(jwt.getJWTClaimsSet().getSubject()).isEqualTo("alice");
		assertThat(jwt.getJWTClaimsSet().getAudience()).containsExactly("a", "b");
		assertThat(jwt.getJWTClaimsSet().getStringClaim("scope")).isEqualTo("pets.read pets.write");
		assertThat(jwt.getJWTClaimsSet().getStringClaim("org")).isEqualTo("solo.io");
		assertThat(jwt.getJWTClaimsSet().getBooleanClaim("email_verified")).isFalse();
		assertThat(jwt.getJWTClaimsSet().getJWTID()).isNull();
		assertThat(jwt.getJWTClaimsSet().getExpirationTime().toInstant()).isEqualTo(NOW.plusSeconds(3600));
	}

	@Test
	void buildWhenExpiredThenExpiryIsBeyondTheClockSkew() throws Exception {
		SignedJWT jwt = parse(this.tokens.provider("corp").expired().build());
		assertThat(jwt.getJWTClaimsSet().getExpirationTime().toInstant()).isEqualTo(NOW.minusSeconds(120));
	}

	@Test
	void buildWhenHostileVariantsThenHeaderAndSignatureChange() throws Exception {
		JWK key = this.keys.signingKey("corp", JWSAlgorithm.RS256);
		SignedJWT unknown = parse(this.tokens.provider("corp").signedByUnknownKey().build());
		assertThat(unknown.getHeader().getKeyID()).isEqualTo("corp-test-rsa");
		assertThat(unknown.verify(new RSASSAVerifier(key.toRSAKey()))).isFalse();
		assertThat(parse(this.tokens.provider("corp").withoutKid().build()).getHeader().getKeyID()).isNull();
		assertThat(parse(this.tokens.provider("corp").issuer("other").build()).getJWTClaimsSet().getIssuer())
			.isEqualTo("other");
	}

	@Test
	void providerWhenUnknownThenNamesTheConfiguredOnes() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.tokens.provider("crop"))
			.withMessageContaining("[corp, partner]");
		assertThatIllegalStateException().isThrownBy(this.tokens::provider).withMessageContaining("provider(id)");
	}

	@Test
	void buildWhenAlgorithmHasNoTestKeyThenNamesTheProperty() {
		assertThatIllegalStateException().isThrownBy(() -> this.tokens.provider("corp").algorithm("ES256").build())
			.withMessageContaining("jwt.providers.corp.algorithms");
	}

	@Test
	void inQueryParamWhenProviderReadsNoneThenNamesTheProperty() {
		assertThatIllegalStateException().isThrownBy(() -> this.tokens.provider("corp").inQueryParam())
			.withMessageContaining("jwt.providers.corp.token-source.query-params");
	}

	@Test
	void customizeWhenTestKeysThenConfiguredKeysAreNeverBuilt() {
		assertThat(this.keys.customize("corp", () -> {
			throw new AssertionError("configured keys built");
		}).isLocal()).isTrue();
	}

}
