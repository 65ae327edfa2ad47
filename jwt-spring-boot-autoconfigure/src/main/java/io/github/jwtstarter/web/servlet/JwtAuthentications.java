package io.github.jwtstarter.web.servlet;

import jakarta.servlet.http.HttpServletRequest;
import org.jspecify.annotations.Nullable;

import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;

/**
 * The one way the servlet stack reads the Authentication of a request: from the
 * {@link SecurityContextHolder}, else from the security context that
 * {@link JwtAuthenticationFilter} saved in a request attribute (so a predicate evaluated
 * outside the security filter's thread context, such as a gateway route predicate, still
 * sees it). Never from the raw request.
 */
public final class JwtAuthentications {

	private static final String CONTEXT_ATTRIBUTE = RequestAttributeSecurityContextRepository.DEFAULT_REQUEST_ATTR_NAME;

	private JwtAuthentications() {
	}

	/**
	 * Returns the request's Authentication.
	 * @param request the request
	 * @return the Authentication, or {@code null} when there is none
	 */
	public static @Nullable Authentication of(HttpServletRequest request) {
		Authentication authentication = SecurityContextHolder.getContextHolderStrategy()
			.getContext()
			.getAuthentication();
		if (authentication == null && request.getAttribute(CONTEXT_ATTRIBUTE) instanceof SecurityContext saved) {
			authentication = saved.getAuthentication();
		}
		return authentication;
	}

}
