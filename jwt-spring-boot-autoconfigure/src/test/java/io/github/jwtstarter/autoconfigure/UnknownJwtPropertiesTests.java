package io.github.jwtstarter.autoconfigure;

import com.nimbusds.jose.jwk.RSAKey;
import io.github.jwtstarter.jwt.JwtProviderRegistry;
import io.github.jwtstarter.test.TestKeys;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Any unknown key under {@code jwt.} fails startup, naming the property and the closest
 * known one, so that a misspelled key never leaves a check off.
 */
class UnknownJwtPropertiesTests {

	private static final RSAKey KEY = TestKeys.rsa("k1");

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JwtAutoConfiguration.class))
		.withPropertyValues("jwt.providers.corp.issuer=https://corp.example",
				"jwt.providers.corp.jwks.local=" + TestKeys.toPem(KEY));

	@Test
	void misspelledAudiencesFailsStartupNamingTheClosestKnownName() {
		assertUnknown("jwt.providers.corp.audience=orders-api", "jwt.providers.corp.audience",
				"jwt.providers.corp.audiences");
	}

	@Test
	void misspelledIssuerFailsStartup() {
		assertUnknown("jwt.providers.corp.isuer=https://corp.example", "jwt.providers.corp.isuer",
				"jwt.providers.corp.issuer");
	}

	@Test
	void misspelledKeysAtEveryLevelFailStartup() {
		assertUnknown("jwt.validation-polcy=allow-missing", "jwt.validation-polcy", "jwt.validation-policy");
		assertUnknown("jwt.routes[0].path=/public/**", "jwt.routes[0].path", "jwt.routes[0].paths");
		assertUnknown("jwt.rbac.policies.readers.permissions.path=/api/**",
				"jwt.rbac.policies.readers.permissions.path", "jwt.rbac.policies.readers.permissions.paths");
		assertUnknown("jwt.rbac.policies.readers.principals[0].matchr=regex-match",
				"jwt.rbac.policies.readers.principals[0].matchr", "jwt.rbac.policies.readers.principals[0].matcher");
		assertUnknown("jwt.rbac.require-rback=true", "jwt.rbac.require-rback", "jwt.rbac.require-rbac");
		assertUnknown("jwt.providers.corp.token-source.cookie=session", "jwt.providers.corp.token-source.cookie",
				"jwt.providers.corp.token-source.cookies");
		assertUnknown("jwt.providers.corp.token-source.headers[0].prefx=Token ",
				"jwt.providers.corp.token-source.headers[0].prefx",
				"jwt.providers.corp.token-source.headers[0].prefix");
		assertUnknown("jwt.providers.corp.jwks.cache-duraton=1m", "jwt.providers.corp.jwks.cache-duraton",
				"jwt.providers.corp.jwks.cache-duration");
		assertUnknown("jwt.cache.max-szie=10", "jwt.cache.max-szie", "jwt.cache.max-size");
		assertUnknown("jwt.providers.corp.issuer.extra=x", "jwt.providers.corp.issuer.extra",
				"jwt.providers.corp.issuer");
	}

	@Test
	void everyKnownShapeOfPropertyStarts() {
		this.contextRunner
			.withPropertyValues("jwt.validation-policy=require-valid", "jwt.max-token-size=8KB",
					"jwt.providers.corp.audiences=orders-api,pets-api", "jwt.providers.corp.types[0]=at+jwt",
					"jwt.providers.corp.clockSkew=30s", "jwt.providers.corp.required-claims.email_verified=true",
					"jwt.providers.corp.required-claims[https://example.com/tier]=gold",
					"jwt.providers.corp.authorities[0].claim=scope", "jwt.providers.corp.authorities[0].prefix=S_",
					"jwt.providers.corp.token-source.headers[0].name=X-Token",
					"jwt.providers.corp.token-source.headers[0].prefix=",
					"jwt.providers.corp.token-source.query-params=access_token",
					"jwt.providers.corp.claims-to-headers[0].claim=org",
					"jwt.providers.corp.claims-to-headers[0].header=x-company",
					"jwt.providers.corp.jwks.outage-tolerance=10m", "jwt.providers.[corp].keep-token=true",
					"jwt.routes[0].paths=/public/**", "jwt.routes[0].methods[0]=GET",
					"jwt.routes[0].validation-policy=allow-missing", "jwt.rbac.require-rbac=false",
					"jwt.rbac.policies.readers.permissions.paths=/api/**",
					"jwt.rbac.policies.readers.principals[0].provider=corp",
					"jwt.rbac.policies.readers.principals[0].claims[kubernetes.io/namespace]=default",
					"jwt.rbac.policies.readers.principals[0].claims.realm_access.roles=admin", "jwt.cache.enabled=true",
					"jwt.cache.max-size=100")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).hasSingleBean(JwtProviderRegistry.class);
			});
	}

	private void assertUnknown(String property, String name, String closest) {
		this.contextRunner.withPropertyValues(property).run((context) -> {
			assertThat(context).hasFailed();
			FailureAnalysis analysis = new UnknownJwtPropertyFailureAnalyzer().analyze(context.getStartupFailure());
			assertThat(analysis).as(property).isNotNull();
			assertThat(analysis.getDescription()).contains("Unknown configuration property '" + name + "'");
			assertThat(analysis.getAction()).contains("Did you mean '" + closest + "'?");
		});
	}

}
