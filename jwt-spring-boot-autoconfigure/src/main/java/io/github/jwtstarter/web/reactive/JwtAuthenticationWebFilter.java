package io.github.jwtstarter.web.reactive;

import java.security.cert.X509Certificate;
import java.util.function.Predicate;

import io.github.jwtstarter.jwt.JwtFailure;
import io.github.jwtstarter.jwt.JwtProvider;
import io.github.jwtstarter.jwt.JwtVerificationException;
import io.github.jwtstarter.jwt.JwtVerifier;
import io.github.jwtstarter.jwt.TokenPresentation;
import io.github.jwtstarter.jwt.VerifiedJwt;
import io.github.jwtstarter.web.CrossSiteCheck;
import io.github.jwtstarter.web.JwtRoute;
import io.github.jwtstarter.web.JwtRoutes;
import io.github.jwtstarter.web.ResolvedToken;
import io.github.jwtstarter.web.TokenLocation;
import io.github.jwtstarter.web.TokenPresentations;
import io.github.jwtstarter.web.TokenResolver;
import io.github.jwtstarter.web.ValidationPolicy;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;
import reactor.core.publisher.Mono;
import reactor.core.scheduler.Scheduler;
import reactor.core.scheduler.Schedulers;

import org.springframework.http.HttpHeaders;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.SslInfo;
import org.springframework.security.core.context.ReactiveSecurityContextHolder;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.util.Assert;
import org.springframework.web.server.ServerWebExchange;
import org.springframework.web.server.WebFilter;
import org.springframework.web.server.WebFilterChain;

/**
 * The request flow of the reactive stack, the same as the servlet
 * {@code JwtAuthenticationFilter}: find the request's route and token, verify the token
 * with the provider its issuer names, apply the route's validation policy, and on
 * success put the provider's Authentication in the reactive security context. Any
 * failure of token processing is answered 401, never 500; what the rest of the chain
 * signals propagates unchanged.
 * <p>
 * Never blocks the event loop: a token the verified-token cache answers (or one over the
 * size cap) is handled inline, without a thread hop; any other token is verified on the
 * given scheduler ({@link Schedulers#boundedElastic()} by default), since it may need a
 * key fetch, and on Reactor Netty the rest of the chain then continues on the request's
 * event loop.
 */
public final class JwtAuthenticationWebFilter implements WebFilter {

	/**
	 * Exchange attribute holding the id of the provider that verified the token.
	 */
	public static final String PROVIDER_ATTRIBUTE = "io.github.jwtstarter.provider";

	/**
	 * Exchange attribute holding the Authentication of a verified token, for code that
	 * cannot read the reactive security context (WebFlux.fn request predicates).
	 */
	public static final String AUTHENTICATION_ATTRIBUTE = "io.github.jwtstarter.authentication";

	private static final Log logger = LogFactory.getLog(JwtAuthenticationWebFilter.class);

	private final JwtRoutes routes;

	private final TokenResolver tokenResolver;

	private final JwtVerifier verifier;

	private final JwtServerProblemResponses responses;

	private final JwtExchangeCustomizer exchangeCustomizer;

	private final Scheduler verificationScheduler;

	public JwtAuthenticationWebFilter(JwtRoutes routes, TokenResolver tokenResolver, JwtVerifier verifier,
			JwtServerProblemResponses responses, JwtExchangeCustomizer exchangeCustomizer) {
		this(routes, tokenResolver, verifier, responses, exchangeCustomizer, Schedulers.boundedElastic());
	}

	/**
	 * Creates the filter.
	 * @param routes the routes
	 * @param tokenResolver where tokens are read
	 * @param verifier the verifier
	 * @param responses the error responses
	 * @param exchangeCustomizer shapes the exchange the application sees
	 * @param verificationScheduler where verifications that may block run
	 */
	public JwtAuthenticationWebFilter(JwtRoutes routes, TokenResolver tokenResolver, JwtVerifier verifier,
			JwtServerProblemResponses responses, JwtExchangeCustomizer exchangeCustomizer,
			Scheduler verificationScheduler) {
		Assert.notNull(routes, "routes cannot be null");
		Assert.notNull(tokenResolver, "tokenResolver cannot be null");
		Assert.notNull(verifier, "verifier cannot be null");
		Assert.notNull(responses, "responses cannot be null");
		Assert.notNull(exchangeCustomizer, "exchangeCustomizer cannot be null");
		Assert.notNull(verificationScheduler, "verificationScheduler cannot be null");
		this.routes = routes;
		this.tokenResolver = tokenResolver;
		this.verifier = verifier;
		this.responses = responses;
		this.exchangeCustomizer = exchangeCustomizer;
		this.verificationScheduler = verificationScheduler;
	}

	@Override
	public Mono<Void> filter(ServerWebExchange exchange, WebFilterChain chain) {
		JwtRoute route = route(exchange.getRequest());
		if (route.isDisabled()) {
			return chain.filter(this.exchangeCustomizer.customize(exchange, null, null));
		}
		ValidationPolicy policy = route.getValidationPolicy();
		ServerHttpRequest request = exchange.getRequest();
		ResolvedToken token;
		TokenPresentation presentation = null;
		Mono<Verification> verification;
		try {
			ServerTokenRequest tokenRequest = new ServerTokenRequest(request);
			token = this.tokenResolver.resolve(tokenRequest);
			if (token == null) {
				if (policy == ValidationPolicy.REQUIRE_VALID) {
					return this.responses.missingToken(exchange);
				}
				return chain.filter(this.exchangeCustomizer.customize(exchange, null, null));
			}
			if (isCrossSiteWithCookie(request, token)) {
				return this.responses.crossSite(exchange);
			}
			presentation = TokenPresentations.of(tokenRequest, token, request.getMethod().name(),
					() -> request.getURI().toString(), clientCertificate(request));
			verification = verify(request, route, token, presentation);
		}
		catch (JwtVerificationException ex) {
			return rejected(exchange, chain, policy, ex.getFailure(), presentation);
		}
		catch (RuntimeException ex) {
			logger.debug("JWT processing failed unexpectedly", ex);
			return rejected(exchange, chain, policy, JwtFailure.INVALID, presentation);
		}
		ResolvedToken found = token;
		TokenPresentation presented = presentation;
		return verification.flatMap((outcome) -> (outcome.verified() != null)
				? authenticated(exchange, chain, outcome.verified(), found)
				: rejected(exchange, chain, policy, outcome.failure(), presented));
	}

	private static boolean isCrossSiteWithCookie(ServerHttpRequest request, ResolvedToken token) {
		boolean cookieOnly = token.locations()
			.stream()
			.allMatch((location) -> location.kind() == TokenLocation.Kind.COOKIE);
		HttpHeaders headers = request.getHeaders();
		return cookieOnly && CrossSiteCheck.refuses(request.getMethod().name(), headers.getFirst("Sec-Fetch-Site"),
				headers.getFirst(HttpHeaders.ORIGIN), headers.getFirst(HttpHeaders.HOST));
	}

	private static @Nullable X509Certificate clientCertificate(ServerHttpRequest request) {
		SslInfo ssl = request.getSslInfo();
		X509Certificate[] chain = (ssl != null) ? ssl.getPeerCertificates() : null;
		return (chain != null && chain.length > 0) ? chain[0] : null;
	}

	private Mono<Verification> verify(ServerHttpRequest request, JwtRoute route, ResolvedToken token,
			TokenPresentation presentation) {
		Predicate<JwtProvider> admissible = (provider) -> route.allows(provider.getId())
				&& this.tokenResolver.accepts(provider.getId(), token.locations());
		VerifiedJwt cached = this.verifier.verifyCached(token.token(), admissible, presentation);
		if (cached != null) {
			return Mono.just(new Verification(cached, JwtFailure.INVALID));
		}
		Mono<Verification> verification = Mono
			.fromCallable(() -> verifyFully(token.token(), admissible, presentation))
			.subscribeOn(this.verificationScheduler);
		Scheduler eventLoop = RequestEventLoop.of(request);
		return (eventLoop != null) ? verification.publishOn(eventLoop) : verification;
	}

	private Verification verifyFully(String token, Predicate<JwtProvider> admissible,
			TokenPresentation presentation) {
		try {
			return new Verification(this.verifier.verify(token, admissible, presentation), JwtFailure.INVALID);
		}
		catch (JwtVerificationException ex) {
			return new Verification(null, ex.getFailure());
		}
		catch (RuntimeException ex) {
			logger.debug("JWT processing failed unexpectedly", ex);
			return new Verification(null, JwtFailure.INVALID);
		}
	}

	private Mono<Void> authenticated(ServerWebExchange exchange, WebFilterChain chain, VerifiedJwt verified,
			ResolvedToken token) {
		exchange.getAttributes().put(PROVIDER_ATTRIBUTE, verified.provider().getId());
		exchange.getAttributes().put(AUTHENTICATION_ATTRIBUTE, verified.authentication());
		SecurityContextImpl context = new SecurityContextImpl(verified.authentication());
		return chain.filter(this.exchangeCustomizer.customize(exchange, verified, token))
			.contextWrite(ReactiveSecurityContextHolder.withSecurityContext(Mono.just(context)));
	}

	private JwtRoute route(ServerHttpRequest request) {
		if (this.routes.isEmpty()) {
			return this.routes.getDefaults();
		}
		return this.routes.match(request.getMethod().name(), request.getPath().pathWithinApplication());
	}

	private Mono<Void> rejected(ServerWebExchange exchange, WebFilterChain chain, ValidationPolicy policy,
			JwtFailure failure, @Nullable TokenPresentation presentation) {
		if (logger.isDebugEnabled()) {
			logger.debug("Rejected bearer token: " + failure.tag());
		}
		if (policy == ValidationPolicy.ALLOW_MISSING_OR_FAILED) {
			return chain.filter(this.exchangeCustomizer.customize(exchange, null, null));
		}
		return this.responses.invalidToken(exchange, failure,
				presentation != null && presentation.scheme() == TokenPresentation.Scheme.DPOP);
	}

	/**
	 * The outcome of a verification: the verified token, else why it failed.
	 */
	private record Verification(@Nullable VerifiedJwt verified, JwtFailure failure) {

	}

}
