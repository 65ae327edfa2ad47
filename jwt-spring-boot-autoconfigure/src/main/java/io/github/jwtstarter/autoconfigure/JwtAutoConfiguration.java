package io.github.jwtstarter.autoconfigure;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Import;
import org.springframework.security.oauth2.jwt.JwtDecoder;

/**
 * Auto-configuration of multi-provider JWT verification: one decoder per provider in an
 * issuer-keyed {@link io.github.jwtstarter.jwt.JwtProviderRegistry}, the verifier with
 * its verified-token cache, and the web pieces (routes, token resolution, responses).
 * Active only when {@code jwt.providers} is non-empty. The security filter chain lives in
 * {@link JwtWebSecurityAutoConfiguration}, so a user's own chain replaces only that.
 */
@AutoConfiguration(afterName = "org.springframework.boot.autoconfigure.ssl.SslAutoConfiguration", beforeName = {
		"org.springframework.boot.security.oauth2.server.resource.autoconfigure.servlet.OAuth2ResourceServerAutoConfiguration",
		"org.springframework.boot.security.oauth2.server.resource.autoconfigure.OAuth2ResourceServerAutoConfiguration",
		"org.springframework.boot.security.oauth2.server.resource.autoconfigure.web.OAuth2ResourceServerWebSecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration",
		"org.springframework.boot.security.oauth2.server.resource.autoconfigure.reactive.ReactiveOAuth2ResourceServerAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.ReactiveUserDetailsServiceAutoConfiguration",
		"org.springframework.boot.security.autoconfigure.web.reactive.ReactiveWebSecurityAutoConfiguration" })
@ConditionalOnClass(JwtDecoder.class)
@ConditionalOnJwtProviders
@EnableConfigurationProperties(JwtProperties.class)
@Import({ JwtPropertiesCheckConfiguration.class, JwtDecoderConfigurations.ProvidersConfiguration.class,
		JwtDecoderConfigurations.VerifierConfiguration.class,
		JwtDecoderConfigurations.IssuerResolverConfiguration.class, JwtWebConfigurations.WebConfiguration.class,
		JwtWebConfigurations.ServletWebConfiguration.class, JwtWebConfigurations.ReactiveWebConfiguration.class,
		JwtDecoderConfigurations.ReactiveIssuerResolverConfiguration.class })
public final class JwtAutoConfiguration {

}
