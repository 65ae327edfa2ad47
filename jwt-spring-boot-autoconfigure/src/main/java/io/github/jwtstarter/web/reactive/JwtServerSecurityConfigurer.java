package io.github.jwtstarter.web.reactive;

import io.github.jwtstarter.shaping.RequestShaping;
import io.github.jwtstarter.web.JwtRequestFlow;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;

import org.springframework.security.authorization.ReactiveAuthorizationManager;
import org.springframework.security.config.web.server.SecurityWebFiltersOrder;
import org.springframework.security.config.web.server.ServerHttpSecurity;
import org.springframework.security.web.server.authorization.AuthorizationContext;
import org.springframework.security.web.server.authorization.AuthorizationWebFilter;
import org.springframework.security.web.server.authorization.ExceptionTranslationWebFilter;
import org.springframework.security.web.server.context.NoOpServerSecurityContextRepository;
import org.springframework.security.web.server.csrf.CsrfWebFilter;
import org.springframework.security.web.server.savedrequest.NoOpServerRequestCache;
import org.springframework.util.Assert;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * Brings the whole starter into a {@code SecurityWebFilterChain}, the reactive
 * counterpart of {@code JwtSecurityConfigurer} ({@code ServerHttpSecurity} has no
 * configurer API, so this is a bean to inject):
 *
 * <pre class="code">
 * &#64;Bean
 * SecurityWebFilterChain api(ServerHttpSecurity http, JwtServerSecurityConfigurer jwtSecurity) {
 *     http.securityMatcher(pathMatchers("/api/**"))
 *         .authorizeExchange((exchanges) -&gt; exchanges
 *             .pathMatchers("/api/admin/**").hasAuthority("SCOPE_admin")
 *             .anyExchange().authenticated());
 *     return jwtSecurity.configure(http).build();
 * }
 * </pre>
 *
 * It is deliberately not a {@code Customizer<ServerHttpSecurity>}: Spring Security
 * applies such beans to every chain, and a chain of the application's own (an
 * {@code /admin} area with HTTP Basic, say) must stay as the application built it.
 *
 * The chain then behaves as the starter's own: {@code jwt.routes} and validation
 * policies, token sources, the cross-site cookie rule, DPoP and mTLS binding, request
 * shaping, the 401 and 403 problem responses (as the chain's entry point and
 * access-denied handler), and {@code jwt.rbac} as an authorization step of its own,
 * before the application's {@code authorizeExchange} rules: a request must pass both.
 * CSRF protection, when the chain has it, leaves the exchanges whose token the starter
 * verifies to the starter: they are authenticated by that token or not at all.
 * {@link #configureStateless} also makes the chain a stateless API; the starter's own
 * chain is built that way.
 */
public final class JwtServerSecurityConfigurer {

	private final JwtRequestFlow flow;

	private final RequestShaping shaping;

	private final JwtServerProblemResponses responses;

	private final JwtExchangeCustomizer exchangeCustomizer;

	private final @Nullable ReactiveAuthorizationManager<AuthorizationContext> rbac;

	private final Scheduler verificationScheduler;

	/**
	 * Creates the customizer.
	 * @param flow the request flow
	 * @param shaping how exchanges are shaped after JWT processing
	 * @param responses the error responses
	 * @param exchangeCustomizer reshapes the exchange after {@code shaping}
	 * @param rbac the {@code jwt.rbac} authorization manager, {@code null} when there is
	 * nothing to check
	 * @param verificationScheduler where verifications that may block run
	 */
	public JwtServerSecurityConfigurer(JwtRequestFlow flow, RequestShaping shaping, JwtServerProblemResponses responses,
			JwtExchangeCustomizer exchangeCustomizer, @Nullable ReactiveAuthorizationManager<AuthorizationContext> rbac,
			Scheduler verificationScheduler) {
		Assert.notNull(flow, "flow cannot be null");
		Assert.notNull(shaping, "shaping cannot be null");
		Assert.notNull(responses, "responses cannot be null");
		Assert.notNull(exchangeCustomizer, "exchangeCustomizer cannot be null");
		Assert.notNull(verificationScheduler, "verificationScheduler cannot be null");
		this.flow = flow;
		this.shaping = shaping;
		this.responses = responses;
		this.exchangeCustomizer = exchangeCustomizer;
		this.rbac = rbac;
		this.verificationScheduler = verificationScheduler;
	}

	/**
	 * Brings the starter into a chain.
	 * @param http the chain being built
	 * @return the chain being built, for further configuration
	 */
	public ServerHttpSecurity configure(ServerHttpSecurity http) {
		apply(http, true);
		return http;
	}

	/**
	 * Brings the starter into a chain and makes that chain a stateless API, as the
	 * starter's own chain is: no CSRF protection, HTTP Basic, form login or logout, no
	 * request cache, and no security context saved between requests.
	 * @param http the chain being built
	 * @return the chain being built, for further configuration
	 */
	public ServerHttpSecurity configureStateless(ServerHttpSecurity http) {
		http.csrf(ServerHttpSecurity.CsrfSpec::disable)
			.httpBasic(ServerHttpSecurity.HttpBasicSpec::disable)
			.formLogin(ServerHttpSecurity.FormLoginSpec::disable)
			.logout(ServerHttpSecurity.LogoutSpec::disable)
			.requestCache((cache) -> cache.requestCache(NoOpServerRequestCache.getInstance()))
			.securityContextRepository(NoOpServerSecurityContextRepository.getInstance());
		apply(http, false);
		return http;
	}

	private void apply(ServerHttpSecurity http, boolean csrfAware) {
		http.exceptionHandling(
				(exceptions) -> exceptions.authenticationEntryPoint(this.responses).accessDeniedHandler(this.responses))
			.addFilterAt(new JwtAuthenticationWebFilter(this.flow, this.shaping, this.responses,
					this.exchangeCustomizer, this.verificationScheduler), SecurityWebFiltersOrder.AUTHENTICATION);
		if (csrfAware) {
			http.addFilterBefore(new SkipCsrfForVerifiedTokens(this.flow), SecurityWebFiltersOrder.CSRF);
		}
		// a chain without authorizeExchange has no exception translation of its own: a
		// jwt.rbac or @PreAuthorize denial must still be a 401 or 403 problem
		ExceptionTranslationWebFilter translation = new ExceptionTranslationWebFilter();
		translation.setAuthenticationEntryPoint(this.responses);
		translation.setAccessDeniedHandler(this.responses);
		http.addFilterAt(translation, SecurityWebFiltersOrder.EXCEPTION_TRANSLATION);
		if (this.rbac != null) {
			ReactiveAuthorizationManager<AuthorizationContext> rbac = this.rbac;
			http.addFilterBefore(new AuthorizationWebFilter(
					(authentication, exchange) -> rbac.authorize(authentication, new AuthorizationContext(exchange))),
					SecurityWebFiltersOrder.AUTHORIZATION);
		}
	}

	/**
	 * Tells the CSRF filter (when the chain has one) to leave the exchanges whose token
	 * the starter verifies to the starter: they are authenticated by that token or not at
	 * all, and a token in a cookie is held to the cross-site rule.
	 */
	private static final class SkipCsrfForVerifiedTokens implements WebFilter {

		private final JwtRequestFlow flow;

		SkipCsrfForVerifiedTokens(JwtRequestFlow flow) {
			this.flow = flow;
		}

		@Override
		public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
			if (this.flow.verifiesToken(new ServerTokenRequest(exchange.getRequest()))) {
				CsrfWebFilter.skipExchange(exchange);
			}
			return chain.filter(exchange);
		}

	}

}
