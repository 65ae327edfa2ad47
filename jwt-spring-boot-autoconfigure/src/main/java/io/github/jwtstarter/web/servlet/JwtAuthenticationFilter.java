package io.github.jwtstarter.web.servlet;

import java.io.IOException;

import io.github.jwtstarter.jwt.JwtFailure;
import io.github.jwtstarter.jwt.JwtVerificationException;
import io.github.jwtstarter.jwt.JwtVerifier;
import io.github.jwtstarter.jwt.TokenPresentation;
import io.github.jwtstarter.jwt.VerifiedJwt;
import io.github.jwtstarter.web.JwtRoute;
import io.github.jwtstarter.web.JwtRoutes;
import io.github.jwtstarter.web.ResolvedToken;
import io.github.jwtstarter.web.TokenResolver;
import io.github.jwtstarter.web.ValidationPolicy;
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
 * the provider's Authentication in the security context. Any failure is answered 401,
 * never 500.
 *
 * @author jwt-spring-boot-starter
 */
public final class JwtAuthenticationFilter extends OncePerRequestFilter {

	/**
	 * Request attribute holding the id of the provider that verified the token.
	 */
	public static final String PROVIDER_ATTRIBUTE = "io.github.jwtstarter.provider";

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

	@Override
	protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
			throws ServletException, IOException {
		JwtRoute route = route(request);
		if (route.isDisabled()) {
			chain.doFilter(this.requestCustomizer.customize(request, null, null), response);
			return;
		}
		ValidationPolicy policy = route.getValidationPolicy();
		ResolvedToken token;
		VerifiedJwt verified;
		TokenPresentation presentation = null;
		try {
			token = this.tokenResolver.resolve(new ServletTokenRequest(request));
			if (token == null) {
				if (policy == ValidationPolicy.REQUIRE_VALID) {
					this.responses.missingToken(response);
					return;
				}
				chain.doFilter(this.requestCustomizer.customize(request, null, null), response);
				return;
			}
			ResolvedToken found = token;
			presentation = ServletTokenPresentation.of(request, found);
			verified = this.verifier.verify(found.token(),
					(provider) -> route.allows(provider.getId())
							&& this.tokenResolver.accepts(provider.getId(), found.locations()),
					presentation);
		}
		catch (JwtVerificationException ex) {
			rejected(request, response, chain, policy, ex.getFailure(), null, presentation);
			return;
		}
		catch (RuntimeException ex) {
			logger.debug("JWT processing failed unexpectedly", ex);
			rejected(request, response, chain, policy, JwtFailure.INVALID, null, presentation);
			return;
		}
		SecurityContext context = this.contextHolderStrategy.createEmptyContext();
		context.setAuthentication(verified.authentication());
		this.contextHolderStrategy.setContext(context);
		this.contextRepository.saveContext(context, request, response);
		request.setAttribute(PROVIDER_ATTRIBUTE, verified.provider().getId());
		chain.doFilter(this.requestCustomizer.customize(request, verified, token), response);
	}

	private JwtRoute route(HttpServletRequest request) {
		if (this.routes.isEmpty()) {
			return this.routes.getDefaults();
		}
		RequestPath path = RequestPath.parse(request.getRequestURI(), request.getContextPath());
		return this.routes.match(request.getMethod(), path.pathWithinApplication());
	}

	private void rejected(HttpServletRequest request, HttpServletResponse response, FilterChain chain,
			ValidationPolicy policy, JwtFailure failure, @Nullable ResolvedToken token,
			@Nullable TokenPresentation presentation) throws IOException, ServletException {
		if (logger.isDebugEnabled()) {
			logger.debug("Rejected bearer token: " + failure.tag());
		}
		if (policy == ValidationPolicy.ALLOW_MISSING_OR_FAILED) {
			chain.doFilter(this.requestCustomizer.customize(request, null, token), response);
			return;
		}
		this.responses.invalidToken(response, failure,
				presentation != null && presentation.scheme() == TokenPresentation.Scheme.DPOP);
	}

}
