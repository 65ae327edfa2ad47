package io.github.jwtstarter.web.servlet;

import java.io.IOException;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Iterator;
import java.util.List;

import io.github.jwtstarter.shaping.RequestEdits;
import io.github.jwtstarter.shaping.RequestShaping;
import io.github.jwtstarter.shaping.servlet.ShapedRequest;
import io.github.jwtstarter.web.JwtOutcome;
import io.github.jwtstarter.web.JwtRequestFlow;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.SecurityContextHolderStrategy;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.util.Assert;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * The servlet adapter of the {@link JwtRequestFlow}: puts a verified token's
 * Authentication in the security context (and in a request attribute, for the rest of the
 * request), answers rejections with the starter's problem responses, and passes on the
 * request as {@link RequestShaping} shapes it (claims copied into headers, a hidden or
 * failed token removed), then as the {@link JwtRequestCustomizer} reshapes it. The flow
 * turns every failure of token processing into an outcome, so what the rest of the chain
 * throws propagates unchanged and the chain runs at most once. Added to a chain by
 * {@link JwtSecurityConfigurer}.
 */
public final class JwtAuthenticationFilter extends OncePerRequestFilter {

	/**
	 * Request attribute holding how the request was shaped, for its error dispatch: error
	 * handling sees derived headers and hidden tokens as the application did.
	 */
	static final String SHAPING_ATTRIBUTE = JwtAuthenticationFilter.class.getName() + ".shaping";

	private final JwtRequestFlow flow;

	private final RequestShaping shaping;

	private final JwtProblemResponses responses;

	private final JwtRequestCustomizer requestCustomizer;

	private SecurityContextHolderStrategy contextHolderStrategy = SecurityContextHolder.getContextHolderStrategy();

	private final SecurityContextRepository contextRepository = new RequestAttributeSecurityContextRepository();

	/**
	 * Creates the filter.
	 * @param flow the request flow
	 * @param shaping how requests are shaped after JWT processing
	 * @param responses the error responses
	 * @param requestCustomizer reshapes the request after {@code shaping}
	 */
	public JwtAuthenticationFilter(JwtRequestFlow flow, RequestShaping shaping, JwtProblemResponses responses,
			JwtRequestCustomizer requestCustomizer) {
		Assert.notNull(flow, "flow cannot be null");
		Assert.notNull(shaping, "shaping cannot be null");
		Assert.notNull(responses, "responses cannot be null");
		Assert.notNull(requestCustomizer, "requestCustomizer cannot be null");
		this.flow = flow;
		this.shaping = shaping;
		this.responses = responses;
		this.requestCustomizer = requestCustomizer;
	}

	/**
	 * Sets the strategy that holds the security context, as Spring Security's own filters
	 * allow.
	 * @param contextHolderStrategy the strategy
	 */
	public void setSecurityContextHolderStrategy(SecurityContextHolderStrategy contextHolderStrategy) {
		Assert.notNull(contextHolderStrategy, "contextHolderStrategy cannot be null");
		this.contextHolderStrategy = contextHolderStrategy;
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
			JwtOutcome shaped = (request.getAttribute(SHAPING_ATTRIBUTE) instanceof JwtOutcome recorded) ? recorded
					: JwtOutcome.Skipped.INSTANCE;
			chain.doFilter(shape(request, shaped), response);
			return;
		}
		JwtOutcome outcome = this.flow.authenticate(new ServletTokenRequest(request));
		if (outcome instanceof JwtOutcome.Authenticated authenticated) {
			SecurityContext context = this.contextHolderStrategy.createEmptyContext();
			context.setAuthentication(authenticated.authentication());
			this.contextHolderStrategy.setContext(context);
			this.contextRepository.saveContext(context, request, response);
			request.setAttribute(JwtRequestFlow.PROVIDER_ATTRIBUTE, authenticated.verified().provider().getId());
			request.setAttribute(SHAPING_ATTRIBUTE, outcome);
			chain.doFilter(shape(request, outcome), response);
		}
		else if (outcome instanceof JwtOutcome.Anonymous anonymous) {
			if (anonymous.failure() != null) {
				request.setAttribute(JwtRequestFlow.FAILURE_ATTRIBUTE, anonymous.failure());
				// authenticated by its token or not at all: not by what a session held
				this.contextHolderStrategy.setContext(this.contextHolderStrategy.createEmptyContext());
			}
			if (!anonymous.failedTokens().isEmpty()) {
				request.setAttribute(SHAPING_ATTRIBUTE, outcome);
			}
			chain.doFilter(shape(request, outcome), response);
		}
		else if (outcome instanceof JwtOutcome.Rejected rejected) {
			this.responses.rejected(response, rejected);
		}
		else if (outcome instanceof JwtOutcome.CrossSiteRefused) {
			this.responses.crossSite(response);
		}
		else {
			chain.doFilter(shape(request, outcome), response);
		}
	}

	/**
	 * The request the application sees.
	 * @param outcome the outcome of the flow: verified tokens whose claims are copied and
	 * hidden tokens removed, or failed tokens removed
	 */
	private HttpServletRequest shape(HttpServletRequest request, JwtOutcome outcome) {
		RequestEdits edits = this.shaping.edits(outcome, (name) -> values(request.getHeaders(name)),
				() -> headerNames(request));
		HttpServletRequest shaped = edits.isEmpty() ? request : new ShapedRequest(request, edits);
		return (outcome instanceof JwtOutcome.Authenticated authenticated)
				? this.requestCustomizer.customize(shaped, authenticated.verified(), authenticated.token())
				: this.requestCustomizer.customize(shaped, null, null);
	}

	private static List<String> values(@Nullable Enumeration<String> values) {
		return (values != null && values.hasMoreElements()) ? Collections.list(values) : List.of();
	}

	private static Iterator<String> headerNames(HttpServletRequest request) {
		Enumeration<String> names = request.getHeaderNames();
		return (names != null) ? names.asIterator() : Collections.emptyIterator();
	}

}
