package io.github.jwtstarter.autoconfigure;

import com.nimbusds.jose.jwk.RSAKey;
import io.github.jwtstarter.test.TestKeys;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration;
import org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;
import org.springframework.security.web.firewall.DefaultHttpFirewall;
import org.springframework.security.web.firewall.HttpFirewall;
import org.springframework.security.web.firewall.StrictHttpFirewall;
import org.springframework.security.web.server.firewall.ServerWebExchangeFirewall;
import org.springframework.security.web.server.firewall.StrictServerWebExchangeFirewall;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter's {@link HttpFirewall}: Spring Security's strict firewall with cheaper
 * header checks ({@code FirewallCharacters}), present with providers, replaced by a
 * user's own firewall.
 */
class JwtHttpFirewallAutoConfigurationTests {

	private static final RSAKey KEY = TestKeys.rsa("k1");

	private final WebApplicationContextRunner contextRunner = new WebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JwtAutoConfiguration.class, JwtWebSecurityAutoConfiguration.class,
				SecurityAutoConfiguration.class, ServletWebSecurityAutoConfiguration.class));

	@Test
	void aStrictFirewallIsRegisteredWithProviders() {
		this.contextRunner
			.withPropertyValues("jwt.providers.kube.issuer=kubernetes",
					"jwt.providers.kube.jwks.local=" + TestKeys.toPem(KEY))
			.run((context) -> assertThat(context).getBean(HttpFirewall.class).isInstanceOf(StrictHttpFirewall.class));
	}

	@Test
	void noFirewallIsRegisteredWithoutProviders() {
		this.contextRunner.run((context) -> assertThat(context).doesNotHaveBean(HttpFirewall.class));
	}

	@Test
	void aUserFirewallReplacesTheStarterOne() {
		this.contextRunner.withBean("userFirewall", HttpFirewall.class, DefaultHttpFirewall::new)
			.withPropertyValues("jwt.providers.kube.issuer=kubernetes",
					"jwt.providers.kube.jwks.local=" + TestKeys.toPem(KEY))
			.run((context) -> assertThat(context).getBean(HttpFirewall.class).isInstanceOf(DefaultHttpFirewall.class));
	}

	private final ReactiveWebApplicationContextRunner reactiveContextRunner = new ReactiveWebApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(JwtAutoConfiguration.class,
				JwtReactiveWebSecurityAutoConfiguration.class, ReactiveWebSecurityAutoConfiguration.class));

	@Test
	void aStrictReactiveFirewallIsRegisteredWithProvidersInAReactiveApplication() {
		this.reactiveContextRunner
			.withPropertyValues("jwt.providers.kube.issuer=kubernetes",
					"jwt.providers.kube.jwks.local=" + TestKeys.toPem(KEY))
			.run((context) -> {
				assertThat(context).getBean(ServerWebExchangeFirewall.class)
					.isInstanceOf(StrictServerWebExchangeFirewall.class);
				assertThat(context).doesNotHaveBean(HttpFirewall.class);
			});
	}

	@Test
	void aUserReactiveFirewallReplacesTheStarterOne() {
		this.reactiveContextRunner
			.withBean("userFirewall", ServerWebExchangeFirewall.class, () -> ServerWebExchangeFirewall.INSECURE_NOOP)
			.withPropertyValues("jwt.providers.kube.issuer=kubernetes",
					"jwt.providers.kube.jwks.local=" + TestKeys.toPem(KEY))
			.run((context) -> assertThat(context).getBean(ServerWebExchangeFirewall.class)
				.isSameAs(ServerWebExchangeFirewall.INSECURE_NOOP));
	}

}
