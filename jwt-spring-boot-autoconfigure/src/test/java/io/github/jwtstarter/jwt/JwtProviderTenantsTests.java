package io.github.jwtstarter.jwt;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import io.github.jwtstarter.authentication.ClaimAuthoritiesConverter;
import io.github.jwtstarter.authentication.ProviderJwtAuthenticationConverter;
import io.github.jwtstarter.test.TestJwts;
import io.github.jwtstarter.test.TestKeys;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * Multi-tenant providers built in code ({@link JwtProviderFactory},
 * {@link JwtProviderBuilder}), their registry and the verified-token cache: each tenant's
 * keys are made once and passed through the keys customizers, a change of one tenant's
 * keys drops only its verified tokens, and a registry refuses templates that could claim
 * another provider's issuer.
 */
class JwtProviderTenantsTests {

	private static final String TEMPLATE = "https://kc.example.com/realms/{tenant}";

	private static final Map<String, RSAKey> KEYS = Map.of("acme", TestKeys.rsa("acme-1"), "globex",
			TestKeys.rsa("globex-1"));

	private final JwtProviderFactory factory = JwtProviderFactory.jdk(null, Clock.systemUTC());

	private final AtomicInteger keysMade = new AtomicInteger();

	private JwtProviderBuilder customers() {
		return this.factory.provider("customers", TEMPLATE).tenantKeys((tenant, issuer) -> {
			assertThat(issuer).isEqualTo("https://kc.example.com/realms/" + tenant);
			this.keysMade.incrementAndGet();
			return ProviderKeys.local(new JWKSet(KEYS.get(tenant).toPublicJWK()));
		})
			.authenticationConverter(new ProviderJwtAuthenticationConverter("customers", IssuerTemplate.of(TEMPLATE),
					"sub", ClaimAuthoritiesConverter.scopes()));
	}

	private static String token(String tenant) {
		return TestJwts.issuer("https://kc.example.com/realms/" + tenant)
			.subject("alice")
			.claim("jti", UUID.randomUUID().toString())
			.signWith(KEYS.get(tenant));
	}

	@Test
	void tenantKeysAreMadeOnFirstUseOnceAndPassedThroughTheKeysCustomizers() {
		AtomicInteger customized = new AtomicInteger();
		JwtProvider customers = customers().keysCustomizers(List.of((id, keys) -> {
			assertThat(id).isEqualTo("customers");
			customized.incrementAndGet();
			return keys.get();
		})).build();
		JwtVerifier verifier = new JwtVerifier(new JwtProviderRegistry(List.of(customers)), 16 * 1024, null,
				JwtVerificationListener.NONE);
		assertThat(this.keysMade).hasValue(0);
		verifier.verify(token("acme"), (provider) -> true);
		verifier.verify(token("acme"), (provider) -> true);
		verifier.verify(token("globex"), (provider) -> true);
		assertThat(this.keysMade).hasValue(2);
		assertThat(customized).hasValue(2);
		assertThat(customers.getTenants().keyStatuses()).containsOnlyKeys("acme", "globex");
	}

	@Test
	void keyChangeOfOneTenantDropsOnlyThatTenantsVerifiedTokens() {
		JwtProvider customers = customers().build();
		VerifiedTokenCache cache = new VerifiedTokenCache(100, Clock.systemUTC());
		JwtVerifier verifier = new JwtVerifier(new JwtProviderRegistry(List.of(customers)), 16 * 1024, cache,
				JwtVerificationListener.NONE);
		String acme = token("acme");
		String globex = token("globex");
		verifier.verify(acme, (provider) -> true);
		verifier.verify(globex, (provider) -> true);
		cache
			.onFetch(new JwksFetchEvent("customers", true, new JWKSet(KEYS.get("acme").toPublicJWK()), 0, Instant.now())
				.withTenant("acme"));
		cache.onFetch(
				new JwksFetchEvent("customers", true, new JWKSet(KEYS.get("globex").toPublicJWK()), 0, Instant.now())
					.withTenant("globex"));
		assertThat(cache.get(acme)).as("first fetches change nothing").isNotNull();
		cache.onFetch(new JwksFetchEvent("customers", true, new JWKSet(TestKeys.rsa("acme-2").toPublicJWK()), 0,
				Instant.now())
			.withTenant("acme"));
		assertThat(cache.get(acme)).isNull();
		assertThat(cache.get(globex)).isNotNull();
	}

	@Test
	void registryRefusesATemplateThatMatchesAnotherProvidersIssuer() {
		JwtProvider master = this.factory.provider("master", "https://kc.example.com/realms/master")
			.keys(() -> ProviderKeys.local(new JWKSet(KEYS.get("acme").toPublicJWK())))
			.authenticationConverter(
					new ProviderJwtAuthenticationConverter("master", "sub", ClaimAuthoritiesConverter.scopes()))
			.build();
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new JwtProviderRegistry(List.of(master, customers().build())))
			.withMessage("the issuer template of provider customers matches the issuer of provider master");
		assertThat(new JwtProviderRegistry(List.of(master, customers().tenants(List.of("acme")).build()))
			.byIssuer("https://kc.example.com/realms/master")).isSameAs(master);
	}

	@Test
	void tenantSettingsWithoutAPlaceholderOrWithoutKeysAreRefused() {
		JwtProviderBuilder exact = this.factory.provider("corp", "https://corp.example");
		assertThatIllegalStateException().isThrownBy(() -> exact.tenants(List.of("acme")))
			.withMessageContaining("has no {tenant}");
		assertThatIllegalStateException().isThrownBy(() -> exact.maxTenants(5));
		assertThatIllegalStateException()
			.isThrownBy(() -> this.factory.provider("customers", TEMPLATE)
				.authenticationConverter(
						new ProviderJwtAuthenticationConverter("customers", "sub", ClaimAuthoritiesConverter.scopes()))
				.build())
			.withMessage("keys or tenantKeys must be set");
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.factory.provider("customers", "https://{tenant}.example.com/{tenant}"));
	}

}
