package io.github.jwtstarter.web.servlet;

import java.util.Collections;
import java.util.List;

import io.github.jwtstarter.authorization.servlet.RequestAccess;
import io.github.jwtstarter.shaping.RequestShaping;
import io.github.jwtstarter.web.JwtRequestFlow;
import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationContext;
import org.springframework.core.ResolvableType;
import org.springframework.http.MediaType;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.AbstractHttpConfigurer;
import org.springframework.security.config.annotation.web.configurers.CsrfConfigurer;
import org.springframework.security.config.annotation.web.configurers.ExceptionHandlingConfigurer;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.AnonymousAuthenticationFilter;
import org.springframework.security.web.util.matcher.AndRequestMatcher;
import org.springframework.security.web.util.matcher.MediaTypeRequestMatcher;
import org.springframework.security.web.util.matcher.NegatedRequestMatcher;
import org.springframework.security.web.util.matcher.OrRequestMatcher;
import org.springframework.security.web.util.matcher.RequestHeaderRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.util.Assert;
import org.springframework.web.accept.ContentNegotiationStrategy;
import org.springframework.web.accept.HeaderContentNegotiationStrategy;

/**
 * Brings the whole starter into a {@code SecurityFilterChain}, in Spring Security's
 * configurer idiom, as {@code oauth2ResourceServer} does for Spring's resource server:
 *
 * <pre class="code">
 * &#64;Bean
 * SecurityFilterChain api(HttpSecurity http) throws Exception {
 *     http.securityMatcher("/api/**")
 *         .with(JwtSecurityConfigurer.jwtSecurity(), Customizer.withDefaults())
 *         .authorizeHttpRequests((requests) -&gt; requests
 *             .requestMatchers("/api/admin/**").hasAuthority("SCOPE_admin")
 *             .anyRequest().authenticated());
 *     return http.build();
 * }
 * </pre>
 *
 * The chain then behaves as the starter's own: {@code jwt.routes} and validation
 * policies, token sources, the cross-site cookie rule, DPoP and mTLS binding, request
 * shaping, the 401 and 403 problem responses, and {@code jwt.rbac} as an authorization
 * step of its own, before the application's {@code authorizeHttpRequests} rules: a
 * request must pass both. The starter's own chain is built by this configurer too.
 * <p>
 * The starter's responses become the chain's default entry point and access-denied
 * handler for requests that carry a token or ask for a non-HTML answer (as
 * {@code oauth2ResourceServer} registers its own), so a form or OAuth2 login in the same
 * chain keeps its redirects for browsers. CSRF protection, when the chain has it, leaves
 * the requests whose token the starter verifies to the starter: such a request is
 * authenticated by its token or not at all (a session login does not count for it), and a
 * token in a cookie is held to the cross-site rule. The configurer needs the starter's
 * beans, so {@code jwt.providers} must be configured.
 */
public final class JwtSecurityConfigurer extends AbstractHttpConfigurer<JwtSecurityConfigurer, HttpSecurity> {

	private static final RequestHeaderRequestMatcher X_REQUESTED_WITH = new RequestHeaderRequestMatcher(
			"X-Requested-With", "XMLHttpRequest");

	private JwtSecurityConfigurer() {
	}

	/**
	 * Returns a configurer for one chain; apply it with
	 * {@code http.with(jwtSecurity(), Customizer.withDefaults())}.
	 * @return a new configurer
	 */
	public static JwtSecurityConfigurer jwtSecurity() {
		return new JwtSecurityConfigurer();
	}

	@Override
	public void init(HttpSecurity http) {
		ApplicationContext context = context(http);
		JwtProblemResponses responses = bean(context, JwtProblemResponses.class);
		RequestMatcher carriesToken = new VerifiedTokenMatcher(bean(context, JwtRequestFlow.class));
		ExceptionHandlingConfigurer<HttpSecurity> exceptionHandling = http
			.getConfigurer(ExceptionHandlingConfigurer.class);
		if (exceptionHandling != null) {
			exceptionHandling.defaultAuthenticationEntryPointFor(responses, preferredMatcher(http, carriesToken));
			exceptionHandling.defaultAccessDeniedHandlerFor(responses, preferredMatcher(http, carriesToken));
		}
		CsrfConfigurer<HttpSecurity> csrf = http.getConfigurer(CsrfConfigurer.class);
		if (csrf != null) {
			csrf.ignoringRequestMatchers(carriesToken);
		}
	}

	@Override
	public void configure(HttpSecurity http) {
		ApplicationContext context = context(http);
		SecurityContextHolderStrategy strategy = context.getBeanProvider(SecurityContextHolderStrategy.class)
			.getIfUnique(SecurityContextHolder::getContextHolderStrategy);
		JwtAuthenticationFilter filter = new JwtAuthenticationFilter(bean(context, JwtRequestFlow.class),
				bean(context, RequestShaping.class), bean(context, JwtProblemResponses.class),
				requestCustomizer(context.getBeanProvider(JwtRequestCustomizer.class)));
		filter.setSecurityContextHolderStrategy(strategy);
		http.addFilterBefore(postProcess(filter), AnonymousAuthenticationFilter.class);
		AuthorizationManager<RequestAuthorizationContext> rbac = rbac(context);
		if (rbac != null) {
			AuthorizationFilter authorization = new AuthorizationFilter((authentication, request) -> rbac
				.authorize(authentication, new RequestAuthorizationContext(request)));
			authorization.setSecurityContextHolderStrategy(strategy);
			http.addFilterBefore(postProcess(authorization), AuthorizationFilter.class);
		}
	}

	/**
	 * The request access rule ({@code jwt.rbac} first, then the application's request
	 * authorization manager beans), or {@code null} when there is nothing to check (no
	 * extra filter then).
	 */
	private static @Nullable AuthorizationManager<RequestAuthorizationContext> rbac(ApplicationContext context) {
		ResolvableType type = ResolvableType.forClassWithGenerics(AuthorizationManager.class,
				RequestAuthorizationContext.class);
		return RequestAccess.of(context.<AuthorizationManager<RequestAuthorizationContext>>getBeanProvider(type)
			.orderedStream()
			.toList());
	}

	private static JwtRequestCustomizer requestCustomizer(ObjectProvider<JwtRequestCustomizer> customizers) {
		List<JwtRequestCustomizer> all = customizers.orderedStream().toList();
		if (all.isEmpty()) {
			return JwtRequestCustomizer.NONE;
		}
		return (all.size() == 1) ? all.get(0) : (request, verified, token) -> {
			HttpServletRequest customized = request;
			for (JwtRequestCustomizer customizer : all) {
				customized = customizer.customize(customized, verified, token);
			}
			return customized;
		};
	}

	/**
	 * The requests the starter answers for, as {@code oauth2ResourceServer} chooses them:
	 * those that carry a token, ask for JSON or XML rather than HTML, or accept anything.
	 */
	private static RequestMatcher preferredMatcher(HttpSecurity http, RequestMatcher carriesToken) {
		ContentNegotiationStrategy negotiation = http.getSharedObject(ContentNegotiationStrategy.class);
		if (negotiation == null) {
			negotiation = new HeaderContentNegotiationStrategy();
		}
		MediaTypeRequestMatcher rest = new MediaTypeRequestMatcher(negotiation, MediaType.APPLICATION_ATOM_XML,
				MediaType.APPLICATION_FORM_URLENCODED, MediaType.APPLICATION_JSON, MediaType.APPLICATION_PROBLEM_JSON,
				MediaType.APPLICATION_OCTET_STREAM, MediaType.APPLICATION_XML, MediaType.MULTIPART_FORM_DATA,
				MediaType.TEXT_XML);
		rest.setIgnoredMediaTypes(Collections.singleton(MediaType.ALL));
		MediaTypeRequestMatcher all = new MediaTypeRequestMatcher(negotiation, MediaType.ALL);
		all.setUseEquals(true);
		RequestMatcher notHtml = new NegatedRequestMatcher(
				new MediaTypeRequestMatcher(negotiation, MediaType.TEXT_HTML));
		return new OrRequestMatcher(carriesToken, X_REQUESTED_WITH, new AndRequestMatcher(notHtml, rest), all);
	}

	private static ApplicationContext context(HttpSecurity http) {
		ApplicationContext context = http.getSharedObject(ApplicationContext.class);
		Assert.state(context != null, "JwtSecurityConfigurer needs the ApplicationContext of HttpSecurity");
		return context;
	}

	private static <T> T bean(ApplicationContext context, Class<T> type) {
		T bean = context.getBeanProvider(type).getIfUnique();
		Assert.state(bean != null,
				() -> "JwtSecurityConfigurer needs the jwt-spring-boot-starter's " + type.getSimpleName()
						+ " bean, which exists only when jwt.providers is configured "
						+ "(and jwt.enabled is not false) in a web application");
		return bean;
	}

	/**
	 * Matches requests whose token the starter verifies: they are authenticated by that
	 * token or not at all (a failed token leaves the request anonymous, whatever a
	 * session held), so CSRF protection can leave them to the starter.
	 */
	private static final class VerifiedTokenMatcher implements RequestMatcher {

		private final JwtRequestFlow flow;

		VerifiedTokenMatcher(JwtRequestFlow flow) {
			this.flow = flow;
		}

		@Override
		public boolean matches(HttpServletRequest request) {
			return this.flow.verifiesToken(new ServletTokenRequest(request));
		}

		@Override
		public String toString() {
			return "carries a JWT the starter verifies";
		}

	}

}
