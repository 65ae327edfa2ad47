package io.github.jwtstarter.jwt;

import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.jwk.RSAKey;
import io.github.jwtstarter.authentication.ProviderJwtAuthenticationToken;
import io.github.jwtstarter.test.JwksServer;
import io.github.jwtstarter.test.RealmsServer;
import io.github.jwtstarter.test.TestJwts;
import io.github.jwtstarter.test.TestKeys;
import io.github.jwtstarter.test.TestVerifiers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Issuer templates against real identity providers on loopback: a Keycloak-shaped server
 * with a realm per tenant (keys discovered from each tenant's own issuer, or from a
 * templated {@code jwks.uri}), and one JWKS server whose key set all tenants share (the
 * Microsoft Entra ID shape, bound by {@code tenant-claim}). Every request those servers
 * get is counted, so "no network call" is asserted, not assumed.
 */
class MultiTenantVerificationTests {

	static final RSAKey ACME_KEY = TestKeys.rsa("acme-1");

	static final RSAKey GLOBEX_KEY = TestKeys.rsa("globex-1");

	static final RSAKey INITECH_KEY = TestKeys.rsa("initech-1");

	static final RSAKey SHARED_KEY = TestKeys.rsa("entra-1");

	static final RSAKey CORP_KEY = TestKeys.rsa("corp-1");

	static final Map<String, RSAKey> PARTNER_KEYS = Map.of("p-one", TestKeys.rsa("p-one-1"), "q-one",
			TestKeys.rsa("q-one-1"));

	static final Map<String, RSAKey> BOUNDED_KEYS = Map.of("b-one", TestKeys.rsa("b-one-1"), "b-two",
			TestKeys.rsa("b-two-1"), "b-three", TestKeys.rsa("b-three-1"));

	static RealmsServer keycloak;

	static RealmsServer partners;

	static RealmsServer bounded;

	static JwksServer entra;

	static TestVerifiers verifiers;

	static JwtVerifier verifier;

	@BeforeAll
	static void start() {
		keycloak = RealmsServer.start()
			.realm("acme", ACME_KEY)
			.realm("globex", GLOBEX_KEY)
			.realm("initech", INITECH_KEY);
		partners = RealmsServer.start();
		PARTNER_KEYS.forEach(partners::realm);
		bounded = RealmsServer.start();
		BOUNDED_KEYS.forEach(bounded::realm);
		entra = JwksServer.start(SHARED_KEY);
		verifiers = TestVerifiers.start("jwt.providers.customers.issuer=" + keycloak.issuerTemplate(),
				"jwt.providers.customers.tenants=acme,globex", "jwt.providers.customers.audiences=orders-api",
				"jwt.providers.partners.issuer=" + partners.issuerTemplate(),
				"jwt.providers.partners.tenant-pattern=p-[a-z]+",
				"jwt.providers.partners.jwks.uri=" + partners.jwksUriTemplate(),
				"jwt.providers.bounded.issuer=" + bounded.issuerTemplate(),
				"jwt.providers.bounded.jwks.uri=" + bounded.jwksUriTemplate(), "jwt.providers.bounded.max-tenants=2",
				"jwt.providers.entra.issuer=" + entra.uri() + "/{tenant}/v2.0",
				"jwt.providers.entra.jwks.uri=" + entra.jwksUri(), "jwt.providers.entra.tenant-claim=tid",
				"jwt.providers.corp.issuer=https://corp.example",
				"jwt.providers.corp.jwks.local=" + TestKeys.toPem(CORP_KEY));
		verifier = verifiers.verifier();
	}

	@AfterAll
	static void stop() {
		verifiers.close();
		keycloak.close();
		partners.close();
		bounded.close();
		entra.close();
	}

	static TestJwts customer(String realm) {
		return TestJwts.issuer(keycloak.issuer(realm))
			.subject("alice@" + realm)
			.audience("orders-api")
			.claim("jti", UUID.randomUUID().toString());
	}

	static TestJwts partner(String realm) {
		return TestJwts.issuer(partners.issuer(realm)).subject("bob").claim("jti", UUID.randomUUID().toString());
	}

	static TestJwts entraToken(String tenant) {
		return TestJwts.issuer(entra.uri() + "/" + tenant + "/v2.0").subject("carol").claim("tid", tenant);
	}

	static JwtFailure rejection(String token) {
		return assertThatExceptionOfType(JwtVerificationException.class)
			.isThrownBy(() -> verifier.verify(token, (provider) -> true))
			.actual()
			.getFailure();
	}

	static String tenantOf(VerifiedJwt verified) {
		return ((ProviderJwtAuthenticationToken) verified.authentication()).getTenant();
	}

	@Test
	void allowListedTenantsVerifyWithKeysDiscoveredFromTheirOwnIssuer() {
		VerifiedJwt acme = verifier.verify(customer("acme").signWith(ACME_KEY), (provider) -> true);
		VerifiedJwt globex = verifier.verify(customer("globex").signWith(GLOBEX_KEY), (provider) -> true);
		assertThat(acme.provider().getId()).isEqualTo("customers");
		assertThat(acme.provider().getTenant()).isEqualTo("acme");
		assertThat(tenantOf(acme)).isEqualTo("acme");
		assertThat(acme.authentication().getName()).isEqualTo("alice@acme");
		assertThat(tenantOf(globex)).isEqualTo("globex");
		assertThat(keycloak.requestCount("acme")).as("discovery and keys of acme").isGreaterThanOrEqualTo(2);
		assertThat(keycloak.requestCount("globex")).as("discovery and keys of globex").isGreaterThanOrEqualTo(2);
	}

	@Test
	void everyCheckOfTheProviderAppliesToItsTenants() {
		String otherAudience = TestJwts.issuer(keycloak.issuer("acme"))
			.subject("alice")
			.audience("billing-api")
			.signWith(ACME_KEY);
		assertThat(rejection(otherAudience)).isEqualTo(JwtFailure.BAD_AUDIENCE);
	}

	@Test
	void tenantOutsideTheAllowListIsAnUnknownIssuerAndCostsNoNetworkCall() {
		int before = keycloak.requestCount();
		assertThat(rejection(customer("initech").signWith(INITECH_KEY))).isEqualTo(JwtFailure.UNKNOWN_ISSUER);
		assertThat(rejection(customer("ACME").signWith(ACME_KEY))).isEqualTo(JwtFailure.UNKNOWN_ISSUER);
		assertThat(rejection(TestJwts.issuer(keycloak.issuer("acme/../globex")).subject("x").signWith(GLOBEX_KEY)))
			.isEqualTo(JwtFailure.UNKNOWN_ISSUER);
		assertThat(rejection(TestJwts.issuer(keycloak.issuer("")).subject("x").signWith(ACME_KEY)))
			.isEqualTo(JwtFailure.UNKNOWN_ISSUER);
		assertThat(keycloak.requestCount("initech")).isZero();
		assertThat(keycloak.requestCount()).isEqualTo(before);
	}

	@Test
	void tokenOfOneTenantSignedByAnotherTenantsKeyIsRejected() {
		assertThat(rejection(customer("acme").signWith(GLOBEX_KEY))).isEqualTo(JwtFailure.BAD_SIGNATURE);
		RSAKey globexKeyNamedLikeAcmes = new RSAKey.Builder(GLOBEX_KEY).keyID(ACME_KEY.getKeyID()).build();
		assertThat(rejection(customer("acme").signWith(globexKeyNamedLikeAcmes))).isEqualTo(JwtFailure.BAD_SIGNATURE);
		assertThat(rejection(customer("globex").signWith(ACME_KEY))).isEqualTo(JwtFailure.BAD_SIGNATURE);
	}

	@Test
	void tenantsOfAPatternVerifyWithKeysFromTheirTemplatedJwksUri() {
		VerifiedJwt verified = verifier.verify(partner("p-one").signWith(PARTNER_KEYS.get("p-one")),
				(provider) -> true);
		assertThat(verified.provider().getId()).isEqualTo("partners");
		assertThat(tenantOf(verified)).isEqualTo("p-one");
		assertThat(partners.requestCount("p-one")).as("the tenant's own JWK Set").isPositive();
		assertThat(partners.discoveryRequestCount()).as("no discovery with a templated jwks.uri").isZero();
	}

	@Test
	void tenantOutsideThePatternIsAnUnknownIssuerAndCostsNoNetworkCall() {
		int before = partners.requestCount();
		assertThat(rejection(partner("q-one").signWith(PARTNER_KEYS.get("q-one"))))
			.isEqualTo(JwtFailure.UNKNOWN_ISSUER);
		assertThat(rejection(partner("p-one/x").signWith(PARTNER_KEYS.get("p-one"))))
			.isEqualTo(JwtFailure.UNKNOWN_ISSUER);
		assertThat(rejection(partner("p-one?x=").signWith(PARTNER_KEYS.get("p-one"))))
			.isEqualTo(JwtFailure.UNKNOWN_ISSUER);
		assertThat(partners.requestCount("q-one")).isZero();
		assertThat(partners.requestCount()).isEqualTo(before);
	}

	@Test
	void atMostMaxTenantsAreKeptAndAnEvictedTenantFetchesItsKeysAgain() {
		JwtProviderTenants tenants = verifiers.bean(JwtProviderRegistry.class).byId("bounded").getTenants();
		assertThat(tenants.getMaxTenants()).isEqualTo(2);
		for (int round = 0; round < 2; round++) {
			for (String realm : new String[] { "b-one", "b-two", "b-three" }) {
				VerifiedJwt verified = verifier.verify(TestJwts.issuer(bounded.issuer(realm))
					.subject("erin")
					.claim("jti", UUID.randomUUID().toString())
					.signWith(BOUNDED_KEYS.get(realm)), (provider) -> true);
				assertThat(tenantOf(verified)).isEqualTo(realm);
				assertThat(tenants.keyStatuses()).hasSizeLessThanOrEqualTo(2);
			}
		}
		// each tenant fetched its keys once; with room for two, one of them was evicted
		// and fetched again
		assertThat(bounded.requestCount()).isGreaterThanOrEqualTo(4);
	}

	@Test
	void tenantsShareOneKeySetBoundByTheTenantClaim() {
		int before = entra.requestCount();
		VerifiedJwt first = verifier.verify(entraToken("tenant-1").signWith(SHARED_KEY), (provider) -> true);
		VerifiedJwt second = verifier.verify(entraToken("tenant-2").signWith(SHARED_KEY), (provider) -> true);
		verifier.verify(entraToken("tenant-3").signWith(SHARED_KEY), (provider) -> true);
		assertThat(tenantOf(first)).isEqualTo("tenant-1");
		assertThat(tenantOf(second)).isEqualTo("tenant-2");
		assertThat(entra.requestCount() - before).as("one shared key set, fetched at most once").isLessThanOrEqualTo(1);
	}

	@Test
	void tenantClaimThatDiffersFromTheIssuersTenantIsRejected() {
		String otherTenant = TestJwts.issuer(entra.uri() + "/tenant-1/v2.0")
			.subject("mallory")
			.claim("tid", "tenant-2")
			.signWith(SHARED_KEY);
		String noTenant = TestJwts.issuer(entra.uri() + "/tenant-1/v2.0").subject("mallory").signWith(SHARED_KEY);
		assertThat(rejection(otherTenant)).isEqualTo(JwtFailure.BAD_TENANT);
		assertThat(rejection(noTenant)).isEqualTo(JwtFailure.BAD_TENANT);
	}

	@Test
	void exactIssuersStillVerifyAndAnUnknownIssuerCostsNoNetworkCall() {
		VerifiedJwt corp = verifier.verify(TestJwts.issuer("https://corp.example").subject("dave").signWith(CORP_KEY),
				(provider) -> true);
		assertThat(corp.provider().getTenant()).isNull();
		assertThat(((ProviderJwtAuthenticationToken) corp.authentication()).getTenant()).isNull();
		int before = keycloak.requestCount() + partners.requestCount() + entra.requestCount();
		assertThat(rejection(TestJwts.issuer("https://evil.example/realms/acme").subject("x").signWith(ACME_KEY)))
			.isEqualTo(JwtFailure.UNKNOWN_ISSUER);
		assertThat(keycloak.requestCount() + partners.requestCount() + entra.requestCount()).isEqualTo(before);
	}

	@Test
	void providerDecoderHandsEachTokenToItsTenant() {
		JwtProviderRegistry registry = verifiers.bean(JwtProviderRegistry.class);
		assertThat(registry.decoder("customers").decode(customer("acme").signWith(ACME_KEY)).getSubject())
			.isEqualTo("alice@acme");
		assertThatExceptionOfType(JwtVerificationException.class)
			.isThrownBy(() -> registry.decoder("customers").decode(customer("initech").signWith(INITECH_KEY)))
			.satisfies((ex) -> assertThat(ex.getFailure()).isEqualTo(JwtFailure.UNKNOWN_ISSUER));
		assertThat(registry.byIssuer(keycloak.issuer("globex")).getTenant()).isEqualTo("globex");
		assertThat(registry.byIssuer(keycloak.issuer("initech"))).isNull();
	}

}
