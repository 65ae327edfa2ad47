package io.github.jwtstarter.autoconfigure;

import java.security.cert.X509Certificate;
import java.util.Map;
import java.util.Set;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.RSAKey;
import io.github.jwtstarter.jwt.DPoPMode;
import io.github.jwtstarter.jwt.JwtProviderRegistry;
import io.github.jwtstarter.test.DPoPProofs;
import io.github.jwtstarter.test.TestCertificates;
import io.github.jwtstarter.test.TestJwts;
import io.github.jwtstarter.test.TestKeys;
import io.github.jwtstarter.web.TokenLocation;
import io.github.jwtstarter.web.TokenResolver;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
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
