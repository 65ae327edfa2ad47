package io.github.jwtstarter.sample.admin;

import java.util.UUID;

import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.provisioning.InMemoryUserDetailsManager;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The operator area {@code /admin/**}: a chain of the application's own with HTTP Basic
 * for the user {@code ops}, next to the starter's chain. A JWT is no login here, and the
 * starter's chain still takes every other request (the guide docs/own-security.md). The
 * password is {@code sample.admin.password}; without it, one is generated and logged at
 * startup, as Spring Boot does for its default user.
 */
@Configuration(proxyBeanMethods = false)
class OperatorSecurity {

	private static final Log logger = LogFactory.getLog(OperatorSecurity.class);

	@Bean
	@Order(1)
	SecurityFilterChain operatorChain(HttpSecurity http, @Value("${sample.admin.password:}") @Nullable String password)
			throws Exception {
		http.securityMatcher("/admin/**")
			.authorizeHttpRequests((requests) -> requests.anyRequest().hasRole("OPS"))
			.httpBasic(Customizer.withDefaults())
			.userDetailsService(new InMemoryUserDetailsManager(
					User.withUsername("ops").password("{noop}" + password(password)).roles("OPS").build()));
		return http.build();
	}

	private static String password(@Nullable String configured) {
		if (configured != null && !configured.isBlank()) {
			return configured;
		}
		String generated = UUID.randomUUID().toString();
		logger.warn("Operator area /admin/**: user 'ops', generated password " + generated
				+ " (set sample.admin.password to choose one)");
		return generated;
	}

}
