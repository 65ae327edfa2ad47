package io.github.jwtstarter.autoconfigure;

import io.github.jwtstarter.jwt.JwtProviderRegistry;
import io.github.jwtstarter.jwt.JwtProviderTenants;
import io.github.jwtstarter.test.TestKeys;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.context.properties.source.MutuallyExclusiveConfigurationPropertiesException;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ContextConsumer;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The multi-tenant properties at startup: issuer templates, {@code tenants},
 * {@code tenant-pattern}, {@code tenant-claim}, {@code max-tenants},
 * {@code tenant-header}, {@code forward-payload-header} and a principal's {@code tenant}.
 * Each mistake fails startup naming the property and the fix; a sound configuration
 * starts.
 */
class MultiTenantPropertiesTests {

	private static final String TEMPLATE = "https://kc.example.com/realms/{tenant}";

	private static final String PEM = TestKeys.toPem(TestKeys.rsa("k1"));

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JwtAutoConfiguration.class));

	private static ContextConsumer<AssertableApplicationContext> failsNaming(String property, String fix) {
		return (context) -> assertThat(context).getFailure()
			.rootCause()
			.isInstanceOf(InvalidConfigurationPropertyValueException.class)
			.hasMessageContaining(property)
			.hasMessageContaining(fix);
	}

	@Test
	void templateWithAllowListStartsAndKeepsNoTenantUntilATokenNamesOne() {
		this.contextRunner
			.withPropertyValues("jwt.providers.customers.issuer=" + TEMPLATE,
					"jwt.providers.customers.tenants=acme,globex", "jwt.providers.customers.tenant-claim=realm",
					"jwt.providers.customers.max-tenants=5", "jwt.providers.customers.tenant-header=x-tenant")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				JwtProviderTenants tenants = context.getBean(JwtProviderRegistry.class).byId("customers").getTenants();
				assertThat(tenants.getTemplate().getTenants()).containsExactlyInAnyOrder("acme", "globex");
				assertThat(tenants.getTenantClaim()).isEqualTo("realm");
				assertThat(tenants.getMaxTenants()).isEqualTo(5);
				assertThat(tenants.keyStatuses()).isEmpty();
			});
	}

	@Test
	void sameTemplateWithDisjointAllowListsStarts() {
		this.contextRunner
			.withPropertyValues("jwt.providers.customers.issuer=" + TEMPLATE, "jwt.providers.customers.tenants=acme",
					"jwt.providers.partners.issuer=" + TEMPLATE, "jwt.providers.partners.tenants=globex")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void templateThatMatchesAnotherProvidersIssuerFailsStartup() {
		this.contextRunner
			.withPropertyValues("jwt.providers.admin.issuer=https://kc.example.com/realms/master",
					"jwt.providers.customers.issuer=" + TEMPLATE)
			.run(failsNaming("jwt.providers.customers.issuer", "matches the issuer of provider 'admin'"));
		this.contextRunner
			.withPropertyValues("jwt.providers.admin.issuer=https://kc.example.com/realms/master",
					"jwt.providers.customers.issuer=" + TEMPLATE, "jwt.providers.customers.tenant-pattern=[a-z]+")
			.run(failsNaming("jwt.providers.customers.issuer", "jwt.providers.customers.tenants"));
	}

	@Test
	void templateThatExcludesAnotherProvidersIssuerStarts() {
		this.contextRunner
			.withPropertyValues("jwt.providers.admin.issuer=https://kc.example.com/realms/master",
					"jwt.providers.customers.issuer=" + TEMPLATE, "jwt.providers.customers.tenant-pattern=c-[a-z]+")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void templatesThatCanMatchTheSameIssuerFailStartup() {
		this.contextRunner
			.withPropertyValues("jwt.providers.customers.issuer=" + TEMPLATE,
					"jwt.providers.versions.issuer=https://kc.example.com/{tenant}/v2")
			.run(failsNaming("jwt.providers.versions.issuer", "can match the same issuers as provider 'customers'"));
	}

	@Test
	void placeholderTwiceFailsStartup() {
		this.contextRunner.withPropertyValues("jwt.providers.customers.issuer=https://{tenant}.example.com/{tenant}")
			.run(failsNaming("jwt.providers.customers.issuer", "more than once"));
		this.contextRunner
			.withPropertyValues("jwt.providers.customers.issuer=" + TEMPLATE,
					"jwt.providers.customers.jwks.uri=https://kc.example.com/{tenant}/{tenant}/certs")
			.run(failsNaming("jwt.providers.customers.jwks.uri", "more than once"));
	}

	@Test
	void patternThatDoesNotCompileFailsStartup() {
		this.contextRunner
			.withPropertyValues("jwt.providers.customers.issuer=" + TEMPLATE,
					"jwt.providers.customers.tenant-pattern=[a-z")
			.run(failsNaming("jwt.providers.customers.tenant-pattern", "not a valid regular expression"));
	}

	@Test
	void tenantPropertiesWithoutAPlaceholderFailStartup() {
		for (String property : new String[] { "tenants=acme", "tenant-pattern=[a-z]+", "tenant-claim=tid",
				"max-tenants=10", "tenant-header=x-tenant" }) {
			String name = property.substring(0, property.indexOf('='));
			this.contextRunner
				.withPropertyValues("jwt.providers.corp.issuer=https://corp.example",
						"jwt.providers.corp.jwks.local=" + PEM, "jwt.providers.corp." + property)
				.run(failsNaming("jwt.providers.corp." + name, "put {tenant} where the tenant is in the issuer"));
		}
		this.contextRunner
			.withPropertyValues("jwt.providers.corp.issuer=https://corp.example",
					"jwt.providers.corp.jwks.uri=https://corp.example/{tenant}/jwks")
			.run(failsNaming("jwt.providers.corp.jwks.uri", "put {tenant} in the issuer too"));
	}

	@Test
	void allowListAndPatternTogetherFailStartup() {
		this.contextRunner
			.withPropertyValues("jwt.providers.customers.issuer=" + TEMPLATE, "jwt.providers.customers.tenants=acme",
					"jwt.providers.customers.tenant-pattern=[a-z]+")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(MutuallyExclusiveConfigurationPropertiesException.class)
				.hasMessageContaining("jwt.providers.customers.tenants")
				.hasMessageContaining("jwt.providers.customers.tenant-pattern"));
	}

	@Test
	void invalidTenantsAndBoundsFailStartup() {
		this.contextRunner
			.withPropertyValues("jwt.providers.customers.issuer=" + TEMPLATE,
					"jwt.providers.customers.tenants=acme,a/b")
			.run(failsNaming("jwt.providers.customers.tenants[1]", "not a valid tenant"));
		this.contextRunner
			.withPropertyValues("jwt.providers.customers.issuer=" + TEMPLATE, "jwt.providers.customers.max-tenants=0")
			.run(failsNaming("jwt.providers.customers.max-tenants", "must be positive"));
		this.contextRunner
			.withPropertyValues("jwt.providers.customers.issuer={tenant}.example.com",
					"jwt.providers.customers.jwks.local=" + PEM)
			.run(failsNaming("jwt.providers.customers.issuer", "write the fixed part of the issuer before it"));
		this.contextRunner
			.withPropertyValues("jwt.providers.customers.issuer=" + TEMPLATE,
					"jwt.providers.customers.tenant-header=x tenant")
			.run(failsNaming("jwt.providers.customers.tenant-header", "not a valid HTTP header name"));
	}

	@Test
	void principalTenantThatNoProviderCanHaveFailsStartup() {
		String principal = "jwt.rbac.policies.p.principals[0].";
		this.contextRunner
			.withPropertyValues("jwt.providers.customers.issuer=" + TEMPLATE, "jwt.providers.customers.tenants=acme",
					"jwt.providers.corp.issuer=https://corp.example", "jwt.providers.corp.jwks.local=" + PEM,
					principal + "provider=customers", principal + "tenant=globex")
			.run(failsNaming(principal + "tenant", "is not a tenant that provider 'customers' accepts"));
		this.contextRunner
			.withPropertyValues("jwt.providers.customers.issuer=" + TEMPLATE, "jwt.providers.customers.tenants=acme",
					"jwt.providers.corp.issuer=https://corp.example", "jwt.providers.corp.jwks.local=" + PEM,
					principal + "provider=corp", principal + "tenant=acme")
			.run(failsNaming(principal + "tenant", "no multi-tenant provider"));
		this.contextRunner
			.withPropertyValues("jwt.providers.customers.issuer=" + TEMPLATE, "jwt.providers.customers.tenants=acme",
					principal + "tenant=acme")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void forwardPayloadHeaderThatWouldOverwriteAnotherHeaderFailsStartup() {
		String corp = "jwt.providers.corp.";
		this.contextRunner
			.withPropertyValues(corp + "issuer=https://corp.example", corp + "jwks.local=" + PEM,
					corp + "forward-payload-header=Authorization")
			.run(failsNaming(corp + "forward-payload-header", "would overwrite a token"));
		this.contextRunner
			.withPropertyValues(corp + "issuer=https://corp.example", corp + "jwks.local=" + PEM,
					"jwt.providers.partner.issuer=https://partner.example", "jwt.providers.partner.jwks.local=" + PEM,
					"jwt.providers.partner.token-source.headers[0].name=x-partner-token",
					corp + "forward-payload-header=X-Partner-Token")
			.run(failsNaming(corp + "forward-payload-header", "would overwrite a token"));
		this.contextRunner
			.withPropertyValues(corp + "issuer=https://corp.example", corp + "jwks.local=" + PEM,
					corp + "claims-to-headers[0].claim=org", corp + "claims-to-headers[0].header=x-jwt-payload",
					corp + "forward-payload-header=x-jwt-payload")
			.run(failsNaming(corp + "forward-payload-header", "is also a claims-to-headers header"));
		this.contextRunner
			.withPropertyValues(corp + "issuer=https://corp.example", corp + "jwks.local=" + PEM,
					corp + "forward-payload-header=x:payload")
			.run(failsNaming(corp + "forward-payload-header", "not a valid HTTP header name"));
	}

}
