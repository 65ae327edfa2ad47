package io.github.jwtstarter.web.servlet;

import java.io.IOException;

import io.github.jwtstarter.jwt.JwtFailure;
import io.github.jwtstarter.jwt.JwtVerificationException;
import io.github.jwtstarter.jwt.JwtVerifier;
import io.github.jwtstarter.jwt.TokenPresentation;
import io.github.jwtstarter.jwt.VerifiedJwt;
import io.github.jwtstarter.web.CrossSiteCheck;
import io.github.jwtstarter.web.JwtRoute;
import io.github.jwtstarter.web.JwtRoutes;
import io.github.jwtstarter.web.ResolvedToken;
import io.github.jwtstarter.web.TokenLocation;
import io.github.jwtstarter.web.TokenResolver;
import io.github.jwtstarter.web.ValidationPolicy;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.apache.commons.logging.Log;
import org.apache.commons.logging.LogFactory;
import org.jspecify.annotations.Nullable;

import org.springframework.http.server.RequestPath;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.util.Assert;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The request flow: find the request's route and token, verify the token with the
 * provider its issuer names, apply the route's validation policy, and on success put
 * the provider's Authentication in the security context. Any failure of token
 * processing is answered 401, never 500; what the rest of the chain throws propagates
 * unchanged, and the chain runs at most once.
 */
public final class JwtAuthenticationFilter extends OncePerRequestFilter {

	/**
	 * Request attribute holding the id of the provider that verified the token.
	 */
	public static final String PROVIDER_ATTRIBUTE = "io.github.jwtstarter.provider";

	/**
	 * Request attribute holding how the request was shaped, for its error dispatch: error
	 * handling sees derived headers and hidden tokens as the application did.
	 */
	static final String SHAPING_ATTRIBUTE = JwtAuthenticationFilter.class.getName() + ".shaping";

	private static final Log logger = LogFactory.getLog(JwtAuthenticationFilter.class);

	private final JwtRoutes routes;

	private final TokenResolver tokenResolver;

	private final JwtVerifier verifier;

	private final JwtProblemResponses responses;

	private final JwtRequestCustomizer requestCustomizer;

	private final SecurityContextHolderStrategy contextHolderStrategy = SecurityContextHolder
		.getContextHolderStrategy();

	private final SecurityContextRepository contextRepository = new RequestAttributeSecurityContextRepository();

	public JwtAuthenticationFilter(JwtRoutes routes, TokenResolver tokenResolver, JwtVerifier verifier,
			JwtProblemResponses responses, JwtRequestCustomizer requestCustomizer) {
		Assert.notNull(routes, "routes cannot be null");
		Assert.notNull(tokenResolver, "tokenResolver cannot be null");
		Assert.notNull(verifier, "verifier cannot be null");
		Assert.notNull(responses, "responses cannot be null");
		Assert.notNull(requestCustomizer, "requestCustomizer cannot be null");
		this.routes = routes;
		this.tokenResolver = tokenResolver;
		this.verifier = verifier;
		this.responses = responses;
		this.requestCustomizer = requestCustomizer;
	}

	/**
	 * Error dispatches are filtered too, to shape them as the request was shaped.
	 */
	@Override
	protected boolean shouldNotFilterErrorDispatch() {
		return false;
	}

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		if (request.getDispatcherType() == DispatcherType.ERROR) {
			Shaping shaping = (request.getAttribute(SHAPING_ATTRIBUTE) instanceof Shaping recorded) ? recorded
					: new Shaping(null, null);
			chain.doFilter(this.requestCustomizer.customize(request, shaping.verified(), shaping.token()), response);
			return;
		}
		JwtRoute route = route(request);
		HttpServletRequest next = route.isDisabled() ? this.requestCustomizer.customize(request, null, null)
				: authenticate(request, response, route);
		if (next != null) {
			chain.doFilter(next, response);
		}
	}

	/**
	 * Process the request's token: only this part is caught, so that what the rest of the
	 * chain throws propagates unchanged and the chain runs once.
	 * @return the request to pass down the chain, or {@code null} when a response was sent
	 */
	private @Nullable HttpServletRequest authenticate(HttpServletRequest request, HttpServletResponse response,
			JwtRoute route) throws IOException {
		ValidationPolicy policy = route.getValidationPolicy();
		ResolvedToken token;
		@Nullable VerifiedJwt verified;
		TokenPresentation presentation = null;
		try {
			token = this.tokenResolver.resolve(new ServletTokenRequest(request));
			if (token != null && isCrossSiteWithCookie(request, token)) {
				this.responses.crossSite(response);
				return null;
			}
			verified = null;
			if (token != null) {
				presentation = ServletTokenPresentation.of(request, token);
				verified = verify(token, route, presentation);
			}
		}
		catch (JwtVerificationException ex) {
			return rejected(request, response, policy, ex.getFailure(), presentation);
		}
		catch (RuntimeException ex) {
			logger.debug("JWT processing failed unexpectedly", ex);
			return rejected(request, response, policy, JwtFailure.INVALID, presentation);
		}
		if (token == null || verified == null) {
			if (policy == ValidationPolicy.REQUIRE_VALID) {
				this.responses.missingToken(response);
				return null;
			}
			return this.requestCustomizer.customize(request, null, null);
		}
		SecurityContext context = this.contextHolderStrategy.createEmptyContext();
		context.setAuthentication(verified.authentication());
		this.contextHolderStrategy.setContext(context);
		this.contextRepository.saveContext(context, request, response);
		request.setAttribute(PROVIDER_ATTRIBUTE, verified.provider().getId());
		request.setAttribute(SHAPING_ATTRIBUTE, new Shaping(verified, token));
		return this.requestCustomizer.customize(request, verified, token);
	}

	private static boolean isCrossSiteWithCookie(HttpServletRequest request, ResolvedToken token) {
		boolean cookieOnly = token.locations().stream().allMatch((location) -> location.kind() == TokenLocation.Kind.COOKIE);
		return cookieOnly && CrossSiteCheck.refuses(request.getMethod(), request.getHeader("Sec-Fetch-Site"),
				request.getHeader("Origin"), request.getHeader("Host"));
	}

	private VerifiedJwt verify(ResolvedToken token, JwtRoute route, TokenPresentation presentation) {
		return this.verifier.verify(token.token(), (provider) -> route.allows(provider.getId())
				&& this.tokenResolver.accepts(provider.getId(), token.locations()), presentation);
	}

	private JwtRoute route(HttpServletRequest request) {
		if (this.routes.isEmpty()) {
			return this.routes.getDefaults();
		}
		RequestPath path = RequestPath.parse(request.getRequestURI(), request.getContextPath());
		return this.routes.match(request.getMethod(), path.pathWithinApplication());
	}

	private @Nullable HttpServletRequest rejected(HttpServletRequest request, HttpServletResponse response,
			ValidationPolicy policy, JwtFailure failure, @Nullable TokenPresentation presentation) throws IOException {
		if (logger.isDebugEnabled()) {
			logger.debug("Rejected bearer token: " + failure.tag());
		}
		if (policy == ValidationPolicy.ALLOW_MISSING_OR_FAILED) {
			return this.requestCustomizer.customize(request, null, null);
		}
		this.responses.invalidToken(response, failure,
				presentation != null && presentation.scheme() == TokenPresentation.Scheme.DPOP);
		return null;
	}

	private record Shaping(@Nullable VerifiedJwt verified, @Nullable ResolvedToken token) {
	}

}
