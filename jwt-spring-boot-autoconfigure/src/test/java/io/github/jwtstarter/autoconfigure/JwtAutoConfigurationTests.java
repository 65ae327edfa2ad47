package io.github.jwtstarter.autoconfigure;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.RSAKey;
import io.github.jwtstarter.jwt.JwtProviderFactory;
import io.github.jwtstarter.authorization.servlet.RequestAccess;
import io.github.jwtstarter.jwt.JwtProviderKeysCustomizer;
import io.github.jwtstarter.jwt.JwtProviderRegistry;
import io.github.jwtstarter.jwt.JwtVerifier;
import io.github.jwtstarter.jwt.ProviderKeys;
import io.github.jwtstarter.jwt.VerifiedTokenCache;
import io.github.jwtstarter.test.TestJwts;
import io.github.jwtstarter.test.TestKeys;
import io.github.jwtstarter.web.TokenResolver;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.context.properties.source.MutuallyExclusiveConfigurationPropertiesException;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.ResolvableType;
import org.springframework.core.annotation.Order;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.JwtIssuerAuthenticationManagerResolver;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class JwtAutoConfigurationTests {

	private static final RSAKey KEY = TestKeys.rsa("k1");

	private static final ResolvableType REQUEST_AUTHORIZATION_MANAGER = ResolvableType
		.forClassWithGenerics(AuthorizationManager.class, RequestAuthorizationContext.class);

	private static final String PEM = TestKeys.toPem(KEY);

	private static final RSAKey OTHER_KEY = TestKeys.rsa("other");

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JwtAutoConfiguration.class, JwtWebSecurityAutoConfiguration.class,
				SecurityAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class,
				UserDetailsServiceAutoConfiguration.class));

	@Test
	void starterIsInertWithoutProviders() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean(JwtProviderRegistry.class);
			assertThat(context).doesNotHaveBean(JwtVerifier.class);
			assertThat(context).doesNotHaveBean("jwtSecurityFilterChain");
		});
	}

	@Test
	void starterIsInertWhenDisabled() {
		this.contextRunner
			.withPropertyValues("jwt.enabled=false", "jwt.providers.kube.issuer=kubernetes",
					"jwt.providers.kube.jwks.local=" + PEM)
			.run((context) -> assertThat(context).doesNotHaveBean(JwtProviderRegistry.class));
	}

	@Test
	void oneProviderCreatesRegistryVerifierAndChain() {
		this.contextRunner
			.withPropertyValues("jwt.providers.kube.issuer=kubernetes/serviceaccount",
					"jwt.providers.kube.jwks.local=" + PEM)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).hasSingleBean(JwtProviderRegistry.class);
				assertThat(context).hasSingleBean(JwtVerifier.class);
				assertThat(context).hasSingleBean(VerifiedTokenCache.class);
				assertThat(context).hasSingleBean(TokenResolver.class);
				assertThat(context).hasSingleBean(JwtIssuerAuthenticationManagerResolver.class);
				assertThat(context).getBean("jwtSecurityFilterChain").isInstanceOf(SecurityFilterChain.class);
				assertThat(context).doesNotHaveBean(UserDetailsService.class);
			});
	}

	@Test
	void decoderIsReachableByProviderIdAndIssuer() {
		this.contextRunner
			.withPropertyValues("jwt.providers.kube.issuer=kubernetes/serviceaccount",
					"jwt.providers.kube.jwks.local=" + PEM, "jwt.providers.kube.require-expiration=false")
			.run((context) -> {
				JwtProviderRegistry registry = context.getBean(JwtProviderRegistry.class);
				assertThat(registry.byIssuer("kubernetes/serviceaccount").getId()).isEqualTo("kube");
				JwtDecoder decoder = registry.decoder("kube");
				Jwt jwt = decoder.decode(TestJwts.issuer("kubernetes/serviceaccount")
					.subject("system:serviceaccount:default:svc-a")
					.noExpiry()
					.signWith(KEY));
				assertThat(jwt.getSubject()).isEqualTo("system:serviceaccount:default:svc-a");
			});
	}

	@Test
	void cacheBacksOffWhenDisabled() {
		this.contextRunner
			.withPropertyValues("jwt.providers.kube.issuer=kubernetes", "jwt.providers.kube.jwks.local=" + PEM,
					"jwt.cache.enabled=false")
			.run((context) -> {
				assertThat(context).hasSingleBean(JwtVerifier.class);
				assertThat(context).doesNotHaveBean(VerifiedTokenCache.class);
			});
	}

	@Test
	void userSecurityFilterChainForEveryRequestMakesOnlyTheStarterChainBackOff() {
		this.contextRunner.withUserConfiguration(UserChainConfiguration.class)
			.withPropertyValues("jwt.providers.kube.issuer=kubernetes", "jwt.providers.kube.jwks.local=" + PEM)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBeansOfType(SecurityFilterChain.class)).containsOnlyKeys("userChain");
				assertThat(context).hasSingleBean(JwtProviderRegistry.class);
				assertThat(context).hasSingleBean(JwtVerifier.class);
				assertThat(context).hasSingleBean(TokenResolver.class);
			});
	}

	@Test
	void userRegistryReplacesTheStarterOne() {
		this.contextRunner.withUserConfiguration(UserRegistryConfiguration.class)
			.withPropertyValues("jwt.providers.kube.issuer=kubernetes", "jwt.providers.kube.jwks.local=" + PEM)
			.run((context) -> assertThat(context).getBean(JwtProviderRegistry.class)
				.isSameAs(context.getBean(UserRegistryConfiguration.class).registry));
	}

	@Test
	void keysCustomizerReplacesTheConfiguredKeysWithoutBuildingThem() {
		this.contextRunner.withUserConfiguration(KeysCustomizerConfiguration.class)
			.withPropertyValues("jwt.providers.kube.issuer=kubernetes/serviceaccount",
					"jwt.providers.kube.jwks.location=file:/nonexistent/sa.pub",
					"jwt.providers.kube.require-expiration=false")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				JwtDecoder decoder = context.getBean(JwtProviderRegistry.class).decoder("kube");
				Jwt jwt = decoder.decode(
						TestJwts.issuer("kubernetes/serviceaccount").subject("svc-a").noExpiry().signWith(OTHER_KEY));
				assertThat(jwt.getSubject()).isEqualTo("svc-a");
				assertThat(context.getBean(KeysCustomizerConfiguration.class).calls).containsExactly("second:kube",
						"first:kube");
			});
	}

	@Test
	void keysCustomizerCanKeepTheConfiguredKeys() {
		this.contextRunner.withBean(JwtProviderKeysCustomizer.class, () -> (id, keys) -> keys.get())
			.withPropertyValues("jwt.providers.kube.issuer=kubernetes",
					"jwt.providers.kube.jwks.location=file:/nonexistent/sa.pub")
			.run((context) -> assertThat(context).hasFailed()
				.getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("jwt.providers.kube.jwks.location"));
	}

	@Test
	void keysCustomizerReplacingTheKeysIsLoggedOnceAtStartupNamingTheProvider(CapturedOutput output) {
		this.contextRunner.withUserConfiguration(KeysCustomizerConfiguration.class)
			.withPropertyValues("jwt.providers.kube.issuer=kubernetes/serviceaccount",
					"jwt.providers.kube.jwks.location=file:/nonexistent/sa.pub",
					"jwt.providers.corp.issuer=https://corp.example", "jwt.providers.corp.jwks.local=" + PEM)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(output.getOut().lines().filter((line) -> line.contains("JwtProviderKeysCustomizer")))
					.hasSize(2)
					.allSatisfy((line) -> assertThat(line).contains(KeysCustomizerConfiguration.class.getName()))
					.anySatisfy((line) -> assertThat(line).contains("jwt.providers.kube.jwks"))
					.anySatisfy((line) -> assertThat(line).contains("jwt.providers.corp.jwks"));
			});
	}

	@Test
	void keysCustomizerKeepingTheConfiguredKeysIsNotLogged(CapturedOutput output) {
		this.contextRunner.withBean(JwtProviderKeysCustomizer.class, () -> (id, keys) -> keys.get())
			.withPropertyValues("jwt.providers.kube.issuer=kubernetes", "jwt.providers.kube.jwks.local=" + PEM)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(output.getOut()).doesNotContain("JwtProviderKeysCustomizer");
			});
	}

	@Test
	void starterBacksOffWhenSpringSecurityJoseIsAbsent() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(JwtDecoder.class))
			.withPropertyValues("jwt.providers.kube.issuer=kubernetes", "jwt.providers.kube.jwks.local=" + PEM)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(JwtProviderRegistry.class);
				assertThat(context).doesNotHaveBean("jwtSecurityFilterChain");
			});
	}

	@Test
	void starterChainBacksOffWithoutHttpSecurity() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(HttpSecurity.class))
			.withPropertyValues("jwt.providers.kube.issuer=kubernetes", "jwt.providers.kube.jwks.local=" + PEM)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).hasSingleBean(JwtVerifier.class);
				assertThat(context).doesNotHaveBean("jwtSecurityFilterChain");
			});
	}

	@Test
	void nonWebApplicationWithoutTheServletApiGetsDecodersAndVerifier() {
		new org.springframework.boot.test.context.runner.ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(JwtAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader("jakarta.servlet"))
			.withPropertyValues("jwt.providers.kube.issuer=kubernetes", "jwt.providers.kube.jwks.local=" + PEM)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).hasSingleBean(JwtProviderRegistry.class);
				assertThat(context).hasSingleBean(JwtVerifier.class);
				assertThat(context).doesNotHaveBean(JwtIssuerAuthenticationManagerResolver.class);
			});
	}

	@Test
	void missingIssuerFailsStartupNamingTheProperty() {
		this.contextRunner.withPropertyValues("jwt.providers.kube.jwks.local=" + PEM)
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("jwt.providers.kube.issuer"));
	}

	@Test
	void duplicateIssuerFailsStartupNamingTheProperty() {
		this.contextRunner
			.withPropertyValues("jwt.providers.a.issuer=https://idp.example", "jwt.providers.a.jwks.local=" + PEM,
					"jwt.providers.b.issuer=https://idp.example", "jwt.providers.b.jwks.local=" + PEM)
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("jwt.providers.b.issuer")
				.hasMessageContaining("provider 'a'"));
	}

	@Test
	void twoKeySourcesFailStartup() {
		this.contextRunner
			.withPropertyValues("jwt.providers.a.issuer=https://idp.example", "jwt.providers.a.jwks.local=" + PEM,
					"jwt.providers.a.jwks.uri=https://idp.example/jwks")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(MutuallyExclusiveConfigurationPropertiesException.class)
				.hasMessageContaining("jwt.providers.a.jwks.uri")
				.hasMessageContaining("jwt.providers.a.jwks.local"));
	}

	@Test
	void malformedLocalKeyFailsStartupWithoutEchoingIt() {
		this.contextRunner
			.withPropertyValues("jwt.providers.a.issuer=https://idp.example",
					"jwt.providers.a.jwks.local={\"kty\":\"RSA\",\"n\":\"secret-looking\"}")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("jwt.providers.a.jwks.local")
				.hasMessageNotContaining("secret-looking"));
	}

	@Test
	void weakLocalKeyFailsStartup() {
		String weak = TestKeys.toPublicJwkSetJson(TestKeys.rsa("weak", 1024));
		this.contextRunner
			.withPropertyValues("jwt.providers.a.issuer=https://idp.example", "jwt.providers.a.jwks.local=" + weak)
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("jwt.providers.a.jwks.local")
				.hasMessageContaining("2048"));
	}

	@Test
	void duplicateKidInLocalSetFailsStartup() {
		String duplicate = TestKeys.toPublicJwkSetJson(TestKeys.rsa("same"), TestKeys.rsa("same"));
		this.contextRunner
			.withPropertyValues("jwt.providers.a.issuer=https://idp.example", "jwt.providers.a.jwks.local=" + duplicate)
			.run((context) -> assertThat(context).getFailure().rootCause().hasMessageContaining("duplicate kid"));
	}

	@Test
	void unreadableLocationFailsStartup() {
		this.contextRunner
			.withPropertyValues("jwt.providers.a.issuer=https://idp.example",
					"jwt.providers.a.jwks.location=file:/does/not/exist.pem")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("jwt.providers.a.jwks.location"));
	}

	@Test
	void discoveryFromNonHttpIssuerFailsStartup() {
		this.contextRunner.withPropertyValues("jwt.providers.kube.issuer=kubernetes/serviceaccount")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("jwt.providers.kube.issuer")
				.hasMessageContaining("jwks.uri"));
	}

	@Test
	void unreachableDiscoveryIssuerDoesNotFailStartup() {
		this.contextRunner.withPropertyValues("jwt.providers.corp.issuer=http://127.0.0.1:1/realms/corp")
			.run((context) -> assertThat(context).hasNotFailed().hasSingleBean(JwtProviderRegistry.class));
	}

	@Test
	void unknownAlgorithmFailsStartup() {
		this.contextRunner
			.withPropertyValues("jwt.providers.a.issuer=https://idp.example", "jwt.providers.a.jwks.local=" + PEM,
					"jwt.providers.a.algorithms=RS256,XS999")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("jwt.providers.a.algorithms")
				.hasMessageContaining("XS999"));
	}

	@Test
	void unknownProviderInRouteFailsStartup() {
		this.contextRunner
			.withPropertyValues("jwt.providers.a.issuer=https://idp.example", "jwt.providers.a.jwks.local=" + PEM,
					"jwt.routes[0].paths=/public/**", "jwt.routes[0].providers=nope")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("jwt.routes[0].providers"));
	}

	@Test
	void requirementSetFailsStartupNamingThePropertyAndTheFix() {
		String[] providers = { "jwt.providers.a.issuer=https://a.example", "jwt.providers.a.jwks.local=" + PEM,
				"jwt.providers.b.issuer=https://b.example", "jwt.providers.b.jwks.local=" + PEM,
				"jwt.providers.b.token-source.headers[0].name=x-workload-token",
				"jwt.providers.b.token-source.headers[0].prefix=" };
		this.contextRunner.withPropertyValues(providers)
			.withPropertyValues("jwt.routes[0].all-of=a,nope")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("jwt.routes[0].all-of")
				.hasMessageContaining("no provider has this id"));
		this.contextRunner.withPropertyValues(providers)
			.withPropertyValues("jwt.routes[0].all-of=a")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("at least two providers")
				.hasMessageContaining("jwt.routes[0].providers"));
		this.contextRunner.withPropertyValues(providers)
			.withPropertyValues("jwt.routes[0].all-of=a,b", "jwt.routes[0].providers=a")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("jwt.routes[0].all-of")
				.hasMessageContaining("jwt.routes[0].providers"));
		this.contextRunner
			.withPropertyValues("jwt.providers.a.issuer=https://a.example", "jwt.providers.a.jwks.local=" + PEM,
					"jwt.providers.b.issuer=https://b.example", "jwt.providers.b.jwks.local=" + PEM,
					"jwt.routes[0].all-of=a,b")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("jwt.routes[0].all-of")
				.hasMessageContaining("both read tokens from header 'authorization'")
				.hasMessageContaining("token-source"));
		this.contextRunner.withPropertyValues(providers)
			.withPropertyValues("jwt.routes[0].all-of=a,b")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void unknownProviderInRbacFailsStartup() {
		this.contextRunner
			.withPropertyValues("jwt.providers.a.issuer=https://idp.example", "jwt.providers.a.jwks.local=" + PEM,
					"jwt.rbac.policies.p.principals[0].provider=nope", "jwt.rbac.policies.p.principals[0].claims.sub=x")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("jwt.rbac.policies.p.principals[0].provider"));
	}

	@Test
	void unknownMatcherFailsStartup() {
		this.contextRunner
			.withPropertyValues("jwt.providers.a.issuer=https://idp.example", "jwt.providers.a.jwks.local=" + PEM,
					"jwt.rbac.policies.p.principals[0].matcher=fuzzy", "jwt.rbac.policies.p.principals[0].claims.sub=x")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("jwt.rbac.policies.p.principals[0].matcher")
				.hasMessageContaining("exact-string"));
	}

	@Test
	void unknownValidationPolicyFailsStartupNamingTheAcceptedValues() {
		this.contextRunner
			.withPropertyValues("jwt.providers.a.issuer=https://idp.example", "jwt.providers.a.jwks.local=" + PEM,
					"jwt.validation-policy=sometimes")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("jwt.validation-policy")
				.hasMessageContaining("require-valid, allow-missing or allow-missing-or-failed"));
	}

	@Test
	void matcherTakesBootsLenientEnumSpelling() {
		this.contextRunner
			.withPropertyValues("jwt.providers.a.issuer=https://idp.example", "jwt.providers.a.jwks.local=" + PEM,
					"jwt.rbac.policies.p.principals[0].matcher=REGEX_MATCH",
					"jwt.rbac.policies.p.principals[0].claims.sub=([a-z")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("jwt.rbac.policies.p.principals[0].claims.sub"));
		this.contextRunner
			.withPropertyValues("jwt.providers.a.issuer=https://idp.example", "jwt.providers.a.jwks.local=" + PEM,
					"jwt.rbac.policies.p.principals[0].matcher=regexMatch",
					"jwt.rbac.policies.p.principals[0].claims.sub=[a-z]+")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void invalidRegexFailsStartup() {
		this.contextRunner
			.withPropertyValues("jwt.providers.a.issuer=https://idp.example", "jwt.providers.a.jwks.local=" + PEM,
					"jwt.rbac.policies.p.principals[0].matcher=regex-match",
					"jwt.rbac.policies.p.principals[0].claims.sub=([a-z")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("jwt.rbac.policies.p.principals[0].claims.sub"));
	}

	@Test
	void refreshIntervalNotShorterThanCacheDurationFailsStartup() {
		this.contextRunner
			.withPropertyValues("jwt.providers.a.issuer=https://idp.example",
					"jwt.providers.a.jwks.uri=https://idp.example/jwks", "jwt.providers.a.jwks.cache-duration=30s",
					"jwt.providers.a.jwks.min-refresh-interval=30s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("jwt.providers.a.jwks.min-refresh-interval"));
	}

	@Test
	void twoRequestAuthorizationManagersAreBothAppliedInsteadOfFailingStartup() {
		this.contextRunner.withUserConfiguration(TwoAuthorizationManagersConfiguration.class)
			.withPropertyValues("jwt.providers.kube.issuer=kubernetes", "jwt.providers.kube.jwks.local=" + PEM)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				List<AuthorizationManager<RequestAuthorizationContext>> managers = context
					.getBeanProvider(REQUEST_AUTHORIZATION_MANAGER)
					.orderedStream()
					.map(JwtAutoConfigurationTests::requestAuthorizationManager)
					.toList();
				assertThat(managers).hasSize(2);
				AuthorizationManager<RequestAuthorizationContext> access = RequestAccess.of(managers);
				RequestAuthorizationContext request = new RequestAuthorizationContext(
						new MockHttpServletRequest("GET", "/"));
				assertThat(access.authorize(() -> null, request).isGranted()).isFalse();
			});
	}

	@SuppressWarnings("unchecked")
	private static AuthorizationManager<RequestAuthorizationContext> requestAuthorizationManager(Object bean) {
		return (AuthorizationManager<RequestAuthorizationContext>) bean;
	}

	@Configuration(proxyBeanMethods = false)
	static class TwoAuthorizationManagersConfiguration {

		@Bean
		org.springframework.security.authorization.AuthorizationManager<org.springframework.security.web.access.intercept.RequestAuthorizationContext> first() {
			return (authentication,
					context) -> new org.springframework.security.authorization.AuthorizationDecision(false);
		}

		@Bean
		org.springframework.security.authorization.AuthorizationManager<org.springframework.security.web.access.intercept.RequestAuthorizationContext> second() {
			return (authentication,
					context) -> new org.springframework.security.authorization.AuthorizationDecision(false);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserChainConfiguration {

		@Bean
		SecurityFilterChain userChain(HttpSecurity http) throws Exception {
			return http.authorizeHttpRequests((requests) -> requests.anyRequest().permitAll()).build();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class KeysCustomizerConfiguration {

		final List<String> calls = new CopyOnWriteArrayList<>();

		@Bean
		@Order(1)
		JwtProviderKeysCustomizer firstKeysCustomizer() {
			return (id, keys) -> {
				this.calls.add("first:" + id);
				return JwtProviderFactory.jdk(null, Clock.systemUTC()).localKeys(new JWKSet(OTHER_KEY.toPublicJWK()));
			};
		}

		@Bean
		@Order(2)
		JwtProviderKeysCustomizer secondKeysCustomizer() {
			return (id, keys) -> {
				this.calls.add("second:" + id);
				return keys.get();
			};
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserRegistryConfiguration {

		final JwtProviderRegistry registry = new JwtProviderRegistry(java.util.List.of());

		@Bean
		JwtProviderRegistry userRegistry() {
			return this.registry;
		}

	}

}
