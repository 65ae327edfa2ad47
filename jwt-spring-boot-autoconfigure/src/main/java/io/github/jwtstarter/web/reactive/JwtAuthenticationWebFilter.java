package io.github.jwtstarter.web.reactive;

import java.util.List;

import io.github.jwtstarter.shaping.RequestEdits;
import io.github.jwtstarter.shaping.RequestShaping;
import io.github.jwtstarter.shaping.reactive.ShapedServerHttpRequest;
import io.github.jwtstarter.web.JwtOutcome;
import io.github.jwtstarter.web.JwtRequestFlow;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.http.HttpHeaders;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.util.Assert;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * The reactive adapter of the {@link JwtRequestFlow}, the same as the servlet
 * {@code JwtAuthenticationFilter}: puts a verified token's Authentication in the reactive
 * security context (and in an exchange attribute, for WebFlux.fn predicates), answers
 * rejections with the starter's problem responses, and passes on the exchange as
 * {@link RequestShaping} shapes it, then as the {@link JwtExchangeCustomizer} reshapes
 * it. Added to a chain by {@link JwtServerSecurityConfigurer}.
 * <p>
 * Never blocks the event loop: what the flow decides without blocking (no token, a cached
 * token, a malformed one) is answered inline; any other token is verified on the given
 * scheduler ({@link Schedulers#boundedElastic()} by default), and on Reactor Netty the
 * rest of the chain then continues on the request's event loop. A DPoP proof whose
 * provider shares its replay store with other replicas is recorded there through the
 * store's non-blocking client ({@link JwtRequestFlow#recordProofAsync}), after which the
 * chain continues on the request's event loop as well.
 */
public final class JwtAuthenticationWebFilter implements WebFilter {

	private final JwtRequestFlow flow;

	private final RequestShaping shaping;

	private final JwtServerProblemResponses responses;

	private final JwtExchangeCustomizer exchangeCustomizer;

	private final Scheduler verificationScheduler;

	/**
	 * Creates the filter, verifying on {@link Schedulers#boundedElastic()}.
	 * @param flow the request flow
	 * @param shaping how exchanges are shaped after JWT processing
	 * @param responses the error responses
	 * @param exchangeCustomizer reshapes the exchange after {@code shaping}
	 */
	public JwtAuthenticationWebFilter(JwtRequestFlow flow, RequestShaping shaping, JwtServerProblemResponses responses,
			JwtExchangeCustomizer exchangeCustomizer) {
		this(flow, shaping, responses, exchangeCustomizer, Schedulers.boundedElastic());
	}

	/**
	 * Creates the filter.
	 * @param flow the request flow
	 * @param shaping how exchanges are shaped after JWT processing
	 * @param responses the error responses
	 * @param exchangeCustomizer reshapes the exchange after {@code shaping}
	 * @param verificationScheduler where verifications that may block run
	 */
	public JwtAuthenticationWebFilter(JwtRequestFlow flow, RequestShaping shaping, JwtServerProblemResponses responses,
			JwtExchangeCustomizer exchangeCustomizer, Scheduler verificationScheduler) {
		Assert.notNull(flow, "flow cannot be null");
		Assert.notNull(shaping, "shaping cannot be null");
		Assert.notNull(responses, "responses cannot be null");
		Assert.notNull(exchangeCustomizer, "exchangeCustomizer cannot be null");
		Assert.notNull(verificationScheduler, "verificationScheduler cannot be null");
		this.flow = flow;
		this.shaping = shaping;
		this.responses = responses;
		this.exchangeCustomizer = exchangeCustomizer;
		this.verificationScheduler = verificationScheduler;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		JwtRequestFlow.Attempt attempt = this.flow.begin(new ServerTokenRequest(exchange.getRequest()));
		JwtOutcome decided = attempt.decided();
		if (decided != null) {
			return handle(exchange, chain, decided);
		}
		return OffEventLoop.call(attempt::complete, this.verificationScheduler, exchange.getRequest())
			.flatMap((outcome) -> handle(exchange, chain, outcome));
	}

	private Mono<Void> handle(ServerWebExchange exchange, WebFilterChain chain, JwtOutcome outcome) {
		if (outcome instanceof JwtOutcome.AwaitingReplayCheck awaiting) {
			return OffEventLoop.await(() -> this.flow.recordProofAsync(awaiting), exchange.getRequest())
				.flatMap((recorded) -> handle(exchange, chain, recorded));
		}
		if (outcome instanceof JwtOutcome.Authenticated authenticated) {
			exchange.getAttributes()
				.put(JwtRequestFlow.PROVIDER_ATTRIBUTE, authenticated.verified().provider().getId());
			exchange.getAttributes().put(JwtAuthentications.AUTHENTICATION_ATTRIBUTE, authenticated.authentication());
			SecurityContextImpl context = new SecurityContextImpl(authenticated.authentication());
			return chain.filter(shape(exchange, outcome))
				.contextWrite(ReactiveSecurityContextHolder.withSecurityContext(Mono.just(context)));
		}
		if (outcome instanceof JwtOutcome.Anonymous anonymous) {
			if (anonymous.failure() == null) {
				return chain.filter(shape(exchange, outcome));
			}
			exchange.getAttributes().put(JwtRequestFlow.FAILURE_ATTRIBUTE, anonymous.failure());
			// authenticated by its token or not at all: not by what a session held
			return chain.filter(shape(exchange, outcome)).contextWrite(ReactiveSecurityContextHolder.clearContext());
		}
		if (outcome instanceof JwtOutcome.Rejected rejected) {
			return this.responses.rejected(exchange, rejected);
		}
		if (outcome instanceof JwtOutcome.CrossSiteRefused) {
			return this.responses.crossSite(exchange);
		}
		return chain.filter(shape(exchange, outcome));
	}

	/**
	 * The exchange the application sees.
	 * @param outcome the outcome of the flow: verified tokens whose claims are copied and
	 * hidden tokens removed, or failed tokens removed
	 */
	private ServerWebExchange shape(ServerWebExchange exchange, JwtOutcome outcome) {
		HttpHeaders headers = exchange.getRequest().getHeaders();
		RequestEdits edits = this.shaping.edits(outcome, (name) -> values(headers, name), headers.headerNames());
		ServerWebExchange shaped = edits.isEmpty() ? exchange
				: exchange.mutate().request(new ShapedServerHttpRequest(exchange.getRequest(), edits)).build();
		return (outcome instanceof JwtOutcome.Authenticated authenticated)
				? this.exchangeCustomizer.customize(shaped, authenticated.verified(), authenticated.token())
				: this.exchangeCustomizer.customize(shaped, null, null);
	}

	private static List<String> values(HttpHeaders headers, String name) {
		List<String> values = headers.get(name);
		return (values != null) ? values : List.of();
	}

}
