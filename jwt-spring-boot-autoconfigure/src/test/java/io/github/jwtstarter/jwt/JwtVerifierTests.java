package io.github.jwtstarter.jwt;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.github.jwtstarter.authentication.ProviderJwtAuthenticationToken;
import io.github.jwtstarter.autoconfigure.JwtAutoConfiguration;
import io.github.jwtstarter.test.JwksServer;
import io.github.jwtstarter.test.TestJwts;
import io.github.jwtstarter.test.TestKeys;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.ImportAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Configuration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assumptions.assumeThat;

/**
 * Every rejection rule of the verification path, with real RSA and EC keys, a real JWKS
 * over loopback HTTP and the starter's auto-configured verifier.
 */
class JwtVerifierTests {

	static final RSAKey CORP_KEY = TestKeys.rsa("corp-1");

	static final ECKey PARTNER_KEY = TestKeys.ec("partner-1", Curve.P_256);

	static final RSAKey KUBE_KEY = TestKeys.rsa("kube-1");

	static final RSAKey ATTACKER = TestKeys.rsa("corp-1");

	static JwksServer corp;

	static JwksServer partner;

	static ConfigurableApplicationContext context;

	static JwtVerifier verifier;

	@BeforeAll
	static void start() {
		corp = JwksServer.start(CORP_KEY);
		partner = JwksServer.start(PARTNER_KEY);
		context = new SpringApplicationBuilder(Config.class).web(WebApplicationType.NONE)
			.properties("jwt.providers.corp.issuer=https://corp.example",
					"jwt.providers.corp.jwks.uri=" + corp.jwksUri(), "jwt.providers.corp.audiences=orders-api",
					"jwt.providers.corp.types=JWT,at+jwt", "jwt.providers.corp.algorithms=RS256",
					"jwt.providers.corp.max-lifetime=2h", "jwt.providers.corp.required-claims.email_verified=true",
					"jwt.providers.partner.issuer=https://partner.example",
					"jwt.providers.partner.jwks.uri=" + partner.jwksUri(),
					"jwt.providers.kube.issuer=kubernetes/serviceaccount",
					"jwt.providers.kube.jwks.local=" + TestKeys.toPem(KUBE_KEY),
					"jwt.providers.kube.require-expiration=false", "jwt.providers.kube.principal-claim=sub")
			.run();
		verifier = context.getBean(JwtVerifier.class);
	}

	@AfterAll
	static void stop() {
		context.close();
		corp.close();
		partner.close();
	}

	static TestJwts corpToken() {
		return TestJwts.issuer("https://corp.example")
			.subject("alice")
			.audience("orders-api")
			.scope("pets.read pets.write")
			.claim("email_verified", true);
	}

	static JwtFailure rejection(String token) {
		return assertThatExceptionOfType(JwtVerificationException.class)
			.isThrownBy(() -> verifier.verify(token, (provider) -> true))
			.actual()
			.getFailure();
	}

	@Test
	void signaturesAreCheckedByTheConfiguredCryptoProvider() {
		// the build runs this class twice: jwt.crypto.provider unset (auto), and =jdk
		boolean jdk = "jdk".equals(System.getProperty("jwt.crypto.provider"));
		assumeThat(jdk || VerificationCryptoTests.accpExpected()).as("ACCP loads on linux-x86_64").isTrue();
		for (JwtProvider provider : context.getBean(JwtProviderRegistry.class).providers()) {
			assertThat(provider.decoder().getCrypto().providerName())
				.isEqualTo(jdk ? "JDK" : "AmazonCorrettoCryptoProvider");
		}
	}

	@Test
	void validTokensOfEachProviderAreAccepted() {
		VerifiedJwt corpJwt = verifier.verify(corpToken().signWith(CORP_KEY), (provider) -> true);
		assertThat(corpJwt.provider().getId()).isEqualTo("corp");
		assertThat(corpJwt.authentication().getName()).isEqualTo("alice");
		assertThat(corpJwt.authentication().getAuthorities()).extracting("authority")
			.containsExactly("SCOPE_pets.read", "SCOPE_pets.write");
		assertThat(((ProviderJwtAuthenticationToken) corpJwt.authentication()).getProviderId()).isEqualTo("corp");
		VerifiedJwt partnerJwt = verifier.verify(
				TestJwts.issuer("https://partner.example").subject("bob").signWith(PARTNER_KEY), (provider) -> true);
		assertThat(partnerJwt.provider().getId()).isEqualTo("partner");
		VerifiedJwt kubeJwt = verifier.verify(TestJwts.issuer("kubernetes/serviceaccount")
			.subject("system:serviceaccount:default:svc-a")
			.noExpiry()
			.signWith(KUBE_KEY), (provider) -> true);
		assertThat(kubeJwt.authentication().getName()).isEqualTo("system:serviceaccount:default:svc-a");
	}

	@Test
	void keyOfAnotherProviderNeverVerifies() {
		assertThat(rejection(TestJwts.issuer("https://partner.example").subject("bob").signWith(CORP_KEY)))
			.isEqualTo(JwtFailure.BAD_SIGNATURE);
		assertThat(rejection(corpToken().signWith(KUBE_KEY))).isEqualTo(JwtFailure.BAD_SIGNATURE);
	}

	@Test
	void unknownIssuerIsRejectedWithoutNetworkTraffic() {
		int before = corp.requestCount() + partner.requestCount();
		assertThat(rejection(TestJwts.issuer("https://evil.example").subject("x").signWith(CORP_KEY)))
			.isEqualTo(JwtFailure.UNKNOWN_ISSUER);
		assertThat(rejection(TestJwts.issuer("https://CORP.example").subject("x").signWith(CORP_KEY)))
			.isEqualTo(JwtFailure.UNKNOWN_ISSUER);
		assertThat(corp.requestCount() + partner.requestCount()).isEqualTo(before);
	}

	@Test
	void expiredTokenIsRejected() {
		assertThat(rejection(corpToken().issuedAt(Instant.now().minus(Duration.ofHours(1)))
			.expiresAt(Instant.now().minus(Duration.ofMinutes(5)))
			.signWith(CORP_KEY))).isEqualTo(JwtFailure.EXPIRED);
	}

	@Test
	void expiryWithinClockSkewIsAccepted() {
		verifier.verify(corpToken().issuedAt(Instant.now().minus(Duration.ofMinutes(10)))
			.expiresAt(Instant.now().minusSeconds(30))
			.signWith(CORP_KEY), (provider) -> true);
	}

	@Test
	void tokenWithoutExpiryIsRejectedByDefault() {
		assertThat(rejection(corpToken().noExpiry().signWith(CORP_KEY))).isEqualTo(JwtFailure.MISSING_EXPIRATION);
	}

	@Test
	void notYetValidTokenIsRejected() {
		assertThat(rejection(corpToken().notBefore(Instant.now().plus(Duration.ofMinutes(10))).signWith(CORP_KEY)))
			.isEqualTo(JwtFailure.NOT_YET_VALID);
	}

	@Test
	void tokenIssuedInTheFutureIsRejected() {
		assertThat(rejection(corpToken().issuedAt(Instant.now().plus(Duration.ofDays(365)))
			.expiresAt(Instant.now().plus(Duration.ofDays(366)))
			.signWith(CORP_KEY))).isEqualTo(JwtFailure.ISSUED_IN_FUTURE);
	}

	@Test
	void lifetimeLongerThanMaxLifetimeIsRejected() {
		assertThat(rejection(corpToken().expiresIn(Duration.ofHours(3)).signWith(CORP_KEY)))
			.isEqualTo(JwtFailure.LIFETIME_TOO_LONG);
	}

	@Test
	void wrongAudienceIsRejected() {
		assertThat(rejection(TestJwts.issuer("https://corp.example")
			.subject("alice")
			.audience("billing-api")
			.claim("email_verified", true)
			.signWith(CORP_KEY))).isEqualTo(JwtFailure.BAD_AUDIENCE);
	}

	@Test
	void missingRequiredClaimIsRejected() {
		assertThat(rejection(corpToken().claim("email_verified", false).signWith(CORP_KEY)))
			.isEqualTo(JwtFailure.BAD_CLAIM);
	}

	@Test
	void typeNotAllowedIsRejectedAndAllowedTypesAreCaseInsensitive() {
		assertThat(rejection(corpToken().header((h) -> h.type(new JOSEObjectType("id_token+jwt"))).signWith(CORP_KEY)))
			.isEqualTo(JwtFailure.BAD_TYPE);
		verifier.verify(corpToken().header((h) -> h.type(new JOSEObjectType("AT+JWT"))).signWith(CORP_KEY),
				(provider) -> true);
	}

	@Test
	void typeIsCheckedAfterTheSignatureAndBeforeTheClaims() {
		assertThat(rejection(corpToken().header((h) -> h.type(new JOSEObjectType("id_token+jwt"))).signWith(ATTACKER)))
			.isEqualTo(JwtFailure.BAD_SIGNATURE);
		assertThat(rejection(corpToken().header((h) -> h.type(new JOSEObjectType("id_token+jwt")))
			.issuedAt(Instant.now().minusSeconds(7200))
			.expiresAt(Instant.now().minusSeconds(3600))
			.claim("email_verified", false)
			.signWith(CORP_KEY))).isEqualTo(JwtFailure.BAD_TYPE);
	}

	@Test
	void badSignatureAndUnknownKidReadTheSame() {
		String forged = corpToken().signWith(ATTACKER);
		String unknownKid = corpToken().signWith(TestKeys.rsa("unknown-kid"));
		assertThat(rejection(forged)).isEqualTo(JwtFailure.BAD_SIGNATURE);
		assertThat(rejection(unknownKid)).isEqualTo(JwtFailure.BAD_SIGNATURE);
		assertThat(JwtFailure.BAD_SIGNATURE.description()).isEqualTo("invalid signature");
	}

	@Test
	void algorithmNoneIsRejected() {
		assertThat(rejection(TestJwts.unsigned(corpToken().claimsSet()))).isEqualTo(JwtFailure.MALFORMED);
	}

	@Test
	void hmacSignedWithThePublicKeyIsRejected() {
		JWTClaimsSet claims = TestJwts.issuer("kubernetes/serviceaccount").subject("x").noExpiry().claimsSet();
		assertThat(rejection(TestJwts.hmacSignedWithPublicKey(KUBE_KEY.toPublicJWK(), claims)))
			.isEqualTo(JwtFailure.BAD_SIGNATURE);
		assertThat(rejection(TestJwts.hmacSignedWithPublicKeyPem(KUBE_KEY.toPublicJWK(), claims)))
			.isEqualTo(JwtFailure.BAD_SIGNATURE);
	}

	@Test
	void headerSuppliedKeysAreNeverTrusted() {
		RSAKey attacker = TestKeys.rsa("attacker");
		JWTClaimsSet claims = corpToken().claimsSet();
		int before = corp.requestCount();
		assertThat(rejection(TestJwts.withEmbeddedJwk(attacker, claims))).isEqualTo(JwtFailure.BAD_SIGNATURE);
		assertThat(rejection(TestJwts.withJku(attacker, corp.uri() + "/attacker.json", claims)))
			.isEqualTo(JwtFailure.BAD_SIGNATURE);
		assertThat(rejection(TestJwts.withX5u(attacker, corp.uri() + "/attacker.pem", claims)))
			.isEqualTo(JwtFailure.BAD_SIGNATURE);
		assertThat(rejection(TestJwts.withX5c(attacker, claims))).isEqualTo(JwtFailure.BAD_SIGNATURE);
		assertThat(corp.requestCount() - before).isLessThanOrEqualTo(1);
	}

	@Test
	void critAndB64HeadersAreRejected() {
		assertThat(rejection(TestJwts.withCrit(CORP_KEY, corpToken().claimsSet(), "exp")))
			.isEqualTo(JwtFailure.UNSUPPORTED);
		assertThat(rejection(TestJwts.withB64False(CORP_KEY, corpToken().claimsSet())))
			.isEqualTo(JwtFailure.UNSUPPORTED);
	}

	@Test
	void b64HeaderSpelledWithEscapesIsRejected() throws Exception {
		String json = "{\"alg\":\"RS256\",\"kid\":\"corp-1\",\"\\u0062\\u0036\\u0034\":true}";
		SignedJWT token = new SignedJWT(JWSHeader.parse(Base64URL.encode(json)), corpToken().claimsSet());
		token.sign(new RSASSASigner(CORP_KEY));
		assertThat(token.serialize().split("\\.")[0]).isEqualTo(Base64URL.encode(json).toString());
		assertThat(rejection(token.serialize())).isEqualTo(JwtFailure.UNSUPPORTED);
	}

	@Test
	void jweAndJsonSerializationAreRejected() {
		assertThat(rejection(TestJwts.jwe(CORP_KEY.toPublicJWK(), corpToken().claimsSet())))
			.isEqualTo(JwtFailure.UNSUPPORTED);
		assertThat(rejection(TestJwts.jsonSerialized(CORP_KEY, corpToken().claimsSet())))
			.isEqualTo(JwtFailure.UNSUPPORTED);
	}

	@Test
	void algorithmOutsideTheKeysIsRejected() {
		assertThat(rejection(corpToken().algorithm(JWSAlgorithm.PS256).signWith(CORP_KEY)))
			.isEqualTo(JwtFailure.BAD_SIGNATURE);
		RSAKey rsaWithPartnerKid = TestKeys.rsa("partner-1");
		assertThat(rejection(TestJwts.issuer("https://partner.example").subject("bob").signWith(rsaWithPartnerKid)))
			.isEqualTo(JwtFailure.BAD_SIGNATURE);
	}

	@Test
	void oversizedTokenIsRejectedBeforeParsing() {
		String huge = "a".repeat(17 * 1024);
		assertThat(rejection(huge)).isEqualTo(JwtFailure.TOO_LARGE);
	}

	@Test
	void garbageIsRejectedAsMalformed() {
		for (String garbage : List.of("", "abc", "a.b", "a.b.c", "....", "eyJ.eyJ.sig", "%%%.%%%.%%%",
				"eyJhbGciOiJSUzI1NiJ9.bm90IGpzb24.c2ln")) {
			assertThat(rejection(garbage)).isIn(JwtFailure.MALFORMED, JwtFailure.UNSUPPORTED);
		}
	}

	@Test
	void providerNotAdmissibleHereIsRejected() {
		String token = corpToken().signWith(CORP_KEY);
		assertThatExceptionOfType(JwtVerificationException.class)
			.isThrownBy(() -> verifier.verify(token, (provider) -> !provider.getId().equals("corp")))
			.satisfies((ex) -> assertThat(ex.getFailure()).isEqualTo(JwtFailure.PROVIDER_NOT_ALLOWED));
	}

	@Test
	void repeatedTokenIsServedFromTheCacheAndStillChecked() {
		String token = corpToken().signWith(CORP_KEY);
		VerifiedJwt first = verifier.verify(token, (provider) -> true);
		VerifiedJwt second = verifier.verify(token, (provider) -> true);
		assertThat(second).isSameAs(first);
		assertThatExceptionOfType(JwtVerificationException.class)
			.isThrownBy(() -> verifier.verify(token, (provider) -> false));
	}

	@Configuration(proxyBeanMethods = false)
	@ImportAutoConfiguration(JwtAutoConfiguration.class)
	static class Config {

	}

}
