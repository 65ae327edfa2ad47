package io.github.jwtstarter.autoconfigure;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.nimbusds.jose.jwk.RSAKey;
import io.github.jwtstarter.authentication.ProviderJwtAuthenticationToken;
import io.github.jwtstarter.authorization.JwtClaimsExpressions;
import io.github.jwtstarter.authorization.RbacPolicy;
import io.github.jwtstarter.authorization.RbacRules;
import io.github.jwtstarter.authorization.RequireClaim;
import io.github.jwtstarter.authorization.servlet.RbacAuthorizationManager;
import io.github.jwtstarter.test.TestAuthentications;
import io.github.jwtstarter.test.TestKeys;
import io.github.jwtstarter.web.JwtRoute;
import io.github.jwtstarter.web.JwtRoutes;
import io.github.jwtstarter.web.ValidationPolicy;
import org.aopalliance.intercept.MethodInvocation;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.source.InvalidConfigurationPropertyValueException;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.ResolvableType;
import org.springframework.core.env.PropertySource;
import org.springframework.core.io.ByteArrayResource;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.method.configuration.EnableMethodSecurity;
import org.springframework.security.core.annotation.AnnotationTemplateExpressionDefaults;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationToken;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class JwtAuthorizationAutoConfigurationTests {

	private static final RSAKey KEY = TestKeys.rsa("k1");

	private static final String[] KUBE = { "jwt.providers.kube.issuer=kubernetes/serviceaccount",
			"jwt.providers.kube.jwks.local=" + TestKeys.toPem(KEY) };

	private static final ResolvableType REQUEST_AUTHORIZATION_MANAGER = ResolvableType
		.forClassWithGenerics(AuthorizationManager.class, RequestAuthorizationContext.class);

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JwtAutoConfiguration.class, JwtAuthorizationAutoConfiguration.class,
				JwtWebSecurityAutoConfiguration.class, SecurityAutoConfiguration.class,
				ServletWebSecurityAutoConfiguration.class, UserDetailsServiceAutoConfiguration.class));

	@Test
	void authorizationIsInertWithoutProviders() {
		this.contextRunner.run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).doesNotHaveBean("jwt");
			assertThat(context).doesNotHaveBean(RbacAuthorizationManager.class);
			assertThat(context).doesNotHaveBean(AnnotationTemplateExpressionDefaults.class);
			assertThat(context).doesNotHaveBean("preAuthorizeAuthorizationMethodInterceptor");
		});
	}

	@Test
	void providersCreateRbacManagerClaimsBeanTemplatesAndMethodSecurity() {
		this.contextRunner.withPropertyValues(KUBE).run((context) -> {
			assertThat(context).hasNotFailed();
			assertThat(context).getBean("jwt").isInstanceOf(JwtClaimsExpressions.class);
			assertThat(context).hasSingleBean(RbacAuthorizationManager.class);
			assertThat(context.getBeanProvider(REQUEST_AUTHORIZATION_MANAGER).getIfUnique())
				.isSameAs(context.getBean(RbacAuthorizationManager.class));
			assertThat(context).hasSingleBean(AnnotationTemplateExpressionDefaults.class);
			assertThat(context).hasBean("preAuthorizeAuthorizationMethodInterceptor");
			assertThat(context.getBean(RbacAuthorizationManager.class).getRules().isActive()).isFalse();
		});
	}

	@Test
	void rbacPoliciesAreCompiledFromProperties() {
		this.contextRunner.withPropertyValues(KUBE)
			.withPropertyValues("jwt.rbac.policies.pets.permissions.paths=/api/pets/**",
					"jwt.rbac.policies.pets.permissions.methods=GET",
					"jwt.rbac.policies.pets.principals[0].provider=kube",
					"jwt.rbac.policies.pets.principals[0].claims.sub=system:serviceaccount:default:svc-a",
					"jwt.rbac.policies.mail.principals[0].matcher=regex-match",
					"jwt.rbac.policies.mail.principals[0].claims.email=.*@solo\\.io",
					"jwt.rbac.policies.verified.principals[0].matcher=boolean",
					"jwt.rbac.policies.verified.principals[0].claims.email_verified=true")
			.withInitializer((context) -> context.getEnvironment().getPropertySources().addFirst(yaml("""
					jwt:
					  rbac:
					    policies:
					      roles:
					        principals:
					          - matcher: list-contains
					            claims:
					              realm_access.roles: admin
					              "[https://Example.com/Roles]": admin
					""")))
			.run((context) -> {
				RbacAuthorizationManager manager = context.getBean(RbacAuthorizationManager.class);
				assertThat(manager.getRules().isActive()).isTrue();
				Map<String, RbacPolicy> policies = manager.getRules()
					.getPolicies()
					.stream()
					.collect(Collectors.toMap(RbacPolicy::getName, (policy) -> policy));
				assertThat(policies).containsOnlyKeys("pets", "roles", "mail", "verified");
				assertThat(policies.get("pets").toString()).contains("paths=[/api/pets/**]", "methods=[GET]",
						"provider=kube", "sub text \"system:serviceaccount:default:svc-a\"");
				assertThat(claims(policies.get("roles"))).containsExactlyInAnyOrder(
						"realm_access.roles list-contains \"admin\"",
						"https://Example.com/Roles list-contains \"admin\"");
				assertThat(claims(policies.get("mail"))).containsExactly("email regex-match \".*@solo\\.io\"");
				assertThat(claims(policies.get("verified"))).containsExactly("email_verified boolean \"true\"");
			});
	}

	static PropertySource<?> yaml(String yaml) {
		try {
			return new YamlPropertySourceLoader()
				.load("test.yml", new ByteArrayResource(yaml.getBytes(StandardCharsets.UTF_8)))
				.get(0);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	static List<String> claims(RbacPolicy policy) {
		return policy.getPrincipals().get(0).getClaims().stream().map(Object::toString).toList();
	}

	@Test
	void requireRbacAloneActivatesTheManager() {
		this.contextRunner.withPropertyValues(KUBE)
			.withPropertyValues("jwt.rbac.require-rbac=true")
			.run((context) -> assertThat(context.getBean(RbacAuthorizationManager.class).getRules().isActive())
				.isTrue());
	}

	@Test
	void userRequestAuthorizationManagerDoesNotReplaceTheRbacManager() {
		this.contextRunner.withPropertyValues(KUBE)
			.withUserConfiguration(UserRequestManagerConfiguration.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).hasSingleBean(RbacAuthorizationManager.class);
				assertThat(context).hasBean("userManager");
			});
	}

	@Test
	void rbacManagerIsInjectableByItsClass() {
		this.contextRunner.withPropertyValues(KUBE)
			.withUserConfiguration(RbacManagerUserConfiguration.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(RbacManagerUser.class).manager())
					.isSameAs(context.getBean(RbacAuthorizationManager.class));
			});
	}

	@Test
	void userRbacManagerReplacesTheStarterOne() {
		this.contextRunner.withPropertyValues(KUBE)
			.withUserConfiguration(UserRbacManagerConfiguration.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).getBean(RbacAuthorizationManager.class)
					.isSameAs(context.getBean(UserRbacManagerConfiguration.class).manager);
			});
	}

	@Test
	void userMethodAuthorizationManagerDoesNotReplaceTheRbacManager() {
		this.contextRunner.withPropertyValues(KUBE)
			.withUserConfiguration(UserMethodManagerConfiguration.class)
			.run((context) -> assertThat(context).hasSingleBean(RbacAuthorizationManager.class));
	}

	@Test
	void userBeanNamedJwtReplacesTheClaimsBean() {
		this.contextRunner.withPropertyValues(KUBE)
			.withUserConfiguration(UserJwtBeanConfiguration.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(JwtClaimsExpressions.class);
				assertThat(context).getBean("jwt").isEqualTo("user's own");
			});
	}

	@Test
	void userTemplateDefaultsReplaceTheStarterOnes() {
		this.contextRunner.withPropertyValues(KUBE)
			.withUserConfiguration(UserTemplateDefaultsConfiguration.class)
			.run((context) -> assertThat(context).getBean(AnnotationTemplateExpressionDefaults.class)
				.isSameAs(context.getBean(UserTemplateDefaultsConfiguration.class).defaults));
	}

	@Test
	void userEnabledMethodSecurityMakesTheStarterBackOffAndRequireClaimStillWorks() {
		this.contextRunner.withPropertyValues(KUBE)
			.withUserConfiguration(UserMethodSecurityConfiguration.class)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(JwtAuthorizationConfigurations.MethodSecurityConfiguration.class);
				assertThat(context).hasBean("preAuthorizeAuthorizationMethodInterceptor");
				OrgService service = context.getBean(OrgService.class);
				try {
					signIn(Map.of("org", "solo.io"));
					assertThat(service.report()).isEqualTo("report");
					signIn(Map.of("org", "acme"));
					assertThatExceptionOfType(AccessDeniedException.class).isThrownBy(service::report);
				}
				finally {
					SecurityContextHolder.clearContext();
				}
			});
	}

	@Test
	void starterMethodSecurityEnforcesRequireClaim() {
		this.contextRunner.withPropertyValues(KUBE)
			.withUserConfiguration(OrgServiceConfiguration.class)
			.run((context) -> {
				assertThat(context).hasSingleBean(JwtAuthorizationConfigurations.MethodSecurityConfiguration.class);
				OrgService service = context.getBean(OrgService.class);
				try {
					signIn(Map.of("org", "solo.io"));
					assertThat(service.report()).isEqualTo("report");
					signIn(Map.of("org", "acme"));
					assertThatExceptionOfType(AccessDeniedException.class).isThrownBy(service::report);
				}
				finally {
					SecurityContextHolder.clearContext();
				}
			});
	}

	@Test
	void nonWebApplicationGetsClaimsBeanAndMethodSecurityButNoRbacManager() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(JwtAutoConfiguration.class, JwtAuthorizationAutoConfiguration.class))
			.withPropertyValues(KUBE)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).hasSingleBean(JwtClaimsExpressions.class);
				assertThat(context).hasBean("preAuthorizeAuthorizationMethodInterceptor");
				assertThat(context).doesNotHaveBean(RbacAuthorizationManager.class);
			});
	}

	@Test
	void authorizationBacksOffWhenResourceServerClassesAreAbsent() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(JwtAuthenticationToken.class))
			.withPropertyValues(KUBE)
			.run((context) -> {
				assertThat(context).doesNotHaveBean("jwt");
				assertThat(context).doesNotHaveBean(RbacAuthorizationManager.class);
				assertThat(context).doesNotHaveBean(AnnotationTemplateExpressionDefaults.class);
			});
	}

	@Test
	void rbacManagerBacksOffWhenSpringSecurityWebIsAbsent() {
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(JwtAutoConfiguration.class, JwtAuthorizationAutoConfiguration.class))
			.withClassLoader(new FilteredClassLoader(RequestAuthorizationContext.class))
			.withPropertyValues(KUBE)
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context).doesNotHaveBean(RbacAuthorizationManager.class);
				assertThat(context).hasSingleBean(JwtClaimsExpressions.class);
			});
	}

	@Test
	void principalWithOnlyAProviderMatchesAnyTokenOfThatProvider() {
		this.contextRunner.withPropertyValues(KUBE)
			.withPropertyValues("jwt.rbac.policies.pets.principals[0].provider=kube")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				RbacPolicy policy = context.getBean(RbacAuthorizationManager.class).getRules().getPolicies().get(0);
				assertThat(policy.allows(TestAuthentications.authentication("kube", Map.of("sub", "anyone")))).isTrue();
				assertThat(policy.allows(TestAuthentications.authentication("corp", Map.of("sub", "anyone"))))
					.isFalse();
			});
	}

	@Test
	void principalWithNeitherProviderNorClaimsFailsStartupNamingTheProperty() {
		this.contextRunner.withPropertyValues(KUBE)
			.withPropertyValues("jwt.rbac.policies.pets.principals[0].matcher=exact-string")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.isInstanceOf(InvalidConfigurationPropertyValueException.class)
				.hasMessageContaining("jwt.rbac.policies.pets.principals[0]")
				.hasMessageContaining("provider or at least one claim"));
	}

	@Test
	void booleanMatcherWithOtherValueFailsStartupNamingTheProperty() {
		this.contextRunner.withPropertyValues(KUBE)
			.withPropertyValues("jwt.rbac.policies.p.principals[0].matcher=boolean",
					"jwt.rbac.policies.p.principals[0].claims.email_verified=yes")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("jwt.rbac.policies.p.principals[0].claims.email_verified")
				.hasMessageContaining("true or false"));
	}

	@Test
	void invalidPolicyPathFailsStartupNamingTheProperty() {
		this.contextRunner.withPropertyValues(KUBE)
			.withPropertyValues("jwt.rbac.policies.p.permissions.paths=/api/{",
					"jwt.rbac.policies.p.principals[0].claims.sub=x")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("jwt.rbac.policies.p.permissions.paths"));
	}

	@Test
	void denyPoliciesAndExclusionsAreCompiledFromProperties() {
		this.contextRunner.withPropertyValues(KUBE)
			.withPropertyValues("jwt.rbac.policies.reports.action=deny",
					"jwt.rbac.policies.reports.permissions.paths=/reports/**",
					"jwt.rbac.policies.reports.permissions.not-paths=/reports/public/**",
					"jwt.rbac.policies.reports.permissions.not-methods=GET",
					"jwt.rbac.policies.reports.principals[0].matcher=list-contains",
					"jwt.rbac.policies.reports.principals[0].not-claims.groups=admins")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				RbacPolicy policy = context.getBean(RbacAuthorizationManager.class).getRules().getPolicies().get(0);
				assertThat(policy.getAction()).isEqualTo(io.github.jwtstarter.authorization.RbacAction.DENY);
				assertThat(policy.toString()).contains("action=deny", "not-paths=[/reports/public/**]",
						"not-methods=[GET]", "notClaims=[groups list-contains \"admins\"]");
			});
	}

	@Test
	void invalidNotPathFailsStartupNamingTheProperty() {
		this.contextRunner.withPropertyValues(KUBE)
			.withPropertyValues("jwt.rbac.policies.p.permissions.not-paths=/api/{",
					"jwt.rbac.policies.p.principals[0].provider=kube")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("jwt.rbac.policies.p.permissions.not-paths"));
	}

	@Test
	void invalidNotClaimsRegexFailsStartupNamingTheProperty() {
		this.contextRunner.withPropertyValues(KUBE)
			.withPropertyValues("jwt.rbac.policies.p.principals[0].matcher=regex-match",
					"jwt.rbac.policies.p.principals[0].not-claims.email=(unclosed")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("jwt.rbac.policies.p.principals[0].not-claims.email")
				.hasMessageContaining("not a valid regular expression"));
	}

	@Test
	void unknownActionFailsStartupNamingTheProperty() {
		this.contextRunner.withPropertyValues(KUBE)
			.withPropertyValues("jwt.rbac.policies.p.action=block", "jwt.rbac.policies.p.principals[0].provider=kube")
			.run((context) -> assertThat(context).getFailure().hasStackTraceContaining("jwt.rbac.policies.p.action"));
	}

	static void signIn(Map<String, Object> claims) {
		Jwt.Builder jwt = Jwt.withTokenValue("token").header("alg", "RS256").subject("alice");
		claims.forEach(jwt::claim);
		SecurityContextHolder.getContext()
			.setAuthentication(new ProviderJwtAuthenticationToken(jwt.build(), List.of(), "alice", "kube"));
	}

	public static class OrgService {

		@RequireClaim(name = "org", value = "solo.io")
		public String report() {
			return "report";
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class OrgServiceConfiguration {

		@Bean
		OrgService orgService() {
			return new OrgService();
		}

	}

	@Configuration(proxyBeanMethods = false)
	@EnableMethodSecurity
	static class UserMethodSecurityConfiguration {

		@Bean
		OrgService orgService() {
			return new OrgService();
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserRequestManagerConfiguration {

		@Bean
		AuthorizationManager<RequestAuthorizationContext> userManager() {
			return (authentication, context) -> new AuthorizationDecision(true);
		}

	}

	record RbacManagerUser(RbacAuthorizationManager manager) {
	}

	@Configuration(proxyBeanMethods = false)
	static class RbacManagerUserConfiguration {

		@Bean
		RbacManagerUser rbacManagerUser(RbacAuthorizationManager manager) {
			return new RbacManagerUser(manager);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserRbacManagerConfiguration {

		final RbacAuthorizationManager manager = new RbacAuthorizationManager(new RbacRules(List.of(), true,
				new JwtRoutes(List.of(), JwtRoute.defaults(ValidationPolicy.REQUIRE_VALID))));

		@Bean
		RbacAuthorizationManager userRbacManager() {
			return this.manager;
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserMethodManagerConfiguration {

		@Bean
		AuthorizationManager<MethodInvocation> userMethodManager() {
			return (authentication, invocation) -> new AuthorizationDecision(true);
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserJwtBeanConfiguration {

		@Bean
		String jwt() {
			return "user's own";
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class UserTemplateDefaultsConfiguration {

		final AnnotationTemplateExpressionDefaults defaults = new AnnotationTemplateExpressionDefaults();

		@Bean
		AnnotationTemplateExpressionDefaults userTemplateDefaults() {
			return this.defaults;
		}

	}

}
