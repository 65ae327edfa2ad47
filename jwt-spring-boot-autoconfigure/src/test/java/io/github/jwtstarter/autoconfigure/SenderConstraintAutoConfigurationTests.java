package io.github.jwtstarter.autoconfigure;

import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.RSAKey;
import io.github.jwtstarter.jwt.DPoPMode;
import io.github.jwtstarter.jwt.DPoPReplayStore;
import io.github.jwtstarter.jwt.JwtProviderRegistry;
import io.github.jwtstarter.redis.RedisDPoPReplayStore;
import io.github.jwtstarter.test.DPoPProofs;
import io.github.jwtstarter.test.TestCertificates;
import io.github.jwtstarter.test.TestJwts;
import io.github.jwtstarter.test.TestKeys;
import io.github.jwtstarter.web.TokenLocation;
import io.github.jwtstarter.web.TokenResolver;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration;
import org.springframework.boot.data.redis.autoconfigure.DataRedisReactiveAutoConfiguration;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.data.redis.core.ReactiveStringRedisTemplate;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtIssuerAuthenticationManagerResolver;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The {@code jwt.providers.<id>.sender-constraint.*} properties: binding, startup
 * validation, token locations, and the exported issuer resolver (used by a user's own
 * filter chain), which must not accept sender-constrained tokens as bearer tokens either.
 */
class SenderConstraintAutoConfigurationTests {

	private static final RSAKey KEY = TestKeys.rsa("k1");

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JwtAutoConfiguration.class, JwtWebSecurityAutoConfiguration.class,
				SecurityAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class,
				UserDetailsServiceAutoConfiguration.class))
		.withPropertyValues("jwt.providers.a.issuer=https://a.example",
				"jwt.providers.a.jwks.local=" + TestKeys.toPem(KEY), "jwt.providers.b.issuer=https://b.example",
				"jwt.providers.b.jwks.local=" + TestKeys.toPem(KEY));

	@Test
	void dpopModeDefaultsToAllowedAndIsSetPerProvider() {
		this.contextRunner.withPropertyValues("jwt.providers.b.sender-constraint.dpop=required").run((context) -> {
			JwtProviderRegistry registry = context.getBean(JwtProviderRegistry.class);
			assertThat(registry.byId("a").getDPoPMode()).isEqualTo(DPoPMode.ALLOWED);
			assertThat(registry.byId("b").getDPoPMode()).isEqualTo(DPoPMode.REQUIRED);
		});
	}

	@Test
	void dpopSchemeIsReadOnlyForProvidersThatAcceptDPoP() {
		this.contextRunner.withPropertyValues("jwt.providers.b.sender-constraint.dpop=disabled").run((context) -> {
			TokenResolver resolver = context.getBean(TokenResolver.class);
			assertThat(resolver.accepts("a", Set.of(TokenLocation.dpopHeader()))).isTrue();
			assertThat(resolver.accepts("b", Set.of(TokenLocation.dpopHeader()))).isFalse();
			assertThat(resolver.accepts("b", Set.of(TokenLocation.bearerHeader()))).isTrue();
		});
	}

	@Test
	void unknownDPoPModeFailsStartupNamingTheProperty() {
		this.contextRunner.withPropertyValues("jwt.providers.a.sender-constraint.dpop=sometimes")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("Failed to bind properties under 'jwt.providers.a.sender-constraint.dpop'"));
	}

	@Test
	void nonPositiveProofMaxAgeOrReplayCacheSizeFailsStartupNamingTheProperty() {
		this.contextRunner.withPropertyValues("jwt.providers.a.sender-constraint.dpop-proof-max-age=0s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("jwt.providers.a.sender-constraint.dpop-proof-max-age"));
		this.contextRunner.withPropertyValues("jwt.providers.b.sender-constraint.dpop-replay-cache-size=0")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("jwt.providers.b.sender-constraint.dpop-replay-cache-size"));
	}

	@Test
	void replayQuotaThatIsNotPositiveOrExceedsTheCacheFailsStartupNamingTheProperty() {
		this.contextRunner.withPropertyValues("jwt.providers.a.sender-constraint.dpop-replay-quota-per-key=0")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("jwt.providers.a.sender-constraint.dpop-replay-quota-per-key"));
		this.contextRunner
			.withPropertyValues("jwt.providers.a.sender-constraint.dpop-replay-cache-size=100",
					"jwt.providers.a.sender-constraint.dpop-replay-quota-per-key=101")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("jwt.providers.a.sender-constraint.dpop-replay-quota-per-key")
				.hasMessageContaining("must not exceed jwt.providers.a.sender-constraint.dpop-replay-cache-size"));
	}

	@Test
	void publicOriginThatIsNotAnHttpOriginFailsStartupNamingTheProperty() {
		for (String origin : new String[] { "https://api.example/base", "api.example", "ftp://api.example",
				"https://user@api.example", "https://api.example?x=1" }) {
			this.contextRunner
				.withPropertyValues("jwt.providers.a.sender-constraint.public-origins=https://ok.example," + origin)
				.run((context) -> assertThat(context).getFailure()
					.rootCause()
					.hasMessageContaining("jwt.providers.a.sender-constraint.public-origins[1]"));
		}
		this.contextRunner
			.withPropertyValues(
					"jwt.providers.a.sender-constraint.public-origins=https://api.example,http://api.example:8080/")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void dpopNoncesWithoutAStrongSecretOrWithoutDPoPFailStartupNamingThePropertyAndNeverTheSecret() {
		String name = "jwt.providers.a.sender-constraint.";
		this.contextRunner.withPropertyValues(name + "dpop-nonce-required=true")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining(name + "dpop-nonce-secret")
				.hasMessageContaining("at least 32 bytes"));
		this.contextRunner
			.withPropertyValues(name + "dpop-nonce-required=true", name + "dpop-nonce-secret=short-secret-value")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining(name + "dpop-nonce-secret")
				.hasMessageNotContaining("short-secret-value"));
		this.contextRunner.withPropertyValues(name + "dpop-nonce-secret=" + "s".repeat(32))
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining(name + "dpop-nonce-secret")
				.hasMessageContaining("dpop-nonce-required is false")
				.hasMessageNotContaining("s".repeat(32)));
		this.contextRunner
			.withPropertyValues(name + "dpop-nonce-required=true", name + "dpop-nonce-secret=" + "s".repeat(32),
					name + "dpop=disabled")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining(name + "dpop-nonce-required"));
		this.contextRunner
			.withPropertyValues(name + "dpop-nonce-required=true", name + "dpop-nonce-secret=" + "s".repeat(32),
					name + "dpop-nonce-lifetime=500ms")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining(name + "dpop-nonce-lifetime"));
		this.contextRunner
			.withPropertyValues(name + "dpop-nonce-required=true", name + "dpop-nonce-secret=" + "s".repeat(32))
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void emptyKeyPrefixOrNonPositiveStoreTimeoutFailsStartupNamingTheProperty() {
		this.contextRunner.withPropertyValues("jwt.providers.a.sender-constraint.replay-store-key-prefix=")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("jwt.providers.a.sender-constraint.replay-store-key-prefix"));
		this.contextRunner.withPropertyValues("jwt.providers.a.sender-constraint.replay-store-timeout=0s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("jwt.providers.a.sender-constraint.replay-store-timeout"));
	}

	@Test
	void redisReplayStoreWithoutARedisConnectionFailsStartupNamingThePropertyAndTheFix() {
		this.contextRunner.withPropertyValues("jwt.providers.b.sender-constraint.replay-store=redis")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("jwt.providers.b.sender-constraint.replay-store")
				.hasMessageContaining("spring-boot-starter-data-redis")
				.hasMessageContaining("spring.data.redis"));
	}

	@Test
	void redisReplayStoreUsesTheApplicationsRedisConnection() {
		withRedis().withPropertyValues("jwt.providers.b.sender-constraint.replay-store=redis").run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).getBean(DPoPReplayStore.class).isInstanceOf(RedisDPoPReplayStore.class);
		});
	}

	@Test
	void withARedisConnectionButNoProviderAskingForItNothingChanges() {
		withRedis().run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(DPoPReplayStore.class);
		});
	}

	@Test
	void withoutSpringDataRedisAProviderAskingForRedisFailsStartup() {
		withRedis().withClassLoader(new FilteredClassLoader(ReactiveStringRedisTemplate.class))
			.withPropertyValues("jwt.providers.b.sender-constraint.replay-store=redis")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("jwt.providers.b.sender-constraint.replay-store"));
	}

	@Test
	void replayStoreOfTheApplicationReplacesTheRedisOne() {
		DPoPReplayStore own = (key, ttl) -> CompletableFuture.completedFuture(true);
		withRedis().withBean(DPoPReplayStore.class, () -> own)
			.withPropertyValues("jwt.providers.b.sender-constraint.replay-store=redis")
			.run((context) -> assertThat(context).getBean(DPoPReplayStore.class).isSameAs(own));
	}

	private WebApplicationContextRunner withRedis() {
		return this.contextRunner.withConfiguration(AutoConfigurations.of(DataRedisAutoConfiguration.class,
				DataRedisReactiveAutoConfiguration.class, JwtDPoPReplayStoreAutoConfiguration.class));
	}

	@Test
	void issuerResolverRejectsDPoPBoundTokensAsBearerTokens() {
		String token = TestJwts.issuer("https://a.example")
			.subject("alice")
			.claim("cnf", DPoPProofs.withKey(TestKeys.ec("client", Curve.P_256)).confirmation())
			.signWith(KEY);
		this.contextRunner.run((context) -> {
			AuthenticationManager manager = context.getBean(JwtIssuerAuthenticationManagerResolver.class)
				.resolve(new MockHttpServletRequest());
			assertThatExceptionOfType(InvalidBearerTokenException.class)
				.isThrownBy(() -> manager.authenticate(new BearerTokenAuthenticationToken(token)))
				.withMessage("DPoP proof required");
		});
	}

	@Test
	void issuerResolverChecksTheCurrentRequestsClientCertificate() {
		TestCertificates.Issued ca = TestCertificates.authority("ca");
		TestCertificates.Issued bound = ca.issue("bound", false);
		TestCertificates.Issued other = ca.issue("other", false);
		String token = TestJwts.issuer("https://a.example")
			.subject("alice")
			.claim("cnf", Map.of("x5t#S256", TestCertificates.thumbprint(bound.certificate())))
			.signWith(KEY);
		this.contextRunner.run((context) -> {
			JwtIssuerAuthenticationManagerResolver resolver = context
				.getBean(JwtIssuerAuthenticationManagerResolver.class);
			for (X509Certificate presented : new X509Certificate[] { null, other.certificate() }) {
				MockHttpServletRequest request = withCertificate(presented);
				assertThatExceptionOfType(InvalidBearerTokenException.class)
					.isThrownBy(() -> resolver.resolve(request).authenticate(new BearerTokenAuthenticationToken(token)))
					.withMessage("client certificate does not match");
			}
			MockHttpServletRequest request = withCertificate(bound.certificate());
			assertThat(resolver.resolve(request).authenticate(new BearerTokenAuthenticationToken(token)).getName())
				.isEqualTo("alice");
		});
		RequestContextHolder.resetRequestAttributes();
	}

	private static MockHttpServletRequest withCertificate(X509Certificate certificate) {
		MockHttpServletRequest request = new MockHttpServletRequest();
		if (certificate != null) {
			request.setAttribute("jakarta.servlet.request.X509Certificate", new X509Certificate[] { certificate });
		}
		RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));
		return request;
	}

}
